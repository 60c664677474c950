"""Personal data in the encodings of mail and URLs (stop 41, round 22's emphasis): a mail header's
encoded words (RFC 2047, Q and B), a quoted-printable body's letters, a value percent-encoded once or
twice outside a link. Read decoded; stored as sent when nothing was found, and with what was not
found still encoded beside a mask (``_pii_text._decoded_view``, ``percent_decoded_mapped``)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("From: =?UTF-8?Q?J=C3=BCrgen_Wei=C3=9Fenb=C3=A4ck?= <j.weissenbaeck@t-online.de>\r\nSubject: Reklamation",
         "J=C3=BCrgen_Wei=C3=9Fenb=C3=A4ck"),
        ("Veuillez trouver ci-joint mon relev=C3=A9, je suis H=C3=A9l=C3=A8ne C=C3=B4t=C3=A9-Marchal, 8 impasse du "
         "Moulin, 33000 Bordeaux.", "C=C3=B4t=C3=A9-Marchal"),
        ("Kunde sucht: Bauer%2520Klaus-Dieter%2520geb.%252014.06.1961", "14.06.1961"),
        ("call %2B48+512+345+678 today", "512+345+678"),
    ],
)
def test_personal_data_in_an_encoding_is_masked(chain, text, personal):
    # GIVEN a name, a birth date or a phone in a mail's or a URL's encoding
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    ("body", "personal", "kept"),
    [
        ({"q": "Bauer%2520Klaus-Dieter%2520geb.%252014.06.1961", "index": "kunden"}, "14.06.1961", "geb.%2520"),
        ({"q": "%E9%88%B4%E6%9C%A8%E4%B8%80%E9%83%8E%20090-1122-3344", "shop": "kichijoji"}, "090-1122-3344",
         "%E9%88%B4"),
    ],
)
def test_what_was_not_found_stays_encoded(chain, body, personal, kept):
    # GIVEN a percent-encoded value holding personal data beside other words
    # WHEN stored  THEN the personal data is masked and the rest keeps its encoding
    out = stored_json(chain, body)
    assert personal not in out and kept in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Subject: =?UTF-8?Q?Reklamation_Auftrag_4711-2290?=",
        "Sale 50% off, 100%20 items",
        "Rabatt%3A%2020%25%20auf%20alles%20bis%2031.12.",
        "https%3A%2F%2Fsvc.example%2Fdav%2Freports%2F2024",
        "Content-Transfer-Encoding: quoted-printable\n\nPreis: 19,99 =E2=82=AC inkl. MwSt.",
    ],
)
def test_an_encoded_text_of_nothing_personal_is_stored_as_sent(chain, text):
    # GIVEN an encoded subject, a price, a percent sign, an encoded link
    # WHEN stored  THEN it stays as sent, encoding and all
    assert stored_text(chain, text) == text
