"""GDPR art. 9's special categories besides health (religion, sexual orientation, ethnic origin,
political opinion, trade-union membership, biometric data, a person's photo), class
``special_category``: by field name, under an ``orientation`` field that names one, and in free
text when someone says it of themselves or another; through the default chain."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored, stored_body  # noqa: F401  (the chain fixture)
from transforms.testing import make_record, run_transform


@pytest.mark.parametrize(
    ("key", "value", "mask"),
    [
        ("religion", "Catholic", "[religion]"),
        ("konfession", "rk", "[religion]"),
        ("宗教", "天主教", "[religion]"),
        ("sexualOrientation", "bisexual", "[sexual_orientation]"),
        ("orientacion_sexual", "lesbiana", "[sexual_orientation]"),
        ("ethnicity", "Hispanic or Latino", "[ethnicity]"),
        ("raca_cor", "parda", "[ethnicity]"),
        ("party_affiliation", "Green", "[political_opinion]"),
        ("gewerkschaft", "IG Metall", "[union_membership]"),
        ("trade_union", "Unite", "[union_membership]"),
        ("bangsa", "Melayu", "[ethnicity]"),
        ("fingerprint_template", "Rk1SACAyMAAAAAFi", "[biometric]"),
        ("face_embedding", "0.0132,-0.2231,0.0874", "[biometric]"),
        ("selfie_url", "https://kyc.example/s/8812.jpg", "[photo]"),
        ("avatar_url", "https://avatars.githubusercontent.com/u/583231?v=4", "[photo]"),
    ],
)
def test_a_special_category_under_its_field_name_is_masked(chain, key, value, mask):
    # GIVEN a profile with a special category's field
    out = stored_body(chain, {"user": {key: value, "plan": "gold"}})
    # THEN its value is masked with its kind, and the rest is kept
    assert out == {"user": {key: mask, "plan": "gold"}}


@pytest.mark.parametrize(
    "body",
    [
        {"race": "Berlin Marathon 2026", "bib": "A-1182"},
        {"page": {"orientation": "landscape", "size": "A4"}},
        {"fingerprint": "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"},
        {"denomination": "50 EUR"},
        {"product": {"photo": "https://cdn.shop.example/p/981.jpg", "picture": "mug.jpg"}},
        {"religions": ["Buddhist", "Catholic"], "ethnicities": ["Asian", "Black"]},
        {"union": "SELECT a UNION SELECT b"},
        {"din": "A4"},
    ],
)
def test_look_alikes_of_special_categories_stay(chain, body):
    # GIVEN a marathon, a page, an SSH key's fingerprint, a note's value, a product's photo, a form's options
    # WHEN stored  THEN kept whole
    assert stored_body(chain, body) == body


def test_an_orientation_field_is_masked_when_it_names_one(chain):
    # GIVEN a dating profile's orientation, and a photo under a person's object
    body = {"profile": {"prenom": "Lucie", "orientation": "bisexuelle", "photos": ["https://cdn.example/u/88213/p1.jpg"],
                        "photo": "https://cdn.example/lucie.jpg"},
            "layout": {"orientation": "portrait"}}
    out = stored_body(chain, body)
    # THEN the orientation and the photo are masked; a page's orientation stays
    assert out == {"profile": {"prenom": "[name]", "orientation": "[sexual_orientation]", "photos": ["[photo]"], "photo": "[photo]"},
                   "layout": {"orientation": "portrait"}}


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("I'm bisexual and new in town", "bisexual"),
        ("je suis bisexuelle, 31 ans", "bisexuelle"),
        ("Ich bin schwul und suche einen Tanzpartner", "schwul"),
        ("my brother is gay, he would love this", "gay"),
        ("Hi, I'm a practising Muslim and need halal meals on the flight", "Muslim"),
        ("Soy católica y quiero casarme por la iglesia", "católica"),
        ("저는 천주교 신자입니다", "천주교"),
        ("Hi, this is Jess Rourke, queer and proud, text me", "queer"),
        ("Sou adventista do sétimo dia, não trabalho aos sábados", "adventista"),
        ("soy afrocolombiana y vivo en Cali", "afrocolombiana"),
        ("I'm Māori and live in Rotorua", "Māori"),
        ("Je suis adhérente CFDT Santé-Sociaux depuis 2015", "CFDT"),
        ("Jeg er medlem i IF Metall og jobber skift", "IF Metall"),
        ("Ek is 'n lid van Solidariteit", "Solidariteit"),
        ("I'm a member of the National Union of Teachers", "National Union"),
    ],
)
def test_a_special_category_said_of_someone_in_text_is_masked(chain, text, secret):
    # GIVEN someone saying what they or another are
    out = stored(chain, text)
    # THEN it is not stored
    assert secret not in out


@pytest.mark.parametrize(
    "text",
    [
        "Best gay bars in Berlin, open till late",
        "LGBT-friendly hotel near the Pride parade route",
        "St. Mary's Catholic Church, Main St, mass at 10:00",
        "Muslim voters turned out in record numbers",
        "The road is straight for 20 km",
        "Halal and kosher meals available on request",
        "The case is black and the hotel is Latino themed",
        "I am a member of the Rotary Club and of the gym",
        "Roma is the capital of Italy",
        "Wir treffen uns im Hindu Tempel am Sonntag",
        "The best restaurant in town is Latino owned",
        "This species is indigenous to Australia",
    ],
)
def test_places_groups_and_news_that_name_a_category_stay(chain, text):
    # GIVEN a category named of a place, a group or a news item
    # WHEN stored  THEN kept whole
    assert stored(chain, text) == text


def test_the_class_action_is_configurable_like_any_other():
    # GIVEN the special categories configured to be dropped
    record = make_record(request={"body": {"user": {"religion": "Catholic", "plan": "gold"}}})
    # WHEN the pii transform runs on a record that holds one
    record = run_transform("pii", record, options={"classes": {"special_category": "drop"}})
    # THEN the field is gone, the rest kept
    assert record["request"]["body"] == {"user": {"plan": "gold"}}
