"""Phone numbers in text, as people write them.

Found from their shape alone (a bare run of digits is an ID, an epoch or an order number,
never a phone number; :mod:`._pii_ids` finds those after a word such as "call" or "Handy"):

- ``+`` and a country code, grouped or not (``+44 20 7946 0958``, ``+14155550100``,
  ``+49 30/12345678``); ``00`` or ``011`` instead of the ``+`` then an ITU country code and
  groups (``0044 20 7946 0958``, ``011 44 20 7946 0958``);
- North American, with or without the ``1`` in front (``(415) 555-0100``, ``415-555-0100``,
  ``415.555.0100``, ``1-415-555-0100``, ``(827)335-2897``);
- a bracketed area code (``(020) 7946 0958``, ``(11) 91234-5678``, ``(02) 9876 5432``,
  ``(030) 12345678``) or a slashed one (``030/12345678``, ``0221 / 1234567``);
- a trunk ``0`` number: groups with one kind of separator (``020 7946 0958``,
  ``06.12.34.56.78``, ``0161-496-0000``, ``0412 345 678``), or an area code and one
  subscriber group (``030 12345678``, ``06-12345678``, ``0151 12345678``, ``07700 900123``);
- mobile shapes of countries written without a trunk prefix: China ``138 1234 5678``,
  India ``98765 43210``, Brazil ``11 91234-5678``, Spain ``612 34 56 78``;
- each with an extension after it (``x191``, ``ext. 12``, ``#123``).

Dates, times, IPs, versions and prices do not have these shapes.

Canonical value (what ``hash`` mode pseudonymises): ``+`` and digits when the number is
written with its country code (a bracketed trunk ``(0)`` after it dropped), else the
national digits; an extension is kept as ``;ext=<digits>`` (RFC 3966), so a direct line and
the switchboard are two numbers.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_kinds import PSEUDONYM_HEX
from transforms.builtin._pii_words import one_of, starts_a_word, variants

Replace = Callable[[str, str, str], str]

#: An extension after a number: ``x191``, ``ext. 12``, ``extension 4``, ``#123``.
_EXT = r"(?:[ ]{0,2}(?:[xX]|[eE]xt\.?|EXT\.?|[eE]xtension|#)[ ]{0,2}[0-9]{1,6}+(?![0-9]))?"
#: After a number: not a letter or digit, nor a decimal or a longer dashed number.
_END = r"(?![A-Za-z0-9]|[.-][0-9])"

_INTL_RE = re.compile(
    r"\+(?<![A-Za-z0-9+]\+)[1-9][0-9]{0,2}(?>(?:(?:[ .-]|[ ]?/[ ]?)?\(?[0-9]{1,4}\)?){2,6})(?![0-9])" + _EXT
)
#: ``%2B4915112345678``, ``%2B48+512+345+678``, ``%2B44%2020%207946%200958``: the same, its
#: ``+`` URL-encoded, its spaces encoded (``%20``, ``+``) or not.
_INTL_ENCODED_RE = re.compile(
    r"%2[Bb][1-9][0-9]{0,2}(?>(?:(?:[ .+-]|%20)?[0-9]{1,4}){2,6})(?![0-9])"
)
_NANP_RE = re.compile(
    r"[(0-9](?<![A-Za-z0-9.+(-][(0-9])(?:(?<=\()[0-9]{3}\)[ ]?|(?<=[0-9])[0-9]{2}[-. ])[0-9]{3}[-. ][0-9]{4}"
    + _EXT + _END
)
#: ``1-555-123-4567``, ``1 (555) 123-4567``: a North American number after its trunk/country
#: ``1`` (area codes never start with 0 or 1); run before the national pattern, which
#: would take the number and leave the ``1``.
_NANP1_RE = re.compile(
    r"1(?<![A-Za-z0-9.+(-]1)(?:[-. ]?\([2-9][0-9]{2}\)[ ]?|[-. ][2-9][0-9]{2}[-. ])[0-9]{3}[-. ][0-9]{4}"
    + _EXT + _END
)
#: ``0044 20 7946 0958``, ``00 33 1 23 45 67 89``, ``011 44 20 7946 0958``: the international
#: call prefix dialled instead of ``+`` (``00`` in most of the world, ``011`` from North
#: America). The country code must be followed by a separator, so a bare digit run stays an
#: ID, and ``011`` by one too: ``0117 496 0000`` is a Bristol number, not ``+7``.
_IDD_RE = re.compile(
    r"0(?<![A-Za-z0-9.+(-]0)(?:0[ ]?|11[ .-])(?P<cc>[1-9][0-9]{0,2})(?=[ .(-])"
    r"(?>(?:[ .-]?\(?[0-9]{1,4}\)?){2,6})" + _EXT + _END
)
#: A trunk ``0`` number: area code and groups with one kind of separator throughout
#: (``020 7946 0958``, ``0161-496-0000``, ``06.12.34.56.78``; one kind, so a date and a time
#: such as ``01.02.2026 12:30`` is not read as one number), or an area code and a subscriber
#: number (``030 12345678``, ``07700 900123``): the digit counts are checked in code. Never
#: ``00``: that is the international prefix (above), and ``000 0000 0000`` a placeholder.
_TRUNK_RE = re.compile(
    # in brackets too ("Hanne (0495 22 71 48)"), but not a bracketed area code's or trunk's "(020)", "(0)20"
    # (after a dash only a Hebrew or Arabic prefix's: "ל-052-418-7733", not an order's "ORD-0612...")
    r"0(?<![A-Za-z0-9.+]0)(?<![A-Za-z0-9.+-]-0)(?!(?<=\(0)[0-9]{0,4}\))"
    r"(?:(?P<area>[1-9][0-9]{0,4})[ -](?P<subscriber>[1-9][0-9]{5,8})"
    r"|[1-9][0-9]{0,3}(?P<sep>[ .-])[0-9]{2,4}(?:(?P=sep)[0-9]{2,4}){1,3})"
    + _EXT + _END
)
#: ``(020) 7946 0958``, ``(11) 91234-5678``, ``(030) 12345678``: a bracketed area code.
_BRACKET_RE = re.compile(
    r"\((?<![A-Za-z0-9]\()(?:0[1-9][0-9]{0,4}|[1-9][0-9]{1,2})\)[ ]?[0-9]{2,8}(?:[ .-][0-9]{2,5}){0,3}" + _EXT + _END
)
#: ``070-123 45 67``, ``08-123 456 78``: an area code after a dash, groups after spaces (Sweden).
_DASH_SPACE_RE = re.compile(r"0(?<![A-Za-z0-9.+(-]0)[1-9][0-9]{0,3}-[0-9]{2,4}(?:[ ][0-9]{2,3}){1,3}" + _EXT + _END)
#: ``030/12345678``, ``0221 / 123 4567``: a slashed area code.
_SLASH_RE = re.compile(r"0(?<![A-Za-z0-9./-]0)[1-9][0-9]{1,4}[ ]?/[ ]?[0-9]{3,8}(?:[ -][0-9]{1,5})?" + _EXT + _END)
#: Mobile numbers of countries without a trunk 0: China ``138 1234 5678``, India
#: ``98765 43210``, Brazil ``11 91234-5678``, Spain ``612 34 56 78``.
_MOBILE_RE = re.compile(
    r"[1-9](?<![A-Za-z0-9.+(/-][1-9])(?:"
    r"(?<=1)[3-9][0-9](?P<cn>[ -])[0-9]{4}(?P=cn)[0-9]{4}"
    r"|(?<=[6-9])[0-9]{4}[ -][0-9]{5}"
    r"|(?<=[1-9])[1-9][ ]9[0-9]{4}-[0-9]{4}"
    r"|(?<=[6-9])[0-9]{2}[ ][0-9]{2}[ ][0-9]{2}[ ][0-9]{2}"
    r")" + _EXT + _END
)
#: More of them, of shapes a run of other numbers may hold, so only alone: Denmark and Norway in pairs
#: ``28 40 19 37``, Mexico and Argentina ``55 4821 0937``, ``11 5834-2290``, Peru and Portugal ``987 412
#: 036``, Chile ``9 6120 4478``, Senegal ``77 418 22 91``, Greece ``6978 421 093``, Norway ``924 18 337``,
#: Lithuania after its trunk 8 ``868 204 117``, India in fours and threes ``9559 012 347``.
_MORE_MOBILE_RE = re.compile(
    r"[1-9](?<![A-Za-z0-9.,+(/-][1-9])(?<![0-9][ ][1-9])(?:"
    r"(?<=[2459])[0-9][ ][0-9]{2}[ ][0-9]{2}[ ][0-9]{2}"
    r"|(?<=[1-9])[0-9][ ][1-9][0-9]{3}[ -][0-9]{4}"
    r"|(?<=9)[0-9]{2}[ ][0-9]{3}[ ][0-9]{3}"
    r"|(?<=[6-9])[0-9]{3}[ ][0-9]{3}[ ][0-9]{3}"
    r"|(?<=9)[ ][1-9][0-9]{3}[ ][0-9]{4}"
    r"|(?<=7)[05-8][ ][0-9]{3}[ ][0-9]{2}[ ][0-9]{2}"
    r"|(?<=6)9[0-9]{2}[ ][0-9]{3}[ ][0-9]{3}"
    r"|(?<=[49])[0-9]{2}[ ][0-9]{2}[ ][0-9]{3}"
    r"|(?<=8)6[0-9][ ][0-9]{3}[ ][0-9]{3}"
    r")" + _EXT + _END + r"(?![ ][0-9])"
)

_NON_DIGIT_RE = re.compile(r"[^0-9]")
_EXT_SPLIT_RE = re.compile(r"[ ]{0,2}(?:[xX]|[eE]xt\.?|EXT\.?|[eE]xtension|#)[ ]{0,2}(?=[0-9]+$)")
#: ``+44 (0)20 ...``: the trunk prefix written in brackets right after the country code.
_BRACKETED_TRUNK_RE = re.compile(r"^(\+[0-9]{1,3})[ .-]?\(0\)")


def _split_ext(text: str) -> tuple[str, str]:
    parts = _EXT_SPLIT_RE.split(text, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


def phone_key(text: str) -> str:
    """The canonical form of a phone number found in ``text``: ``+`` and digits when it
    is written with its country code (a bracketed trunk ``(0)`` after it dropped), else
    the national digits; ``;ext=<digits>`` after an extension."""
    number, ext = _split_ext(text)
    if number.startswith("+"):
        key = "+" + _NON_DIGIT_RE.sub("", _BRACKETED_TRUNK_RE.sub(r"\1", number))
    else:
        key = _NON_DIGIT_RE.sub("", number)
    return f"{key};ext={ext}" if ext else key


def _digits(text: str) -> str:
    return _NON_DIGIT_RE.sub("", _split_ext(text)[0])


#: Toll-free and shared-cost prefixes, national form: a business's line, no one's own number
#: (North America's 800/888/877/866/855/844/833, 0800 and 0808 of most of Europe, Africa and
#: Latin America, 1800 and 1300 of Australia, Ireland, India and Singapore, Japan's 0120,
#: Russia's 8 800, Spain's 900, Italy's 800, China's 400, Sweden's 020, New Zealand's 0508).
_NANP_TOLL_FREE = frozenset("800 888 877 866 855 844 833".split())
_TOLL_FREE_STARTS = ("0800", "0808", "0500", "0120", "0508", "0860", "1800", "1300", "1850", "8800",
                     # a company's shared-cost or service line: Nigeria's 0700, Germany's 0180x
                     "0700", "0180")
#: After a country code: the national toll-free prefixes, by code (Sweden's 020, not Denmark's 20).
_TOLL_FREE_AFTER_CC = {
    **{cc: ("800",) for cc in ("30", "31", "32", "39", "41", "43", "45", "47", "48", "49", "52", "55", "64", "90",
                              "254", "351", "358", "380", "852")},
    "7": ("800",), "27": ("800", "860"), "33": ("800", "805"), "34": ("800", "900", "901", "902"), "44": ("800", "808"),
    "46": ("20", "770", "771", "772"), "234": ("700", "800"), "971": ("600", "800"), "61": ("1800", "1300"), "65": ("1800", "800"), "81": ("120", "800"), "86": ("400", "800"),
    "91": ("1800",), "353": ("1800",),
}


#: A North American number's groups as written: 3, 3 and 4 digits (its area code maybe bracketed),
#: or all ten together.
_NANP_GROUPS_RE = re.compile(r"(?<![0-9])\(?[0-9]{3}\)?[ .-]?[0-9]{3}[ .-]?[0-9]{4}(?![0-9])")


#: National lines only firms and public bodies hold, in their country's groups: the Netherlands' 088 in 3-3-4.
#: (Not the UK's non-geographic 03: Pakistan's mobiles start 030-034 and are written the same, "0300 551 2209".)
_COMPANY_LINE_RE = re.compile(r"(?<![0-9])088[ -][0-9]{3}[ -]?[0-9]{4}(?![0-9])")


def toll_free(key: str, written: str = "") -> bool:
    """Is the phone number ``key`` (as :func:`phone_key` writes it) a toll-free or shared-cost
    line, which a company publishes? ``written``, the number as found, tells a North American
    number's groups from another country's (India's mobile ``83348 12906`` is no ``833`` line)."""
    digits = _digits(key)
    if key.startswith("+"):
        if digits.startswith("1"):
            return len(digits) == 11 and digits[1:4] in _NANP_TOLL_FREE
        for size in (3, 2, 1):
            prefixes = _TOLL_FREE_AFTER_CC.get(digits[:size])
            if prefixes is not None:
                national = digits[size:]
                return national.startswith(prefixes) and 7 <= len(national) <= 11
        return False
    if len(digits) == 11 and digits[0] == "1" or len(digits) == 10:
        if digits[-10:-7] in _NANP_TOLL_FREE and (not written or _NANP_GROUPS_RE.search(written) is not None):
            return True
    if written and _COMPANY_LINE_RE.search(written) is not None:
        return True  # the Netherlands' 088 ("088 482 9130"): a firm's line
    return digits.startswith(_TOLL_FREE_STARTS) and 8 <= len(digits) <= 12 or (
        len(digits) == 9 and digits.startswith(("900", "901", "902", "800", "803", "805", "808"))) or (
        len(digits) == 10 and digits.startswith(("400", "020"))) or (
        len(digits) == 8 and digits.startswith(("4004", "4003", "3003", "4020", "4090")))  # Brazil's capitals numbers


#: Country calling codes assigned by the ITU (E.164), for numbers dialled with ``00`` or
#: ``011`` instead of ``+``: ``0012 3456 7890`` is no phone number, there is no ``+12``.
COUNTRY_CODES = frozenset(
    "1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 "
    "81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 260 261 262 263 264 265 266 267 268 269 290 291 297 "
    "298 299 385 386 387 389 420 421 423 670 800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 979 "
    "998".split()
) | frozenset(
    str(n)
    for first, last in ((220, 258), (350, 359), (370, 383), (500, 509), (590, 599), (672, 683), (685, 692),
                        (960, 968), (970, 977), (992, 996))
    for n in range(first, last + 1)
)

#: National (trunk) prefixes other than ``0``, by country calling code: North America
#: dials ``1``, Hungary ``06``; Italy and San Marino have none (their leading ``0`` is part
#: of the number and stays after the country code).
_TRUNK_PREFIXES = {"1": "1", "36": "06", "39": "", "378": ""}


def with_country_code(key: str, country_code: str) -> str:
    """A :func:`phone_key` of a national number made international, taking it to be from
    the country of ``country_code`` (``"44"``): ``02079460958`` -> ``+442079460958``.
    Keys already international, and national numbers that cannot be that country's
    (no trunk prefix where one is dialled), are returned as they are."""
    if key.startswith("+"):
        return key
    number, sep, ext = key.partition(";")
    trunk = _TRUNK_PREFIXES.get(country_code, "0")
    if country_code == "1" and len(number) == 10 and number[0] not in "01":
        return "+1" + number + sep + ext  # NANP numbers are written without their trunk 1 as often as not
    if number.startswith(trunk):
        return "+" + country_code + number[len(trunk):] + sep + ext
    return key


def scrub_plus(text: str, replace: Replace) -> str:
    """Numbers written with ``+`` (or ``%2B``) and their country code."""
    if "%2" in text:
        text = _INTL_ENCODED_RE.sub(lambda m: _intl_encoded(m, replace), text)
    return _INTL_RE.sub(lambda m: _intl(m, replace), text) if "+" in text else text


def _intl_encoded(match: re.Match[str], replace: Replace) -> str:
    decoded = "+" + match[0][3:].replace("%20", " ").replace("+", " ")
    digits = _digits(decoded)
    return replace("phone", phone_key(decoded), match[0]) if 8 <= len(digits) <= 15 else match[0]

#: A mobile number as mobile-money and SMS gateways write it, its country code first and no "+" (an
#: MSISDN): M-Pesa's ``254712834460``, MTN MoMo's ``233244718203``, of African countries whose
#: mobile ranges start so; the count of digits of each country's numbers exactly.
_MSISDN_RE = re.compile(
    r"(?<![\w.,/+-])(?:254[17][0-9]{8}|255[67][0-9]{8}|256[7][0-9]{8}|233[25][0-9]{8}|234[789][01][0-9]{8}"
    r"|250[7][0-9]{8}|260[79][0-9]{8}|263[7][0-9]{8}|27[678][0-9]{8}|221[7][0-9]{8}|225[0][157][0-9]{8}"
    r"|237[6][0-9]{8}|265[89][0-9]{8}|258[8][2-7][0-9]{7})(?![\w.,-]|/[0-9])")
_MSISDN_GUARD_RE = re.compile(r"(?<![0-9])2[0-9]{10,12}(?![0-9])")
#: China's mobile numbers written whole (``13917264085``), in a text of Chinese: not after an order's,
#: a serial's or a transaction's word.
_CN_MOBILE_RE = re.compile(r"(?<![0-9A-Za-z.+/-])1[3-9][0-9]{9}(?![0-9A-Za-z]|[.,-][0-9])")
_CN_NUMBER_WORDS_RE = re.compile(r"(?:订单|訂單|单号|單號|编号|編號|流水号|交易号|序列号|工号|No\.?|#)[ :：]{0,2}$")
_HAN_RE = re.compile("[\u4e00-\u9fff]")


def scrub(text: str, replace: Replace) -> str:
    """Every phone number of another shape above in ``text`` (after :func:`scrub_plus`), replaced."""
    if "00" in text or "011" in text:  # before national numbers, which would take its tail
        text = _IDD_RE.sub(lambda m: _idd(m, replace), text)
    text = _NANP1_RE.sub(lambda m: _nanp1(m, replace), text)
    text = _NANP_RE.sub(lambda m: _national(m, replace, 10, 10), text)
    if "(" in text:
        text = _BRACKET_RE.sub(lambda m: _national(m, replace, 9, 12), text)
    if "/" in text:
        text = _SLASH_RE.sub(lambda m: _national(m, replace, 9, 12), text)
    text = _TRUNK_RE.sub(lambda m: _trunk(m, replace), text)
    if "-" in text:
        text = _DASH_SPACE_RE.sub(lambda m: _national(m, replace, 9, 11), text)
    text = _MOBILE_RE.sub(lambda m: _national(m, replace, 9, 11), text)
    if not text.isascii() and _HAN_RE.search(text) is not None:
        text = _CN_MOBILE_RE.sub(lambda m: m[0] if _CN_NUMBER_WORDS_RE.search(text, max(0, m.start() - 8), m.start())
                                 else replace("phone", m[0], m[0]), text)
    if _MSISDN_GUARD_RE.search(text) is not None:
        text = _MSISDN_RE.sub(lambda m: replace("phone", "+" + m[0], m[0]), text)
    text = _MORE_MOBILE_RE.sub(lambda m: m[0] if CURRENCY_AFTER_RE.match(text, m.end()) or _a_business_line(text, m.start())
                               else _national(m, replace, 8, 11), text)
    return text


#: The words before a business's published line: a number found by its shape alone after one is
#: a company's, for anyone to call ("Kundeservice: 22 33 44 55", "Línea BBVA: 55 5226 2663").
_BUSINESS_LINE_RE = re.compile(
    r"(?i:support|service|kundeservice|kundenservice|kundesenter|kundtjänst|asiakaspalvelu|hotline|helpline|"
    r"línea|linea|info|call ?cent(?:er|re)|atención|servicio|customer care|switchboard|reception|recepción|"
    r"zentrale|sentralbord|omstilling|reservations?|reservas|centralita|sac|serviço|atendimento)\b[^0-9\n]{0,24}$")


def _a_business_line(text: str, start: int) -> bool:
    return _BUSINESS_LINE_RE.search(text, max(0, start - 48), start) is not None


def _intl(match: re.Match[str], replace: Replace) -> str:
    digits = _digits(match[0])
    return replace("phone", phone_key(match[0]), match[0]) if 8 <= len(digits) <= 15 else match[0]


def _idd(match: re.Match[str], replace: Replace) -> str:
    cc = match["cc"]
    key = phone_key("+" + match.string[match.start("cc"):match.end()])
    national = len(_digits(key)) - len(cc)
    if cc not in COUNTRY_CODES or not 8 <= national + len(cc) <= 15 or (cc == "1" and national != 10):
        return match[0]
    return replace("phone", key, match[0])


def _nanp1(match: re.Match[str], replace: Replace) -> str:
    return replace("phone", "+" + phone_key(match[0]), match[0])


def _national(match: re.Match[str], replace: Replace, low: int, high: int) -> str:
    digits = _digits(match[0])
    return replace("phone", phone_key(match[0]), match[0]) if low <= len(digits) <= high else match[0]


#: The word an air waybill's number follows (``AWB 020-12345675``, ``MAWB: 176-...``).
_AWB_BEFORE_RE = re.compile(r"(?:\b[MH]?AWB|[Aa]ir ?[Ww]aybill|[Ww]aybill)(?: ?(?:[Nn]o\.?|[Nn]umber|#))?[ :#]{1,3}$")


def _air_waybill(match: re.Match[str]) -> bool:
    """An air waybill's number after its word: an airline's 3-digit prefix, a 7-digit serial
    and its check digit (the serial modulo 7), as ``020-12345675``."""
    digits = _digits(match[0])
    return (len(digits) == 11 and int(digits[3:10]) % 7 == int(digits[10])
            and _AWB_BEFORE_RE.search(match.string, max(0, match.start() - 24), match.start()) is not None)


def _trunk(match: re.Match[str], replace: Replace) -> str:
    n = len(_digits(match[0]))
    if n == 11 and _air_waybill(match):
        return match[0]
    if match["area"] is not None:
        # an area code and one subscriber group: 030 12345678 (3+8), 0151 12345678 (4+8),
        # 07700 900123 (5+6); not 01234 56789 or 012345 678901, which are IDs
        area = len(match["area"]) + 1
        ok = (area <= 4 and 10 <= n <= 12) or (area == 5 and n == 11)
    else:
        # (Indonesia's mobiles have 11 to 13 digits after their 08: "0812-3456-7801")
        # (Germany's mobiles have 11 or 12 digits after their 015, 016 or 017: "0176 4482 1093")
        ok = 10 <= n <= 11 or (n <= 13 and match[0][:2] == "08" and match[0][2:3] != "0") or (n == 12 and match[0][:3] in ("015", "016", "017"))
    return replace("phone", phone_key(match[0]), match[0]) if ok else match[0]


#: A number right after a person found in the text (their mask, or their pseudonym in hash mode), as
#: a signature or a contact line writes it: "Mvh [name], 20 12 48 77", "[name]（090-4417-2286）",
#: "Saņēmējs [name] 2918 3304". Digits in groups of one kind of separator, 7 to 15 of them.
_AFTER_PERSON_RE = re.compile(
    r"(?:\[name\]|(?<![\w:])name:[0-9a-f]{%d})(?:[ ]?[,(（–—-][ ]?|[ ]{1,2}|[ ]?[:：][ ]?)" % PSEUDONYM_HEX
    + r"(?P<number>\+?[0-9]{1,5}(?P<sep>[ .-]?)[0-9]{1,5}(?:(?P=sep)[0-9]{1,5}){0,4})(?![0-9A-Za-z]|[.,/-][0-9])"
)
#: What a number after a name may be instead: a date, a year or a span of years ("[name] (1912-1954)").
_NOT_A_PHONE_RE = re.compile(r"[0-9]{1,2}([./-])[0-9]{1,2}\1[0-9]{2,4}|(?:1[89]|20)[0-9]{2}([./-])[0-9]{1,2}\2[0-9]{1,2}"
                             r"|(?:1[89]|20)[0-9]{2}[ ]?[-–][ ]?(?:1[89]|20)?[0-9]{2}")
#: After a number: a currency (an amount paid to the person: "[name]га 1 200 000 сўм").
CURRENCY_AFTER_RE = re.compile(r"[ ]?(?:[A-Z]{3}(?![A-Za-z])|[$€£¥₹₦₽₴₸₩₫฿₱]|сўм|сум|so'm|руб|грн|тенге|lei|zł|kr\b"
                               r"|Ft\b|forint|złot|zlot|Kč|лв|dinara|din\b|euro|dollars?|pesos?|reais|rupees?|naira|shillings?)")


def scrub_after_a_person(text: str, replace: Replace) -> str:
    """A phone number's digits right after a person found in ``text`` (see :data:`_AFTER_PERSON_RE`)."""
    if "name" not in text:
        return text
    return _AFTER_PERSON_RE.sub(lambda m: _after_a_person(m, replace), text)


def _after_a_person(match: re.Match[str], replace: Replace) -> str:
    number = match["number"]
    if not 7 <= len(_digits(number)) <= 15 or _NOT_A_PHONE_RE.fullmatch(number) is not None:
        return match[0]
    if CURRENCY_AFTER_RE.match(match.string, match.end()) is not None:
        return match[0]
    if not match["sep"] and number[:1] not in "0+":
        return match[0]  # "Invoice for [name], 20240012": a run of digits is a phone's only with its 0 or +
    start = match.start("number") - match.start()
    return match[0][:start] + replace("phone", phone_key(number), number)


#: A number written digit by digit: "0 5 4 1 2 3 4 5 6 7", "9 4 1 5 6 - 7 8 0 1 2",
#: "0 9 0 8 . 1 2 3 . 4 5 6", "GHA-7 2 1 9 8 3 4 5 6-1": nine to fifteen single digits, a space,
#: a dot, a dash or a slash between each two (a date, a version or an OID has longer groups).
_SPACED_DIGITS_RE = re.compile(r"(?<![0-9.,])(?:\+[ ]?)?[0-9](?:(?:[ ][-./]?[ ]?|[-./][ ]?)[0-9](?![0-9])){8,14}(?![0-9]|[.,][0-9])")
_SPACED_GUARD_RE = re.compile(r"[0-9][ ][0-9][ .-]{1,3}[0-9][ ][0-9]")


def counting(digits: str) -> bool:
    """Are ``digits`` a count in order, up or down ("1 2 3 4 5 6 7 8 9", "uno, dos, tres...")? No one's number."""
    return digits in "01234567890" or digits in "9876543210"


def scrub_spaced_digits(text: str, replace: Replace) -> str:
    """A phone or an identifier written one digit at a time, as people dictate it and as OCR reads
    a form's boxes. At least four of its gaps are spaces, and it is no row of counters (at least
    five different digits, not 1 2 3 4 5 6 7 8 9 in order)."""
    if _SPACED_GUARD_RE.search(text) is None:
        return text
    return _SPACED_DIGITS_RE.sub(lambda m: _spaced_digits(m, replace), text)


def _spaced_digits(match: re.Match[str], replace: Replace) -> str:
    written = match[0]
    digits = _digits(written)
    if written.count(" ") < 4 or len(set(digits)) < 5 or counting(digits):
        return written
    phone = written[0] in "0+" and len(digits) <= 13
    return replace("phone" if phone else "national_id", digits, written)


#: Digits read aloud, in the words of a few languages: "four one two, five five five, zero one nine
#: three", "nau aath saat shunya, 55 66 77 1", "null eins sieben sechs ...".
_DIGIT_WORDS = {
    word: digit for digit, words in enumerate((
        "zero oh nought zéro cero null nul zero shunya sifuri nol",
        "one un une uno eins een um ek moja satu",
        "two deux dos zwei twee dois do mbili dua",
        "three trois tres drei drie três teen tatu tiga",
        "four quatre cuatro vier quatro char chaar nne empat",
        "five cinq cinco fünf funf vijf paanch panch tano lima",
        "six seis sechs zes chhe chhah sita enam",
        "seven sept siete sieben zeven sete saat saba tujuh",
        "eight huit ocho acht oito aath aat nane delapan",
        "nine neuf nueve neun negen nove nau tisa sembilan",
    )) for word in words.split()
}
# and Italian, Swedish, Czech and Polish (not their words that are also common words of others: "en", "to", "sex")
for _digit, _words in enumerate((
        "noll nula", "uno ett jedna jeden", "due två dva dwa", "tre tři trzy", "quattro fyra čtyři cztery",
        "cinque fem pět pięć", "sei šest sześć", "sette sju sedm siedem", "otto åtta osm osiem",
        "nove nio devět dziewięć")):
    _DIGIT_WORDS.update(dict.fromkeys(_words.split(), _digit))
# and in scripts of their own: Hindi, Russian, Hebrew, Arabic, Vietnamese, Turkish
for _digit, _words in enumerate((
        "शून्य ноль אפס صفر không sıfır", "एक один אחת אחד واحد một bir", "दो два שתיים שתים שניים اثنين اثنان hai iki",
        "तीन три שלוש ثلاثة ba üç", "चार четыре ארבע أربعة اربعة bốn dört", "पाँच पांच пять חמש خمسة năm beş",
        "छह छः шесть שש ستة sáu altı", "सात семь שבע سبعة bảy yedi", "आठ восемь שמונה ثمانية tám sekiz",
        "नौ девять תשע تسعة chín dokuz")):
    _DIGIT_WORDS.update(dict.fromkeys(_words.split(), _digit))
_DIGIT_WORD_FORMS = variants("|".join(_DIGIT_WORDS))
_DIGIT_WORD = "(?:" + one_of(_DIGIT_WORD_FORMS, literal=True) + r")(?![^\W\d_])"
_TOKEN = r"(?:(?:double|triple|Double|Triple|DOUBLE|TRIPLE)[ ])?" + _DIGIT_WORD + r"|[0-9]{1,4}(?![0-9])"
_GAP = r"(?:[ ]?[,.-]?[ ]|-)"
_SPOKEN_RE = re.compile(r"(?:" + _TOKEN + r")(?:" + _GAP + r"(?:" + _TOKEN + r")){5,20}")
#: Two digits in words in a row start a word somewhere: one scan of the text for the words.
_may_be_spoken = starts_a_word(_DIGIT_WORD_FORMS, after=_GAP + _DIGIT_WORD)
#: A PIN or a one-time code read aloud: four to eight digits, all in words ("four seven nine one",
#: "Drei acht null fünf", "siete, dos, cero, ocho"); Japanese kana between its commas ("よん、いち、きゅう、ご").
_KANA_DIGITS = {"ぜろ": 0, "れい": 0, "いち": 1, "に": 2, "さん": 3, "よん": 4, "し": 4, "ご": 5, "ろく": 6, "なな": 7,
                "しち": 7, "はち": 8, "きゅう": 9, "く": 9}
_KANA_DIGIT = "(?:" + "|".join(sorted(_KANA_DIGITS, key=len, reverse=True)) + ")"
SPOKEN_CODE_RE = re.compile(r"(?:" + _DIGIT_WORD + r")(?:" + _GAP + r"(?:" + _DIGIT_WORD + r")){3,7}"
                            r"|(?<![\u3040-\u30ff])" + _KANA_DIGIT + r"(?:[、,][ ]?" + _KANA_DIGIT + r"){3,7}(?![\u3040-\u30ff])")
SPOKEN_CODE_WORDS = {**_DIGIT_WORDS, **_KANA_DIGITS}


def may_be_spoken(text: str) -> bool:
    """Could ``text`` hold digits read aloud in words (two in a row, or kana between commas)?"""
    return _may_be_spoken(text) or ("、" in text and not text.isascii())


#: Digits read aloud in a script that writes them without spaces: Chinese and Japanese characters
#: ("幺三八 零五七一 二二六九"), Korean syllables ("공일공 사칠팔구 일이삼사"), Thai words.
_RUN_DIGIT = {**dict.fromkeys("零〇洞", 0), "一": 1, "幺": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "拐": 7, "八": 8, "九": 9, "勾": 9,
              "공": 0, "영": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9,
              "ศูนย์": 0, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9}
_RUN_TOKEN = "(?:" + "|".join(sorted(map(re.escape, _RUN_DIGIT), key=len, reverse=True)) + ")"
_RUN_RE = re.compile(_RUN_TOKEN + r"(?:[ -]?" + _RUN_TOKEN + r"){6,14}")
_RUN_TOKEN_RE = re.compile(_RUN_TOKEN)
_RUN_GUARD_RE = re.compile("[零〇洞一幺二两三四五六七拐八九勾][零〇洞一幺二两三四五六七拐八九勾 ]{2}"
                           "|[공영일이삼사오육칠팔구][공영일이삼사오육칠팔구 ]{2}|(?:ศูนย์|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า){2}")


def scrub_spoken_digits(text: str, replace: Replace) -> str:
    """A number read aloud digit by digit and written down in words, by speech-to-text or by a
    chat's user: seven or more digits, at least four of them in words; or seven to fifteen digits
    of a script without spaces between its words."""
    if not text.isascii() and _RUN_GUARD_RE.search(text) is not None:
        text = _RUN_RE.sub(lambda m: _run(m, replace), text)
    if not _may_be_spoken(text):
        return text
    return _SPOKEN_RE.sub(lambda m: _spoken(m, replace), text)


def _run(match: re.Match[str], replace: Replace) -> str:
    number = "".join(str(_RUN_DIGIT[token]) for token in _RUN_TOKEN_RE.findall(match[0]))
    if len(set(number)) < 3 or counting(number):
        return match[0]
    return replace("phone", number, match[0])


def _spoken(match: re.Match[str], replace: Replace) -> str:
    start = match.start()
    if start and (match.string[start - 1].isalpha() or match.string[start - 1].isdigit()):
        # the end of a word ("phone", "someone"): the number starts at the next token (no
        # lookbehind in the expression, which would cost its fast scan for a first letter)
        first = re.search(r"[ ,.-]+", match[0])
        rest = match[0][first.end():] if first else ""
        return match[0][:len(match[0]) - len(rest)] + scrub_spoken_digits(rest, replace)
    digits, words = [], 0
    repeat = 1
    for token in re.split(r"[ ,.-]+", match[0].lower()):
        if token in ("double", "triple"):
            repeat = 2 if token == "double" else 3
        elif token.isdigit():
            digits.append(token)
        elif token in _DIGIT_WORDS:
            digits.append(str(_DIGIT_WORDS[token]) * repeat)
            words += 1
            repeat = 1
    number = "".join(digits)
    if words < 4 or not 7 <= len(number) <= 15 or counting(number):
        return match[0]
    return replace("phone", number, match[0])
