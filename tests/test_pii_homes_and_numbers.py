"""Homes, ID and phone numbers as chats tell them (round 25): an address's label without its colon
("adresa bd. unirii 14, ..."), a quoted address after its label, a house's, plot's, alley's or flat's
word of more languages ("pelak 7", "House No. B 12/4", "kolan 12"), streets of more shapes (a jirón, "N° 7",
"#38", Maltese "Triq", Turkmen "köçesi", an Eircode after its town), and the words before a national
ID, a phone or an account in more languages ("piradi", "heraxos", "RIP ta3i"). Not an order's number,
a count, a price, a town alone or a product's code beside the same words."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a label without its colon, at a clause's start
        ("buna, coletul nu a venit, adresa bd. unirii nr. 14, bucuresti 030833. multumesc", "bd. unirii nr. 14"),
        ("zdravo, tel 070 111 222, naslov celovska cesta 88, 1000 ljubljana. hvala", "celovska cesta 88"),
        ("kalimera, dieu8unsh Odos Ermou 21, 105 63 Athina", "Ermou 21"),
        ("pryvit, adras Hrodna vul. Savetskaya 12, 230025", "Savetskaya 12"),
        # a quoted value after its label
        ('ValidationError: bad postcode for address "7, Rue de la Gare"', "7, Rue de la Gare"),
        # a house's, an alley's word and its number
        ("ye sar bezan, kooche Golha, pelak 7 ✌️", "pelak 7"),
        ("Hawler, Shorsh, kolan 12. supas", "kolan 12"),
        ("Accra, House No. B 12/4, behind the school", "B 12/4"),
        ("بغداد، المنصور، محلة 611 زقاق 9 دار 14", "زقاق 9"),
        ("hwa sakn fe 14 share3 el-nil, el-doqqi", "14 share3 el-nil"),
        # streets of more shapes
        ("mi dirección es Jr. Huallaga 340, Lima", "Huallaga 340"),
        ("estoy en C/ Duarte #112, Santiago", "Duarte #112"),
        ("Calle Bolívar N° 45, La Paz", "Bolívar N° 45"),
        ("address: 17, Triq San Pawl, Birkirkara", "Triq San Pawl"),
        ("Aşgabat, Magtymguly köçesi 12, 5-nji jaý", "köçesi 12"),
        ("please send to 4 Main Street, Ennis, V95 K2X3", "V95 K2X3"),
        # numbers after their words
        ("gamarjoba, chemi piradi 01024087561, gmadlobt", "01024087561"),
        ("barev, heraxos 099 445 120, shnorhakalutyun", "099 445 120"),
        ("3aslema, noumrou mte3i 98 441 205 w merci", "98 441 205"),
        ("7abit nkhales, RIP ta3i 00799999002211884476 svp", "00799999002211884476"),
        ("namaste, nagarikta no 12-02-75-01234 ho", "12-02-75-01234"),
        ("Pag-IBIG MID: 1210-5562-8841", "1210-5562-8841"),
    ],
)
def test_homes_and_numbers_told_in_chats_are_masked(chain, text, secret):
    # GIVEN a home or a number told the way a chat tells it
    # WHEN the text is stored
    out = stored_text(chain, text)
    # THEN it is not
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an address's word before no address
        ("adresa 3 of 5 was updated, order 88412 shipped", "order 88412"),
        ("we changed the delivery address twice, ticket TK-4410", "TK-4410"),
        ('error: "address" is required (code 4412)', "code 4412"),
        # a plot that is a chart, a town alone, a count, a price
        ("see plot 3 in the report for Q2", "plot 3"),
        ("Ennis, Co. Clare", "Ennis"),
        ("Ordered Model Pro, A12 3456 units", "A12 3456"),
        ("pelak price 1200 toman", "1200"),
        ("Varna, 2024 summer season", "2024"),
    ],
)
def test_look_alikes_of_homes_and_numbers_stay(chain, text, kept):
    # GIVEN an order's number, a count, a chart, a town or a product's code beside the same words
    # WHEN the text is stored
    out = stored_text(chain, text)
    # THEN it stays
    assert kept in out, out
