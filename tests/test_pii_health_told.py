"""Health conditions of a person as they are told (stop 44, round 25): a condition run into the next
word in Thai, Lao, Myanmar or Khmer script; a diagnosis in quotes after its word (진단명 '...'); "the
disease of" an organ in Hindi and Urdu, romanised too ("sugar ki bimari"), Arabizi's and romanised
Hebrew's conditions ("7amla", "sakeret"); MS and MND in capitals; a leave that tells a pregnancy
("on maternity leave") in a sentence about someone; symptoms and tests Arabic messages name.

Not: a condition as a topic (an article, a policy, a shop's text that names no one), a leave request's
type in a field of its own, Microsoft's "MS" or a system's "diagnosis"."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        # a diagnosis in quotes after a word only a disease is named by: masked with no one named
        ("보험금 청구 건은 상병명 '급성 충수염'으로 접수되었습니다. 접수번호 CL-2291-77", "급성 충수염", "CL-2291-77"),
        ("傷病名「腰椎椎間板ヘルニア」で申請済みです（受付 JP-4410）", "腰椎椎間板ヘルニア", "JP-4410"),
        # after any diagnosis word, in a text about someone
        ("Caller maria.k@example.com, diagnosis 'chronic migraine' noted, ticket HD-5521", "chronic migraine", "HD-5521"),
        # the disease of an organ, in Hindi and Urdu, romanised or not
        ("Customer priya.s@example.com: meri maa ko kidney ki bimari hai, order IN-8812", "kidney ki bimari", "IN-8812"),
        ("ग्राहक rahul.v@example.com: पिताजी को दिल का रोग है, ऑर्डर IN-3310", "दिल का रोग", "IN-3310"),
        ("صارف ali.raza@example.com: والد کو گردے کی بیماری ہے، آرڈر PK-7781", "گردے کی بیماری", "PK-7781"),
        # Arabizi and romanised Hebrew
        ("ana sara.h@example.com, 3andi marad el 2alb, talab EG-5512", "marad el 2alb", "EG-5512"),
        ("ahlan, ana nour.k@example.com w mrati 7amla, booking LB-2290", "7amla", "LB-2290"),
        ("shalom, ani dana.l@example.com, yesh li lachatz dam gavoha, pnia IL-4471", "lachatz dam gavoha", "IL-4471"),
        ("Ani yossi.b@example.com, avi beherayon? lo: ishti beherayon, tor RX-3319", "beherayon", "RX-3319"),
        # MS and MND, in capitals after a word in lower case
        ("Note from caller tom.w@example.com: his wife has MS and needs the parcel at the door, ref UK-2291", "has MS", "UK-2291"),
        ("Caller j.hughes@example.com says her father has MND. Callback ref CB-7712", "has MND", "CB-7712"),
        # a leave that tells a pregnancy, in a sentence about someone
        ("HR: l.meyer@example.com is on maternity leave until 2025-03-01, cover by team Sales", "maternity leave", "2025-03-01"),
        ("Frau k.weber@example.de ist seit Mai im Mutterschutz, Vertretung Team Einkauf", "Mutterschutz", "Team Einkauf"),
        ("Nhân viên thu.ha@example.com đang nghỉ thai sản đến tháng 6, mã NV-3381", "nghỉ thai sản", "NV-3381"),
    ],
)
def test_a_condition_told_of_someone_is_masked(chain, text, secret, kept):
    # GIVEN a person's condition as a message tells it  WHEN stored
    out = stored_text(chain, text)
    # THEN the condition is not stored, and the reference beside it is
    assert secret not in out and kept in out, out


@pytest.mark.parametrize(
    ("body", "secret", "kept"),
    [
        # Thai runs a condition into the next word: found inside the run, as CJK's are
        ({"patient": {"name": "สมชาย ใจดี", "mobile": "081-234-5678"},
          "visit": {"clinic": "อายุรกรรม", "note": "ติดตามโรคหอบหืดกำเริบและไขมันในเลือด"}}, "หอบหืด", "อายุรกรรม"),
        # Arabic symptoms and tests, in a record about someone
        ({"patient": {"name": "منى عادل", "phone": "+20 100 334 1290"}, "reason": "ضيق في التنفس", "ref": "EG-APT-4412"},
         "ضيق في التنفس", "EG-APT-4412"),
        ({"customer": {"name": "حسن علي", "phone": "+973 3661 2290"}, "service": "تحليل السكر التراكمي", "branch": "BH-07"},
         "السكر التراكمي", "BH-07"),
        # a note in a record about someone tells of her maternity leave
        ({"contact": {"name": "Julia Novak", "email": "j.novak@example.com"}, "note": "back from zwangerschapsverlof in June"},
         "zwangerschapsverlof", "June"),
    ],
)
def test_a_condition_in_a_record_about_someone_is_masked(chain, body, secret, kept):
    # GIVEN a record about a person with a condition in one of its texts  WHEN stored
    out = stored_json(chain, body)
    # THEN the condition is not stored, the clinic or the reference beside it is
    assert secret not in out and kept in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # conditions as a topic: no one is named
        ("Maternity leave is 16 weeks at full pay for all staff.", "Maternity leave"),
        ("บทความ: วิธีป้องกันโรคเบาหวานและไขมันในเลือดสูง", "เบาหวาน"),
        ("sugar ki bimari ke lakshan aur ilaj: poora guide", "sugar ki bimari"),
        ("marad el sokkar: ma3loumat 3amma", "marad el sokkar"),
        # a system's diagnosis in quotes, with no one named
        ("The diagnosis 'disk full' was wrong, see INC-4471", "disk full"),
        # Microsoft's MS, in a text about someone
        ("Ask anna.b@example.com to open the MS-DOS prompt on the MS SQL Server box", "MS-DOS"),
        ("Ask anna.b@example.com to open the MS-DOS prompt on the MS SQL Server box", "MS SQL Server"),
    ],
)
def test_a_topic_or_a_look_alike_stays(chain, text, kept):
    # GIVEN a condition as a topic, or a look-alike beside a person  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


@pytest.mark.parametrize("leave", ["maternity leave", "产假", "Nghỉ thai sản", "إجازة أمومة"])
def test_a_leave_requests_type_in_its_own_field_stays(chain, leave):
    # GIVEN a leave request about a person, its type a field of its own
    body = {"leave_type": leave, "employee": {"name": "Wang Xiaoyan", "email": "wang.xy@example.com"}, "days": 98}
    # WHEN stored  THEN the type is the form's, kept; the person is not
    out = stored_json(chain, body)
    assert leave in out and "wang.xy@example.com" not in out, out
