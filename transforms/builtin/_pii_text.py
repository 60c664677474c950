"""Finding personal data inside strings: the pattern half of the ``pii`` transform.

Each string is checked for:

- ``name=value`` / ``"name": "value"`` pairs whose name is sensitive (form bodies, query
  strings left in a path or a Referer, JSON text in a truncated string body);
- values that look like personal data wherever they are, each confirmed in Python
  before it is replaced, so look-alikes survive:

  ========  ===========================================================================
  kind      what is replaced
  ========  ===========================================================================
  email     ``local@domain.tld`` (internationalised too, ``zoë@bücher.de``), also
            URL-encoded (``%40``); not ``logo@2x.png``-style asset names
  phone     ``+`` and a country code, grouped or not (``+44 20 7946 0958``,
            ``+14155550100``); ``00`` or ``011`` instead of the ``+``, then an ITU
            country code and groups (``0044 20 7946 0958``, ``011 44 20 7946 0958``);
            North American, with or without the ``1`` in front (``(415) 555-0100``,
            ``415-555-0100``, ``415.555.0100``, ``1-415-555-0100``,
            ``1 (415) 555-0100``); a trunk ``0`` number of 10 or 11 digits grouped
            with one kind of separator, spaces, dots or dashes (``020 7946 0958``,
            ``06.12.34.56.78``, ``0161-496-0000``), or a British five-digit code and
            six digits (``07700 900123``). A bare run of digits is an ID, an epoch or
            an order number, never a phone number; dates, times, IPs, versions and
            prices do not have these shapes.
  card      13-19 digits (optionally grouped by spaces or dashes, one kind of separator)
            that start like a card (2-series or 51-55 Mastercard, 4 Visa, 34/37 Amex,
            30/36/38/39 Diners, 6 Discover/UnionPay/Maestro) and pass the Luhn check
  ssn       US SSN written ``AAA-GG-SSSS`` with issued ranges (no 000/666/9xx area,
            no 00 group, no 0000 serial); nine bare digits are an ID
  iban      country code, check digits, 11-30 letters/digits (grouped by spaces or
            not) that pass the ISO 13616 mod-97 check; one not written in capitals
            (``gb82 west 1234 5698 7654 32``) must also have its country's length,
            so lower-case hex IDs and tokens survive
  jwt       ``eyJ<header>.<payload>.<signature>`` (base64url)
  bearer    ``Bearer <token>`` (the token holds a digit or punctuation)
  basic     ``Basic <base64 of user:password>``
  aws_key   AWS access key IDs (``AKIA``, ``ASIA``, ... followed by 16 characters)
  ========  ===========================================================================

The value handed to ``replace`` is the finding's canonical form, equal for every way of
writing the same identifier, so ``hash`` mode gives it one pseudonym: an e-mail address
lower-cased (``%40`` decoded); a card, SSN or national phone number as its digits; an
IBAN in capitals without spaces; a phone number written with its country code as ``+``
and digits, without the trunk ``(0)`` some write after the country code
(``+44 (0)20 7946-0958`` and ``0044 20 7946 0958`` are ``+442079460958``), a North
American number written after its ``1`` as ``+1`` and ten digits (``1-555-123-4567`` is
``+15551234567``, as is ``+1 555 123 4567``). A national number stays national: without
knowing the country, ``020 7946 0958`` cannot be told to be ``+44 20 7946 0958``
(:func:`with_country_code` does it when the country is configured). That holds for
``(555) 123-4567`` too: only the ``1`` in front says a 3-3-4 number is North American, so
it joins ``1-555-123-4567`` when ``phone_country_code`` is ``"1"``.

Each kind has its own expression, run only when a cheap substring test says it could
match (``@`` for e-mails, four digits in a row for numbers...), so most strings cost a
handful of substring checks. Every pattern checks the character before its first one (a look-behind) and its runs
are possessive or bounded, so a hostile 1 MiB string is scanned in linear time: no
pattern starts again in the middle of a run it already scanned, and none backtracks
into one (no catastrophic backtracking).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Callable, Iterable

#: Kinds that identify a person: pseudonymised in ``hash`` mode. The others (jwt,
#: bearer, basic, aws_key) are credentials: always masked, a pseudonym of a secret has no use.
IDENTIFIERS = frozenset({"email", "phone", "card", "ssn", "iban"})
#: Hex digits of a hash-mode pseudonym, ``<kind>:<hex>`` (``ssn:1f0c...``): 64 bits,
#: collision-free for any realistic population.
PSEUDONYM_HEX = 16
#: A pseudonym made earlier in the same string: its ``kind:`` reads like a ``name: value``
#: pair, and ``ssn`` or ``card`` are sensitive names; the pair pass leaves it be.
_PSEUDONYM_RE = re.compile(rf"(?:{'|'.join(sorted(IDENTIFIERS))}):[0-9a-f]{{{PSEUDONYM_HEX}}}")

# One expression per kind, each starting with a literal or a character class so the
# regex engine can skip ahead to where a match could begin; the boundary look-behind
# comes right after that first character for the same reason (measured: one combined
# alternation was 3x slower than these run one after the other).
_JWT_RE = re.compile(r"eyJ(?<![A-Za-z0-9_-]eyJ)[A-Za-z0-9_-]{4,}+\.[A-Za-z0-9_-]{4,}+\.[A-Za-z0-9_-]*+")
_AUTH_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<scheme>[Bb]earer|BEARER|[Bb]asic|BASIC)[ ]{1,8}+(?P<cred>[A-Za-z0-9._~+/=-]{8,}+)"
)
_AWS_KEY_RE = re.compile(
    r"A(?<![A-Za-z0-9]A)(?:KIA|SIA|GPA|IDA|ROA|IPA|NPA|NVA|BIA|CCA)[A-Z0-9]{16}(?![A-Za-z0-9])"
)
_CARD_RE = re.compile(r"[2-6](?<![A-Za-z0-9.,+-][2-6])[0-9](?:[ -]?[0-9]){11,17}(?![A-Za-z0-9]|[.,-][0-9])")
_SSN_RE = re.compile(r"[0-8](?<![A-Za-z0-9.-][0-8])[0-9]{2}-[0-9]{2}-[0-9]{4}(?![A-Za-z0-9]|[.-][0-9])")
_PHONE_INTL_RE = re.compile(r"\+(?<![A-Za-z0-9+]\+)[1-9][0-9]{0,2}(?>(?:[ .-]?\(?[0-9]{1,4}\)?){2,6})(?![0-9])")
_PHONE_NANP_RE = re.compile(
    r"[(0-9](?<![A-Za-z0-9.+(-][(0-9])(?:(?<=\()[0-9]{3}\)[ ]?|(?<=[0-9])[0-9]{2}[-. ])[0-9]{3}[-. ][0-9]{4}"
    r"(?![A-Za-z0-9]|[.-][0-9])"
)
#: ``1-555-123-4567``, ``1 (555) 123-4567``: a North American number after its trunk/country
#: ``1`` (area codes never start with 0 or 1); run before the national pattern, which
#: would take the number and leave the ``1``.
_PHONE_NANP1_RE = re.compile(
    r"1(?<![A-Za-z0-9.+(-]1)(?:[-. ]?\([2-9][0-9]{2}\)[ ]?|[-. ][2-9][0-9]{2}[-. ])[0-9]{3}[-. ][0-9]{4}"
    r"(?![A-Za-z0-9]|[.-][0-9])"
)
#: ``0044 20 7946 0958``, ``00 33 1 23 45 67 89``, ``011 44 20 7946 0958``: the international
#: call prefix dialled instead of ``+`` (``00`` in most of the world, ``011`` from North
#: America). The country code must be followed by a separator, so a bare digit run stays an
#: ID, and ``011`` by one too: ``0117 496 0000`` is a Bristol number, not ``+7``.
_PHONE_IDD_RE = re.compile(
    r"0(?<![A-Za-z0-9.+(-]0)(?:0[ ]?|11[ .-])(?P<cc>[1-9][0-9]{0,2})(?=[ .(-])"
    r"(?>(?:[ .-]?\(?[0-9]{1,4}\)?){2,6})(?![A-Za-z0-9]|[.-][0-9])"
)
#: A trunk ``0`` number: area code and groups with one kind of separator throughout
#: (``020 7946 0958``, ``0161-496-0000``, ``06.12.34.56.78``; one kind, so a date and a time
#: such as ``01.02.2026 12:30`` is not read as one number), or a British five-digit code
#: and six digits (``07700 900123``, ``01632 960001``). Never ``00``: that is the
#: international prefix (above), and ``000 0000 0000`` a placeholder.
_PHONE_TRUNK_RE = re.compile(
    r"0(?<![A-Za-z0-9.+(-]0)"
    r"(?:[1-9][0-9]{3}[ -][0-9]{6}|[1-9][0-9]{0,3}(?P<sep>[ .-])[0-9]{2,4}(?:(?P=sep)[0-9]{2,4}){1,3})"
    r"(?![A-Za-z0-9]|[.-][0-9])"
)
_IBAN_RE = re.compile(
    r"[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z][0-9]{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])"
)
_EMAIL_RE = re.compile(
    r"[\w.%+-](?<![\w.%+-][\w.%+-])[\w.%+-]{0,63}+"
    r"@(?P<domain>(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,24})(?![\w-])"
)
_EMAIL_URL_RE = re.compile(
    r"[\w.+-](?<![\w.+-][\w.+-])[\w.+-]{0,63}+%40(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,24}(?![\w-])"
)
#: The commonest strings with digits, UUIDs and ISO timestamps, hold none of the above.
_OPAQUE_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
#: Cards, SSNs, IBANs and national phone numbers all hold four digits in a row, or
#: (French style) three pairs of digits separated by spaces, dots or dashes.
_NUMBERISH_RE = re.compile(r"[0-9][0-9](?:[0-9]{2}|[ .-][0-9]{2}[ .-][0-9]{2})")

#: ``name=value``, ``name: value``, ``"name": "value"``; the name is judged in Python.
_PAIR_RE = re.compile(
    r"""
    (?P<name>[A-Za-z0-9_.\[\]-](?<![A-Za-z0-9_.\[\]-][A-Za-z0-9_.\[\]-])[A-Za-z0-9_.\[\]-]{0,63}+)
    "?[ ]{0,4}[:=][ ]{0,4}
    (?:"(?P<quoted>(?:[^"\\]|\\.)++)"?
     | (?P<plain>(?:(?i:bearer|basic|digest|token)[ ]+)?[^&\s;,"'{}\[\]]++))
    """,
    re.VERBOSE,
)

_RETINA_RE = re.compile(r"[0-9]+x\.[A-Za-z]+")
#: ``+44 (0)20 ...``: the trunk prefix written in brackets right after the country code.
_BRACKETED_TRUNK_RE = re.compile(r"^(\+[0-9]{1,3})[ .-]?\(0\)")
_NON_DIGIT_RE = re.compile(r"[^0-9]")
_CARD_PREFIX_RE = re.compile(r"4|5[1-5]|2[2-7]|3[47]|3[0689]|6")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


#: IBAN length by country (SWIFT IBAN registry, ISO 13616). Only IBANs not written in
#: capitals are held to it: a capitalised IBAN of a country added to the registry later
#: must still be found, and lower case is where hex IDs and tokens would pass mod-97 by
#: chance (one in 97 of those that start like an IBAN).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
    "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
    "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}
#: Pseudonyms that can be in a string the IBAN pass scans (the ``+`` phone pass runs
#: before it; cards and SSNs in text scrubbed twice): their 16 lower-case hex digits could
#: read as a lower-case Belgian IBAN (16 characters).
_EARLIER_PSEUDONYMS = ("phone:", "card:", "ssn:")


def iban_ok(compact: str) -> bool:
    if not 15 <= len(compact) <= 34:
        return False
    rotated = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rotated)) % 97 == 1


def phone_key(text: str) -> str:
    """The canonical form of a phone number found in ``text``: ``+`` and digits when it
    is written with its country code (a bracketed trunk ``(0)`` after it dropped), else
    the national digits."""
    if text.startswith("+"):
        return "+" + _NON_DIGIT_RE.sub("", _BRACKETED_TRUNK_RE.sub(r"\1", text))
    return _NON_DIGIT_RE.sub("", text)


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
    trunk = _TRUNK_PREFIXES.get(country_code, "0")
    if country_code == "1" and len(key) == 10 and key[0] not in "01":
        return "+1" + key  # NANP numbers are written without their trunk 1 as often as not
    if key.startswith(trunk):
        return "+" + country_code + key[len(trunk):]
    return key


def _card(text: str) -> str | None:
    digits = _NON_DIGIT_RE.sub("", text)
    separators = set(_NON_DIGIT_RE.findall(text))
    if len(separators) > 1 or not 13 <= len(digits) <= 19:
        return None
    if not _CARD_PREFIX_RE.match(digits) or not luhn_ok(digits):
        return None
    return digits


def _basic_ok(credential: str) -> bool:
    try:
        decoded = base64.b64decode(credential + "=" * (-len(credential) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b":" in decoded


def _bearer_ok(credential: str) -> bool:
    return not credential.isalpha()


#: Given (kind, normalised value, matched text), the replacement text.
Replace = Callable[[str, str, str], str]


class TextScrubber:
    """Replaces personal data in strings; ``replace`` decides what replaces it."""

    def __init__(
        self,
        replace: Replace,
        is_sensitive_name: Callable[[str], bool],
        name_stems: Iterable[str],
        redacted: str,
    ):
        self._replace = replace
        self._is_sensitive_name = is_sensitive_name
        self._redacted = redacted
        # A pair can only have a sensitive name if the text holds the start of one.
        self._stems = tuple(sorted({s.lower() for s in name_stems}))

    def scrub(self, text: str) -> str:
        # Each pass runs only when a cheap test says it could match: most strings (titles,
        # content types, user agents) pass through after a few substring checks.
        # Credentials first, so "Authorization: Basic dXNl..." loses the whole credential
        # and no digit pattern bites a piece out of a JWT; e-mails last, so a pseudonym's
        # hex is never scanned again.
        if "eyJ" in text:
            text = _JWT_RE.sub(self._credential, text)
        if "earer" in text or "asic" in text or "EARER" in text or "ASIC" in text:
            text = _AUTH_RE.sub(self._auth, text)
        if "A" in text:
            text = _AWS_KEY_RE.sub(self._credential, text)
        if "+" in text:  # before national numbers, which would take its tail
            text = _PHONE_INTL_RE.sub(self._phone, text)
        if _NUMBERISH_RE.search(text) is not None and _OPAQUE_RE.fullmatch(text) is None:
            # IBANs first: their digit groups would otherwise read as a card or a phone
            # number (``NL91 ABNA 0417 1643 00``, ``DE89 3704 0044 0532 0130 00``).
            text = _IBAN_RE.sub(self._iban, text)
            text = _CARD_RE.sub(self._card, text)
            if "-" in text:
                text = _SSN_RE.sub(self._ssn, text)
            if "00" in text or "011" in text:
                text = _PHONE_IDD_RE.sub(self._idd_phone, text)
            text = _PHONE_NANP1_RE.sub(self._nanp1_phone, text)
            text = _PHONE_NANP_RE.sub(self._phone, text)
            text = _PHONE_TRUNK_RE.sub(self._trunk_phone, text)
        if "@" in text:
            text = _EMAIL_RE.sub(self._email, text)
        if "%40" in text:
            text = _EMAIL_URL_RE.sub(self._email_url, text)
        if ("=" in text or ":" in text) and self._has_stem(text):
            text = _PAIR_RE.sub(self._pair, text)
        return text

    def _has_stem(self, text: str) -> bool:
        lowered = text.lower()
        return any(stem in lowered for stem in self._stems)

    def _pair(self, match: re.Match[str]) -> str:
        if not self._is_sensitive_name(match["name"]):
            return match[0]
        group = "quoted" if match["quoted"] is not None else "plain"
        if match[group] == self._redacted or _PSEUDONYM_RE.fullmatch(match[0]) or _PSEUDONYM_RE.fullmatch(match[group]):
            return match[0]
        start, end = match.start(group) - match.start(), match.end(group) - match.start()
        whole = match[0]
        return whole[:start] + self._redacted + whole[end:]

    def _credential(self, match: re.Match[str]) -> str:
        return self._replace("jwt" if match[0].startswith("eyJ") else "aws_key", "", match[0])

    def _auth(self, match: re.Match[str]) -> str:
        scheme = match["scheme"].lower()
        ok = _basic_ok if scheme == "basic" else _bearer_ok
        return self._replace(scheme, "", match[0]) if ok(match["cred"]) else match[0]

    def _card(self, match: re.Match[str]) -> str:
        digits = _card(match[0])
        return match[0] if digits is None else self._replace("card", digits, match[0])

    def _ssn(self, match: re.Match[str]) -> str:
        area, group, serial = match[0].split("-")
        if area in ("000", "666") or group == "00" or serial == "0000":  # never issued
            return match[0]
        return self._replace("ssn", area + group + serial, match[0])

    def _phone(self, match: re.Match[str]) -> str:
        digits = _NON_DIGIT_RE.sub("", match[0])
        return self._replace("phone", phone_key(match[0]), match[0]) if 8 <= len(digits) <= 15 else match[0]

    def _idd_phone(self, match: re.Match[str]) -> str:
        cc = match["cc"]
        key = phone_key("+" + match.string[match.start("cc"):match.end()])
        national = len(key) - 1 - len(cc)
        if cc not in COUNTRY_CODES or not 8 <= len(key) - 1 <= 15 or (cc == "1" and national != 10):
            return match[0]
        return self._replace("phone", key, match[0])

    def _nanp1_phone(self, match: re.Match[str]) -> str:
        return self._replace("phone", "+" + _NON_DIGIT_RE.sub("", match[0]), match[0])

    def _trunk_phone(self, match: re.Match[str]) -> str:
        digits = _NON_DIGIT_RE.sub("", match[0])
        return self._replace("phone", digits, match[0]) if 10 <= len(digits) <= 11 else match[0]

    def _iban(self, match: re.Match[str]) -> str:
        written = match[0].replace(" ", "")
        compact = written.upper()
        if written != compact:  # not in capitals: held to its country's length too
            if IBAN_LENGTHS.get(compact[:2]) != len(compact):
                return match[0]
            if match.string.endswith(_EARLIER_PSEUDONYMS, 0, match.start()):
                return match[0]
        return self._replace("iban", compact, match[0]) if iban_ok(compact) else match[0]

    def _email(self, match: re.Match[str]) -> str:
        if _RETINA_RE.fullmatch(match["domain"]):
            return match[0]
        return self._replace("email", match[0].lower(), match[0])

    def _email_url(self, match: re.Match[str]) -> str:
        return self._replace("email", match[0].replace("%40", "@").lower(), match[0])
