"""Personal data in machine-written formats that carry it in fixed places: each has a
distinctive literal (``<<``, ``%B...^``, ``NM1*``, a line starting with ``6``, a dot) the
caller looks for before its pass runs.

- ``passport``/``name``: the machine-readable zone of a passport, an ID card or a visa
  (ICAO 9303: TD3 lines of 44 characters, TD2 of 36, TD1 of 30), a line at a time, since
  OCR output often hands them over one string per line. A name line (``P<UTOERIKSSON<<ANNA
  <MARIA<<<...``) is the document code, the issuing state, then the surname, ``<<`` and the
  given names: the names are masked. A data line (``L898902C36UTO7408122F3204153<<...``) is
  masked whole when the check digits (7-3-1) of its document number and of its date of
  birth both hold (one in a hundred random lines would pass).
- ``card``: the magnetic stripe's track 1 (``%B<PAN>^SURNAME/GIVEN^YYMM<service>...?``):
  the account number, the holder's name, the expiry and the discretionary data are all
  cardholder data, masked whole when the number passes Luhn.
- ``device_id``: a MAC address written in Cisco's dotted form (``a483.e72b.19c6``), three
  groups of four hex digits holding a letter and a digit, in one case (``2026.1202.1015``,
  a version or a date, has no letter).
- X12 EDI (claims, eligibility): a person's ``NM1`` (type ``1``: names and member ID), the
  ``N3``/``N4`` address after it, ``DMG`` (date of birth), ``PER`` (contact name, numbers);
  an organisation's ``NM1`` and address stay.
- NACHA (ACH) files: an entry detail record's account number and receiver's name.
- ISO 20022 payment messages (SEPA ``pain.001``...): the parties' names (``<Cdtr><Nm>``) and
  postal address lines.
- IATA bar-coded boarding passes (``M1SURNAME/GIVEN ...``): the passenger's name and the
  frequent flyer's number after its airline's code.

Canonical values: the passport's number without fillers, the name lower-cased with
single spaces, the card's digits, the MAC's twelve hex digits in capitals.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_ids import luhn_ok
from transforms.builtin._pii_words import swap_group

Replace = Callable[[str, str, str], str]

# --- machine-readable zones -----------------------------------------------------------

#: A run of MRZ characters as long as one of its lines, not inside a longer run.
_MRZ_LINE_RE = re.compile(r"[A-Z0-9<](?<![A-Z0-9<][A-Z0-9<])[A-Z0-9<]{27,45}+(?![A-Z0-9<])")
#: The name field: the surname's words, ``<<``, the given names' words, then fillers.
_MRZ_NAME_RE = re.compile(r"[A-Z]++(?:<[A-Z]++)*+<<[A-Z]++(?:<[A-Z]++)*+<*+")
_MRZ_LENGTHS = (30, 36, 44)


def mrz_check(field: str) -> int:
    """The ICAO 9303 check digit of ``field`` (weights 7, 3, 1; ``<`` counts 0, A 10...)."""
    total = 0
    for i, ch in enumerate(field):
        value = 0 if ch == "<" else ord(ch) - 48 if ch <= "9" else ord(ch) - 55
        total += value * (7, 3, 1)[i % 3]
    return total % 10


def _digit_ok(field: str, check: str) -> bool:
    return check.isdigit() and mrz_check(field) == ord(check) - 48


def _date_ok(date: str) -> bool:
    return date.isdigit() and 1 <= int(date[2:4]) <= 12 and 1 <= int(date[4:6]) <= 31


def _mrz_line(match: re.Match[str], replace: Replace) -> str:
    line = match[0]
    n = len(line)
    name_line = "<<" in line and not any(c.isdigit() for c in line)
    if n not in _MRZ_LENGTHS and not (name_line and 28 <= n <= 46):
        return line  # a name line a character short or long (a copy's) still holds the name
    if name_line:
        # a name line: TD3/TD2 after the document code and the issuing state, TD1 whole
        start = 5 if n > 32 and line[0] in "PIACV" and line[1] in "<ABCDEFGHIJKLMNOPQRSTUVWXYZ" else 0
        name = _MRZ_NAME_RE.fullmatch(line, start)
        if name is None:
            return line
        written = line[start:].rstrip("<")
        canonical = " ".join(written.replace("<", " ").lower().split())
        return line[:start] + replace("name", canonical, written) + line[start + len(written):]
    if n == 30:  # TD1: line 1 holds the number, line 2 the date of birth
        if line[0] in "IACV" and _digit_ok(line[5:14], line[14]):
            return replace("passport", line[5:14].rstrip("<"), line)
        if _date_ok(line[0:6]) and _digit_ok(line[0:6], line[6]) and _digit_ok(line[8:14], line[14]):
            return replace("birth_date", line[0:6], line)
        return line
    # TD3 and TD2: number, check, nationality, birth date, check, sex, expiry, check
    if _digit_ok(line[0:9], line[9]) and _date_ok(line[13:19]) and _digit_ok(line[13:19], line[19]):
        return replace("passport", line[0:9].rstrip("<"), line)
    return line


def scrub_mrz(text: str, replace: Replace) -> str:
    """MRZ lines (the caller has seen ``<<``)."""
    return _MRZ_LINE_RE.sub(lambda m: _mrz_line(m, replace), text)


# --- magnetic stripe ------------------------------------------------------------------

_TRACK1_RE = re.compile(r"%[Bb](?P<pan>[0-9]{12,19})\^[^^\r\n]{2,26}\^[0-9]{4}[^?\r\n]{0,79}+\??")


def _track1(match: re.Match[str], replace: Replace) -> str:
    pan = match["pan"]
    return replace("card", pan, match[0]) if luhn_ok(pan) else match[0]


def scrub_tracks(text: str, replace: Replace) -> str:
    """Track 1 of a card's magnetic stripe (the caller has seen ``%B`` and ``^``)."""
    return _TRACK1_RE.sub(lambda m: _track1(m, replace), text)


# --- dotted MAC addresses -------------------------------------------------------------

#: Found from its first dot: four hex digits before it (not after a word character or a
#: dot), two more groups after it.
DOTTED_MAC_RE = re.compile(
    r"\.(?<=[0-9A-Fa-f]{4}\.)(?<![\w.][0-9A-Fa-f]{4}\.)[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])"
)


def scrub_dotted_macs(text: str, replace: Replace) -> str:
    """Cisco-style MAC addresses (the caller has seen a dot and a digit)."""
    out: list[str] = []
    pos = 0
    for match in DOTTED_MAC_RE.finditer(text):
        start = match.start() - 4
        if start < pos:
            continue
        written = text[start:match.end()]
        hexes = written.replace(".", "")
        if (hexes.isdigit() or not any(c.isdigit() for c in hexes)
                or not (hexes.islower() or hexes.isupper())):
            continue
        out += [text[pos:start], replace("device_id", hexes.upper(), written)]
        pos = match.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# --- X12 EDI (health care claims, eligibility, enrolment) -----------------------------

#: A segment that names or describes a party: its ID, then its elements up to the segment's
#: end (``~``, or a line's end), separated by ``*``.
_X12_SEGMENT_RE = re.compile(r"(?<![^~\n\r\"'])(?P<id>NM1|N3|N4|DMG|PER|ISA)\*(?P<body>[^~\n\r]{0,1024}+)")
#: NM1's type qualifier: ``1`` a person (``2`` an organisation, whose name and address stay).
_X12_PERSON = "1"
_X12_CONTACTS = {"TE": "phone", "FX": "phone", "CP": "phone", "HP": "phone", "WP": "phone", "EM": "email"}


#: A finding an earlier pass made already: a mask or a pseudonym (``[email]``, ``email:1f0c...``).
_DONE_RE = re.compile(r"\[[a-z_]{2,32}\]|[a-z_]{2,32}:[0-9a-f]{16}")


def scrub_x12(text: str, replace: Replace) -> str:
    """The people of X12 segments (the caller has seen ``NM1*``, ``DMG*``, ``PER*`` or ``ISA*``): a
    person's NM1 (names, and the ID after its qualifier: a member or a subscriber ID), the
    N3/N4 address that follows it (street, and the postal code), a DMG's date of birth, a
    PER's contact name and numbers; the interchange header's authorization and password. An
    organisation's NM1 and address (a clinic, a payer) stay."""
    out: list[str] = []
    pos = 0
    person = False
    for match in _X12_SEGMENT_RE.finditer(text):
        segment, elements = match["id"], match["body"].split("*")
        written = list(elements)
        if segment == "NM1":
            person = len(elements) > 1 and elements[1] == _X12_PERSON
            if not person:
                continue
            for i in (2, 3, 4):
                if i < len(elements) and elements[i].strip():
                    elements[i] = replace("name", elements[i].strip().lower(), elements[i])
            if len(elements) > 8 and elements[8].strip():
                elements[8] = replace("national_id", elements[8].strip().upper(), elements[8])
        elif segment == "N3" and person:
            elements = [replace("address", " ".join(e.lower().split()), e) if e.strip() else e for e in elements]
        elif segment == "N4" and person:
            if len(elements) > 2 and elements[2].strip():
                elements[2] = replace("address", elements[2].strip().lower(), elements[2])
        elif segment == "ISA":
            # the interchange's authorization (ISA02) and its password (ISA04), each after a qualifier that is
            # not "00" (none sent)
            for i in (1, 3):
                if i < len(elements) and elements[i].strip() and elements[i - 1].strip() not in ("", "00"):
                    elements[i] = replace("redacted", elements[i].strip(), elements[i])
        elif segment == "DMG":
            if len(elements) > 1 and elements[1].strip():
                elements[1] = replace("birth_date", elements[1].strip(), elements[1])
        elif segment == "PER":
            if len(elements) > 1 and elements[1].strip():
                elements[1] = replace("name", " ".join(elements[1].lower().split()), elements[1])
            for i in (3, 5, 7):  # each number after its qualifier: TE phone, FX fax, CP cell, EM e-mail
                if i < len(elements) and elements[i].strip() and elements[i - 1] in _X12_CONTACTS:
                    kind = _X12_CONTACTS[elements[i - 1]]
                    elements[i] = replace(kind, elements[i].strip().lower(), elements[i])
        else:
            continue
        # what an earlier pass masked stays as it is (a pseudonym is not pseudonymised again)
        elements = [w if _DONE_RE.fullmatch(w.strip()) else e for w, e in zip(written, elements)]
        out += [text[pos:match.start("body")], "*".join(elements)]
        pos = match.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# --- NACHA (ACH) files -----------------------------------------------------------------

#: An entry detail record: 94 characters on its own line, ``6``, a transaction code, the
#: receiving bank's routing number (nine digits), the account (17), the amount (10 digits),
#: an individual ID (15), the individual's name (22), a discretionary code (2), the addenda
#: indicator (0 or 1) and the trace number (15 digits).
_NACHA_ENTRY_RE = re.compile(
    r"6(?<![^\n]6)[2-5][2-9][0-9]{9}[^\n]{17}[0-9]{10}[^\n]{15}[^\n]{22}[^\n]{2}[01][0-9]{15}\r?(?![^\n])"
)


def scrub_nacha(text: str, replace: Replace) -> str:
    """The receivers' accounts and names of a NACHA file's entries (the caller has seen a
    line that starts with ``6``)."""

    def entry(match: re.Match[str]) -> str:
        line = match[0].rstrip("\r")
        account, name = line[12:29], line[54:76]
        if account.strip():
            account = replace("account_number", account.strip(), account.strip()).ljust(17)
        if name.strip():
            name = replace("name", " ".join(name.lower().split()), name.strip()).ljust(22)
        return line[:12] + account + line[29:54] + name + line[76:] + match[0][len(line):]

    return _NACHA_ENTRY_RE.sub(entry, text)


# --- ISO 20022 payment messages ---------------------------------------------------------

#: A party of an ISO 20022 message (SEPA pain.001, camt.053...) and its name: the debtor's,
#: the creditor's and their ultimate parties' are people as often as companies.
_ISO20022_PARTY_RE = re.compile(
    r"<(?:[\w.-]{1,16}:)?(?:Cdtr|Dbtr|UltmtCdtr|UltmtDbtr|InitgPty|Invcee|Invcr|Pyer|Pyee)>[ \t\r\n]{0,64}"
    r"<(?:[\w.-]{1,16}:)?Nm>(?P<name>[^<]{1,140}+)</"
)
#: The address lines of such a party (``<PstlAdr><StrtNm>...</StrtNm><BldgNb>...``).
_ISO20022_ADDRESS_RE = re.compile(
    r"<(?:[\w.-]{1,16}:)?(?P<tag>StrtNm|BldgNb|AdrLine|PstCd)>(?P<value>[^<]{1,140}+)</"
)


def scrub_iso20022(text: str, replace: Replace) -> str:
    """Parties' names and postal address lines of an ISO 20022 message."""
    text = _ISO20022_PARTY_RE.sub(lambda m: swap_group(m, "name", replace("name", " ".join(m["name"].lower().split()), m["name"])), text)
    kinds = {"PstCd": "postal_code"}
    return _ISO20022_ADDRESS_RE.sub(
        lambda m: swap_group(m, "value", replace(kinds.get(m["tag"], "address"), " ".join(m["value"].lower().split()), m["value"])),
        text,
    )


# --- IATA boarding passes (BCBP) --------------------------------------------------------

#: A bar-coded boarding pass (IATA Resolution 792): ``M1``, the passenger's name
#: (``SURNAME/GIVEN``), the booking reference, the airports and the carrier; then, in its
#: conditional part, the frequent flyer's number after the airline's code.
_BCBP_RE = re.compile(
    r"(?<![A-Z0-9])M[1-4](?P<name>[A-Z][A-Z'-]{0,20}+/[A-Z' -]{0,20}?)[ ]{0,20}E?(?P<pnr>[A-Z0-9]{5,7})[ ]{0,2}"
    r"[A-Z]{6}[A-Z0-9]{2}(?P<rest>[^\r\n\"]{0,300}+)"
)
_FREQUENT_FLYER_RE = re.compile(r"(?<![A-Z0-9])(?P<airline>[A-Z0-9]{2})[ ]{1,2}(?P<number>[0-9A-Z]{8,16})(?![A-Z0-9])")


def scrub_boarding_passes(text: str, replace: Replace) -> str:
    return _BCBP_RE.sub(lambda m: _boarding_pass(m, replace), text)


def _boarding_pass(match: re.Match[str], replace: Replace) -> str:
    rest = _FREQUENT_FLYER_RE.sub(
        lambda m: m[0][:m.start("number") - m.start()] + replace("member_id", m["number"], m["number"])
        if any(c.isdigit() for c in m["number"]) else m[0],
        match["rest"],
    )
    whole = match[0]
    base = match.start()
    name = replace("name", " ".join(match["name"].replace("/", " ").lower().split()), match["name"])
    return (whole[:match.start("name") - base] + name + whole[match.end("name") - base:match.start("rest") - base] + rest)


# --- airline reservations (PNR) ----------------------------------------------------------

#: An APIS passenger document in a reservation, ``SSR DOCS YY HK1/P/GB/533018265/GB/14MAR88/
#: F/21JAN31/HARGREAVES/EMILY``: the document's number, the date of birth and the names
#: (its type, countries, gender and expiry stay).
_DOCS_RE = re.compile(
    r"(?<![A-Z])DOCS[ ][A-Z0-9]{2}[ ][A-Z]{2}[0-9]{1,2}/[A-Z]{0,2}/[A-Z]{0,3}/"
    r"(?P<number>[A-Z0-9]{0,20})/[A-Z]{0,3}/(?P<dob>[0-9]{2}[A-Z]{3}[0-9]{2})/[MFXU]?I?/(?:[0-9]{2}[A-Z]{3}[0-9]{2})?/"
    r"(?P<surname>[A-Z][A-Z' -]{0,39}+)/(?P<given>[A-Z][A-Z' ]{0,39}+)"
)
#: A passenger's name element of a PNR display, ``1.1DUBOIS/CAMILLE MRS``, at a line's start
#: or after two spaces.
_PNR_NAME_RE = re.compile(
    r"(?:^|(?<=\n)|(?<=  ))[ ]?[0-9]{1,2}\.[0-9](?P<name>[A-Z][A-Z'-]{1,30}/[A-Z][A-Z'-]{1,30}"
    r"(?:[ ](?!(?:MRS|MR|MS|MISS|MSTR|DR|CHD|INF)\b)[A-Z][A-Z'-]{1,30})?)"
    r"(?=[ ]{1,2}(?:MRS|MR|MS|MISS|MSTR|DR|CHD|INF)\b|\*|[ ]{2}|\n|$)"
)


#: A PNR's other personal elements: a passenger's e-mail (``SSR CTCE AF HK1/JANE.DOE//MAIL.FR``),
#: mobile (``CTCM``), a child's or infant's date of birth (``CHLD``), an ID (``FOID``); and a
#: phone element under PHONES (``1.PAR0033612457890-M``).
_SSR_RE = re.compile(
    r"SSR[ ](?P<code>CTCE|CTCM|CHLD|FOID)[ ][A-Z0-9]{2}[ ][A-Z]{2}[0-9]{1,2}/(?P<value>[^\s]{1,80}?)(?=-[0-9]{1,2}\.[0-9]|\s|$)"
)
_SSR_KINDS = {"CTCE": "email", "CTCM": "phone", "CHLD": "birth_date", "FOID": "national_id"}
_PNR_PHONE_RE = re.compile(r"(?m)^[ ]{0,4}[0-9]{1,2}\.[A-Z]{3}(?P<phone>[0-9][0-9 -]{5,18}[0-9])(?=-[A-Z]{1,2}$|$)")


def scrub_reservations(text: str, replace: Replace) -> str:
    """A PNR's passengers: their DOCS elements and their name elements (the caller has seen
    ``DOCS`` or ``/``)."""
    if "DOCS " in text:
        text = _DOCS_RE.sub(lambda m: _docs(m, replace), text)
    if "SSR " in text:
        text = _SSR_RE.sub(lambda m: m[0][:m.start("value") - m.start()] + replace(
            _SSR_KINDS[m["code"]], m["value"].lower(), m["value"]), text)
    if "PHONES" in text:
        text = _PNR_PHONE_RE.sub(lambda m: m[0][:m.start("phone") - m.start()] + replace("phone", m["phone"], m["phone"]), text)
    if "." in text and "/" in text:
        text = _PNR_NAME_RE.sub(
            lambda m: m[0][:m.start("name") - m.start()] + replace("name", m["name"].replace("/", " ").lower(), m["name"]),
            text,
        )
    return text


def _docs(match: re.Match[str], replace: Replace) -> str:
    whole, base = match[0], match.start()
    out, pos = [], 0
    for group, kind in (("number", "passport"), ("dob", "birth_date"), ("surname", "name"), ("given", "name")):
        value = match[group]
        if not value:
            continue
        start = match.start(group) - base
        out += [whole[pos:start], replace(kind, value, value)]
        pos = start + len(value)
    out.append(whole[pos:])
    return "".join(out)


# --- SWIFT MT messages -------------------------------------------------------------------

#: A party of a SWIFT MT103 (``:50K:`` the ordering customer, ``:59:`` the beneficiary): its
#: account line, then its name line, then up to three address lines (each at most 35
#: characters, up to the next ``:NN:`` tag).
_MT_PARTY_RE = re.compile(
    r"(?m)^:(?:50[AFK]|59[AF]?):(?:/(?P<account>[A-Z0-9]{1,34})\r?\n)?(?P<name>(?!:[0-9]{2}[A-Z]?:)[^\n]{1,35})"
    r"(?P<address>(?:\r?\n(?!:[0-9]{2}[A-Z]?:)[^\n]{1,35}){0,3})"
)


def scrub_mt_parties(text: str, replace: Replace) -> str:
    """The parties of a SWIFT MT message (the caller has seen ``:50`` or ``:59``)."""
    return _MT_PARTY_RE.sub(lambda m: _mt_party(m, replace), text)


def _mt_party(match: re.Match[str], replace: Replace) -> str:
    whole, base = match[0], match.start()
    out, pos = [], 0
    for group, kind in (("account", "account_number"), ("name", "name"), ("address", "address")):
        value = match[group]
        if not value or not value.strip():
            continue
        start = match.start(group) - base
        if group == "address":
            start += len(value) - len(value.lstrip())
            value = value.strip()
        out += [whole[pos:start], replace(kind, " ".join(value.lower().split()), value)]
        pos = start + len(value)
    out.append(whole[pos:])
    return "".join(out)


#: An EDIFACT interchange header (UNB): its sixth element is the recipient's reference or password
#: ("UNB+UNOC:3+<sender>:14+<recipient>:14+241118:1015+<control ref>+<password>:AA++ORDERS'"); "?" releases
#: the next character (a "+" or a "'" inside a value).
_UNB_RE = re.compile(r"(?<![A-Za-z])UNB\+(?P<body>(?:\?.|[^'?]){0,512}+)")
_EDIFACT_SPLIT_RE = re.compile(r"(?<!\?)\+")


def scrub_edifact(text: str, replace: Replace) -> str:
    """An EDIFACT interchange's password in its UNB header (the caller has seen ``UNB+``)."""
    def unb(match: re.Match[str]) -> str:
        elements = _EDIFACT_SPLIT_RE.split(match["body"])
        if len(elements) < 6 or not elements[5]:
            return match[0]
        password, _, qualifier = elements[5].partition(":")
        if not password or password.startswith("["):
            return match[0]
        elements[5] = replace("redacted", password, password) + (":" + qualifier if qualifier else "")
        return "UNB+" + "+".join(elements)
    return _UNB_RE.sub(unb, text)
