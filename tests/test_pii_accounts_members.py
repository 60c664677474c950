"""A transfer's accounts by their sides' names, a member's number by its short names, and Korea's bank
accounts after the bank's name (stop 43).

``{"from_account": ..., "to_account": ...}`` of a wallet's transfer, ``memberNo``/``member_no`` of an
insurer or a pension fund, ``ndis_number``; "member no 800234117" in text; "국민 123401-04-567890",
"카뱅 3333-08-5512947". Not an account's type or currency, not a count after the bank's name."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ({"aba_transfer": {"from_account": "000 123 456", "to_account": "001 884 220", "amount": "$150.00"}}, "001 884 220"),
        ({"payout": {"beneficiary_account": "0812101044567", "ifsc": "APGB0002234"}}, "0812101044567"),
        ({"claim": {"scheme": "Discovery Health"}, "member": {"memberNo": "DH 402 118 337"}}, "DH 402 118 337"),
        ({"fnpf": {"member_no": "1988041211", "mobile": "+679 701 2290"}}, "1988041211"),
        ({"centrelink": {"ndis_number": "431 882 014"}}, "431 882 014"),
    ],
)
def test_accounts_and_member_numbers_under_their_names_are_masked(chain, body, secret):
    # GIVEN a transfer's accounts or a member's number under its field  WHEN stored  THEN it is not
    out = stored_json(chain, body)
    assert secret not in out, out


def test_an_accounts_type_and_currency_stay(chain):
    # GIVEN an account's type and currency  WHEN stored  THEN they stay
    out = stored_json(chain, {"account_type": "savings", "to_account_currency": "USD", "amount": "150.00"})
    assert "savings" in out and "USD" in out, out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("super fund AustralianSuper member no 800234117, bank BSB 033-172", "800234117"),
        ("Recepción: paciente nuevo, número de afiliado 4471-2290-118, viene", "4471-2290-118"),
        ("계좌는 국민 123401-04-567890 (예금주 김지은) 로 입금 부탁드립니다", "123401-04-567890"),
        ("입금을 잘못해서 다시 보내야 하는데 카뱅 3333-08-5512947 예금주 윤소희 맞으신가요??", "3333-08-5512947"),
    ],
)
def test_a_member_number_or_a_korean_account_in_text_is_masked(chain, text, secret):
    # GIVEN a member's number after its words, an account's after a Korean bank's name
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(("text", "kept"), [("국민 1인당 2,000만원 지원", "2,000만원"), ("신한 카드 결제 12,000원 승인", "12,000원")])
def test_an_amount_after_a_banks_name_stays(chain, text, kept):
    # GIVEN an amount after a Korean bank's name  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


def test_a_malay_or_indonesian_sender_or_recipient_by_its_field_is_masked(chain):
    # GIVEN a parcel's sender and recipient under their Malay and Indonesian names, and its hub
    out = stored_json(chain, {"penerima": "Budi Santoso", "penghantar": "Siti Rohana binti Yusof", "hub": "Shah Alam DC"})
    # WHEN stored  THEN the people are not, the hub is
    assert "Budi Santoso" not in out and "Siti Rohana" not in out and "Shah Alam DC" in out, out


def test_a_family_name_after_madam_is_masked(chain):
    # GIVEN Singapore's "Mdm" before a neighbour's family name  WHEN stored  THEN it is not
    assert "Goh" not in stored_text(chain, "Pls leave at neighbour #08-1236 (Mdm Goh).")
