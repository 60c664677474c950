"""A business's premises and a place named after someone are no one's personal data (stop 42, round 23's
look-alikes): a restaurant's, a shop's or a clinic's address under its own object or key, a hospital named
after a person, a field that notes something about a token."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


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
