"""Chinese names in workflow events, CRM searches and invoices, and China's mobiles written whole (stop 43).

"王晓燕提交的请假" (who submitted a request: three characters, not a firm's two, 华为), "丈夫 刘波" (a relative
after the word, a space between), "<th>戶名</th><td>黃志明</td>" (an account's holder in a table's cell), "王志强
13812093476" (a name before a phone in a search); ``13917264085`` in a Chinese text (not after an order's word)."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("王晓燕提交的请假", "王晓燕"),
        ("紧急联系人：丈夫 刘波 13917264085", "刘波"),
        ("紧急联系人：丈夫 刘波 13917264085", "13917264085"),
        ("<table><tr><th>戶名</th><td>黃志明</td></tr></table>", "黃志明"),
        ("户名：张伟，开户行：招商银行", "张伟"),
    ],
)
def test_a_chinese_name_or_mobile_in_these_places_is_masked(chain, text, personal):
    # GIVEN a name who submitted a request, after a relative's word, under an account's holder; a mobile whole
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert personal not in out, out


def test_a_name_and_a_phone_in_a_crm_search_are_masked(chain):
    # GIVEN a CRM search for a contact by name and phone
    out = stored_json(chain, {"keyword": "王志强 13812093476", "dept": "华东大区销售部", "stage": "商机"})
    # WHEN stored  THEN neither is, the department is kept
    assert "王志强" not in out and "13812093476" not in out and "华东大区销售部" in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("华为提交的专利数量再创新高", "华为"),
        ("阿里巴巴提交的报告显示增长", "阿里巴巴"),
        ("订单号 13917264085 已发货", "13917264085"),
        ("Order 13917264085 shipped", "13917264085"),
    ],
)
def test_a_firm_or_an_order_number_stays(chain, text, kept):
    # GIVEN a firm that submitted something, an order's number of a mobile's shape  WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out
