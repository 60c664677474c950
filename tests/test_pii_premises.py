"""A business's premises and a place named after someone are no one's personal data (stop 42, round 23's
look-alikes): a restaurant's, a shop's or a clinic's address under its own object or key, a hospital named
after a person, a field that notes something about a token, preference cookies named in other languages, an
app's integration settings under a messenger's name, a shop's packet weight."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json
from transforms.testing import make_record


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ({"order": "DD-US-3F82", "store": {"name": "Shake Shack", "address": "691 8th Ave, New York, NY 10036"}},
         "691 8th Ave, New York, NY 10036"),
        ({"bestellnummer": "LF-2026", "restaurant": {"name": "Pizzeria Da Michele", "adresse": "Kantstraße 12, 10623 Berlin"}},
         "Kantstraße 12, 10623 Berlin"),
        ({"commande": "UE-FR-7H2K9Q", "restaurant": "Boulangerie Poilâne, 8 rue du Cherche-Midi, 75006 Paris"},
         "8 rue du Cherche-Midi, 75006 Paris"),
        ({"pedido": "PYA-AR-5532109", "local_comercial": {"nombre": "Güerrin", "direccion": "Av. Corrientes 1368, CABA"},
          "pharmacy": "Farmacia Central, Av. Corrientes 1400"}, "Av. Corrientes 1400"),
    ],
)
def test_a_business_address_under_its_premises_key_is_kept(chain, body, kept):
    # GIVEN an order naming the restaurant, shop or pharmacy it comes from, with its address
    # WHEN stored  THEN the business's address is kept
    out = stored_json(chain, body)
    assert kept in out, out


@pytest.mark.parametrize(
    ("body", "personal"),
    [
        ({"user": {"name": "Jane Doe", "address": "Kantstraße 12, 10623 Berlin"}}, "Kantstraße 12"),
        ({"restaurant": "Owner Jane Doe, jane@doe.com, 8 rue du Cherche-Midi"}, "jane@doe.com"),
        ({"store": {"name": "Corner Shop", "owner_phone": "+44 7700 900123", "address": "5 Stable Street, London"}},
         "7700 900123"),
        ({"delivery": {"address": "Boxhagener Str. 71, 3. OG links"}, "restaurant": {"name": "Da Michele"}},
         "Boxhagener Str. 71"),
    ],
)
def test_a_persons_data_beside_or_inside_a_business_is_still_masked(chain, body, personal):
    # GIVEN a customer's address, an owner's e-mail or phone beside or inside a business's object
    # WHEN stored  THEN they are masked
    out = stored_json(chain, body)
    assert personal not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Trip to Steve Biko Academic Hospital career day.",
        "Ziel Uniklinik Carl Gustav Carus, Haupteingang Fetscherstraße.",
    ],
)
def test_a_place_named_after_a_person_is_kept(chain, text):
    # GIVEN a hospital named after a person
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text


def test_a_note_about_a_token_is_no_token_but_its_text_is_still_read(chain):
    # GIVEN a field noting where a token will appear, and a note that tells a password
    out = stored_json(chain, {"token_note": "Your 20-digit token will appear here after payment",
                              "password_note": "my password is hunter2x9"})
    # WHEN stored  THEN the first is kept, the password in the second is not
    assert "Your 20-digit token will appear here after payment" in out and "hunter2x9" not in out, out


def test_preference_cookies_in_other_languages_keep_their_values(chain):
    # GIVEN a cookie header with a session, a CSRF token and preferences named in French, Dutch, Finnish
    record = make_record()
    record["request"]["headers"]["cookie"] = ("csrftoken=TPDufHB2dl7f4dkCC9l8zShTiRZZpol1; sessionid=z8jikyqn6x409bi; "
                                              "langue=fr; taal=nl; kieli=fi; consentement=analytics:0")
    out = chain.run(json.dumps(record), "2026-12-05T00:00:00.000Z").record["request"]["headers"]["cookie"]
    # WHEN stored  THEN the session and the token are masked, the preferences kept
    assert "z8jikyqn" not in out and "TPDufHB2" not in out, out
    assert all(p in out for p in ("langue=fr", "taal=nl", "kieli=fi", "consentement=analytics:0")), out


@pytest.mark.parametrize(
    "body",
    [
        {"kakao": {"rest_api_key": "547c8ce27b0779e5a34467579e8a2173", "redirect_uri": "https://api.petcare-app.kr/oauth/kakao"}},
        {"MerchantID": "3312093", "HashKey": "9dxR16rBIc90lAZH", "ItemName": "高山烏龍茶 150g x2"},
        {"vipps_system_name": "kafe-kassa", "merchant_serial_number": "212345"},
    ],
)
def test_an_integrations_settings_a_products_weight_and_a_systems_name_are_kept(chain, body):
    # GIVEN a messenger's app settings beside its key, a tea's packet weight, a point of sale's name
    out = json.loads(stored_json(chain, body))
    # WHEN stored  THEN each is kept (the keys themselves redacted)
    for key, value in body.items():
        if isinstance(value, dict):
            assert out[key]["redirect_uri"] == value["redirect_uri"], out
        elif "Hash" not in key:
            assert out[key] == value, out


def test_a_dose_in_grams_is_still_read_in_a_sentence_about_someone(chain):
    # GIVEN a relative who takes a medication of one gram three times a day
    # WHEN stored  THEN the medication and its dose are masked
    out = stored_text(chain, "my mother takes Paracetamol 1 g x 3 daily")
    assert "Paracetamol" not in out, out


@pytest.mark.parametrize(
    "body",
    [
        {"unvan": "Hızlı Kurye Lojistik A.Ş.", "vergi_dairesi": "Kadıköy", "vergi_no": "4619028375"},
        {"fyrirtaeki": "Hraðsending ehf.", "kennitala": "540619-1230", "vsk_numer": "134567"},
        {"badan_usaha": "PT Kirim Cepat Nusantara", "npwp": "01.234.567.4-012.000"},
        {"ድርጅት": "ፈጣን መልእክት ኃ/የተ/የግ/ማ", "TIN": "0012345678"},
    ],
)
def test_a_companys_tax_number_beside_its_legal_name_is_kept(chain, body):
    # GIVEN a Turkish, Icelandic, Indonesian, Ethiopian company's legal name and tax number
    # WHEN stored  THEN unchanged
    assert json.loads(stored_json(chain, body)) == body
