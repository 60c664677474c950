"""Latin America's identity cards by their everyday names (stop 41, round 22): El Salvador's DUI,
Guatemala's DPI, Honduras' identidad, the C.I. of Venezuela, Bolivia, Uruguay, Paraguay and Ecuador,
Colombia's C.C., Chile's RUN under its key, Brazil's RG; in text after the word (``cue-words.tsv``)
and under a key (``field-names.tsv``; ``ci``, ``run``, ``cc`` only in a person's object)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Hola, soy Karla Beatriz Rivas, mi DUI es 04821937-6, necesito actualizar mi dirección", "04821937-6"),
        ("Buenas, soy Ingrid Morales, mi DPI es 3192045880901, vivo en zona 1", "3192045880901"),
        ("mi nombre es Dunia Carolina Zelaya, identidad 0801-1990-12458, colonia Kennedy", "0801-1990-12458"),
        ("Pago Móvil: Banco 0102, C.I. V-18.445.120, a nombre de Génesis", "V-18.445.120"),
        ("REPÚBLICA FEDERATIVA DO BRASIL\nREGISTRO GERAL 41.829.307-7   DATA DE EXPEDIÇÃO 12/08/2015", "41.829.307-7"),
    ],
)
def test_an_identity_cards_number_after_its_name_is_masked(chain, text, number):
    # GIVEN a Latin American identity card's number after the card's everyday name
    # WHEN stored  THEN it is masked
    assert number not in stored_text(chain, text)


@pytest.mark.parametrize(
    ("body", "number"),
    [
        ({"cliente": {"nombre": "Liz Carolina Benítez", "ci": "4.812.337", "celular": "0981 223 409"}}, "4.812.337"),
        ({"customer_data": {"full_name": "Daniela Restrepo", "legal_id_type": "CC", "legal_id": "1020456789"}},
         "1020456789"),
        ({"X-ClaveUnica-Run": "12554908-K", "X-Forwarded-Proto": "https"}, "12554908-K"),
        ({"comprador": {"tipo_id": "05", "identificacion": "1704829132", "razon_social": "PAREDES ALVARO"}},
         "1704829132"),
    ],
)
def test_an_identity_cards_number_under_its_key_is_masked(chain, body, number):
    # GIVEN the number under the card's key, "ci" in a person's object
    # WHEN stored  THEN it is masked
    assert number not in stored_json(chain, body)


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ({"ci": "passed", "run": "build-42"}, ["passed", "build-42"]),
        ("Odds ratio 2.1 (95% CI 1.23–4.56), n = 812", ["1.23–4.56"]),
        ("deploy by GitHub Actions run 9482210733. 0 errors", ["9482210733"]),
        ("NORRSKEN INREDNING AB\n0rg.nr: 556798-1492\nFAKTURA", ["556798-1492"]),
        ("Ma commande CI-GLV-8812 est bloquée.", ["CI-GLV-8812"]),
    ],
)
def test_the_same_words_elsewhere_keep_their_values(chain, value, kept):
    # GIVEN "ci", "run", "rg" or "CI" that name a pipeline, a job, an OCR's "Org" or an order's prefix
    # WHEN stored  THEN the values stay
    out = stored_json(chain, value) if isinstance(value, dict) else stored_text(chain, value)
    for v in kept:
        assert v in out, out


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Hola! te confirmo, la dirección es Gurruchaga 1820 4°B. Mi cel 11 6120-4488.", "Gurruchaga 1820"),
        ("objednávka č. 2024110883 – zboží doručte prosím na Masarykova 27, Brno. Díky", "Masarykova 27"),
        ("H paraggelia GR-55120 den exei erthei akoma sth dieuthinsh Tsimiski 88, Thessaloniki.", "Tsimiski 88"),
    ],
)
def test_an_address_told_as_the_address_or_a_deliverys_place_is_masked(chain, text, address):
    # GIVEN "the address is ...", a delivery's "to" in Czech, a Greek address written in Latin letters
    # WHEN stored  THEN the street and its number are masked
    assert address not in stored_text(chain, text)


@pytest.mark.parametrize("text", ["El tren llega a las 10:30 a Madrid.", "Die Adresse ist nicht korrekt.",
                                  "the address is wrong, please fix it before 5 pm"])
def test_the_same_words_before_no_address_keep_the_text(chain, text):
    # GIVEN an address's words before a time or a complaint
    # WHEN stored  THEN the text stays
    assert stored_text(chain, text) == text
