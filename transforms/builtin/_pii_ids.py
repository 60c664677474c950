"""Card numbers and national identifiers inside text, each confirmed by its checksum.

A digit run (groups of digits joined by one or two spaces, dots, dashes or slashes) is
split into every sub-run whose edges are spaces or the run's own edges, and each is
classified by its digits and the shape of its groups, longest first:

- product codes first, so they are never taken for a card or an ID: a bare 12- or
  13-digit EAN/UPC passing its check digit, an ISBN written with its hyphens;
- a card: 13-19 digits grouped with one kind of separator, a scheme's prefix and length
  (Visa, Mastercard 51-55 and 2221-2720, Amex, Diners, Discover, JCB 3528-3589, Maestro,
  UATP 1, Mir 2200-2204, RuPay, UnionPay 62/81, Verve, Troy) and the Luhn check;
- a national identifier by its written shape and checksum (python-stdnum validates):
  US SSN ``078-05-1120`` / ``078 05 1120`` (issued ranges), Canadian SIN ``046 454 286``
  (Luhn), Brazilian CPF ``123.456.789-09`` and CNPJ ``12.345.678/0001-95`` (check digits,
  also bare), French NIR ``1 85 05 78 006 084 36`` (mod-97 key, also bare), German tax
  ID ``12 345 678 903`` (ISO 7064 mod 11,10, also bare), Indian Aadhaar
  ``2345 6789 0124`` (Verhoeff), Dutch BSN ``1112.22.333`` (11-proof), Belgian national
  number ``85.07.30-033.28``, Swedish personnummer ``850709-9805``, Danish CPR, Korean RRN,
  Polish PESEL and Norwegian fødselsnummer (bare, with their check digits), Chinese
  resident ID (18 characters, date and ISO 7064 check), South African ID (13 digits, date
  and Luhn, when it is not an EAN);
- and by their letters: UK NINO ``AB 12 34 56 C``, Spanish DNI ``12345678Z`` and NIE
  ``X1234567L`` (check letter), Indian PAN ``ABCPE1234F``, Italian codice fiscale (check
  letter), Mexican CURP, Finnish HETU (check character), UK driving licence
  ``MORGA753116SM9IJ`` (its date of birth), US Medicare MBI ``1EG4-TE5-MK73``.

A bare nine-digit run (SSN, SIN, BSN, routing number) or twelve-digit run (Aadhaar) is an
ID, an order or a tracking number unless a word before it says what it is: that is the
context pass, :func:`scrub_context`, which also finds bank accounts, UK sort codes, US
routing numbers (ABA check), passport and driving-licence numbers, a device's IMEI (Luhn),
MAC address or advertising ID (``IMEI: 4901...``, ``MAC address 00:1A:...``), and phone
numbers written without separators (``Handy: 01711234567``, ``call me at 4155550100``),
licence plates (``immatriculé GH-482-PK``); and, after a word that is also a common word
or an abbreviation of other things, only with their checksum (:data:`_CHECKED_CUES`): New
Zealand IRD, Slovenian EMŠO, Swiss AHV, Thai ID, Pakistani CNIC, UK UTR, Russian INN,
French numéro fiscal, Argentine CBU, IMSI...

Canonical values (what ``hash`` mode pseudonymises): digits, or letters and digits in
capitals, without separators.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from transforms.builtin._pii_kinds import KIND_CLASS, PSEUDONYM_HEX
from transforms.builtin._pii_words import cased, starts_word, variants

Replace = Callable[[str, str, str], str]

# --- checksums -----------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def gtin_ok(digits: str) -> bool:
    """The check digit of an EAN-13, UPC-A (12 digits), EAN-8 or GTIN-14."""
    body, check = digits[:-1], ord(digits[-1]) - 48
    total = sum((3 if i % 2 == 0 else 1) * (ord(c) - 48) for i, c in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


# --- cards ---------------------------------------------------------------------------

#: (lowest prefix, highest prefix, lengths): the card schemes' IIN ranges (ISO/IEC 7812).
_CARD_RANGES = (
    ("4", "4", (13, 16, 19)),  # Visa
    ("51", "55", (16,)), ("2221", "2720", (16,)),  # Mastercard
    ("34", "34", (15,)), ("37", "37", (15,)),  # Amex
    ("300", "305", (14, 16, 17, 18, 19)), ("36", "36", (14, 16, 17, 18, 19)),  # Diners
    ("38", "39", (14, 16, 17, 18, 19)),
    ("6011", "6011", (16, 17, 18, 19)), ("644", "649", (16, 17, 18, 19)), ("65", "65", (16, 17, 18, 19)),  # Discover
    ("3528", "3589", (16, 17, 18, 19)),  # JCB
    ("50", "50", (12, 13, 14, 15, 16, 17, 18, 19)), ("56", "69", (12, 13, 14, 15, 16, 17, 18, 19)),  # Maestro...
    ("1", "1", (15,)),  # UATP
    ("2200", "2204", (16, 17, 18, 19)),  # Mir
    ("353", "353", (16,)), ("356", "356", (16,)), ("81", "82", (16, 17, 18, 19)),  # RuPay, UnionPay 81
    ("62", "62", (16, 17, 18, 19)),  # UnionPay
    ("9792", "9792", (16,)),  # Troy
    ("8600", "8600", (16,)), ("9860", "9860", (16,)),  # Uzbekistan's Uzcard and Humo
    ("9762", "9762", (16,)),  # Tajikistan's Korti Milli
)


def card_scheme_ok(digits: str) -> bool:
    n = len(digits)
    for low, high, lengths in _CARD_RANGES:
        if n in lengths and low <= digits[:len(low)] <= high:
            return True
    return False


def card_digits_ok(digits: str) -> bool:
    """13-19 digits of a card scheme's prefix and length, passing Luhn."""
    return 13 <= len(digits) <= 19 and card_scheme_ok(digits) and luhn_ok(digits)


def card_number_like(number: int) -> bool:
    """Could this JSON number be a card number? (For the field-name side: a number under
    any name; an EAN-13 is not one.)"""
    if type(number) is not int or number <= 0:
        return False
    digits = str(number)
    if len(digits) == 13 and gtin_ok(digits):
        return False
    return card_digits_ok(digits)


# --- national identifiers ---------------------------------------------------------------


def _std(module: str):
    """A python-stdnum module's ``is_valid``, imported on first use (cold starts pay only
    for the validators they need)."""
    import importlib

    return importlib.import_module(f"stdnum.{module}").is_valid


@lru_cache(maxsize=None)
def _validator(module: str):
    return _std(module)


def valid(module: str, value: str) -> bool:
    try:
        return bool(_validator(module)(value))
    except Exception:  # a validator that chokes on an odd value has not found an ID
        return False


def nric_ok(value: str) -> bool:
    """A Singapore NRIC or FIN (``S1234567D``): its check letter, by the series of its
    first letter (S/T citizens, F/G foreigners; T and G issued from 2000)."""
    prefix, digits = value[0], value[1:8]
    total = sum(int(d) * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2)))
    total += 4 if prefix in "TG" else 0
    letters = "JZIHGFEDCBA" if prefix in "ST" else "XWUTRQPNMLK"
    return value[8] == letters[total % 11]


def rfc_ok(value: str) -> bool:
    """A Mexican RFC of a person (``GODE561231GR8``): its date and its check digit (a
    shape of four letters and a date alone is too common in codes)."""
    try:
        from stdnum.mx import rfc

        return rfc.validate(value, validate_check_digits=True) is not None
    except Exception:  # an invalid date or check digit
        return False


def uk_licence_ok(value: str) -> bool:
    """A UK (DVLA) driving licence number (``MORGA753116SM9IJ``): the surname's first five
    letters (9s pad a short one), then the decade, the month (plus 50 for a woman), the
    day and the year of birth, which must make a date."""
    month, day = int(value[6:8]), int(value[8:10])
    return (1 <= month <= 12 or 51 <= month <= 62) and 1 <= day <= 31 and value[0] != "9"


def mbi_ok(value: str) -> bool:
    """A US Medicare Beneficiary Identifier: written with both dashes or none."""
    return value.count("-") in (0, 2)


def _luhn_digits(value: str) -> bool:
    return value.isdigit() and luhn_ok(value)


def br_cns_ok(value: str) -> bool:
    """A Brazilian Cartão Nacional de Saúde (CNS, SUS card): 15 digits from 1, 2, 7, 8 or 9
    whose weighted sum (15 down to 1) is a multiple of 11."""
    return (len(value) == 15 and value.isdigit() and value[0] in "12789"
            and sum((15 - i) * (ord(c) - 48) for i, c in enumerate(value)) % 11 == 0)


def lu_matricule_ok(value: str) -> bool:
    """A Luxembourg national identification number (matricule): a date of birth
    ``YYYYMMDD``, three digits, a Luhn and a Verhoeff check digit over the first eleven."""
    if len(value) != 13 or not value.isdigit() or not (1 <= int(value[4:6]) <= 12 and 1 <= int(value[6:8]) <= 31):
        return False
    return luhn_ok(value[:12]) and valid("verhoeff", value[:11] + value[12])


def se_coordination_ok(value: str) -> bool:
    """A Swedish samordningsnummer: a personnummer whose day has 60 added (``720969-8096``)."""
    digits = value[-10:]
    return (len(value) in (10, 12) and value.isdigit() and 61 <= int(digits[4:6]) <= 91
            and 1 <= int(digits[2:4]) <= 12 and luhn_ok(digits))


def hkid_ok(value: str) -> bool:
    """A Hong Kong identity card number (``D873784(4)``, ``D8737844``): one or two letters,
    six digits and a check digit or ``A`` (mod 11)."""
    head = value[:-7] if len(value) in (8, 9) else ""
    if not (head.isalpha() and head.isupper() and value[-7:-1].isdigit()):
        return False
    chars = (" " + head if len(head) == 1 else head) + value[-7:-1]
    total = sum((9 - i) * (36 if c == " " else ord(c) - 55 if c.isalpha() else ord(c) - 48) for i, c in enumerate(chars))
    check = (11 - total % 11) % 11
    return value[-1] == ("A" if check == 10 else str(check))


#: The numbers Taiwan's letters of the place of first registration stand for (A Taipei City 10 ...).
_TW_LETTERS = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36)))


def tw_id_ok(value: str) -> bool:
    """A Taiwanese national ID (``F228391048``): a letter, 1 or 2 (8 or 9 for a resident), eight
    digits, the last a check digit (the letter's two digits weighted 1 and 9, then 8 down to 1)."""
    if len(value) != 10 or value[0] not in _TW_LETTERS or not value[1:].isdigit() or value[1] not in "1289":
        return False
    n = _TW_LETTERS[value[0]]
    total = n // 10 + (n % 10) * 9 + sum(int(d) * w for d, w in zip(value[1:9], range(8, 0, -1))) + int(value[9])
    return total % 10 == 0


def sa_nid_ok(value: str) -> bool:
    """A Saudi national ID (1...) or iqama (2...): ten digits, Luhn."""
    return len(value) == 10 and value[0] in "12" and _luhn_digits(value)


def es_nss_ok(value: str) -> bool:
    """A Spanish social security number (``28/12345678/40``): a province, a number and two
    control digits, the first ten modulo 97."""
    return len(value) == 12 and value.isdigit() and int(value[:10]) % 97 == int(value[10:])


def mx_nss_ok(value: str) -> bool:
    """A Mexican IMSS social security number: eleven digits, Luhn."""
    return len(value) == 11 and _luhn_digits(value)


def bc_phn_ok(value: str) -> bool:
    """A British Columbia Personal Health Number: ten digits from 9, mod 11."""
    if len(value) != 10 or not value.isdigit() or value[0] != "9":
        return False
    total = sum((ord(c) - 48) * w for c, w in zip(value[1:9], (2, 4, 8, 5, 10, 9, 7, 3)))
    return 11 - total % 11 == ord(value[9]) - 48


def qr_reference_ok(digits: str) -> bool:
    """A Swiss QR-bill or ISR reference: 27 digits, the last the recursive mod-10 check of the
    others."""
    if len(digits) != 27 or not digits.isdigit():
        return False
    carry = 0
    for c in digits[:-1]:
        carry = (0, 9, 4, 6, 8, 2, 7, 1, 3, 5)[(carry + ord(c) - 48) % 10]
    return (10 - carry) % 10 == ord(digits[-1]) - 48


#: Numbers that identify a company or a payment, not a person, written where a number pass
#: would read them as one's: a Swiss QR reference (``56 97835 31727 61746 44688 25897``), a
#: French SIREN or SIRET after its word (``SIREN 552 081 317``, Luhn).
COMPANY_NUMBER_RE = re.compile(
    r"(?<![0-9])(?<![0-9] )[0-9]{2}(?: [0-9]{5}){5}(?![0-9])"
    r"|(?:SIREN|SIRET|Siren|Siret|siren|siret|RCS [A-Z][a-z]{1,20})(?: n°| no\.?| nº)?[ :]{0,3}"
    r"[0-9]{3}[ .]?[0-9]{3}[ .]?[0-9]{3}(?:[ .]?[0-9]{5})?(?![0-9])"
)
_COMPANY_DIGITS_RE = re.compile(r"[0-9]{3}[ .]?[0-9]{3}[ .]?[0-9]{3}(?:[ .]?[0-9]{5})?$")


def company_number(match: re.Match[str]) -> bool:
    """Is ``match`` of :data:`COMPANY_NUMBER_RE` what it looks like (its check passes)?"""
    written = match[0]
    if written[0].isdigit():
        return qr_reference_ok(written.replace(" ", ""))
    digits = "".join(c for c in _COMPANY_DIGITS_RE.search(written)[0] if c.isdigit())
    return luhn_ok(digits) or digits.startswith("356000000")  # La Poste's SIRETs skip Luhn


def ssn_ok(digits: str) -> bool:
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return not (area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000")


def aba_ok(digits: str) -> bool:
    if len(digits) != 9:
        return False
    d = [ord(c) - 48 for c in digits]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0 and digits != "000000000"


def ae_eid_ok(digits: str) -> bool:
    """A UAE Emirates ID (``784-1979-3021874-4``): 15 digits from the country code 784, a year of
    birth, Luhn."""
    return len(digits) == 15 and digits.startswith("784") and 1900 <= int(digits[3:7]) <= 2030 and luhn_ok(digits)


def rs_account_ok(digits: str) -> bool:
    """A Serbian bank account (``160-0000001234567-29``): a bank's three digits, thirteen, and two
    control digits, ISO 7064 mod 97-10."""
    return len(digits) == 18 and 98 - int(digits[:16] + "00") % 97 == int(digits[16:])


def rw_id_ok(digits: str) -> bool:
    """A Rwandan national ID (``1 1990 8 1069064 0 66``): a citizen's 1 (2 a refugee, 3 a
    foreigner), a year of birth, 7 or 8 for the sex, then the serial digits."""
    return len(digits) == 16 and digits[0] in "123" and 1900 <= int(digits[1:5]) <= 2030 and digits[5] in "78"


def snils_ok(digits: str) -> bool:
    """A Russian СНИЛС (``112-233-445 95``): nine digits weighted 9 down to 1, the sum modulo 101
    (100 reads 00) is the last two."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    total = sum((9 - i) * (ord(c) - 48) for i, c in enumerate(digits[:9])) % 101
    return (0 if total == 100 else total) == int(digits[9:])


def uz_pinfl_ok(digits: str) -> bool:
    """An Uzbek ПИНФЛ/JShShIR (``42207913021186``): the century and sex (3-6), a date of birth
    ``DDMMYY``, a district and a serial, and a check digit (weights 7, 3, 1)."""
    if len(digits) != 14 or not digits.isdigit() or digits[0] not in "3456":
        return False
    if not (1 <= int(digits[1:3]) <= 31 and 1 <= int(digits[3:5]) <= 12):
        return False
    return sum((7, 3, 1)[i % 3] * (ord(c) - 48) for i, c in enumerate(digits[:13])) % 10 == ord(digits[13]) - 48


#: The banks whose CLABE is read bare: codes from 0 (the old banks: Banamex 002, BBVA 012, Santander 014,
#: HSBC 021, Banorte 072...) and STP (646, the fintechs'). A snowflake ID of 18 digits starts with 1.
_CLABE_BANKS = frozenset("002 006 009 012 014 019 021 030 032 036 037 042 044 058 059 060 062 072 646".split())


def mx_clabe_ok(digits: str) -> bool:
    """A Mexican CLABE (``012180359506669847``): a bank, a place, the account, a check digit
    (weights 3, 7, 1, each product modulo 10)."""
    if len(digits) != 18 or not digits.isdigit() or digits[:3] not in _CLABE_BANKS:
        return False
    total = sum((3, 7, 1)[i % 3] * (ord(c) - 48) % 10 for i, c in enumerate(digits[:17]))
    return (10 - total % 10) % 10 == ord(digits[17]) - 48


def ru_personal_account_ok(digits: str) -> bool:
    """A Russian bank account of a person (20 digits): the balance account says whose, 40817 and
    40820 a person's current account, 42301-42307 a person's deposit; a company's starts 407 or 40702."""
    return len(digits) == 20 and digits.isdigit() and (digits[:5] in ("40817", "40820") or "42301" <= digits[:5] <= "42307")


def nir_corsica_ok(value: str) -> bool:
    """A French NIR of a birth in Corsica (``1 57 03 2A 004 118 70``): 2A and 2B stand in the
    department's place; its key is computed with 19 (less 1,000,000) or 18 (less 2,000,000)."""
    if len(value) != 15 or value[5:7] not in ("2A", "2B") or not (value[:5] + value[7:]).isdigit():
        return False
    number = int(value[:5] + ("19" if value[5:7] == "2A" else "18") + value[7:13])
    number -= 1_000_000 if value[5:7] == "2A" else 2_000_000
    return 97 - number % 97 == int(value[13:])


def lk_nic_ok(value: str) -> bool:
    """A Sri Lankan old NIC (``872341567V``): a year, the day of the year (plus 500 for a woman),
    the serial and a check digit, then V (or X)."""
    days = int(value[2:5])
    return 1 <= days <= 366 or 501 <= days <= 866


#: A written shape (group lengths joined by their separators, runs of spaces as one space)
#: -> (kind, stdnum validator or a local check), tried in order.
_SHAPES: dict[str, tuple[tuple[str, object], ...]] = {
    "3-2-4": (("ssn", ssn_ok),),
    "2-4-7-2": (("account_number", "nz.bankaccount"),),  # a New Zealand bank account
    "2-4-7-3": (("account_number", "nz.bankaccount"),),
    "3 2 4": (("ssn", ssn_ok),),
    "3 3 3": (("sin", "ca.sin"),),
    "3-3-3": (("sin", "ca.sin"),),
    "3.3.3-2": (("cpf", "br.cpf"),),
    "2.3.3/4-2": (("cnpj", "br.cnpj"),),
    "1 2 2 2 3 3 2": (("nir", "fr.nir"),),
    "13 2": (("nir", "fr.nir"),),
    "2 3 3 3": (("steuer_id", "de.idnr"),),
    "4 4 4": (("aadhaar", "in_.aadhaar"),),
    "4-4-4": (("aadhaar", "in_.aadhaar"),),
    "4.2.3": (("bsn", "nl.bsn"),),
    "2.2.2-3.2": (("national_id", "be.nn"),),
    "6-4": (("national_id", "se.personnummer"), ("national_id", "dk.cpr"), ("national_id", "fi.hetu")),
    "8-4": (("national_id", "se.personnummer"),),
    "6-7": (("national_id", "kr.rrn"),),
    "3.4.4.2": (("national_id", "ch.ssn"),),  # a Swiss AHV/AVS number (756.xxxx.xxxx.xx)
    "3-4-7-1": (("national_id", ae_eid_ok),),  # a UAE Emirates ID, 784-YYYY-NNNNNNN-C
    "1-4-5-2-1": (("national_id", "th.pin"),),  # a Thai ID as printed: 3-1006-00788-21-4
    "6-2-4": (("national_id", "my.nric"),),  # a Malaysian MyKad: a date of birth, a state, a serial
    "3-13-2": (("account_number", rs_account_ok),),  # a Serbian bank account
    "1 4 1 7 1 2": (("national_id", rw_id_ok),),  # a Rwandan ID as printed on the card
    "3-3-3 2": (("national_id", snils_ok),), "3-3-3-2": (("national_id", snils_ok),),  # a Russian СНИЛС
}
_SHAPE_LENGTHS = frozenset(tuple(int(g) for g in re.split(r"[^0-9]", shape)) for shape in _SHAPES)
#: Bare runs by length. Nine digits and twelve are left to the context pass.
_BARE: dict[int, tuple[tuple[str, object], ...]] = {
    11: (("cpf", "br.cpf"), ("steuer_id", "de.idnr"), ("national_id", "pl.pesel"),
         ("national_id", "no.fodselsnummer"), ("national_id", "tr.tckimlik")),
    14: (("cnpj", "br.cnpj"), ("national_id", uz_pinfl_ok)),
    15: (("nir", "fr.nir"),),
    13: (("national_id", "za.idnr"), ("national_id", "ro.cnp"), ("national_id", lu_matricule_ok)),
    18: (("national_id", "cn.ric"), ("account_number", mx_clabe_ok)),
    # a person's Russian account (40817...) and an Argentine CBU (two check digits): longer than any card
    20: (("account_number", ru_personal_account_ok),),
    22: (("account_number", "ar.cbu"),),
}
#: Shapes whose IDs carry no check at all, only a date: accepted from their shape alone
#: would catch order numbers, so they are not in the table (Danish CPR is, through 6-4,
#: only when its date is valid, as stdnum checks).


def _check(check: object, digits: str) -> bool:
    return check(digits) if callable(check) else valid(check, digits)  # type: ignore[arg-type]


@lru_cache(maxsize=4096)
def classify_digits(digits: str, shape: str) -> tuple[str, str] | None:
    """(kind, canonical) of a digit sub-run written in ``shape`` (``"4 4 4 4"``), or None."""
    n = len(digits)
    # cards are written in groups of three or more (4 4 4 4, 4 6 5), with one separator
    separators = shape.translate(_NO_DIGITS)
    uniform = len(set(separators)) <= 1 and all(int(g) >= 3 for g in _SHAPE_SPLIT_RE.split(shape)[:-1])
    bare = shape.isdigit()
    if bare and n == 13 and 140 <= int(digits[:3]) <= 199 and lu_matricule_ok(digits):
        return "national_id", digits  # no GS1 prefix starts 140-199: a Luxembourg matricule of a 1940s-1990s birth
    if bare and n in (12, 13, 8, 14) and gtin_ok(digits):
        return None  # EAN-13, UPC-A, EAN-8, GTIN-14: a product
    for kind, check in _SHAPES.get(shape, ()):
        if _check(check, digits):
            return kind, digits
    if uniform and 13 <= n <= 19 and separators != "." and card_digits_ok(digits):  # 18342.5519823411: a decimal
        return "card", digits
    if bare:
        for kind, check in _BARE.get(n, ()):
            if _check(check, digits):
                return kind, digits
    return None


_NO_DIGITS = str.maketrans("", "", "0123456789")
_SHAPE_SPLIT_RE = re.compile(r"[^0-9]")

#: A run of digit groups. Possessive throughout; at most 12 joins, so a hostile run is cut
#: into pieces of bounded size and each is classified in constant time.
_RUN_RE = re.compile(
    r"[0-9](?<![A-Za-z0-9+][0-9])(?<![0-9][.,][0-9])[0-9]*+(?:(?:[ ]{1,2}|[./-])[0-9]++){0,31}+"
)
_GROUP_RE = re.compile(r"[0-9]++|[ ]{1,2}|[./-]")
_MIN_DIGITS = 9
#: The most groups an identifier is written in (a NIR: 1 2 2 2 3 3 2).
_MAX_GROUPS = 7

#: The Chinese resident ID ends in a digit or X; the others with letters have their own
#: expressions (capitals, look-behind first, bounded).
_LETTER_IDS = (
    ("nino", re.compile(
        r"[A-CEGHJ-TW-Z](?<![A-Za-z0-9][A-Z])[A-CEGHJ-NPQR-TW-Z](?P<s>[ ]?)[0-9]{2}(?P=s)[0-9]{2}(?P=s)[0-9]{2}(?P=s)"
        r"[A-D](?![A-Za-z0-9])"), None),
    ("dni", re.compile(r"[0-9](?<![A-Za-z0-9.-][0-9])[0-9]{7}[ -]?[A-HJ-NP-TV-Za-hj-np-tv-z](?![A-Za-z0-9])"), "es.dni"),
    ("dni", re.compile(r"[0-9](?<![A-Za-z0-9.-][0-9])[0-9]\.[0-9]{3}\.[0-9]{3}[ -]?[A-HJ-NP-TV-Z](?![A-Za-z0-9])"), "es.dni"),
    ("nie", re.compile(r"[XYZxyz](?<![A-Za-z0-9][XYZxyz])[ -]?[0-9]{7}[ -]?[A-HJ-NP-TV-Za-hj-np-tv-z](?![A-Za-z0-9])"), "es.nie"),
    ("pan", re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z]{2}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z](?![A-Za-z0-9])"), None),
    ("codice_fiscale", re.compile(
        r"[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z]{5}[0-9LMNP-Vlmnp-v]{2}[A-EHLMPR-Ta-ehlmpr-t][0-9LMNP-Vlmnp-v]{2}"
        r"[A-Za-z][0-9LMNP-Vlmnp-v]{3}[A-Za-z](?![A-Za-z0-9])"), "it.codicefiscale"),
    ("national_id", re.compile(r"[1-9](?<![A-Za-z0-9][1-9])[0-9]{16}[0-9Xx](?![A-Za-z0-9])"), "cn.ric"),
    ("national_id", re.compile(
        r"[A-Z](?<![A-Za-z0-9][A-Z])[AEIOUX][A-Z]{2}[0-9]{6}[HMX][A-Z]{5}[0-9A-Z][0-9](?![A-Za-z0-9])"), "mx.curp"),
    ("national_id", re.compile(r"[0-3](?<![A-Za-z0-9.-][0-3])[0-9]{5}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![A-Za-z0-9])"), "fi.hetu"),
    ("national_id", re.compile(r"[STFGstfg](?<![A-Za-z0-9][STFGstfg])[0-9]{7}[A-Za-z](?![A-Za-z0-9])"), nric_ok),
    ("national_id", re.compile(
        r"[A-Z&Ñ](?<![A-Za-z0-9&Ñ][A-Z&Ñ])[A-Z&Ñ]{3}[0-9]{2}[01][0-9][0-3][0-9][A-Z0-9]{2}[0-9A](?![A-Za-z0-9])"), rfc_ok),
    ("driving_licence", re.compile(
        r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z9]{4}[0-9][0156][0-9][0-3][0-9]{2}[A-Z9]{2}[0-9][A-Z]{2}(?![A-Za-z0-9])"), uk_licence_ok),
    # the letters of a Medicare MBI leave out S, L, O, I, B and Z
    ("national_id", re.compile(
        r"[1-9](?<![A-Za-z0-9-][1-9])[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]"
        r"-?[AC-HJKMNP-RT-Y]{2}[0-9]{2}(?![A-Za-z0-9-])"), mbi_ok),
)
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_SEPARATORS_RE = re.compile(r"[ .-]")


#: Any of them: most strings with letters and digits hold none, and one scan that says so
#: costs less than one per format. (A superset: the NINO's separator need not repeat.)
#: Each starts where no letter or digit is before it (its own look-behind says so, and more),
#: so the character before is matched first: ``re`` tries the formats only after one that
#: is no letter or digit, not at every letter of a word.
_ANY_LETTER_ID_RE = re.compile("(?:^|[^A-Za-z0-9])(?:" + "|".join(
    pattern.pattern.replace("(?P<s>[ ]?)", "[ ]?").replace("(?P=s)", "[ ]?") for _, pattern, _ in _LETTER_IDS
) + ")")


#: What every one of them holds: a letter next to a digit (a space, a dash or a plus
#: between at most), or the 17 digits of a Chinese ID; looked for from the digits, which
#: are rarer than letters.
_LETTER_ID_GUARD_RE = re.compile(r"[0-9](?:[ +-]?[A-Za-z]|(?<=[A-Za-z][0-9])|(?<=[A-Za-z][ -][0-9])|[0-9]{16})")


def scrub_letter_ids(text: str, replace: Replace) -> str:
    if _LETTER_ID_GUARD_RE.search(text) is None or _ANY_LETTER_ID_RE.search(text) is None:
        return text
    for kind, pattern, module in _LETTER_IDS:
        text = pattern.sub(lambda m, k=kind, mod=module: _letter_id(m, k, mod, replace), text)
    return text


def _letter_id(match: re.Match[str], kind: str, module, replace: Replace) -> str:
    # a Finnish HETU's separator is part of it (it tells the century)
    canonical = match[0].upper() if module == "fi.hetu" else _SEPARATORS_RE.sub("", match[0]).upper()
    if callable(module):
        ok = module(canonical)
    elif module is None:
        # Q is never issued, but QQ is the prefix of HMRC's own examples (QQ 12 34 56 C)
        ok = kind != "nino" or (canonical[:2] not in _NINO_BAD_PREFIXES and ("Q" not in canonical[:2] or canonical[:2] == "QQ"))
    else:
        ok = valid(module, canonical)
    return replace(kind, canonical, match[0]) if ok else match[0]


#: Identifiers whose written shape says what they are, letters or brackets in it, each confirmed
#: by its check where it has one (no cue word needed):
_SHAPED_IDS_RE = re.compile(
    # a Myanmar NRC: a state's number, the township's initials, (N) a citizen's (E, P, C others), six
    # digits; in Latin letters (9/MaYaTa(N)042118) or in Burmese (၁၂/ဥကမ(နိုင်)၁၈၄၂၇၇)
    r"(?P<nrc>(?<![0-9A-Za-z/])(?:1[0-4]|[1-9])/(?:[A-Z][a-z]{1,2}){2,4}[ ]?\((?:N|E|P|C|AC|NC|V|M|Naing)\)[ ]?[0-9]{6}"
    r"(?![0-9])"
    # (the text is read with its digits folded to ASCII: ၁၂ is 12)
    r"|(?<![0-9/])(?:1[0-4]|[1-9])/[\u1000-\u103f]{2,12}"
    r"\((?:\u1014\u102d\u102f\u1004\u103a|\u1027\u100a\u1037\u103a|\u1015\u103c\u102f)\)[0-9]{6}(?![0-9]))"
    # a Chilean RUN of a person, dotted, its check digit after a dash: 16.482.913-8 (a company's RUT is
    # 50.000.000 or more: it stays; checked: cl.rut)
    r"|(?P<clrut>(?<![A-Za-z0-9.,-])(?:[1-9]|[1-4][0-9])\.[0-9]{3}\.[0-9]{3}-[0-9kK](?![A-Za-z0-9]|[.,-][0-9]))"
    # a Venezuelan cédula, V (a citizen) or E (a foreigner), its number dotted: V-18.441.203
    r"|(?P<ve>(?<![A-Za-z0-9.-])[VE]-?[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}(?![0-9]|\.[0-9]))"
    # a French NIR of a birth in Corsica, 2A or 2B for its department (checked: nir_corsica_ok)
    r"|(?P<nir>(?<![A-Za-z0-9])[12] ?[0-9]{2} ?[0-9]{2} ?2[AB] ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}(?![A-Za-z0-9]))"
    # an eID's semantics identifier (ETSI EN 319 412-1): PNO a personal number, IDC an identity card,
    # PAS a passport, then the country: PNOEE-38001085718 (Smart-ID, Mobile-ID)
    r"|(?<![A-Za-z0-9])(?:PNO|IDC|PAS)[A-Z]{2}-(?P<eid>[0-9A-Z]{6,20})(?![A-Za-z0-9])"
    # an Angolan bilhete de identidade: nine digits, the province's letters, three digits
    r"|(?P<ao>(?<![A-Za-z0-9])[0-9]{9}(?:BO|BA|BE|CA|CC|CN|CS|CE|HO|HA|LA|LN|LS|MA|MO|NE|UE|ZE)[0-9]{3}(?![A-Za-z0-9]))"
    # a Hong Kong identity card with its check digit in brackets: Y315772(3) (checked: hkid_ok)
    r"|(?P<hk>(?<![A-Za-z0-9])[A-Z]{1,2}[0-9]{6}\([0-9A]\))"
    # a Sri Lankan old NIC: nine digits (a year, a day of the year) and V or X
    r"|(?P<lk>(?<![A-Za-z0-9])[0-9]{2}[0-8][0-9]{6}[VXvx](?![A-Za-z0-9]))"
    # a Czech bank account, prefix-number/bank (19-2000145399/0800): checked by stdnum, the bank known
    r"|(?P<cz>(?<![A-Za-z0-9/.-])(?:[0-9]{1,6}-)?[0-9]{2,10}/[0-9]{4}(?![0-9/]|[.,][0-9]))"
)
#: What each of them holds (a cheap scan first: most texts hold none).
_SHAPED_GUARD_RE = re.compile(r"[0-9][/.(]|[0-9][VXvxA-Z]|-[0-9]|[A-Z]{2}-[0-9]")


def scrub_shaped_ids(text: str, replace: Replace) -> str:
    if _SHAPED_GUARD_RE.search(text) is None:
        return text
    return _SHAPED_IDS_RE.sub(lambda m: _shaped_id(m, replace), text)


def _shaped_id(match: re.Match[str], replace: Replace) -> str:
    group = match.lastgroup
    written = match[group]
    canonical = re.sub(r"[ ./()-]", "", written).upper()
    if group == "nir":
        ok = nir_corsica_ok(canonical)
    elif group == "hk":
        ok = hkid_ok(canonical)
    elif group == "lk":
        ok = lk_nic_ok(canonical)
    elif group == "cz":
        ok = valid("cz.bankaccount", written)
    elif group == "clrut":
        ok = valid("cl.rut", written)
    else:
        ok = True
    if not ok:
        return match[0]
    kind = "account_number" if group == "cz" else "nir" if group == "nir" else "national_id"
    start, end = match.start(group) - match.start(), match.end(group) - match.start()
    return match[0][:start] + replace(kind, canonical, written) + match[0][end:]


def scrub_digit_ids(text: str, replace: Replace) -> str:
    """Cards and numeric IDs in every digit run of ``text``."""
    return _RUN_RE.sub(lambda m: _run(m, replace), text)


def _run(match: re.Match[str], replace: Replace) -> str:
    run = match[0]
    text, end = match.string, match.end()
    if run.isdigit():  # bare: one candidate
        if not _MIN_DIGITS <= len(run) <= 22 or not _tail_ok(text, end):
            return run
        result = classify_digits(run, str(len(run)))
        if result is None or (result[0] != "card" and _in_a_code(text, match.start())):
            return run
        return replace(result[0], result[1], run)
    tokens = _GROUP_RE.findall(run)  # digit groups at even indexes, separators at odd ones
    groups = tokens[0::2]
    lens = [len(g) for g in groups]
    seps = [" " if s[0] == " " else s for s in tokens[1::2]]
    tail_ok = _tail_ok(text, end)
    count = len(groups)
    # every sub-run that starts and ends at a space (or the run's edge) and could be an ID
    # or a card; the longest win, so a card is not cut into an Aadhaar and a remainder
    found: list[tuple[int, int, int, tuple[str, str]]] = []
    for i in range(count):
        if i and seps[i - 1] != " ":
            continue
        digits = 0
        card_shape = True
        for j in range(i, min(count, i + _MAX_GROUPS)):
            digits += lens[j]
            if digits > 19:
                break
            if digits < _MIN_DIGITS or not (j < count - 1 and seps[j] == " " or j == count - 1 and tail_ok):
                card_shape = card_shape and lens[j] >= 3
                continue
            if not (card_shape and digits >= 13) and tuple(lens[i:j + 1]) not in _SHAPE_LENGTHS:
                card_shape = card_shape and lens[j] >= 3
                continue
            card_shape = card_shape and lens[j] >= 3
            shape = "".join([str(lens[k]) + seps[k] for k in range(i, j)]) + str(lens[j])
            result = classify_digits("".join(groups[i:j + 1]), shape)
            if result is not None and result[0] == "card" and j > i and not _card_grouping(lens[i:j + 1]):
                continue  # Amazon's order 302-4829137-1029384 passes Luhn by chance: no card is grouped so
            if result is not None:
                found.append((digits, i, j, result))
    if found and _in_a_code(text, match.start()):
        # "STMT-20261130-0001", "INV-2024-000123": a reference's number after its word, not an ID
        found = [f for f in found if f[1] or f[3][0] == "card"]
    if not found:
        return run
    found.sort(key=lambda f: (-f[0], f[1]))
    taken: list[tuple[int, int, tuple[str, str]]] = []
    for _, i, j, result in found:
        if all(j < ti or i > tj for ti, tj, _ in taken):
            taken.append((i, j, result))
    taken.sort()
    out: list[str] = []
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    kept = 0
    for i, j, (kind, canonical) in taken:
        start, stop = offsets[2 * i], offsets[2 * j + 1]
        out.append(run[kept:start])
        out.append(replace(kind, canonical, run[start:stop]))
        kept = stop
    out.append(run[kept:])
    return "".join(out)


def _card_grouping(lens: list[int]) -> bool:
    """Is a card number written in these groups? Fours with a shorter last group (Visa,
    Mastercard, a 19-digit Maestro's 4-4-4-4-3), or Amex's 4-6-5 and Diners' 4-6-4."""
    return all(n == 4 for n in lens[:-1]) and 1 <= lens[-1] <= 4 or tuple(lens) in ((4, 6, 5), (4, 6, 4))


def _in_a_code(text: str, start: int) -> bool:
    """Does a bare run go on from a word and a dash or an underscore (``ORDER-90041212348``,
    ``inv_12345678909``)? Then it is the number of a reference, not an ID with a checksum
    (eleven digits pass one in ten of them by chance)."""
    if start >= 9 and text[start - 1] == "-" and _UUID_HEAD_RE.fullmatch(text, start - 9, start - 1):
        return True  # the middle of a UUID: bc606e42-8745-4439-9657-ec497bbe4372
    return start >= 2 and text[start - 1] in "-_" and text[start - 2].isalpha()


_UUID_HEAD_RE = re.compile(r"[0-9a-fA-F]{8}")


def _tail_ok(text: str, end: int) -> bool:

    """The run does not go on as a word, a decimal or a longer dashed/dotted number."""
    if end >= len(text):
        return True
    ch = text[end]
    return not (ch.isalnum() or (ch in ".,-/" and text[end + 1:end + 2].isdigit()))


# --- context: a word says what the digits are -------------------------------------------

_CUES = {
    "phone": r"call(?:ed|ing)?|phone|ph|tel|tél|telephone|téléphone|telefon|telefono|teléfono|telefone|telemóvel"
             r"|mobile|mobil|móvil|movil|cell|cellphone|cellulare|celular|handy|portable|WhatsApp|whatsapp|sms|text me|fax|bizum|Bizum|BIZUM|pix|PIX|mpesa|M-Pesa|m-pesa|gcash|GCash|PayNow|paynow|Yape|yape|yapeame|Yapeame|yapéame|Yapéame"
             r"|pod numerem|pod numer|numer telefonu|nr tel|nr telefonu|numerem"
             r"|ring me|mob|tlf|gsm|puhelin|rufnummer|mobilnummer|festnetz|numéro de téléphone|contact number"
             r"|telefonu|telefoon|mobiel|komórka|telefonnummer|llámame|chiamami|appelez-moi|dzwonić|dzwonic|zadzwoń|zadzwon"
             r"|ligue-me|liga-me|ligue|ligar|anrufen|bel me|chiamare|chiama|appelle-moi|appelle|appeler|zavolejte"
             r"|电话号码|电话是|电话|手机号码|手机号|手机|電話|携帯|телефон"
             # Indonesian and Malay: "nomor HP", "no. telp", "hubungi"
             r"|nomor hp|no hp|no\. hp|nomor telepon|no\. telp|no telp|telp|telepon|nomor wa|no wa|hubungi|telpon|tlp"
             # a contact's number in Portuguese and Spanish ("contacto 936 204 118", "contato")
             r"|contacto|contato"
             # Arabic, Hebrew, Persian, Urdu, Hindi, Thai, Vietnamese, Russian, Greek, Korean, Japanese,
             # Nordic, Finnish, Turkish and the Spanish and Portuguese "cel."
             r"|هاتفي|هاتف|الهاتف|رقم الهاتف|رقمي|جوالي|جوال|الجوال|رقم الجوال|موبايلي|موبايل|الموبايل|رقم الموبايل|المحمول"
             r"|تليفوني|تليفون|تلفوني"
             r"|رقم المحمول|اتصل بي على|اتصل بي|اتصل على|واتساب"
             r"|טלפון|נייד|פלאפון|מספר טלפון|התקשרו|התקשר|וואטסאפ|تلفن همراه|تلفن|موبایل|شماره همراه من|شماره همراه"
             r"|شماره موبایل|شماره من|شماره تماس|فون|موبائل|شماره همراهم|شمارهٔ همراهم|موبایلم|تلفنم|شماره‌ام"
             r"|फ़ोन|फोन|मोबाइल नंबर|मोबाइल|मेरा नंबर|फोन नंबर|व्हाट्सएप नंबर|व्हाट्सएप|संपर्क नंबर|เบอร์โทร|เบอร์|โทรศัพท์|โทร|มือถือ"
             r"|số điện thoại|điện thoại|sđt|sdt|đt|số của tôi|gọi cho tôi|zalo|тел|мобильный|мой номер|позвоните"
             r"|звоните|звонить|позвонить|сотовый|τηλ|τηλέφωνο|κινητό|τηλεφωνο|κινητο|전화번호|전화|휴대폰|핸드폰|연락처|電話番号|携帯番号"
             r"|連絡先|联系电话|聯絡電話|手機|ring mig|ring til mig|ring meg|soita|ara beni|beni ara|cep|cel"
             # Egyptian Arabic, Hindi and Urdu "call", Indonesian "HP", Russian and Ukrainian "to the number"
             r"|تليفون|تلفون|رقم التليفون|कॉल|काल|کال|hp|на номер|на номер телефона|номер телефона|номер телефону"
             r"|мій номер|мого номера|мобільний|телефону"
             # "my number is" where "number" alone says nothing; a line to call back; slang for a mobile
             r"|meng nummer|meng Nummer|meine nummer|meine Nummer|mijn nummer|min nummer|mitt nummer|mit nummer|numru|in-numru"
             r"|ligar-me|ligue-me para|ligue para|liguem|kontakt|kontakta|kontaktní|celu|mi celu|wa saya|wa aku|WA saya"
             r"|перезвоните|перезвонить|наберите|فودافون كاش|كاش|اتصلوا|whats|wsp|wasap|guasap|al whatsapp"
             # "call" in Czech, Slovak, Slovene, Croatian, Hungarian, Lithuanian, Latvian, Estonian, Icelandic,
             # Greek; whose number it is
             r"|volejte|volajte|zavolajte|zavolej|pokličite|pokliči|nazovite|nazovi|hívjon|hívjanak|hívj"
             r"|skambinkite|skambinti|zvaniet|helistage|helista|hringdu|hringið|καλέστε|κάλεσε|nomor WA|no WA"
             r"|her number|his number|their number|her mobile|his mobile|her cell|his cell|her phone|his phone"
             # Icelandic, Norwegian, Luxembourgish, Georgian, Khmer, Amharic, Armenian, Mongolian; Thai PromptPay;
             # Arabic with its "and" glued on (وجوالي)
             r"|síminn|síma|símann|símanúmer|gsm-ið|når meg på|nå meg på|nås på|treffes på|handysnummer|telefonsnummer"
             r"|ტელ|ტელეფონი|მობილური|ტელ\. ნომერი|លេខទូរស័ព្ទ|ទូរស័ព្ទ|ស្លេខ|ስልኬ|ስልክ|ስልክ ቁጥር|հեռախոս|հեռ"
             r"|утас|утасны дугаар|гар утас|promptpay|PromptPay|พร้อมเพย์|bkash|bKash|বিকাশ|nagad|telebirr"
             r"|وجوالي|ورقمي|وهاتفي|وموبايلي|وجوال|وهاتف|وموبايل|وتلفوني|وتليفوني|والجوال|والهاتف|والموبايل"
             # Latvian
             r"|tālrunis|tālr\.|talrunis|mobilais",
    "ssn": r"ssn|social security|soc\.? ?sec\.?",
    "sin": r"sin|social insurance|nas|numéro d'assurance sociale",
    "bsn": r"bsn|burgerservicenummer|sofinummer|sofi",
    "aadhaar": r"aadhaa?r|uidai|uid",
    "account_number": r"account|acct|a/c|kontonummer|konto|numéro de compte|n° de compte|número de cuenta"
                      r"|numero di conto|conto corrente|rekeningnummer|rekening|bank account|bankkonto|číslo účtu|cislo uctu"
                      r"|numer konta|nr konta|számlaszám|bankszámlaszám|broj računa|tilinumero|nuban|nomor rekening"
                      r"|conta corrente|conta poupança|número da conta|numero da conta|conta"
                      r"|р/с|р/сч|расчетный счет|расчётный счёт|лицевой счет|лицевой счёт|номер счета|номер счёта"
                      r"|рахунок|номер рахунку|hesap no|hesap numarası|iban no|akaun|no akaun|nombor akaun"
                      # Norwegian's definite form, Mexico's CLABE, Indonesian "rek", Japanese ordinary and
                      # current accounts, Korean, Telugu, Hindi, Bengali, Tamil, Thai, Vietnamese
                      r"|kontonummeret|kontonummeret mitt|kontoen|clabe|clabe interbancaria|cuenta clabe|rek|no rek|no\. rek|norek"
                      r"|普通預金|普通|当座|口座番号|계좌번호|계좌|అకౌంట్ నంబర్|ఖాతా నంబర్|ఖాతా సంఖ్య|खाता संख्या|खाता नंबर|अकाउंट नंबर"
                      r"|অ্যাকাউন্ট নম্বর|হিসাব নম্বর|கணக்கு எண்|เลขที่บัญชี|เลขบัญชี|số tài khoản|so tai khoan|stk"
                      # Korea's banks by their names and nicknames, an account's number after them ("국민 123401-04-567890")
                      r"|국민은행|국민|신한은행|신한|우리은행|하나은행|농협은행|농협|기업은행|카뱅|카카오뱅크|토스뱅크|케이뱅크"
                      r"|새마을금고|우체국|수협|신협|입금계좌"
                      # "acc 53018264" after a sort code or a bank; French, Icelandic ("á reikning": "reikningur"
                      # is an invoice), Punjabi, Hebrew, Zulu, Igbo, Swahili, Armenian, Lao and Cantonese words for an account; Thai "account" glued to
                      # its bank's name (บัญชีกสิกร 042-8-81924-7)
                      r"|acc|acc no|compte|compte bancaire|reikning|reikningsnúmer|ਖਾਤਾ|ਖਾਤਾ ਨੰਬਰ"
                      r"|חשבון|לחשבון|מספר חשבון|akhawunti|i-akhawunti|akaụntụ|akaunti|հաշիվ|ບັນຊີ|戶口"
                      r"|บัญชี(?:ธนาคาร)?(?:กสิกรไทย|กสิกร|กรุงเทพ|ไทยพาณิชย์|กรุงไทย|กรุงศรี|ทหารไทย|ออมสิน)?",
    "sort_code": r"sort[ -]?code|bankleitzahl|blz",
    "routing_number": r"routing|aba|rtn|transit number|routing transit",
    "passport": r"passport|passeport|reisepass|pasaporte|passaporto|paspoort|passaporte|pass no|putovnica|putovnice"
                r"|pasoš|pasoša|pasošu|cestovní pas|cestovný pas|útlevél|útlevélszám|passi|passinumero|رقم جوازي|جوازي"
                r"|旅券番号|旅券|パスポート番号|パスポート|护照号码|护照号|护照|護照號碼|護照|여권번호|여권"
                r"|رقم جواز السفر|جواز السفر|מספר דרכון|דרכון|паспорт|паспорта|паспорту|паспорті|паспорте|паспортом",
    "device_id": r"imei|imeisv|meid|mac address|mac-adresse|adresse mac|mac|idfa|gaid|advertising id",
    # an opaque identifier of one device or browser install (reported as device_id)
    "device_token": r"MachineGuid|machineguid|machine guid|machine-id|machine id|hardware id|hwid|rida|roku id"
                    r"|firebase installation id|installation id|fid|app instance id|visitor id|visitorid"
                    r"|device fingerprint|browser fingerprint|android id|android_id|ssaid",
    # a device's serial number (Apple's: 10 or 12 capitals and digits)
    "serial": r"serial number|serial no|serial|s/n|sn|seriennummer|numéro de série|número de serie"
              r"|numero di serie|serienummer|製造番号|シリアル番号|序列号",
    "vehicle_id": r"vin|vin number|vehicle identification number|fahrgestellnummer|fahrzeug-identifikationsnummer"
                  r"|chassis number|numéro de châssis|número de bastidor|numero di telaio|chassisnummer",
    # a licence plate (reported as a vehicle_id): letters and digits in capitals after it
    "plate": r"licen[cs]e plate|number plate|registration plate|reg plate|plate|immatriculé|immatriculée"
             r"|immatriculation|plaque d'immatriculation|plaque|kennzeichen|amtliches kennzeichen|nummernschild"
             r"|matrícula|matricula|targa|kenteken|numer rejestracyjny|tablica rejestracyjna|registreringsnummer"
             r"|rekisterinumero|spz|vrm|placa|placa do veículo|placa del vehículo"
             # "My vehicle, registration LB21 XKP", Afrikaans, Australian, Slovak, Hungarian, Romanian
             r"|registration|registrasie|rego|ečv|ecv|rendszám|rendszáma|rendszam|nr\. de înmatriculare"
             r"|numărul de înmatriculare|număr de înmatriculare|înmatriculat"
             # Turkish, Spanish (Mexico's "placas", Chile's and Argentina's "patente"), Dutch, Danish,
             # Vietnamese, Chinese, Korean, and the UK's "reg"
             r"|plaka|plakası|plakasi|plakam|placas|patente|nummerplaat|nummerplade|nummerplate|biển số|bien so"
             r"|biển số xe|車牌|车牌|車牌號碼|车牌号|번호판|reg|rendszáma|rekisterikilpi|plat nomor|nopol",
    # a vehicle named before its plate ("car LKT482", "Bilen min (EL 41827)"): a vehicle's word says
    # less than a plate's, so the plate must hold two letters and two digits (not "car XC90")
    "vehicle": r"car|auto|bil|bilen|kereta|bíll|bílaleigubíll|bílinn|camioneta|carro|coche|voiture|wagen|vehicle|vehículo"
               r"|vehiculo|veículo|bakkie|truck|taxi|motorbike|moto|samochód|samochod|araba|aracım|autó|αυτοκίνητο",

    "driving_licence": r"driver'?s'? licen[cs]e|driving licen[cs]e|driver licen[cs]e|licen[cs]e(?= ?(?:number|no[ .:]|nr|#))"
                       r"|führerschein"
                       r"|fuhrerschein|permis de conduire|carnet de conducir|licencia de conducir|patente di guida"
                       r"|rijbewijs|cnh|dl|dl no|dl number|führerscheinnummer|運転免許証番号|免許証番号|驾驶证号"
                       r"|운전면허번호|운전면허|면허번호",
    # a licence's number after the bare word ("Ravi, licence EB482917"): a software licence or a
    # year is written otherwise, so it must hold six digits, in capitals
    "licence": r"licence|license|licencia|licença|licenza|rijbewijs nr",
    "national_id": r"national id|national identity|id number|id no|id card|identity card|identity number"
                   r"|nambari ya kitambulisho|kitambulisho"
                   r"|personalausweis|ausweis|carte d'identité|cni|cédula|cedula|dni|nie|nif|nir|cpf|cnpj|rg"
                   r"|pesel|personnummer|nric|codice fiscale|steuer-?id|steuernummer|steueridentifikationsnummer"
                   r"|tax id|tin|itin|nino|national insurance|ni number|pan|curp|sozialversicherungsnummer"
                   r"|numéro de sécurité sociale|sécurité sociale|insee|hetu|cpr|rrn|my number|mynumber|tfn|medicare"
                   r"|nhs|henkilötunnus|fødselsnummer|fodselsnummer|rijksregisternummer|registre national"
                   r"|numéro national|national number|contribuinte|nipc|マイナンバー|個人番号|nric|ic no|pps number"
                   r"|pps no|ppsn|israeli id|teudat zehut|ת\.ז\.|t\.? ?c\.? kimlik|kimlik|tckn|cnp|rut|egn|oib"
                   r"|cuit|cuil|amka|rodné číslo|rodne cislo|isikukood|asmens kodas|주민등록번호|身份证号码|身份证"
                   r"|emirates id|cédula de identidad|nip|personal number|personal id"
                   # more countries' IDs whose word says nothing else
                   r"|ohip|health card|phn|personal health number|carte soleil|ramq"
                   r"|unique pupil number|voter id \(epic\)|voter id|voter id card|voter card|epic number|epic no"
                   r"|رقم الهوية الوطنية|رقم الهوية|الهوية الوطنية|رقم الإقامة|رقم السجل المدني|السجل المدني"
                   r"|numéro de sécurité sociale|número de la seguridad social|número de seguridad social"
                   r"|número de afiliación|numero de afiliacion|nss|sécu|numéro ine|numero ine"
                   # more countries' IDs after their word (VN, EG, JO, RU, KZ, LV, DE, BR, HU, NG, GH, PH, LK,
                   # BD, MA, CO, FR, PT, PL, BG, IL, NO)
                   r"|cccd|số cccd|so cccd|căn cước công dân|can cuoc cong dan|الرقم القومي|الرقم الوطني"
                   r"|снилс|snils|иин|iin|personas kods|personas koda|rentenversicherungsnummer|rvnr"
                   r"|título de eleitor|titulo de eleitor|taj|taj szám|taj számom|taj-szám|nin|bvn|ghana card"
                   r"|sss|sss no|nic|nic no|nid|nid number|nid নম্বর|cin|c\.c\.|carte d'identité|carte nationale d'identité"
                   r"|n° de carte d'identité|numéro d'assurance maladie|niss|numer dowodu|numer dowodu osobistego"
                   r"|dowód osobisty|егн|егн-то|מספר תעודת זהות|תעודת זהות|fødselsnummeret|fødselsnummer"
                   r"|паспорт|серия и номер|personal number|rodné číslo"
                   # Azerbaijan's personal code and identity card, Bulgarian "my EGN"
                   r"|fin kod|fin kodu|FİN kod|FİN kodu|FİN|şəxsiyyət vəsiqəsi|şəxsiyyət vəsiqəsinin|ЕГН-то"
                   # Iran's national code, Bangladesh's NID in Bengali, Malaysia's identity card
                   r"|کد ملی|کدملی|شماره ملی"
                   r"|এনআইডি|জাতীয় পরিচয়পত্র|no\. kp|no kp|kad pengenalan|no\. ic|ic number"
                   # Slovak and Czech identity cards, Romanian "buletin", Egypt's national number, Nepal's
                   # citizenship certificate, Sri Lanka's NIC, Zulu "the ID", Kazakh, Georgian and Armenian
                   # personal numbers, Mongolian register
                   r"|číslo op|cislo op|číslo OP|cislo OP|občiansky preukaz|obciansky preukaz|občanský průkaz|obcansky prukaz|op č\.|op c\."
                   r"|seria de buletin|seria buletin|buletin|buletinul|carte de identitate|cartea de identitate"
                   r"|رقمي القومي|رقم قومي|رقمى القومى|الرقم القومى|नागरिकता|नागरिकता नं|नागरिकता नम्बर|citizenship no|citizenship number"
                   r"|nic eka|ye-id|i-id|жсн|والرقم القومي|والرقم الوطني|ورقم الهوية|البطاقة الوطنية|بطاقة التعريف"
                   r"|身分證字號|身分證號碼|身份证号|FİN kodum|fin kodum|no\. IC|No\. IC|የፋይዳ ቁጥሬ|የፋይዳ ቁጥር|ፋይዳ|пирадი ნომერი|პირადი ნომერი|პ/ნ|անձնագիր|սոցիալական քարտ|регистрийн дугаар|регистр"
                   # abbreviations of Lithuanian, Norwegian, Czech and Slovene numbers; Latin America's
                   # identity card "CI" and Chile's "RUN" only before their dotted number ("CI 3.918.274-0")
                   # or a Bolivian card's department ("CI 6219034 SC"): bare, they are too many other things
                   r"|a\.k\.|fnr|f\.nr\.|rč|r\.č\.|davčna|davčna številka|emšo"
                   r"|ci(?=[ :]{1,3}(?:n[º°o]\.?[ ]?)?[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}(?:-[0-9kK])?(?![0-9])"
                   r"|[ ][0-9]{6,8}[ ](?:SC|LP|CB|OR|PT|CH|TJ|BE|PD)(?![A-Za-z]))"
                   r"|run(?=[ :]{1,3}[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}-[0-9kK](?![0-9]))"
                   # Colombia's tarjeta de identidad before its dotted number ("TI 1.023.884.190")
                   r"|ti(?=[ :]{1,3}[0-9]{1,3}\.[0-9]{3}\.[0-9]{3}(?![0-9]))"
                   # Angola's and Mozambique's bilhete de identidade (BI) before its own shape: nine digits, a
                   # province's letters and three digits (142265579LA547); twelve digits and a letter
                   r"|(?:bi|b\.i\.)(?=[ :]{1,3}(?:n[º°o]\.?[ ]?)?(?:[0-9]{9}[A-Z]{2}[0-9]{3}|[0-9]{12}[A-Z])(?![A-Za-z0-9]))"
                   r"|bilhete de identidade"
                   # Quebec's health insurance number (NAM: four letters, eight digits), Catalonia's CIP and
                   # Spain's TSI (four letters, ten or twelve digits): their abbreviations only before their shape
                   r"|nam(?=[ :]{1,3}[A-Z]{4}[ ]?[0-9]{4}[ ]?[0-9]{4}(?![0-9]))"
                   r"|(?:cip|tsi|tis)(?=[ :]{1,3}[A-Z]{4}[0-9]{10,12}(?![A-Za-z0-9]))"
                   # Ghana's social security (SSNIT), Botswana's Omang, Rwanda's indangamuntu, Tanzania's NIDA,
                   # Kuwait's civil ID, Algeria's national identification number, Sri Lanka's identity card
                   # (Sinhala), Afghanistan's tazkira (Pashto, Dari)
                   r"|ssnit|ssnit no|ssnit number|omang|omang no|indangamuntu|nida"
                   r"|البطاقة المدنية|الرقم المدني|الرقم المدنى|رقم التعريف الوطني|التعريف الوطني"
                   r"|ජා\.හැ\.අ\.|හැඳුනුම්පත|ජාතික හැඳුනුම්පත|د تذکرې شمیره|تذکرې|تذکره|د تذکرې",
    # Ukrainian and Russian taxpayer numbers: their Cyrillic words say nothing else, so any number
    # after them is one, its checksum right or not ("inn" in Latin letters is checked: _CHECKED_CUES)
    "tax_id": r"рнокпп|іпн|ідентифікаційний код|ідентифікаційний номер|инн"
              r"|идентификационный номер налогоплательщика",
    # the numbers an insurer or a health system knows a person by (reported as member_id)
    "member_id": r"member id|member number|membership number|member no|member nr|membership no"
                 r"|número de afiliado|numero de afiliado|subscriber id|subscriber number|insurance id"
                 r"|insurance number|policy holder id|medicaid id|medicaid number|beneficiary id|ehic|ehic card"
                 r"|european health insurance card|versichertennummer|krankenversichertennummer|kvnr"
                 r"|nhi number|nhi|tessera sanitaria|carte vitale|numéro de carte vitale"
                 r"|versicherungsnummer|versicherungsnr|versichertennr|svnr|sv-nr|sozialversicherungsnr|vers\.[ ]?(?:nr|Nr|NR)"
                 # a hospital's or a practice's number of its patient
                 r"|mrn|medical record number|medical record no|patient id|patient number|patient no"
                 r"|診察券番号|患者番号|カルテ番号|病历号|病案号|환자번호|ndis|ndis number|ndis no"
                 # Portugal's SNS user number, India's EPFO UAN, Kenya's NHIF, Senegal's IPRES, Croatia's MBO,
                 # Argentina's prepaid health card (OSDE's credencial), PhilHealth, a Lithuanian patient's card
                 r"|utente|nº utente|n\.º utente|número de utente|numero de utente|uan|uan no|nhif|nhif no|ipres"
                 r"|mbo|osde|credencial|philhealth|philhealth pin|philhealth no|pin philhealth|paciento kortelė"
                 r"|PhilHealth|PhilHealth PIN|PhilHealth no|PhilHealth No|PhilHealth number",
}
_GAP = (
    r"(?:[\s:=#.,'\"()\-–：፡°º]{0,4}+(?:numbers?|num|no|nr|nº|n°|nummer|numéro|número|numero|numarası|numarasi"
    r"|is|are|was|är|er|of|id|card"
    r"|me|at|on|us|under|unter|pod|au|al|ist|est|es|é|my|mein|meine|mon|ma|mi|il|o|de|do|da|du|to|via|an|à|a|per"
    r"|naar|or|oder|ou|o|saya|của|tôi|på|til|mig|meg|lautet|lauten|pribadi|n\.º|nº|reg_sz|value|valor|wert"
    r"|valeur|mitt|mine|min|là|ir|ми|е|серия|серии|kod|kodu|ass|para|tiegħi|пожалуйста|please|pls|bitte|por favor"
    # whom to call, and Hindi's, Urdu's and Indonesian's verbs and particles after the cue ("call him at",
    # "call karo", "telpon ke")
    r"|him|her|them|karo|kar|ke|pe|par"
    # Egyptian and Levantine "mine", Vietnamese "I" in chat ("الرقم القومي بتاعي", "CCCD của mình là")
    r"|بتاعي|بتاعتي|تبعي|mình|em"
    r"|c'est|c’est|changu|yangu|wangu|ni|من|هو|هي|na|e|серія|seria|eka|ngu|yami|ye|minn|mín|je|μου|είναι|ديالي|ቁጥሬ"
    # Filipino "my ... is" ("TIN ko ay"), Hausa "my", Arabic "number" ("إقامة رقم"), Amharic "number"
    # Haitian Creole "my", and the abbreviation of a number whose sign has no word boundary ("n° 7273...")
    r"|ko|ay|po|dina|رقم|ቁጥር|mwen|fin|n(?=[°º]))\b){0,4}+"
    r"[\s:=#.,'\"()\-–：፡°º第是為为]{0,4}+"
)
#: What may stand between a cue and its number (also read after ``_pii_cue_words``' cues).
GAP = _GAP
#: Identifiers with a check digit whose word is also a common word or an abbreviation of
#: other things ("inn", "UTR", "IRD", "SPI", "CBU"): after one of these words the number
#: must pass its checksum (python-stdnum) to be taken; a failing one is left as written.
#: (cue words, kind, validators tried in order)
_CHECKED_CUES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"ird|nz ird|inland revenue number", "tax_id", ("nz.ird",)),
    (r"rfc|r\.f\.c\.", "tax_id", ("mx.rfc",)),  # "RFC 5737" is a Request for Comments
    (r"emšo|emso|enotna matična številka občana|jmbg|јмбг|матични број|матичен број", "national_id", ("si.emso",)),
    (r"samordningsnummer|samordningsnr|coordination number", "national_id", (se_coordination_ok,)),
    (r"bis|numéro bis|numero bis|bis number|bis-nummer|bisnummer", "national_id", ("be.bis",)),
    (r"npwp|npwp pribadi|nomor pokok wajib pajak", "tax_id", ("id.npwp",)),
    (r"upn|pupil upn", "national_id", ("gb.upn",)),
    (r"epic", "national_id", ("in_.epic",)),
    (r"cartão de cidadão|cartao de cidadao|cartão do cidadão|cartao do cidadao|cc", "national_id", ("pt.cc",)),
    (r"hkid|hong kong identity card|hk identity card|香港身份證|身份證號碼", "national_id", (hkid_ok,)),
    # Taiwan's ID after its names (身分證字號, 身分證, 統一證號), Ireland's PPS number (its word is also a unit's)
    (r"身分證字號|身分證號碼|身分證號|身分證|身份證字號|國民身分證|統一證號|居留證號|tw id|taiwan id", "national_id", (tw_id_ok,)),
    (r"pps|ppsn|pps no|pps number|psp|uimhir psp|m'uimhir psp", "national_id", ("ie.pps",)),
    (r"cns|cartão sus|cartao sus|cartão nacional de saúde|cartao nacional de saude|matricule|matricule cns"
     r"|numéro de matricule", "national_id", (br_cns_ok, lu_matricule_ok)),
    (r"naf|nuss", "national_id", (es_nss_ok,)),
    (r"imss|nss imss", "national_id", (mx_nss_ok,)),
    (r"iqama|هوية|إقامتي|اقامتي|رقم إقامتي|رقم اقامتي|الإقامة|الاقامة|إقامة|اقامة|هويته|هويتي|رقم هويته|رقم هويتي",
     "national_id", (sa_nid_ok,)),
    (r"ahv|avs|ahvn13|ahv-nr|avs-nr|ahv-nummer|numéro avs|numero avs", "national_id",
     ("ch.ssn",)),
    # a Thai person's taxpayer number is their ID number (a company's starts with 0, which th.pin refuses)
    (r"เลขประจำตัวประชาชน|เลขบัตรประชาชน|บัตรประชาชน|thai id|thai national id|เลขประจำตัวผู้เสียภาษีอากร"
     r"|เลขประจำตัวผู้เสียภาษี|เลขผู้เสียภาษี", "national_id", ("th.pin",)),
    (r"cnic|nicop|snic|computerized national identity card|شناختی کارڈ", "national_id", ("pk.cnic",)),
    (r"utr|unique taxpayer reference|self assessment utr|sa utr", "tax_id", ("gb.utr",)),
    (r"inn", "tax_id", ("ru.inn",)),
    (r"numéro fiscal|numero fiscal|numéro fiscal de référence|n° fiscal|identifiant fiscal|spi|numéro spi",
     "tax_id", ("fr.nif",)),
    (r"kennitala", "national_id", ("is_.kennitala",)),
    (r"ik", "national_id", ("ee.ik",)),  # an Estonian isikukood after its abbreviation ("IK 49008230225")
    # a Greek AFM (a company's is told apart: a_companys)
    (r"afm|αφμ|α\.φ\.μ\.", "tax_id", ("gr.vat",)),
    (r"nik|nomor induk kependudukan", "national_id", ("id.nik",)),
    (r"mykad|ic|i/c", "national_id", ("my.nric",)),  # Malaysia's "IC 950412-14-5528", not a chip's "IC 74HC595"
    (r"cbu|cvu|clave bancaria uniforme|clave virtual uniforme", "account_number", ("ar.cbu",)),
    (r"imsi", "device_id", ("imsi",)),
    # a bare "ID" before a South African identity number ("inombolo yami ye-ID ngu-9304055821083")
    (r"id", "national_id", ("za.idnr",)),
)
_CHECKED_WORDS = [words for words, _, _ in _CHECKED_CUES]
# One alternation without groups (named groups in it stop ``re`` from skipping to where a
# cue could start: measured 300 times slower); the cue's kind is found after a match.
_CONTEXT_RE = re.compile(
    # a German compound's "-nummer" glued on: "Personalausweisnummer", "Reisepassnummer"
    # (a cue in a script without spaces may touch a Latin capital: "身分證F228391048")
    r"(?P<cue>" + cased(*_CUES.values(), *_CHECKED_WORDS) + r")(?:nummer|Nummer|NUMMER)?(?:(?<=[\u4e00-\u9fff])|(?![^\W\d_]))"
    + "(?i:" + _GAP + r")(?=[+(0-9A-Za-z가-힣\u4e00-\u9fffА-ЯІЇЄҐ])"
)
#: What a cue of :func:`scrub_context` starts with, at the start of a word.
CUE_WORDS = [variant for words in (*_CUES.values(), *_CHECKED_WORDS) for variant in variants(words)]
_CUE_KINDS = tuple((kind, re.compile(f"(?i:{words})")) for kind, words in _CUES.items())
_CHECKED_KINDS = tuple((re.compile(f"(?i:{words})"), kind, checks) for words, kind, checks in _CHECKED_CUES)


def checked_cue(cue: str) -> tuple[str, tuple[str, ...]] | None:
    for pattern, kind, checks in _CHECKED_KINDS:
        if pattern.fullmatch(cue):
            return kind, checks
    return None


def _cue_kind(cue: str) -> str:
    for kind, pattern in _CUE_KINDS:
        if pattern.fullmatch(cue):
            return kind
    return "national_id"
_NUMBER_VALUE_RE = re.compile(
    r"\+?\(?[0-9]++(?:(?:[ ]{1,2}|[./-]|\)[ ]?|[ ]\()[0-9]++){0,8}+"
    r"(?:[ ]{0,2}(?:[xX#]|[eE]xt\.?|EXT\.?|[eE]xtension)[ ]{0,2}[0-9]{1,6}+)?"
)
#: A driving licence's number after the bare word "licence": capitals, digits, dashes between groups.
_LICENCE_VALUE_RE = re.compile(r"[A-Z]{0,3}+[0-9]{2,12}+(?:-[0-9A-Z]{1,10}+){0,3}+[A-Z]{0,2}+")
#: A bank's name between an account's word and its number: one capitalised or upper-case word, or
#: a Korean or Chinese one, then a space.
_BANK_NAME_RE = re.compile(r"(?:[A-Z][A-Za-z&]{1,11}|[가-힣]{2,4}|[\u4e00-\u9fff]{2,6})[ ](?=[0-9])")
_WORD_VALUE_RE = re.compile(r"[A-Za-z0-9]{1,24}+(?:[./-][A-Za-z0-9]{1,24}+){0,5}+")
#: Digit groups after the first, one space before each, at most 20 digits in all.
_SPACED_GROUPS_RE = re.compile(r"(?:[ ][0-9]{2,8}+){1,3}+(?![0-9])")
#: A Russian passport's series and number ("серия 45 09 номер 771204", "45 09 № 771204").
_RU_PASSPORT_RE = re.compile(r"(?P<series>[0-9]{2}[ ]?[0-9]{2})[ ,]{1,2}(?:номер|№)[ ]?(?P<number>[0-9]{6})(?![0-9])")
#: An old Ukrainian passport's series, two Cyrillic capitals, and number ("серія ЕК 123456").
_CYRILLIC_SERIES_RE = re.compile(r"[А-ЯІЇЄҐӨҮ]{2}[ ]?(?:[0-9]{8}|[0-9]{6})(?![0-9])")  # and Mongolia's register: УБ90051512
#: A device's identifier after its word: a MAC address, an advertising ID (a UUID).
_DEVICE_VALUE_RE = re.compile(
    r"[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}"
    r"|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
)
#: An opaque device or install identifier: a UUID, hex, base64url (Firebase's FID,
#: FingerprintJS's visitor ID).
_DEVICE_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}+")
#: A device's serial number as Apple writes it: 10 or 12 capitals and digits.
_SERIAL_RE = re.compile(r"[A-Z0-9]{10}(?:[A-Z0-9]{2})?+")
#: A licence plate: groups of capitals and digits, a space or a dash between them.
_PLATE_RE = re.compile(r"[A-Z0-9]{1,8}+(?:[ .·-][A-Z0-9]{1,8}+){0,3}+")  # RIO2A18, LB21 XKP, GD 7K441, 51G-482.17
_VIN_RE = re.compile(r"[A-HJ-NPR-Za-hj-npr-z0-9]{17}")
_DATE_OR_TIME_RE = re.compile(r"[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}|[0-9]{1,2}:[0-9]{2}")


#: ``cpf:`` before a pseudonym's hex: the value was made by an earlier pass, not an ID.
_PSEUDONYM_BEFORE_RE = re.compile("(?:" + "|".join(sorted(KIND_CLASS, key=len, reverse=True)) + "):$")
_PSEUDONYM_HEX_RE = re.compile(f"[0-9a-f]{{{PSEUDONYM_HEX}}}(?![0-9A-Za-z])")


_TOKEN_RUN_RE = re.compile(r"[A-Za-z0-9]*")


def _inside_a_run(text: str, start: int, end: int) -> bool:
    """Is the cue at ``start:end`` part of a token of random letters and digits: a digit
    right before it, or glued to what follows with a lower-case letter in the run?"""
    if start and text[start - 1].isdigit():
        return True
    if end < len(text) and text[end].isalnum():
        run = _TOKEN_RUN_RE.match(text, end)
        return any(c.islower() for c in run[0]) and any(c.isdigit() for c in run[0])
    return False


def scrub_context(text: str, replace: Replace, phone_key: Callable[[str], str]) -> str:
    """Numbers that only a word before them identifies."""
    out: list[str] = []
    pos = 0
    search_from = 0
    while (cue := _CONTEXT_RE.search(text, search_from)) is not None:
        search_from = cue.end()
        if cue.start() < pos:
            continue
        if not starts_word(text, cue.start()):
            search_from = cue.start() + 1  # "GTBank account": the cue "account" starts inside
            continue
        if (cue["cue"].isascii() and _inside_a_run(text, cue.start(), cue.end())
                and (cue.end("cue") == cue.end() or _cue_kind(cue["cue"]) != "device_token")):
            continue  # "ph4RG1MVrx...", "RG400LvFkg9V": a cue's letters inside a random token
        at = cue.end()
        gap = text[cue.end("cue"):at]
        if gap[:1] == ")" and "\n" in gap:
            continue  # "(duplicitné RČ)\n...": a bracket and a line close the cue; the next line is not its value
        if _PSEUDONYM_BEFORE_RE.search(text, max(0, at - 24), at) is not None and _PSEUDONYM_HEX_RE.match(text, at):
            continue  # an earlier pass's pseudonym; "ssn:536225467" is a number after its word
        checked = checked_cue(cue["cue"])
        if checked is not None and cue["cue"] in ("cc", "CC", "Cc") and _DOTTED_CEDULA_RE.match(text, at) is not None:
            checked = None  # not a Portuguese cartão de cidadão: a Colombian cédula, "cc 74.232.089"
        if checked is not None:
            found = _checked_value(text, at, *checked)
        else:
            found = context_value(text, at, _cue_kind(cue["cue"]), phone_key)
        if found is None:
            continue
        stop, found_kind, canonical, *start = found
        at = start[0] if start else at  # after a bank's name the cue kept
        out.append(text[pos:at])
        out.append(replace(found_kind, canonical, text[at:stop]))
        pos = stop
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


#: The groups of a checked identifier: digits (and capitals: ``92397918 2 BM0``,
#: ``D873784(4)``) joined by one space, a dot, a dash or a slash.
_CHECKED_VALUE_RE = re.compile(r"[0-9A-Z]{1,24}+(?:(?:[ ]|[./-])[0-9A-Z]{1,24}+|\([0-9A]\)){0,7}+")
_CHECKED_GROUP_RE = re.compile(r"[ ./-]|\(|\)")


def _checked_value(text: str, at: int, kind: str, checks: tuple) -> tuple[int, str, str] | None:
    """The identifier after a cue of :data:`_CHECKED_CUES`, when one of its checks passes:
    its groups, the longest run of them that passes (``... 2 BM0, válido`` ends at ``BM0``)."""
    match = _CHECKED_VALUE_RE.match(text, at)
    if match is None:
        return None
    # where a group ends: before each separator, and the match's end
    ends = [at + m.start() for m in _CHECKED_GROUP_RE.finditer(match[0]) if m[0] != ")"] + [match.end()]
    ends = sorted({e for e in ends if e > at})
    for stop in reversed(ends):
        if not _boundary_after(text, stop) and text[stop] != "(":
            continue
        canonical = _CHECKED_GROUP_RE.sub("", text[at:stop])
        digits = sum(c.isdigit() for c in canonical)
        if not 7 <= len(canonical) <= 24 or digits < 6:
            continue
        for check in checks:
            if check(canonical) if callable(check) else valid(check, canonical):
                if check == "mx.rfc" and len(canonical) == 12:
                    return None  # a company's RFC: three letters, a person's has four
                if kind == "tax_id" and a_companys(text[max(0, at - 24):at], canonical):
                    return None  # a Greek company's AFM
                if text.startswith("(", stop) and text[stop + 2:stop + 3] == ")":
                    stop += 3  # a check digit in brackets, D873784(4)
                return stop, kind, canonical
    return None


_DIGITS_ONLY_RE = re.compile(r"[^0-9]")
#: A cédula's number written with dots between thousands (1.094.775.579, 74.232.089).
_DOTTED_CEDULA_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){2,3}(?![0-9]|\.[0-9])")


def _boundary_after(text: str, stop: int) -> bool:
    # Chinese, Japanese and Korean write the next word without a space: 第301234567890号, 61로
    return stop >= len(text) or not text[stop].isalnum() or "\u3040" <= text[stop] <= "\ud7a3"


#: The words of tax numbers that a company's and a person's share, and how a company's tells itself
#: apart: Argentina's CUIT 30/33/34 (a person's 20/23/24/27), Chile's RUT from 50 million (a person's
#: below), Uruguay's 12-digit RUT (a person has a CI), Russia's 10-digit ИНН (a person's has 12),
#: Kyrgyzstan's 14-digit ИНН starting 0 (a person's 1 or 2), Portugal's NIF/NIPC starting 5, 6, 8 or 9
#: (a person's 1-3), Angola's 10-digit NIF starting 5, Spain's NIF starting with a company's letter,
#: Kenya's KRA PIN starting P (a person's A).
_TAX_WORD_RE = re.compile(r"(cuit|rut|инн|nipc|nif|kra pin|pin|afm|αφμ|α\.φ\.μ\.)\W{0,4}$")


def a_companys(before: str, canonical: str, written: str = "") -> bool:
    """Is ``canonical`` (``written`` so), after ``before`` (the words just before it), a company's tax
    number by its own structure?"""
    word = _TAX_WORD_RE.search(before.lower())
    if word is None:
        return False
    scheme, digits = word[1], canonical.replace("-", "").replace(".", "")
    if scheme == "cuit":
        return len(digits) == 11 and digits[:2] in ("30", "33", "34")
    if scheme == "rut":
        body = digits[:-1]
        return (len(digits) == 12 and digits.isdigit()) or (body.isdigit() and 8 <= len(body) <= 9 and int(body) >= 50_000_000)
    if scheme == "инн":
        return digits.isdigit() and (len(digits) == 10 or len(digits) == 14 and digits[0] == "0")
    if scheme in ("afm", "αφμ", "α.φ.μ."):
        return canonical[:1] in ("8", "9") or canonical[:2] == "09"  # a legal entity's (a person's from 0-2)
    if scheme == "nif" and written.count("-") == 3:
        return False  # Haiti's NIF of a person, 507-358-548-5 (Angola's company NIF is written bare)
    if scheme in ("nif", "nipc"):
        return (digits.isdigit() and (len(digits) == 9 and digits[0] in "5689" or len(digits) == 10 and digits[0] == "5")
                or len(digits) == 9 and digits[0] in "ABCDEFGHJNPQRSUVW" and digits[1:8].isdigit())
    return scheme in ("kra pin", "pin") and len(digits) == 11 and digits[0] == "P" and digits[1:10].isdigit()


def context_value(text: str, at: int, kind: str, phone_key) -> tuple[int, str, str] | None:
    if kind == "licence":
        match = _LICENCE_VALUE_RE.match(text, at)
        if match is None or not _boundary_after(text, match.end()):
            return None
        value, end = match[0], match.end()
        if value.isdigit() and (groups := _SPACED_GROUPS_RE.match(text, end)) is not None and groups[0] \
                and _boundary_after(text, groups.end()):
            value, end = text[at:groups.end()], groups.end()  # "licence no. is 034 782 915"
        if sum(c.isdigit() for c in value) < 6:
            return None
        if value.replace("-", "").isdigit() and ("-" in value or len(value) == 8 and value[:2] in ("19", "20")):
            return None  # years and dates: "license 2024-2025", "license 20240611"
        return end, "driving_licence", _SEPARATORS_RE.sub("", value)
    if kind in ("passport", "driving_licence", "national_id", "member_id", "tax_id"):
        if kind in ("passport", "national_id") and (ua := _CYRILLIC_SERIES_RE.match(text, at)) is not None:
            return ua.end(), kind, _SEPARATORS_RE.sub("", ua[0])  # an old Ukrainian passport: ЕК 123456
        match = _WORD_VALUE_RE.match(text, at)
        if match is None or not _boundary_after(text, match.end()):
            return None
        value = match[0]
        end = match.end()
        if kind == "passport" and (ru := _RU_PASSPORT_RE.match(text, at)) is not None:
            return ru.end(), kind, _SEPARATORS_RE.sub("", ru["series"] + ru["number"])
        if kind in ("national_id", "passport", "tax_id", "driving_licence", "member_id") and (value.isdigit() or (value.isalpha() and value.isupper()
                                                                       and len(value) <= 4)):
            # an ID written in groups of digits ("120490 10026", "1234 5678 9018"): the
            # groups after the first are part of it
            groups = _SPACED_GROUPS_RE.match(text, end)
            if groups is not None and groups[0] and _boundary_after(text, groups.end()):
                end = groups.end()
                value = text[at:end]
        canonical = _SEPARATORS_RE.sub("", value).upper().replace("/", "")
        if len(canonical) > 24:
            return None
        digits = sum(c.isdigit() for c in canonical)
        if not 5 <= len(canonical) <= 24 or digits < 2 or (canonical.isdigit() and len(canonical) < 6):
            return None
        if kind == "national_id" and digits < 4 and not (len(canonical) >= 7 and digits >= 2 and value.upper() == value):
            return None  # a card's number of capitals and a few digits is one (X4RTBPFW4, 5ZXK4P2)
        if kind in ("national_id", "tax_id") and a_companys(text[max(0, at - 24):at], canonical, value):
            return None
        return end, kind, canonical
    if kind == "vehicle_id":  # a VIN: 17 letters and digits, never I, O or Q ("vin rouge 2019" is wine)
        match = _VIN_RE.match(text, at)
        if match is not None and _boundary_after(text, match.end()) and any(c.isdigit() for c in match[0]):
            return match.end(), "vehicle_id", match[0].upper()
        return None
    if kind == "device_token":
        match = _DEVICE_TOKEN_RE.match(text, at)
        if (match is not None and _boundary_after(text, match.end()) and any(c.isdigit() for c in match[0])
                and any(c.isalpha() for c in match[0])):
            return match.end(), "device_id", match[0]
        return None
    if kind == "serial":
        match = _SERIAL_RE.match(text, at)
        if (match is not None and _boundary_after(text, match.end()) and sum(c.isdigit() for c in match[0]) >= 2
                and sum(c.isalpha() for c in match[0]) >= 2):
            return match.end(), "device_id", match[0]
        return None
    if kind in ("plate", "vehicle"):
        match = _PLATE_RE.match(text, at)
        if match is None or not _boundary_after(text, match.end()):
            return None
        canonical = _SEPARATORS_RE.sub("", match[0])
        if kind == "vehicle" and not (len(canonical) >= 5 and sum(c.isdigit() for c in canonical) >= 2
                                      and sum(c.isalpha() for c in canonical) >= 2):
            return None
        if 4 <= len(canonical) <= 10 and not canonical.isdigit() and not canonical.isalpha():
            return match.end(), "vehicle_id", canonical
        return None
    if kind == "device_id":
        match = _DEVICE_VALUE_RE.match(text, at)
        if match is not None and _boundary_after(text, match.end()):
            # canonical as the pii transform makes a field's value (pseudonyms join)
            return match.end(), "device_id", re.sub(r"[:-]", "", match[0]).upper()
    bank = _BANK_NAME_RE.match(text, at) if kind == "account_number" else None
    if bank is not None:
        at = bank.end()  # "Rek BCA 5270123456", "no akaun Maybank 1642 1234 5678", "계좌번호 신한 110-..."
    match = _NUMBER_VALUE_RE.match(text, at)
    if match is None or not _boundary_after(text, match.end()):
        return None
    value = match[0]
    if value.startswith("+") and kind != "phone":
        return None
    digits = "".join(c for c in value.split("x")[0].split("X")[0] if c.isdigit())
    n = len(digits)
    if kind == "phone":
        if not 7 <= n <= 15 or _DATE_OR_TIME_RE.fullmatch(value):
            return None
        return match.end(), "phone", phone_key(value)
    if kind == "ssn":
        return (match.end(), "ssn", digits) if n == 9 and ssn_ok(digits) else None
    if kind == "sin":
        # after its word the checksum is enough: the first digit's rules (no 0, no 8) would
        # keep the test numbers everyone copies (046 454 286)
        return (match.end(), "sin", digits) if n == 9 and luhn_ok(digits) else None
    if kind == "bsn":
        return (match.end(), "bsn", digits) if n in (8, 9) and valid("nl.bsn", digits.zfill(9)) else None
    if kind == "aadhaar":
        return (match.end(), "aadhaar", digits) if n == 12 and valid("in_.aadhaar", digits) else None
    if kind == "device_id":  # an IMEI (Luhn), an IMEISV (16 digits)
        return (match.end(), "device_id", digits) if (n == 15 and luhn_ok(digits)) or n == 16 else None
    if kind == "sort_code":
        return (match.end(), "sort_code", digits) if n == 6 or n == 8 else None
    if kind == "routing_number":
        return (match.end(), "routing_number", digits) if aba_ok(digits) else None
    if kind == "account_number":
        if not 6 <= n <= 24 or _DATE_OR_TIME_RE.fullmatch(value):  # Hungary's are 3 groups of 8
            return None
        return (match.end(), "account_number", digits) + ((at,) if bank is not None else ())
    return None


# --- licence plates of their own shape ----------------------------------------------------

#: Plates whose shape says what they are, anywhere: Japanese (``品川 330 さ 48-21``: the
#: office, the class, a kana, the number), Chinese (``京A·8K2M5``: the province's character, the
#: city's letter) and Indian (``MH 12 KJ 4821``: a state's code, the district, the series).
_PLATE_CJK_RE = re.compile(
    r"[\u4e00-\u9fff]{1,4}[ ]?[0-9]{2,3}[ ]?[\u3041-\u3093][ ]?(?:[0-9]{1,2}-[0-9]{2}|・{1,3}[0-9]{1,3})(?![0-9])"
    r"|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·・ ]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])"
)
_PLATE_IN_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|PB|PY"
    r"|RJ|SK|TN|TR|TS|UK|UP|WB)(?P<s>[ -]?)[0-9]{2}(?P=s)[A-Z]{1,3}(?P=s)[0-9]{4}(?![A-Za-z0-9])"
)


def scrub_plates(text: str, replace: Replace) -> str:
    if not text.isascii():
        text = _PLATE_CJK_RE.sub(lambda m: replace("vehicle_id", _SEPARATORS_RE.sub("", m[0]), m[0]), text)
    return _PLATE_IN_RE.sub(lambda m: replace("vehicle_id", _SEPARATORS_RE.sub("", m[0]), m[0]), text)
