"""Names in capitals after their label, as OCR of ID cards and bank statements print them
(``_pii_ocr_labels.py``): under a label line, after a label with no colon, after a term of address
or a payer's word. Through the default chain, as the consumer runs it."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("BUNDESREPUBLIK DEUTSCHLAND  PERSONALAUSWEIS\nName / Surname\nMÜLLER-LÜDENSCHEIDT\nVornamen / Given names\n"
         "ANNEGRET\nStaatsangehörigkeit / Nationality  DEUTSCH", ["MÜLLER-LÜDENSCHEIDT", "ANNEGRET"]),
        ("Паспорт РФ (распознано): Фамилия ЛЕБЕДЕВ Имя АРТЁМ Отчество ВЛАДИМИРОВИЧ", ["ЛЕБЕДЕВ", "АРТЁМ", "ВЛАДИМИРОВИЧ"]),
        ("Constancia (OCR)\nNombre (s): ANA KAREN\nPrimer Apellido: HERNÁNDEZ", ["ANA KAREN", "HERNÁNDEZ"]),
        ("Carte Vitale (OCR) :\nASSURANCE MALADIE\nMME DELPHINE LEMAIRE-KOUASSI\nCarte émise le 12/03/2019",
         ["DELPHINE LEMAIRE-KOUASSI"]),
        ("Przelew przychodzący\nNadawca: JAN KOWALCZYK\nTytuł: FV/2024/03/118 zaliczka", ["JAN KOWALCZYK"]),
        ("ΔΕΛΤΙΟ ΤΑΥΤΟΤΗΤΑΣ\nΕπώνυμο / Surname\nΠΑΠΑΔΟΠΟΥΛΟΥ\nΌνομα / Name\nΔΗΜΗΤΡΑ", ["ΠΑΠΑΔΟΠΟΥΛΟΥ", "ΔΗΜΗΤΡΑ"]),
    ],
)
def test_a_name_in_capitals_after_its_label_is_masked(chain, text, names):
    # GIVEN a holder's name in capitals under or after a name's label, a term of address or a payer's word
    # WHEN stored  THEN it is masked
    out = stored_text(chain, text)
    for name in names:
        assert name not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Staatsangehörigkeit / Nationality\nDEUTSCH\nGültig bis 30.06.2032", ["DEUTSCH"]),
        ("Product name\nWIDGET PRO\nStatus: ACTIVE", ["WIDGET PRO", "ACTIVE"]),
        ("MR 2024 report: Q3 FINAL", ["MR 2024", "Q3 FINAL"]),
        ("Status\nSHIPPED\nCarrier\nDHL EXPRESS", ["SHIPPED", "DHL EXPRESS"]),
    ],
)
def test_capitals_under_another_label_are_kept(chain, text, kept):
    # GIVEN capitals under a label that names no person
    # WHEN stored  THEN they stay
    out = stored_text(chain, text)
    for value in kept:
        assert value in out, out


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("OCR结果(置信度0.97)：\n姓名 陈静\n性别 女 民族 汉\n出生 1992年8月3日\n住址 广东省深圳市", ["陈静", "1992年8月3日"]),
        ("氏名 山本 大輔\n生年月日 1990年5月11日", ["山本 大輔", "1990年5月11日"]),
        ("주민등록증\n성명 이수현\n생년월일 1990.05.11", ["이수현", "1990.05.11"]),
        ("수신: 이수현 <suhyun.lee@kakao.com>\n제목: 연차 신청 건", ["이수현"]),
        ("From: 山本 大輔 <d.yamamoto@sunrise-c.co.jp>", ["山本 大輔"]),
    ],
)
def test_a_cjk_documents_name_and_birth_date_after_their_labels_are_masked(chain, text, personal):
    # GIVEN an ID card's lines in Chinese, Japanese or Korean, or a display name before an address
    # WHEN stored  THEN the name and the birth date are masked
    out = stored_text(chain, text)
    for value in personal:
        assert value not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("姓名 张三丰的书\n类别 小说", ["张三丰的书"]),
        ("联系我们 <support@shop.cn>", ["联系我们"]),
        ("出生率 2023年 6.39‰", ["2023年"]),
    ],
)
def test_a_cjk_label_before_something_else_keeps_it(chain, text, kept):
    # GIVEN a label's word before a thing, a team's mailbox, a statistic
    # WHEN stored  THEN it stays
    out = stored_text(chain, text)
    for value in kept:
        assert value in out, out
