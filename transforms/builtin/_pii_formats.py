"""Personal data in machine-written formats that carry it in fixed places: each has a
distinctive literal (``<<``, ``%B...^``, ``$GP``, ``POINT(``, dotted hex groups) the caller
looks for before its pass runs.

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

Canonical values: the passport's number without fillers, the name lower-cased with
single spaces, the card's digits, the MAC's twelve hex digits in capitals.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_ids import luhn_ok

Replace = Callable[[str, str, str], str]

# --- machine-readable zones -----------------------------------------------------------

#: A run of MRZ characters as long as one of its lines, not inside a longer run.
_MRZ_LINE_RE = re.compile(r"[A-Z0-9<](?<![A-Z0-9<][A-Z0-9<])[A-Z0-9<]{29,43}+(?![A-Z0-9<])")
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
    if n not in _MRZ_LENGTHS:
        return line
    if "<<" in line and not any(c.isdigit() for c in line):
        # a name line: TD3/TD2 after the document code and the issuing state, TD1 whole
        start = 5 if n != 30 and line[0] in "PIACV" else 0
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
_DOTTED_MAC_RE = re.compile(
    r"\.(?<=[0-9A-Fa-f]{4}\.)(?<![\w.][0-9A-Fa-f]{4}\.)[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])"
)


def scrub_dotted_macs(text: str, replace: Replace) -> str:
    """Cisco-style MAC addresses (the caller has seen a dot and a digit)."""
    out: list[str] = []
    pos = 0
    for match in _DOTTED_MAC_RE.finditer(text):
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
