"""Addresses written the way they are in Indonesia, India, Thailand, Vietnam, Korea, Japan,
Taiwan, Portugal and France, in free text and under Romance field names, through the
default chain; and the look-alikes that stay."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored, stored_body  # noqa: F401  (the chain fixture, a text stored)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Kirim ke Jl. Melati No. 8, RT 02/RW 07, Kel. Sukamaju", "Jl. Melati No. 8, RT 02/RW 07"),
        ("Tolong antar ke Perumahan Griya Asri Blok C5 No. 12, Bekasi ya.", "Blok C5 No. 12"),
        ("parcel please B-14, Sector 22, Noida pe deliver kar dena", "B-14, Sector 22"),
        ("मेरा पता 45, गांधी नगर, जयपुर है।", "45, गांधी नगर"),
        ("मकान नं. 27, शिवाजी मार्ग, लखनऊ", "मकान नं. 27, शिवाजी मार्ग"),
        ("ช่วยส่งของไปที่ 45/7 ซอยสุขุมวิท 39 แขวงคลองตันเหนือ กรุงเทพฯ", "45/7 ซอยสุขุมวิท 39 แขวงคลองตันเหนือ"),
        ("Giao giúp mình tới 78 Nguyễn Huệ, Quận 1, TP.HCM nhé.", "78 Nguyễn Huệ, Quận 1"),
        ("배송지: 센텀파크 105동 1203호 (우동)", "105동 1203호"),
        ("住所は世田谷区三軒茶屋2-11-3です。", "世田谷区三軒茶屋2-11-3"),
        ("寄送地址：台北市大安區忠孝東路四段216巷27弄5號3樓", "216巷27弄5號3樓"),
        ("The address is 17 Rua das Flores, 2º Esq, Lisboa.", "17 Rua das Flores"),
        ("livraison: Bât. C, Apt 42", "Bât. C, Apt 42"),
        ("12 allée des Lilas, 69003 Lyon", "allée des Lilas"),
        ("742 Evergreen Terr, Springfield", "742 Evergreen Terr"),
        # Romanian, without "nr." before the number, and its postcode after the town
        ("Adresa de livrare: Str. Observatorului 34, ap. 9, Cluj-Napoca 400363.", "Observatorului 34"),
        ("Adresa de livrare: Str. Observatorului 34, ap. 9, Cluj-Napoca 400363.", "400363"),
    ],
)
def test_addresses_of_many_countries_in_free_text_are_masked(chain, text, address):
    # GIVEN a message with an address written as that country writes it  WHEN stored
    out = stored(chain, text)
    # THEN no part of the address is left, and an address mask stands where it was
    assert address not in out and "[address]" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "都市計画2-1号の説明会", "Sector 7 results are in", "Blok A is closed for cleaning", "Sector 22 scored 14",
        "ม.ค. 2567 ยอดขาย 45", "Jalan-jalan ke Bali 2025", "Calle 13 en concierto", "2 Rua tickets left",
        "택배 3개 105개", "Quận 1 has 12 stores", "version 2-11-3 of the 東京都市 app",
    ],
)
def test_look_alikes_of_those_addresses_stay(chain, text):
    # GIVEN text with a street's or a district's word that is no address  WHEN stored  THEN it is kept
    assert stored(chain, text) == text


def test_a_romance_address_field_is_an_address_whatever_its_use():
    # GIVEN a French, Spanish, Italian and Portuguese delivery address, and an IP address and a
    # web address named the Romance way
    from transforms.builtin._pii_names import personal_names

    names = personal_names()
    # WHEN their names are classified  THEN the addresses are addresses, the others are not
    assert [names.classify(k) for k in ("adresse_livraison", "direccion_envio", "indirizzo_spedizione",
                                         "endereco_entrega", "direccion_de_facturacion")] == [("address", "address")] * 5
    assert names.classify("adresse_ip") == ("ip", "ip")
    assert names.classify("adresse_web") is None


def test_the_lines_under_a_romance_address_field_are_masked(chain):
    # GIVEN a French delivery address object
    sent = {"adresse_livraison": {"ligne1": "Bât. C, Apt 42", "ligne2": "12 allée des Lilas", "ville": "Lyon"}}
    # WHEN stored
    body = stored_body(chain, sent)
    # THEN its lines are masked, its town is kept
    assert body["adresse_livraison"]["ligne1"] == "[address]" and "Lilas" not in body["adresse_livraison"]["ligne2"]
    assert body["adresse_livraison"]["ville"] == "Lyon"



def test_address_and_postal_code_fields_in_czech_hindi_thai_and_a_fiscal_address(chain):
    body = {"bydliste": "Vinohradská 1511/230, 100 00 Praha 10", "direccion_fiscal": "Jr. Puno 482, Cercado de Lima",
            "รหัสไปรษณีย์": "11120", "pata": "मकान नं. 24, गली नं. 3, लक्ष्मी नगर, दिल्ली 110092"}
    out = stored_body(chain, body)
    assert "Vinohradská" not in str(out) and "Puno 482" not in str(out) and out["รหัสไปรษณีย์"] == "[postal_code]"
    assert "लक्ष्मी नगर" not in str(out)
