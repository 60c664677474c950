"""Personal data in the encodings of mail and URLs (stop 41, round 22's emphasis): a mail header's
encoded words (RFC 2047, Q and B), a quoted-printable body's letters, a value percent-encoded once or
twice outside a link. Read decoded; stored as sent when nothing was found, and with what was not
found still encoded beside a mask (``_pii_text._decoded_view``, ``percent_decoded_mapped``). And the
linear time of every text pass this stop added, on hostile runs of their shapes."""

from __future__ import annotations

import pytest

from tests.linear import LONG, SHORT, assert_linear
from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json
from transforms.builtin.pii import Pii


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


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a help text's sample header, its placeholder in the language of the text, then more prose
        ("z. B. X-Api-Key: <IHR_API_SCHLUESSEL>. Bitte niemals Passwörter per E-Mail verschicken. Bei Fehlercode "
         "AADSTS7000222 ist der Schlüssel abgelaufen.", ["AADSTS7000222", "<IHR_API_SCHLUESSEL>"]),
        ("Authorization: Bearer <ВАШ_API_КЛЮЧ> — при ошибке E_TOKEN_EXPIRED выпустите новый.", ["E_TOKEN_EXPIRED"]),
        ("Header: X-Api-Key: <BASE64_SERVER_KEY>, then retry on invalid_grant.", ["invalid_grant"]),
        # a token format's prefix and a stand-in for the rest
        ("STRIPE_SECRET_KEY=sk_live_XXXXXXXXXXXXXXXXXXXX # replace before deploying", ["sk_live_XXXXXXXXXXXXXXXXXXXX"]),
        # an iCalendar UID and a Message-ID: a generated name at a host
        ("BEGIN:VEVENT\nUID:D3108D8F-845D-478A-B42A-06112306D97F@mercadosol.es\nSUMMARY:Inventario",
         ["D3108D8F-845D-478A-B42A-06112306D97F@mercadosol.es"]),
        ("Message-ID: <5f2b9c0e7d1a4b3c8e6f0a9d2c4b7e1f@mail.shop.example>", ["5f2b9c0e7d1a4b3c8e6f0a9d2c4b7e1f@"]),
    ],
)
def test_a_samples_stand_in_and_a_generated_address_are_kept(chain, text, kept):
    # GIVEN a documentation's placeholder beside a credential's name, or a UID shaped like an address
    # WHEN stored  THEN it stays, and so does the prose after it
    out = stored_text(chain, text)
    for value in kept:
        assert value in out, out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("X-Api-Key: a8F3kP09xQ2mZ7vL1tR6 then retry", "a8F3kP09xQ2mZ7vL1tR6"),
        ("k=sk_live_51HxAbCdEfGhIjKlMnOpQrStU", "sk_live_51HxAbCdEfGhIjKlMnOpQrStU"),
        ("write to jane.doe@example.com today", "jane.doe@example.com"),
    ],
)
def test_a_real_key_or_address_beside_them_is_still_masked(chain, text, secret):
    # GIVEN a key, a token or an address that is no stand-in
    # WHEN stored  THEN it is masked
    assert secret not in stored_text(chain, text)


@pytest.mark.parametrize(
    ("short", "long"),
    [(s * (SHORT // len(s)), s * (LONG // len(s)))
     for s in ("door type 1234 ", "alarm digite ", "code 1 2 3 4 ", "la porta ", "%C3%A9%20", "=?UTF-8?Q?J=C3=BC?= ",
               "H=C3=A9l ", "MR JOHN ", "Name\nMÜLLER\n", "Фамилия ЛЕБЕДЕВ ", "姓名 陈静\n", "A: x? ",
               "token Fb1aeV38sYCgwjqIfdMlA1fVBIrOsMKWkWTR3ahM ", "kunci persediaan: ABCD ", "(merchant_key): Xk29fPq0 ",
               "https://a.example/v1/Fb1aeV38sYCgwjqIfdMlA1fVBIrOsMKWkWTR3ahM/ ",
               # (stop 43: a named office holder said again and again; a surname said again; counted codes)
               "CEO John Smith said 5% ", "Grace Oduya wrote; Ms. Oduya ", "the 6 digit code 12 ")],
)
def test_hostile_runs_of_this_stops_shapes_are_scanned_in_linear_time(short, long):
    # GIVEN a text of doors and verbs of typing, codes, encodings, capitals after labels, keys, over and over
    # WHEN the text passes scan it  THEN in linear time
    text = Pii({}).text
    assert_linear(text.scrub, short, long)
