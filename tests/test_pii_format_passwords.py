"""Passwords in machine formats' own fields, and a list of recovery codes after a long heading (stop 43).

HL7's MSH-8 (the message header's security field), X12's ISA02/ISA04 (the interchange's authorization and
password, after a qualifier that is not "00"), EDIFACT's UNB password (the header's sixth element), and
"Återställningskoder för ... (...):\\n1. 2658 2871\\n2. ...". The rest of each header stays (routing needs it)."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json

HL7 = "MSH|^~\\&|LIS|RIGAS_LAB|EHR|VESELIBA_LV|20241118101500|Lab#Sec2024|ORU^R01|MSG00087|P|2.5.1\rOBR|1|LAB-2024-1187\r"
X12 = "ISA*00*          *01*Wh5Rq8Lp2x*ZZ*ACMEWHOLESALE  *ZZ*BIGBOXRETAIL   *241118*1015*U*00401*000004471*0*P*>~GS*PO*ACME~"
EDIFACT = ("UNA:+.? 'UNB+UNOC:3+4741234500001:14+4749876500001:14+241118:1015+00000000000778+Tallinn!Sadam7:AA++ORDERS'"
           "UNH+1+ORDERS:D:96A:UN:EAN008'BGM+220+TELLIMUS-2024-4471+9'")


@pytest.mark.parametrize(
    ("body", "secret", "kept"),
    [
        ({"hl7": HL7}, "Lab#Sec2024", "ORU^R01|MSG00087"),
        ({"payload": X12}, "Wh5Rq8Lp2x", "ACMEWHOLESALE"),
        ({"edi": EDIFACT}, "Tallinn!Sadam7", "TELLIMUS-2024-4471"),
    ],
)
def test_a_password_in_a_formats_header_is_redacted_and_the_header_kept(chain, body, secret, kept):
    # GIVEN a message whose header carries a password in its own field
    out = stored_json(chain, body)
    # WHEN stored  THEN the password is not, the routing data is
    assert secret not in out and kept in out, out


@pytest.mark.parametrize(
    "body",
    [
        {"payload": "ISA*00*          *00*          *ZZ*ACMEWHOLESALE  *ZZ*BIGBOXRETAIL   *241118*1015*U*00401*000004471*0*P*>~"},
        {"edi": "UNB+UNOC:3+4741234500001:14+4749876500001:14+241118:1015+00000000000778'UNH+1+ORDERS:D:96A:UN'"},
        {"hl7": "MSH|^~\\&|LIS|LAB|EHR|HOSP|20241118101500||ORU^R01|MSG1|P|2.5\r"},
    ],
)
def test_a_header_without_a_password_is_unchanged(chain, body):
    # GIVEN headers that send no password (qualifier 00, no sixth element, an empty MSH-8)
    # WHEN stored  THEN unchanged
    assert stored_json(chain, body) == json.dumps(body, ensure_ascii=False)


def test_recovery_codes_after_a_long_heading_are_redacted(chain):
    # GIVEN a numbered list of recovery codes after a heading that explains where to keep them
    text = ("Återställningskoder för Google Workspace-kontot till ekonomiavdelningen (spara i kassaskåpet, varje kod kan "
            "bara användas en gång):\n1. 2658 2871\n2. 8761 8695\nGenererade 2024-11-18 av IT-support.")
    out = stored_text(chain, text)
    # WHEN stored  THEN no code is, the date stays
    assert "2658 2871" not in out and "8761 8695" not in out and "2024-11-18" in out, out


def test_an_ike_pre_shared_key_in_a_router_config_is_redacted(chain):
    # GIVEN a router's config with IKE pre-shared keys, and a description that names the command
    text = ("hostname r1\n!\ncrypto isakmp key Isl4nd-VPN-PSK!88 address 0.0.0.0 0.0.0.0\n pre-shared-key local Xy7-Psk!2024\n"
            "interface Gi0/1\n description crypto isakmp key rotation policy\n")
    out = stored_text(chain, text)
    # WHEN stored  THEN the keys are not, the description stays
    assert "Isl4nd-VPN-PSK!88" not in out and "Xy7-Psk!2024" not in out, out
    assert "description crypto isakmp key rotation policy" in out, out


def test_a_payment_gateways_secure_hash_is_redacted_and_its_type_kept(chain):
    # GIVEN VNPay's and JazzCash's request signatures under their fields
    out = stored_json(chain, {"vnp_SecureHash": "75be0d20d4bb7f12cb6cd1d34da518c1bc7bd328d5aae88a73d0a0f90ff89b08",
                              "vnp_SecureHashType": "HmacSHA512", "pp_SecureHash": "05F233A2FB149EEBA5225A06B154F767"})
    # WHEN stored  THEN the signatures are not, the algorithm's name is
    assert "75be0d20d4bb7f12" not in out and "05F233A2FB149EEB" not in out and "HmacSHA512" in out, out


def test_wp_configs_aligned_salts_are_redacted_and_its_settings_kept(chain):
    # GIVEN wp-config.php's defines, their second argument aligned with spaces
    text = ("<?php\ndefine( 'AUTH_KEY',         'eV4~%mcWowQZnU>(rev_AMNy|8@g)?N(8-nf#6tFFYIznB;s&]%Y.lA}_-/Fhvvy' );\n"
            "define( 'LOGGED_IN_SALT',   'q7#Xm2@pQz!9Lk' );\ndefine( 'DB_NAME',          'wp_silks' );")
    out = stored_text(chain, text)
    # WHEN stored  THEN the key and the salt are not, the database's name is
    assert "eV4~%mcWowQZnU" not in out and "q7#Xm2@pQz!9Lk" not in out and "'wp_silks'" in out, out
