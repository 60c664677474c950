"""A masked address keeps its town, district, region and country (transforms/builtin/_pii_locality.py),
through the default chain: in a field that holds a whole address and in free text. The street,
the house, the flat and the postal code never stay; a field that holds one line of an address,
an address's first part and an address whose parts are not recognised are masked whole."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain, stored, stored_body  # noqa: F401  (the chain fixture)
from transforms.builtin._pii_locality import masked_address
from transforms.chain import build_chain
from transforms.manager import get_plugin_manager


@pytest.mark.parametrize(
    ("key", "address", "gone", "kept"),
    [
        ("anschrift", "Ringstraße 9, 53111 Bonn", ["Ringstraße 9", "53111"], "[address], [postal_code] Bonn"),
        ("address", "744 Alvarado St, Los Angeles, CA 90057", ["744 Alvarado", "90057"],
         "[address], Los Angeles, CA [postal_code]"),
        ("indirizzo", "Via Roma 41, 22100 Como", ["Via Roma 41", "22100"], "[address], [postal_code] Como"),
        ("adres", "Atatürk Mah. Gül Sok. No:12 Daire:3, Çankaya/Ankara", ["Gül Sok", "No:12"], "[address], Çankaya/Ankara"),
        ("osoite", "Hämeenkatu 9 A 4, 33100 Tampere", ["Hämeenkatu", "33100"], "[address], [postal_code] Tampere"),
        ("adresa", "Masarykova 427/31, 602 00 Brno", ["Masarykova", "602 00"], "[address], [postal_code] Brno"),
        ("address", "רחוב דיזנגוף 150, דירה 12, קומה 4, תל אביב", ["דיזנגוף", "150"], "[address], תל אביב"),
        ("dia_chi", "123/45 Lê Văn Sỹ, Phường 13, Quận 3, TP. Hồ Chí Minh", ["Lê Văn Sỹ", "Phường 13"],
         "[address], Quận 3, TP. Hồ Chí Minh"),
        ("anwani", "Nyali, Links Road, Nyumba 9, Mombasa", ["Links Road", "Nyumba 9", "Nyali"], "[address], Mombasa"),
        ("alamat", "Perum Griya Asri Blok D2 No. 15, Sleman, DI Yogyakarta 55281", ["Griya Asri", "55281"],
         "[address], Sleman, DI Yogyakarta [postal_code]"),
        # written from the largest unit down: the town first, after its mark or in Cyrillic
        ("adres", "Санкт-Петербург, Невский пр-т, д. 88, кв. 17", ["Невский", "88", "17"], "Санкт-Петербург, [address]"),
        ("adresa", "м. Львів, вул. Городоцька, 112, кв. 45", ["Городоцька", "112"], "м. Львів, [address]"),
        ("住所", "福岡県福岡市博多区博多駅前2-1-1 博多ビル305", ["博多駅前", "2-1-1", "305"], "福岡県福岡市博多区[address]"),
        ("收货地址", "北京市朝阳区建国路88号SOHO现代城2号楼1503室", ["建国路", "1503"], "北京市朝阳区[address]"),
        ("주소", "서울특별시 강남구 테헤란로 152, 1201호", ["테헤란로", "152"], "서울특별시 강남구 [address]"),
        ("ที่อยู่", "55/7 ถนนนิมมานเหมินท์ ซอย 9 ตำบลสุเทพ อำเภอเมือง เชียงใหม่ 50200", ["นิมมานเหมินท์", "50200"],
         "[address] เชียงใหม่ [postal_code]"),
    ],
)
def test_a_whole_address_in_a_field_keeps_its_town_and_loses_its_street(chain, key, address, gone, kept):
    # GIVEN a field named for a whole address, holding one as a country writes it
    # WHEN the record goes through the default chain
    body = stored_body(chain, {key: address, "order": "A-1001"})
    # THEN the street, the house, the flat and the postal code are gone; the town and region stay
    assert body == {key: kept, "order": "A-1001"}
    assert not [part for part in gone if part in body[key]]


@pytest.mark.parametrize(
    ("body", "gone"),
    [
        # one line of an address, by its field's name: nothing of it reads as a town
        ({"address1": "Flat 302, Prestige Shantiniketan", "city": "Bengaluru"}, ["Prestige Shantiniketan"]),
        ({"street": "Gali No. 5, Shastri Nagar"}, ["Shastri Nagar"]),
        ({"address_line_2": "Rose Court, Mill Lane"}, ["Rose Court"]),
        ({"calle": "Gran Vía 28, Madrid"}, ["Gran Vía"]),
        # inside an address object, each part but the coarse ones (city, state, country) is masked whole
        ({"shipping_address": {"line1": "Unit 4, Harbour View", "city": "Sydney"}}, ["Harbour View"]),
        # the first part is never kept, even without a digit (a house's name)
        ({"address": "Rose Cottage, Mill Lane"}, ["Rose Cottage", "Mill Lane"]),
        ({"address": "Hillcrest Farm, Little Snoring"}, ["Hillcrest Farm"]),
        # a Cyrillic address that starts with its addressee, not its town
        ({"адрес": "Иванов Иван, ул. Ленина 5, Москва"}, ["Иванов", "Ленина"]),
        # a neighbourhood's word after the street (colonia, barangay, ward, nagar) is no town
        ({"domicilio": "Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México"},
         ["Insurgentes", "Crédito Constructor", "03940"]),
        ({"tirahan": "Purok 4, Brgy. Malabanias, Angeles City"}, ["Purok 4", "Malabanias"]),
    ],
)
def test_an_address_line_a_first_part_and_a_neighbourhood_are_masked_whole(chain, body, gone):
    # GIVEN address parts that find a household even without a number
    # WHEN the record goes through the default chain
    stored_text = str(stored_body(chain, body))
    # THEN none of them is stored
    assert [part for part in gone if part in stored_text] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Avoid this flat! Landlord at 22 Cathedral Road, Cardiff CF11 9LJ kept our deposit.",
         "Avoid this flat! Landlord at [address], Cardiff [postal_code] kept our deposit."),
        ("Ik woon op Kerkstraat 12, 1234 AB Amsterdam", "Ik woon op [address], [postal_code] Amsterdam"),
        ("地址：北京市朝阳区建国路88号", "地址：北京市朝阳区[address]"),
        ("Please ship to 12 rue de la Paix, 75002 Paris today", "Please ship to [address], [postal_code] Paris today"),
    ],
)
def test_an_address_in_text_keeps_its_town(chain, text, expected):
    # GIVEN free text holding an address with its postal code and town
    # WHEN it goes through the default chain
    # THEN the street and the postal code are masked and the town stays
    assert stored(chain, text) == expected


def test_a_hashed_address_is_one_pseudonym_of_the_whole():
    # GIVEN a chain that hashes addresses (joinable pseudonyms, no town kept apart)
    options = {"pii": {"classes": {"address": "hash"}, "hash_key": "k" * 32}}
    hashed = build_chain(get_plugin_manager(), None, options)
    # WHEN a whole address is stored
    body = stored_body(hashed, {"address": "Ringstraße 9, 53111 Bonn"})
    # THEN it is one pseudonym, nothing of it in clear
    assert body["address"].startswith("address:") and "Bonn" not in body["address"]


@pytest.mark.parametrize("value", ["", "   ", "12", "CF11 9LJ", "Kerkstraat 12", "Berlin", "-, -"])
def test_an_address_with_nothing_recognised_after_its_first_part_is_masked_whole(value):
    # GIVEN an address of one part, or nothing but a number
    # WHEN it is masked
    # THEN nothing of it is kept
    assert masked_address(value) == "[address]"


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ({"originName": "John F. Kennedy International Airport"}, "John F. Kennedy International Airport"),
        ({"kalkisAdi": "İstanbul Sabiha Gökçen Uluslararası Havalimanı"}, "Sabiha Gökçen"),
        ({"numePlecare": "Aeroportul Internațional Henri Coandă București"}, "Henri Coandă"),
        ({"ranking": [{"platz": 1, "name": "Goethe-Universität Frankfurt"}]}, "Goethe-Universität"),
        ({"lojas": [{"nome": "Loja Rua Augusta", "codigo": "SP-014"}]}, "Loja Rua Augusta"),
        ({"name": "北京首都国际机场"}, "北京首都国际机场"),
    ],
)
def test_a_place_named_for_a_person_under_a_name_key_is_kept(chain, body, kept):
    # GIVEN an airport, a university, a shop or a stop named for a person, under a key for a name
    # WHEN the record goes through the default chain
    # THEN the place's name is kept: its institution's word says it is no one's
    assert kept in str(stored_body(chain, body))


@pytest.mark.parametrize("body", [{"guest_name": "Shirley Temple"}, {"customer_name": "Charlotte Church"},
                                  {"passenger": "Jan Winkel"}])
def test_a_person_whose_surname_is_a_word_of_a_place_is_still_masked(chain, body):
    # GIVEN a person's name under a key for one, whose surname is also a place's word
    # WHEN the record goes through the default chain
    stored_text = str(stored_body(chain, body))
    # THEN the surname is not stored
    assert not any(part in stored_text for part in ("Temple", "Church", "Winkel"))


def test_a_part_an_address_object_holds_under_a_name_of_its_own_is_masked_whole(chain):
    # GIVEN an address object whose free-form part is named neither for a line nor for an address
    body = {"address": {"detail": "Flat 302, Prestige Shantiniketan", "city": "Bengaluru"}}
    # WHEN stored  THEN the part is masked whole (no "town" of it kept) and the city stays
    assert stored_body(chain, body) == {"address": {"detail": "[address]", "city": "Bengaluru"}}


def test_an_address_found_in_text_is_dropped_whole_when_the_class_is_dropped():
    # GIVEN a chain whose address class is dropped
    dropping = build_chain(get_plugin_manager(), None, {"pii": {"classes": {"address": "drop"}}})
    # WHEN a text holding an address is stored  THEN nothing of the address stays, its town neither
    assert stored(dropping, "ship to 12 rue de la Paix, 75002 Paris today") == "ship to [address] today"
