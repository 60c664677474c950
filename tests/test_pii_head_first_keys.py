"""Field names that put the personal word first and whose it is after (stop 40): Romance,
Slavic, Indonesian, Vietnamese, Swahili and Uzbek keys (``telefono_cliente``, ``telefon_klienta``,
``alamat_penerima``, ``ten_khach_hang``, ``simu_mteja``); person nouns of more languages
(``transforms/builtin/person-nouns.tsv``) under which a bare ``nama``/``name`` is a person's; Turkish
and Hungarian possessive forms (``musteri_telefonu``, ``ugyfel_neve``). Through the default chain,
as the consumer runs it."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_round16_categories import stored_json
from transforms.builtin._pii_names import PersonalNames


@pytest.mark.parametrize(
    ("body", "value"),
    [
        # the personal word first, the person after it
        ({"pedido": "A-1009", "telefono_cliente": "612 345 678"}, "612 345 678"),
        ({"pedido": "A-1009", "direccion_cliente": "Calle Mayor 12, 3º B"}, "Calle Mayor 12, 3º B"),
        ({"fecha_nacimiento_paciente": "1984-02-29", "cita": "2025-03-01"}, "1984-02-29"),
        ({"data_nascimento_cliente": "12/05/1990", "plano": "Plus"}, "12/05/1990"),
        ({"numero_celular_cliente": "3104821957", "estado": "enviado"}, "3104821957"),
        ({"adresse_client": "12 rue des Lilas", "commande": "FR-2231"}, "12 rue des Lilas"),
        ({"telefon_klienta": "+7 916 123-45-67", "zakaz": "RU-5512"}, "+7 916 123-45-67"),
        ({"телефон_получателя": "8 916 123 45 67", "заказ": "RU-5512"}, "8 916 123 45 67"),
        ({"alamat_penerima": "Jl. Melati No. 7, RT 02/RW 05", "resi": "JNE-123"}, "Jl. Melati No. 7, RT 02/RW 05"),
        ({"no_hp_pembeli": "0812 3456 7890", "total": "Rp 150.000"}, "0812 3456 7890"),
        ({"tenKhachHang": "Nguyễn Thị Lan", "maDonHang": "DH-0012"}, "Nguyễn Thị Lan"),
        ({"sdt_nguoi_nhan": "0912 345 678", "ma_don": "DH-0012"}, "0912 345 678"),
        ({"jina_mteja": "Amina Juma", "simu_mteja": "0712 345 678", "oda": "KE-88"}, "Amina Juma"),
        ({"simu_mteja": "0712 345 678", "oda": "KE-88"}, "0712 345 678"),
        ({"telefon_mijoz": "90 418 22 71", "buyurtma": "UZ-1"}, "90 418 22 71"),
        # the person's word of another language, then its possessive: Turkish, Hungarian
        ({"musteri_telefonu": "0532 418 77 09", "siparis": "TY-1"}, "0532 418 77 09"),
        ({"alici_adresi": "Bağdat Cad. No: 221 D: 7", "siparis": "TY-1"}, "Bağdat Cad. No: 221 D: 7"),
        ({"ugyfel_neve": "Kovács Anna", "rendeles": "HU-7"}, "Kovács Anna"),
        ({"szuletesi_datuma": "1988.03.12", "rendeles": "HU-7"}, "1988.03.12"),
        # a name's field of another language, alone or under a person noun of its own
        ({"patient": {"forename": "Oluwaseun", "known_as": "Seun"}}, "Seun"),
        ({"vorname": "Florian", "zuname": "Pichlmayr"}, "Pichlmayr"),
        ({"eesnimi": "Liis", "perenimi": "Kask"}, "Kask"),
        ({"sfzh": "310115199003127626", "xm": "李雪梅", "sjh": "15921873304"}, "李雪梅"),
        ({"sfzh": "310115199003127626", "xm": "李雪梅", "sjh": "15921873304"}, "15921873304"),
        ({"pelanggan": {"nama": "Budi Santoso", "kota": "Bandung"}}, "Budi Santoso"),
        ({"khach_hang": {"ho_ten": "Trần Văn Bình"}, "ma_don": "DH-1"}, "Trần Văn Bình"),
        # a German person noun with its umlaut, as a key writes it
        ({"empfänger_name": "Jonas Weber", "sendung": "DE-77"}, "Jonas Weber"),
    ],
)
def test_a_personal_word_of_whoever_comes_after_it_is_masked(chain, body, value):
    # GIVEN a body whose key names a personal field before (or in the possessive after) whose it is
    # WHEN stored
    out = stored_json(chain, body)
    # THEN the value is masked
    assert value not in out, out


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # the personal word first, then no person: a company's, a template's, a product's
        ({"nombre_empresa": "Rappi S.A.S.", "email_template": "welcome_v2"}, ["Rappi S.A.S.", "welcome_v2"]),
        ({"nombre_producto": "Crema hidratante 50 ml", "codigo_cliente": "C-10293"}, ["Crema hidratante 50 ml", "C-10293"]),
        ({"numero_cliente": "100293", "tipo_cliente": "premium", "id_cliente": "77120"}, ["100293", "premium", "77120"]),
        # a head-first language's name word before an English person noun is not one ("ten users")
        ({"ten_users": "enabled", "courier": "JNE REG"}, ["enabled", "JNE REG"]),
        ({"kurir": "JNE REG", "ongkir": "Rp 9.000"}, ["JNE REG", "Rp 9.000"]),
        # a team's or a category's name under a word that is no person
        ({"doiKhach": "Hà Nội FC", "san": "Pleiku"}, ["Hà Nội FC"]),
        ({"tag": {"name": "urgent"}, "category": {"name": "Electronics"}}, ["urgent", "Electronics"]),
        # a Hungarian company's tax number (adószám) is the company's
        ({"cegnev": "Példa Kft.", "adoszam": "10773381-2-44"}, ["10773381-2-44"]),
    ],
)
def test_a_personal_word_of_no_one_keeps_its_value(chain, body, kept):
    # GIVEN a body whose personal-looking key is of a thing, not of a person
    # WHEN stored
    out = stored_json(chain, body)
    # THEN the values stay
    for value in kept:
        assert value in out, out


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("telefono_cliente", "phone"),
        ("alamat_penerima", "address"),  # the address of the recipient, not the recipient's name
        ("sdt_nguoi_nhan", "phone"),
        ("dia_chi_nguoi_nhan", "address"),
        ("cpf_cliente", "tax_id"),
        ("email_pelanggan", "email"),
    ],
)
def test_the_head_word_says_the_kind(key, kind):
    # GIVEN a key whose personal word comes first  WHEN classified  THEN the kind is the head's
    found = PersonalNames().classify(key)
    assert found is not None and found[1] == kind, found


@pytest.mark.parametrize("key", ["telefono_empresa", "email_template", "ten_users", "doi_khach", "codigo_cliente", "adoszam"])
def test_a_personal_word_before_no_person_is_no_field_of_a_person(key):
    # GIVEN a key whose first word is personal and whose last is no person  WHEN classified  THEN nothing
    assert PersonalNames().classify(key) is None


def test_person_nouns_are_folded_as_keys_are():
    # GIVEN the person nouns, German ones spelt with "ae" in the table
    names = PersonalNames()
    # WHEN a key writes the umlaut ("Empfänger" folds to "empfanger") THEN it is a person noun still
    assert names.says("empfanger") and names.says("empfaenger") and names.says("kaufer")
    # and a several-word noun is a person's context as a key's last words
    assert names.context("khach_hang") and names.context("nguoiNhan") and names.context("qabul_qiluvchi")
    assert names.context("hang") is None
