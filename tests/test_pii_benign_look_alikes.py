"""Business values beside personal data that the pii transform must keep (round 25, blind): an
order's number after an address, the town after a house's number and its street.

An address after its label is read up to its last numbered part; an order's, an invoice's or a
bill's word with a number after it ends the address ("..., Colombo 5. order LK-ORD-9931"), in
the languages customers write to shops in. A house's number alone in its part ("12, Rose Villas,
Ring Road") belongs with the part after it, which is no town to keep. A credential header's
stand-in in documentation ("Bearer <your-token>", "Bearer $API_TOKEN", "Bearer {アクセストークン}",
"Basic <base64(user:password)>") and an OAuth grant's ("code": "<authorization-code>") are kept."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "kept", "secret"),
    [
        ("address: No. 17/4, Lake Road, Kandy. order LK-ORD-7713 still not here", "LK-ORD-7713", "17/4"),
        ("Dama dëkk Thiaroye, kër gi nimero 18, ci wetu marse bi. Commande SN-9021 agsul", "SN-9021", "kër gi nimero 18"),
        ("العنوان: زنقة 9، رقم 31، حي النصر، فاس. طلب رقم FES-MA-1180", "FES-MA-1180", "زنقة 9"),
        ("misamarti: Vake, Chavchavadze 33, bina 12. shekveta GE-7781 ar mosula", "GE-7781", "Chavchavadze 33"),
        ("Mipetraka ao Isotry, lot IVB 12 Ter. Commande MG-3381", "MG-3381", "lot IVB 12"),
        ("Meng Adress: 12, rue de Hesperange, L-1731 Luxembourg. (Bestellung Z55120981) Merci", "Z55120981",
         "rue de Hesperange"),
        ("3nwani 9 share3 al-malik fahd, 7ay al-olaya, bait ra8m 77. el-6alab ra8m SA-10442 ma wasal", "SA-10442",
         "share3 al-malik fahd"),
    ],
)
def test_an_orders_number_after_an_address_stays_and_the_address_does_not(chain, text, kept, secret):
    # GIVEN an address after its label, then an order's word and its number
    # WHEN stored
    out = stored_text(chain, text)
    # THEN the order's number stays, and the address is masked
    assert kept in out, out
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        ("સરનામું: ૩૪, ગોકુલ રેસિડેન્સી, Ring Road. ઓર્ડર જલ્દી મોકલો", "ગોકુલ રેસિડેન્સી", None),
        ("Address: 8, Palm Grove Villas, Colombo 7. Thanks", "Palm Grove Villas", None),
        ("Lieferadresse: Hauptstraße 112, 69117 Heidelberg. Danke", "Hauptstraße 112", "Heidelberg"),
        ("Cím: Kossuth Lajos u. 12., 6720 Szeged. Köszönöm", "Kossuth Lajos u. 12.", "Szeged"),
    ],
)
def test_a_houses_number_alone_takes_the_part_after_it_and_a_town_stays(chain, text, secret, kept):
    # GIVEN an address whose house number stands alone in its first part, or a street and a town
    # WHEN stored
    out = stored_text(chain, text)
    # THEN the house's name after its number is masked with it; a town after a street stays
    assert secret not in out, out
    if kept:
        assert kept in out, out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Adresse: Rue du Marché 14, order of delivery: ring twice", "Rue du Marché 14"),
        ("Address: 221B Baker Street, London. Invoice to follow", "221B Baker Street"),
    ],
)
def test_an_order_word_without_a_number_does_not_cut_the_address(chain, text, secret):
    # GIVEN an order's or an invoice's word in an address's sentence with no number after it
    # WHEN stored  THEN the address is masked all the same
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Exemplo: envie o cabeçalho `Authorization: Bearer <seu-token>` em cada chamada.",
        "curl -H 'Authorization: Bearer {アクセストークン}' https://api.example.jp/v1/items",
        'curl -H "Authorization: Bearer $PROD_API_TOKEN" https://api.example.com/v2/orders',
        "Authorization: Basic <base64(username:password)>",
    ],
)
def test_a_credential_headers_stand_in_in_documentation_stays(chain, text):
    # GIVEN documentation showing a credential header with a stand-in (a name in brackets or braces,
    # a shell's variable)
    # WHEN stored  THEN the sample is kept as written
    out = stored_text(chain, text)
    assert text in out, out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ('curl -H "Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543" https://api.example.com', "8f14e45fceea"),
        ("Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA"),
        ('curl -H "Authorization: Bearer $2y$10$N9qo8uLOickgx2ZMRZoMye" x', "N9qo8uLOickgx2ZMRZoMye"),
    ],
)
def test_a_real_credential_in_a_header_is_still_masked(chain, text, secret):
    # GIVEN a credential header holding a real token  WHEN stored  THEN the token is gone
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("body", "kept", "secret"),
    [
        ({"grant_type": "authorization_code", "code": "<authorization-code>", "redirect_uri": "https://shop.example/cb"},
         "<authorization-code>", None),
        ({"grant_type": "authorization_code", "code": "4/0AeaYSHBxk29fLq", "code_verifier": "dBjftJeZ4CVPmB92K27uhbUJU1p1r"},
         None, "4/0AeaYSHBxk29fLq"),
    ],
)
def test_an_oauth_grants_stand_in_stays_and_its_code_does_not(chain, body, kept, secret):
    # GIVEN an OAuth token request with a sample's stand-in or a real code  WHEN stored
    out = stored_json(chain, body)
    # THEN the stand-in stays and the code is masked
    if kept:
        assert kept in out, out
    if secret:
        assert secret not in out, out
