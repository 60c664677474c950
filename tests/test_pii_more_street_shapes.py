"""Street addresses of more shapes (stop 43, round 24): a North American ordinal street after a direction
("2275 W 4th Ave"), a unit after a slash before the street ("No. 12/B, Temple Lane"), Welsh and Irish street
words before the name ("12 Stryd y Capel", "3 Bóthar na Trá"), Brazil's short forms ("R. Oscar Freire 811",
"Al. Santos 1200"), India's "H.No 221"."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("INTERAC e-Transfer message: \"Aug rent - suite 3, 2275 W 4th Ave\". Reference number: CAk7hR2P", "2275 W 4th Ave"),
        ("PickMe Food | Drop: No. 12/B, Temple Lane, Nugegoda | status=DELIVERED", "12/B, Temple Lane"),
        ("Rydym wedi nodi eich cyfeiriad presennol fel 12 Stryd y Capel, Caernarfon", "12 Stryd y Capel"),
        ("Seoladh: 3 Bóthar na Trá, Gaillimh", "3 Bóthar na Trá"),
        ("| Gustavo Henrique Prado | R. Oscar Freire 811, ap 54 | em dia |", "R. Oscar Freire 811"),
        ("| Larissa Queiroz | Al. Santos 1200, ap 131 | atrasado 12d |", "Al. Santos 1200"),
        ("naam Rohit hai, address H.No 221, Sector 15, Faridabad", "H.No 221"),
    ],
)
def test_a_street_address_of_these_shapes_is_masked(chain, text, street):
    # GIVEN a home's street address in one of these shapes  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert street not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Meet at 5th Ave and 42nd St at noon", "5th Ave"),
        ("R. Kelly released 2024 tracks", "R. Kelly"),
        ("Plot 2 shows the trend of weekly orders", "Plot 2"),
        ("House 2 of the series airs on Friday", "House 2"),
    ],
)
def test_look_alikes_of_those_shapes_stay(chain, text, kept):
    # GIVEN a corner of two streets without a number, a singer, a chart, a series  WHEN stored  THEN unchanged
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "home"),
    [("Niko Kapsoya Estate nyumba 14, Eldoret, mlango wa bluu", "nyumba 14")],
)
def test_a_swahili_house_number_is_masked(chain, text, home):
    # GIVEN a Swahili "house" and its number  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert home not in out, out


def test_a_whiskys_old_no_7_stays(chain):
    # GIVEN a product's name that holds "Old No." and a number  WHEN stored  THEN it stays
    assert "Jack Daniel's Old No. 7" in stored_text(chain, "Jack Daniel's Old No. 7, 70 cl, 23,99 €")
