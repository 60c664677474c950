"""Homes and people in Chinese messages as couriers, landlords and schools get them (stop 42, round 23).

A home's address without its city: a road and its number, then the compound, building, floor or flat
(阜通东大街6号院3号楼1805, 莲花路88弄12号602, 信義路五段7號12樓之3), an estate's building and flat
(锦绣花园7栋2单元301, 瀝源邨福海樓1204室); a shop's "中山路25号" has none of those. A child named before
their parent's word, a son after 個仔, a recipient after 收件人写的, a second name in apposition. And
births and names in more of Asia's languages: a birth date after Hinglish, Telugu and other cues or before
a Slavic "р.н.", names in Indic scripts, Thai or Georgian under a person's key."""

from __future__ import annotations

import json

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json
from tests.test_pii_spelled_numbers import stored_query


@pytest.mark.parametrize(
    ("text", "personal", "kept"),
    [
        ("师傅你好，我在阜通东大街6号院3号楼1805，电梯上来右手边", "阜通东大街6号院3号楼1805", "我在"),
        ("明天下午三点能看下莲花路88弄12号602那套吗", "莲花路88弄12号602", "明天下午三点能看下"),
        ("作业麻烦送到锦绣花园7栋2单元301门卫。谢谢", "锦绣花园7栋2单元301", "送到"),
        ("11月房租 信義路五段7號12樓之3", "信義路五段7號12樓之3", "11月房租"),
        ("放在中正路二段115巷3弄8號一樓的信箱上面就好", "中正路二段115巷3弄8號一樓", "的信箱上面"),
        ("轉去將軍澳唐德街9號將軍澳中心第3座18樓F室，收件人", "唐德街9號將軍澳中心第3座18樓F室", "轉去"),
        ("媽媽手機已登記，住沙田瀝源邨福海樓1204室。已轉介社工。", "瀝源邨福海樓1204室", "已轉介社工"),
    ],
)
def test_a_homes_address_without_its_city_is_masked(chain, text, personal, kept):
    # GIVEN a road and its number then a building, floor or flat, or an estate's block and flat
    # WHEN stored  THEN the address is masked and the words around it kept
    out = stored_text(chain, text)
    assert personal not in out and kept in out, out


@pytest.mark.parametrize("text", ["我们在中山路25号开了新店", "订单号123456已发货", "南京东路100号的门店今天开业"])
def test_a_shops_address_and_an_order_number_are_kept(chain, text):
    # GIVEN a shop's road number with no flat after it, an order's number
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("收件人写的王海燕就是我", "王海燕"),
        ("我是昨天在贝壳上问的小陈，陈思远。明天下午能看房吗", "陈思远"),
        ("各位家长好，三年级二班王梓萱妈妈说孩子本周请假", "王梓萱"),
        ("呢位家長話個仔何俊熙 (5B 班) 要求考試加時", "何俊熙"),
    ],
)
def test_a_chinese_name_after_a_recipients_word_a_class_or_a_kin_is_masked(chain, text, personal):
    # GIVEN a Chinese name where a message puts it: after what the recipient wrote, in apposition,
    # before a parent's word, after a son's
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


def test_a_game_before_a_parents_word_is_no_name(chain):
    # GIVEN a game's name, not a surname's, before 妈妈
    # WHEN stored  THEN unchanged
    assert stored_text(chain, "王者荣耀妈妈说不能玩") == "王者荣耀妈妈说不能玩"


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Spoke w/ her former supervisor. I-9 DOB reads March 3rd, 1996, SSN ends 4471", "March 3rd"),
        ("пацієнтка Ткаченко Ірина, 12.09.1958 р.н., цукровий діабет", "12.09.1958"),
        ("Kem cho! Janm tarikh: 22 August 1995.", "22 August 1995"),
        ("విద్యార్థి ఇంటర్ ఫస్ట్ ఇయర్. పుట్టిన తేదీ 07-09-2008.", "07-09-2008"),
    ],
)
def test_a_birth_date_after_more_languages_words_or_before_a_slavic_abbreviation_is_masked(chain, text, personal):
    # GIVEN a birth date after its cue in Hinglish or Telugu, after "DOB reads", or before "р.н."
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


def test_birth_fields_and_names_under_person_nouns_of_more_languages_are_masked(chain):
    # GIVEN a pupil's name in Devanagari under "vidyarthi", birth dates under Marathi, Georgian, Maori keys
    out = stored_json(chain, {"vidyarthi": "ओंकार गायकवाड", "janma": "2014-02-26", "დაბადება": "1987-05-22",
                              "tamaiti": {"ingoa": "Tama Wiremu Parata", "whānau_mai": "2015-03-19"},
                              "shala": "ZP Shala Khed"})
    # WHEN stored  THEN all are masked, the school kept
    assert not any(v in out for v in ("ओंकार", "2014-02-26", "1987-05-22", "Parata", "2015-03-19")), out
    assert "ZP Shala Khed" in out


@pytest.mark.parametrize("query", [{"q": "बटर चिकन रेसिपी"}, {"q": "ข้าวมันไก่ ประตูน้ำ เปิดกี่โมง"}])
def test_a_search_in_those_scripts_is_no_name(chain, query):
    # GIVEN a search for a dish or a place in Hindi or Thai
    # WHEN stored  THEN unchanged
    assert json.loads(stored_query(chain, query)) == query


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("扶養家族は妻の佐藤 美咲（昭和63年4月3日生）と長男です。", "佐藤 美咲"),
        ("・鈴木 陽菜（母：鈴木 由美 070-1234-8851）食物アレルギー", "鈴木 陽菜"),
        ("피보험자 김지은 주민번호 910315-2345677 입니다.", "김지은"),
        ("나 민수 친구 박성준이야 ㅋㅋ 담주 토욜", "박성준"),
        ("[학부모 상담 메모] 4학년 3반 정유나 학생 어머님과 통화.", "정유나"),
        ("कक्षा 7-B के छात्र आर्यन सिंह की दूसरी तिमाही की फीस बकाया है।", "आर्यन सिंह"),
        ("Иванов Петр, 1985 г.р., прописан в Туле", "1985"),
    ],
)
def test_names_after_their_roles_and_family_names_in_asian_scripts_are_masked(chain, text, personal):
    # GIVEN a Japanese family and given name, a Korean or Hindi name after its role, a birth year before "г.р."
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


@pytest.mark.parametrize("text", ["田中 工務店に依頼しました", "入力例：氏名（例：山田 太郎）", "東京 大阪 間の新幹線",
                                  "в 2020 г. рост продаж"])
def test_a_business_a_forms_example_and_places_are_no_names(chain, text):
    # GIVEN a family name before a business's word, a form's example, two cities, a year
    # WHEN stored  THEN unchanged
    assert stored_text(chain, text) == text


def test_a_name_field_in_another_script_is_a_name_and_an_id_is_no_script(chain):
    # GIVEN a Bengali name under name_bn beside an ID, and a card's ID under tarjeta_id
    out = stored_json(chain, {"nid": "1992269144503", "name_bn": "ফারহানা আক্তার", "tarjeta_id": "card_9f2K1x"})
    # WHEN stored  THEN the name is masked, the card's ID kept
    assert "ফারহানা" not in out and "card_9f2K1x" in out, out
