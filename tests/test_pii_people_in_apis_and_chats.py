"""Personal data round 25 found stored in APIs' own shapes and in chats (stop 44).

A mobile-money party's MSISDN named by ``partyIdType``, a travel document's number by its ICAO type code,
Singapore MyInfo's ``mobileno``/``regadd``, KG Inicis's ``buyername``/``buyertel``; phones after the words
chats use for them in more languages ("telefonoa", "moj nr", "zovite", "llámenme", "ra2me", 📞). Not: a
partner's code under ``partyId``, a seat or a count beside a type, an order's number after a bare "nomer",
a business's line after "致電".
"""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("body", "personal"),
    [
        ({"event": "momo.collection.succeeded", "payer": {"partyIdType": "MSISDN", "partyId": "233554128876"}}, "233554128876"),
        ({"payee": {"partyIdType": "EMAIL", "partyId": "ama.owusu@example.com"}}, "ama.owusu@example.com"),
        ({"passengers": [{"type": "ADT", "document": {"type": "P", "number": "FW7871748", "nationality": "BE"}}]}, "FW7871748"),
        ({"guest": {"idDocument": {"type": "ID_CARD", "number": "AB 123456", "country": "PT"}}}, "AB 123456"),
        ({"mobileno": {"prefix": {"value": "+"}, "areacode": {"value": "65"}, "nbr": {"value": "97399245"}}}, "97399245"),
        ({"regadd": {"type": "SG", "block": {"value": "102"}, "postal": {"value": "460102"}}}, "460102"),
    ],
)
def test_personal_values_in_apis_shapes_are_masked(chain, body, personal):
    # GIVEN a phone, an e-mail, a document's number where an API's own shape names it  WHEN stored  THEN it is not
    out = stored_json(chain, body)
    assert personal not in out, out


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ({"payee": {"partyIdType": "PARTY_CODE", "partyId": "MERCH-22"}}, "MERCH-22"),
        ({"seat": {"type": "P", "number": "12A"}, "item": {"type": "ID", "number": 3}}, "12A"),
        ({"regadd": {"type": "SG", "country": "SG"}}, "SG"),
    ],
)
def test_look_alikes_in_those_shapes_stay(chain, body, kept):
    # GIVEN a partner's code, a seat, a country  WHEN stored  THEN each stays
    assert kept in stored_json(chain, body)


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("ERROR 결제승인 실패 resultCode=V013 buyername=정하윤 buyertel=01055281937 goodname=멤버십", "01055281937"),
        ("ERROR 결제승인 실패 resultCode=V013 buyername=정하윤 buyertel=01055281937 goodname=멤버십", "정하윤"),
        ("Paketea ez da iritsi, telefonoa: 678 583 380. Eskerrik asko!", "678 583 380"),
        ("paczka nie doszla :( - #912372900 moj nr 512 328 417, adres", "512 328 417"),
        ("paket jos nije stigao. broj 066 126 864, adresa Marsala Tita 22", "066 126 864"),
        ("Može li netko pomoći? Pišite ili zovite 068 735 683", "068 735 683"),
        ("Kan noen hjelpe? eller ring 976 57012", "976 57012"),
        ("tenerlo en cuenta en la cita. por favor llámenme 74821891", "74821891"),
        ("tenerlo en conta. chamádeme por favor 646 057 263", "646 057 263"),
        ("ana Rita, ra2me 03 447 128. badde wasel el delivery", "03 447 128"),
        ("Dragana | Budva\n📞 068 735 683", "068 735 683"),
    ],
)
def test_phones_after_chats_words_are_masked(chain, text, personal):
    # GIVEN a phone after the word a chat tells it with, or a log's buyer fields  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("privet! zakaz nomer 78120455 eshche ne prishel", "78120455"),
        ("順豐：你的快件今日派送，查詢請致電3960 2844。", "3960 2844"),
        ("broj narudžbe 40123, broj 3 na listi", "40123"),
    ],
)
def test_orders_and_business_lines_after_those_words_stay(chain, text, kept):
    # GIVEN an order's number after a bare "number", a courier's hotline  WHEN stored  THEN it stays
    assert kept in stored_text(chain, text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Ejecutivo: ¿Me indica su RUT por favor?\nCliente: 16.482.913-8", "16.482.913-8"),
        ("adjunto carnet 10.200.308-K de mi mamá", "10.200.308-K"),
        ("I la clau del panell d'administració del router és admin / Rb8!pq2Lw. Recordeu", "Rb8!pq2Lw"),
    ],
)
def test_a_chilean_run_by_its_shape_and_a_catalan_key_word_are_masked(chain, text, secret):
    # GIVEN a person's RUN written dotted with its check digit, a password after Catalan's "clau"
    # WHEN stored  THEN it is not
    assert secret not in stored_text(chain, text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Factura a Comercial Andes SpA, RUT 76.123.456-0", "76.123.456-0"),
        ("total 12.345.678-9 según planilla", "12.345.678-9"),
        ("la clau de casa és a la taula, model KX-200", "KX-200"),
    ],
)
def test_a_companys_rut_a_bad_check_digit_and_a_house_key_stay(chain, text, kept):
    # GIVEN a company's RUT, a dotted number whose check digit fails, a house's key  WHEN stored  THEN each stays
    assert kept in stored_text(chain, text)
