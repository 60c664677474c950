"""A family name said again alone after its full name, mobile numbers as mobile-money gateways write them,
and phone words of the Pacific (stop 43, round 24).

"Grace Oduya <...> wrote ... Hi Ms. Oduya", "Sig.ra Graziella Cattaneo-Bernasconi ... citofono 'Cattaneo'":
the family name of a full name found is masked wherever else it stands alone (not a firm's "Becker GmbH",
an institution's "Universitas Diponegoro", a name that is also a word, nor when the full name does not start
with a known given name: "Toronto Pearson"); M-Pesa's ``254712834460`` and MTN MoMo's ``FRI:233244718203``;
"Naba ni talevoni: 998 2041", "Namba fon: 7441 8820", "Contact 09 407 8813"."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Agent: Hi Ms. Oduya, escalated to billing.\nOn Tue, Jul 16, 2024 Grace Oduya <grace.oduya@yahoo.com> wrote:", "Oduya"),
        ("Destinatario: Sig.ra Graziella Cattaneo-Bernasconi\nConsegna: citofono 'Cattaneo'\nFirma: G. Cattaneo", "Cattaneo"),
        ("Kontoinhaberin: Renate Schwarzkopf. Rückfragen bitte an Frau Schwarzkopf direkt.", "Schwarzkopf"),
        ("Grace Oduya wrote on Tuesday. Ms. Oduya and her son called again.", "Oduya"),
    ],
)
def test_a_family_name_said_again_alone_is_masked(chain, text, surname):
    # GIVEN a full name found, and its family name alone elsewhere  WHEN stored  THEN neither is
    out = stored_text(chain, text)
    assert surname not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Kontoinhaber: Hans Becker. Becker GmbH zahlt am Monatsende", "Becker GmbH"),
        ("Hi, this is Jane Walker. The Walker Art Center is closed on Mondays.", "Walker Art Center"),
        ("AC 855 from Toronto Pearson (Lester B. Pearson International), gate D31", "Lester B. Pearson International"),
        ("A Liszt Ferenc repülőtérről a 100E busz 40 perc alatt ér a belvárosba.", "Liszt Ferenc"),
    ],
)
def test_a_firm_a_place_or_a_word_of_the_same_name_stays(chain, text, kept):
    # GIVEN the family name in a firm's or a place's name, a name that is also a word, a name found wrongly
    # WHEN stored  THEN the other use stays
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ('{"Item":[{"Name":"Amount","Value":1450.00},{"Name":"PhoneNumber","Value":254712834460}]} | matched', "254712834460"),
        ("<ns:receivingfri>FRI:233244718203/MSISDN</ns:receivingfri>", "233244718203"),
        ("Bula vinaka! Naba ni talevoni: 998 2041. Vinaka vakalevu.", "998 2041"),
        ("Oda bilong mi i no kam yet. Namba fon: 7441 8820. Tenkyu.", "7441 8820"),
        ("Signed by neighbour. Contact 09 407 8813.", "09 407 8813"),
    ],
)
def test_a_mobile_money_msisdn_or_a_phone_after_a_pacific_phone_word_is_masked(chain, text, phone):
    # GIVEN a mobile number with its country code and no "+", or after a phone word  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert phone not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("order 254712834460-01 shipped", "254712834460-01"),
        ("TransactionDate 20240715143012", "20240715143012"),
        ("Contact 2024 edition of the catalogue", "2024"),
    ],
)
def test_an_order_a_timestamp_or_a_year_stays(chain, text, kept):
    # GIVEN an order's number, a timestamp, a year  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out
