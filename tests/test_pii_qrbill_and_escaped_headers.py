"""A Swiss QR-bill's payload (its parties' names, streets and house numbers), and a personal header's value
escaped as JSON writes it ("Ant\\u00f4nio Carlos"), stop 43."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from transforms.testing import make_record

QR_BILL = ("QR-Rechnung gescannt:\nSPC\n0200\n1\nCH2209000000304418827\nS\nBeat Lüthi\nGartenweg\n12\n3006\nBern\nCH\n"
           "\n\n\n\n\n\n\n1250.00\nCHF\nS\nUrs Gerber\nAlpenstrasse\n3a\n3600\nThun\nCH\nNON\n\nMiete April 2024 Garage\nEPD")


def test_a_qr_bills_parties_are_masked_and_its_business_data_kept(chain):
    # GIVEN a scanned Swiss QR-bill's payload in a message
    out = stored_text(chain, QR_BILL)
    # WHEN stored  THEN the creditor's and the debtor's names, streets and numbers are not
    for personal in ("Beat Lüthi", "Gartenweg\n12", "Urs Gerber", "Alpenstrasse\n3a", "CH2209000000304418827"):
        assert personal not in out, out
    # AND the amount, the towns and the message stay
    for kept in ("1250.00\nCHF", "3600\nThun", "Miete April 2024 Garage", "SPC\n0200"):
        assert kept in out, out


def test_a_combined_address_keeps_its_second_line(chain):
    # GIVEN a QR-bill whose debtor's address is of type K (two free lines: street, then postcode and town)
    bill = "SPC\n0200\n1\nCH4431999123000889012\nK\nRobert Schneider AG\nRue du Lac 1268\n2501 Biel\n\n\nCH\n" + "\n" * 7 + \
        "199.95\nCHF\nK\nPia-Maria Rutschmann-Schnyder\nGrosse Marktgasse 28\n9400 Rorschach\n\n\nCH\nQRR\n210000000003139471430009017\n\nEPD"
    out = stored_text(chain, bill)
    # WHEN stored  THEN the debtor's name and street line are not, the postcode and town line stays
    assert "Pia-Maria Rutschmann-Schnyder" not in out and "Grosse Marktgasse 28" not in out, out
    assert "9400 Rorschach" in out and "210000000003139471430009017" in out, out


@pytest.mark.parametrize(
    ("header", "value", "name"),
    [
        ("X-Govbr-Nome", "Ant\\u00f4nio Carlos Magalh\\u00e3es J\\u00fanior", "Magalh"),
        ("X-Epaslaugos-Vardas", "Au\\u0161ra Vaitkut\\u0117", "Vaitkut"),
    ],
)
def test_a_personal_headers_value_escaped_as_json_is_masked(chain, header, value, name):
    # GIVEN a header named for a person's name whose value is \\u-escaped
    record = make_record()
    record["request"].update(route="/api/profile", path="/api/profile")
    record["request"]["headers"][header] = value
    result = chain.run(json.dumps(record), "2026-12-02T00:00:00.000Z")
    # WHEN stored  THEN the name is not
    assert name not in json.dumps(result.record, ensure_ascii=False), result.record["request"]["headers"]
