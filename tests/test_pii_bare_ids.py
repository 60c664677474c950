"""A person's number under a field name no table knows (stop 39): beside a person's masked field,
a value of an identifier's shape is that person's; a business's numbers, amounts, dates and codes
beside a person's name stay. Through the default chain, as the consumer runs it."""

from __future__ import annotations

import pytest

from tests.test_pii_round16_categories import stored_json
from transforms.builtin.pii import make_pii
from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)


@pytest.mark.parametrize(
    ("body", "number"),
    [
        # a national number in a country whose word for it no table holds
        ({"full_name": "رهف ديب", "national_no": "03010123456", "governorate": "حمص"}, "03010123456"),
        ({"anarana": "RAKOTO", "finday": "034 12 345 67", "laharana_karatra": "101 211 045 678"}, "101 211 045 678"),
        ({"nome": "Manuel da Costa Neto", "bi": "004512398LA041", "municipio": "Luanda"}, "004512398LA041"),
        ({"cliente": {"nombre": "Kevin Josué Martínez", "identidad": "0801-1990-12345"}}, "0801-1990-12345"),
        ({"nombre": "Karla Beatriz Alvarado", "dui": "04567890-3"}, "04567890-3"),
        ({"titular": "Luz Dary Giraldo", "num_doc": "43567890", "banco": "Bancolombia"}, "43567890"),
        ({"rut_titular": "18.234.567-9", "nombre": "Matías Ignacio Soto"}, "18.234.567-9"),
        # a bank account, a card or a phone under a word of its own
        ({"titular": "Luz Dary Giraldo", "cuenta_ahorros": "912-345678-90"}, "912-345678-90"),
        ({"fan": "4726 9130 5582 1047", "msisdn": "251911234567", "service": "telebirr"}, "4726 9130 5582 1047"),
        ({"accountName": "Jericho Mendoza", "philsysPcn": "1234-5678-9012-3456"}, "1234-5678-9012-3456"),
        # hash mode's pseudonym of a name says "a person" as the mask does (see the hash test below)
    ],
)
def test_a_number_beside_a_persons_field_under_an_unknown_name_is_masked(chain, body, number):
    # GIVEN an object holding a person's field, and a number under a key no table knows
    # WHEN stored
    out = stored_json(chain, body)
    # THEN the number is masked as that person's identifier
    assert number not in out, out
    assert "[national_id]" in out or "[card]" in out or "[phone]" in out, out


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # a business's documents, amounts and dates beside a person's name
        ({"nombre": "Ana Ruiz", "pedido": "20240518001", "monto": "1500000"}, ["20240518001", "1500000"]),
        ({"customer": "Jane Doe", "invoice_no": "90012345", "total": "1.250.000"}, ["90012345", "1.250.000"]),
        ({"name": "Jane Doe", "order": "112-7730412-5590621", "shipped": "2025-03-04"}, ["112-7730412-5590621", "2025-03-04"]),
        ({"name": "Jane Doe", "created": "1733312345", "updated": "1733312345678"}, ["1733312345", "1733312345678"]),
        ({"nama": "Budi Santoso", "resi": "011233445566", "jumlah": "Rp1.250.000"}, ["011233445566", "Rp1.250.000"]),
        ({"name": "Jane Doe", "pnr": "4521879630", "trainNo": "12951"}, ["4521879630"]),
        ({"receiver_name": "张伟", "订单号": "20250311000123", "金额": "299.00"}, ["20250311000123"]),
        # codes a letter starts, EANs, ISBNs, OIDs, dates
        ({"name": "Jane Doe", "ref": "TXN-20261128-55102", "ean": "4006381333931"}, ["TXN-20261128-55102", "4006381333931"]),
        ({"name": "Jane Doe", "book": "978-0-14-143951-8", "oid": "1.3.6.1.2.1.1.3.0"}, ["978-0-14-143951-8", "1.3.6.1.2.1.1.3.0"]),
        ({"name": "Jane Doe", "shipped": "04/03/2025", "period": "2025-01-16 to 2025-01-31"}, ["04/03/2025", "2025-01-16 to 2025-01-31"]),
        # no person in the object: a number under an unknown name is left to the text detectors
        ({"product": "Plan 30GB", "codigo": "03010123456"}, ["03010123456"]),
        # a company's object: its registration numbers are its own
        ({"предузеће": "Нафтна индустрија Србије а.д.", "пиб": "104052135", "матични_број": "20084693"}, ["20084693"]),
        ({"razon_social": "Rappi S.A.S.", "telefono": "601 743 4500", "registro": "90053813"}, ["90053813"]),
        # a business's Swish number (123...) beside the payer's phone
        ({"payerAlias": "46734829136", "payeeAlias": "1231181189", "amount": "250"}, ["1231181189"]),
    ],
)
def test_a_business_number_beside_a_persons_name_stays(chain, body, kept):
    # GIVEN a person's name (or none) beside business numbers, amounts, dates and codes
    # WHEN stored
    out = stored_json(chain, body)
    # THEN those stay as they were
    for value in kept:
        assert value in out, out


def test_a_number_beside_a_pseudonymised_name_is_masked_in_hash_mode():
    # GIVEN the chain in hash mode, where a person's name becomes a pseudonym, not a mask
    pii = make_pii({"mode": "hash", "hash_key": "k" * 40})
    record = {"request": {"body": {"full_name": "رهف ديب", "national_no": "03010123456"}}}
    # WHEN the record is scrubbed
    body = pii(record)["request"]["body"]
    # THEN the number is pseudonymised as an identifier too
    assert body["full_name"].startswith("name:"), body
    assert body["national_no"].startswith("national_id:"), body


@pytest.mark.parametrize(
    ("body", "number"),
    [
        # one capital and 7 to 10 digits (a Kenyan NHIF number, a Taiwanese ID), a Thai account's groups
        ({"names": "Mutua Kioko Daniel", "phone": "+254 711 204 938", "nhif_no": "R4029188"}, "R4029188"),
        ({"uid": "A129038472", "mobile": "0933118204"}, "A129038472"),
        ({"ชื่อ": "สมชาย", "วันเกิด": "14 มี.ค. 2528", "บัญชี": "123-4-56789-0"}, "123-4-56789-0"),
    ],
)
def test_more_identifier_shapes_beside_a_persons_field_are_masked(chain, body, number):
    out = stored_json(chain, body)
    assert number not in out, out
