"""A public place's address beside the place's name (stop 43, round 24's look-alikes).

{"lugar": "Museo Nacional del Prado", "direccion": "Calle de Felipe IV, s/n, 28014 Madrid"}, {"lieu": "Palais de
l'Élysée", "adresse": ...}, {"place": "정부서울청사", "road_address": ...}, {"venue_address": ...}: the address is
the place's, published for anyone. Not a person's address beside a town ("place": "Springfield") nor a key that
says whose it is ("home_address")."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_round16_categories import stored_json
from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)


@pytest.mark.parametrize(
    ("body", "address"),
    [
        ({"lugar": "Museo Nacional del Prado – Edificio Jerónimos", "direccion": "Calle de Felipe IV, s/n, 28014 Madrid"},
         "Calle de Felipe IV, s/n, 28014 Madrid"),
        ({"lieu": "Palais de l'Élysée", "adresse": "55 Rue du Faubourg Saint-Honoré, 75008 Paris"},
         "55 Rue du Faubourg Saint-Honoré, 75008 Paris"),
        ({"place": "정부서울청사", "road_address": "서울특별시 종로구 세종대로 209"}, "서울특별시 종로구 세종대로 209"),
        ({"venue_address": "1600 Pennsylvania Ave NW, Washington, DC 20500", "event": "Garden Tour"},
         "1600 Pennsylvania Ave NW, Washington, DC 20500"),
    ],
)
def test_a_public_places_address_beside_its_name_stays(chain, body, address):
    # GIVEN an address beside the name of the museum, palace or office it is  WHEN stored  THEN it stays
    out = stored_json(chain, body)
    assert json.dumps(address, ensure_ascii=False)[1:-1] in out, out


@pytest.mark.parametrize(
    ("body", "street"),
    [
        ({"address": "12 Oak Street, Springfield", "place": "Springfield"}, "12 Oak Street"),
        ({"home_address": "12 Oak Street, Springfield", "venue": "Town Hall"}, "12 Oak Street"),
        ({"customer": {"address": "Flat 304, Prestige Shantiniketan Tower 6", "landmark": "opp. Forum Mall gate 2"}},
         "Flat 304"),
    ],
)
def test_a_persons_address_stays_masked(chain, body, street):
    # GIVEN a person's address beside a town, under a home's key, or beside a delivery's landmark
    # WHEN stored  THEN it is not
    out = stored_json(chain, body)
    assert street not in out, out


@pytest.mark.parametrize(
    ("body", "author"),
    [
        ({"isbn": "978-0-14-243723-0", "title": "The Great Gatsby", "author": "F. Scott Fitzgerald"}, "F. Scott Fitzgerald"),
        ({"isbn": "978-3-15-000001-4", "autor": "Johann Wolfgang von Goethe", "verlag": "Reclam"}, "Johann Wolfgang von Goethe"),
    ],
)
def test_a_books_author_beside_its_isbn_or_publisher_stays(chain, body, author):
    # GIVEN a book's author beside its ISBN or its publisher  WHEN stored  THEN the name stays
    assert author in stored_json(chain, body)


@pytest.mark.parametrize(
    ("body", "personal"),
    [({"author": "Jane Doe", "comment": "great course"}, "Jane Doe"),
     ({"isbn": "978-0-14-243723-0", "author": "jane.doe@example.com"}, "jane.doe@example.com")],
)
def test_an_author_without_a_book_or_an_address_under_author_is_masked(chain, body, personal):
    # GIVEN a comment's author, an e-mail under a book's author  WHEN stored  THEN it is not
    assert personal not in stored_json(chain, body)
