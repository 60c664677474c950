"""Codes named by their count of digits, written in groups, or told after the number of what they open,
and phones of the shapes a number's first digits mistook for a business line (stop 43).

"the 6 digit code google sent me ... (719 204)": the first number of that many digits later in the
sentence is the code, in 16 languages; a code in two groups after its word ("verification code:
482 913", "code: 4821 9930"); "Pickup code for locker #5431: 402917": the locker's number is not
the code, what follows the colon is; an alarm turned off with its code ("Alarm uitzetten met 2580").
India's mobiles in fours and threes (``9559 012 347``), and its mobiles that begin 833, 844...
(``83348 12906``), which only North America's groups make a toll-free line."""

from __future__ import annotations

import pytest

from tests.test_pii_names_in_formats import chain  # noqa: F401  (the chain fixture)
from tests.test_pii_names_in_formats import stored as stored_text
from tests.test_pii_round16_categories import stored_json


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("the buyer asked me for the 6 digit code google sent me \"to verify\" and I sent it (719 204) before I realized",
         "719 204"),
        ("caí num golpe, passei o código de 6 dígitos 318 920 pro cara que disse ser do banco", "318 920"),
        ("Ihr 6-stelliger Code lautet 482 913, bitte nicht weitergeben", "482 913"),
        ("le code à 6 chiffres qu'on m'a demandé au téléphone : 550 217", "550 217"),
        ("мне прислали 6-значный код, я продиктовал его: 904 117", "904 117"),
        ("輸入6位驗證碼 【 305 882 】 就被盜了", "305 882"),
        ("6자리 인증번호 [482913] 알려줬어요", "482913"),
        ("Your verification code: 482 913", "482 913"),
        ("code: 4821 9930. Thanks", "4821 9930"),
        ("验证码：482 913 请勿泄露", "482 913"),
        ("Pickup code for locker #5431: 402917", "402917"),
        ("Код отримання в поштоматі Нова Пошта №5431: 402 917. ТТН 20450839212004", "402 917"),
        ("Alarm uitzetten met 2580 en dan OFF.", "2580"),
        ("Alarmanlage bitte ausschalten mit 7713, dann Licht an", "7713"),
    ],
)
def test_a_code_named_by_its_count_in_groups_or_after_a_box_number_is_redacted(chain, text, secret):
    # GIVEN a code told after the count of its digits, in two groups, or after the number of its locker
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert secret not in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Enter the 6-digit code from your app. Order 123456 shipped today", "123456"),
        ("Your 4-digit PIN expires in 3000 seconds", "3000"),
        ("the 6 digit code costs 199 999 EUR to license", "199 999"),
        ("Pickup code for locker #5431: see the app", "5431"),
        ("error code 4821 9930 in module", "4821 9930"),
        ("the 4 digit code is the last part of the ZIP+4, like 90210-1234", "90210-1234"),
    ],
)
def test_a_number_that_is_no_code_stays(chain, text, kept):
    # GIVEN a number of the count's digits after a sentence's end, a lifetime, a price, a box's number
    # without a code, an error's code
    # WHEN stored  THEN it stays
    out = stored_text(chain, text)
    assert kept in out, out


def test_a_baidu_maps_key_under_ak_is_redacted(chain):
    # GIVEN Baidu Maps' access key under its query parameter "ak"
    out = stored_json(chain, {"ak": "fzuSmvPNJOXYx9QQzDyree9Qk84c62jw", "output": "json", "city": "上海市"})
    # WHEN stored  THEN the key is not, the city is
    assert "fzuSmvPNJOXYx9QQzDyree9Qk84c62jw" not in out and "上海市" in out, out


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("CV bhej raha hu - Rohit, DOB 3 March 1997, 9559 012 347, abhi Paytm me", "9559 012 347"),
        ("ഫോൺ 8547 002 619", "8547 002 619"),
        ("मा'र नम्बर 83348 12906", "83348 12906"),
        ("Baba ka number 84412 55031 hai", "84412 55031"),
    ],
)
def test_india_mobiles_in_their_groups_are_masked(chain, text, phone):
    # GIVEN an Indian mobile in fours and threes, or in fives beginning 833 or 844
    # WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert phone not in out, out


@pytest.mark.parametrize("line", ["call 833-555-0199 anytime", "call (844) 555-0100", "call 8885550123 for help"])
def test_a_north_american_toll_free_line_stays(chain, line):
    # GIVEN a North American toll-free number in its groups  WHEN stored  THEN it stays
    out = stored_text(chain, line)
    assert line.split("call ")[1].split(" ")[0] in out, out


@pytest.mark.parametrize("line", ["Bel de klantenservice op 088 482 9130.", "Vragen? 088-482 9130 (ma-vr)"])
def test_a_firms_national_line_stays(chain, line):
    # GIVEN the Netherlands' 088 company number in its groups
    # WHEN stored  THEN unchanged
    assert stored_text(chain, line) == line


@pytest.mark.parametrize("text", ["Contact: 0300-2218740 | usman.tariq@hotmail.com", "mera number 0300 551 2209 hai"])
def test_a_pakistani_mobile_starting_03_is_masked(chain, text):
    # GIVEN Pakistan's mobile (it starts 03 as the UK's firms' lines do)  WHEN stored  THEN it is not
    out = stored_text(chain, text)
    assert "0300" not in out, out
