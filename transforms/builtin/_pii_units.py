"""A home's flat, house or door number after its word, in any language (kind ``address``):
"Flat 2304, Marina Crown Tower", "ж.к. Младост 1, бл. 34, вх. Б, ап. 12", "ห้อง 1507",
"پلاک ۱۲", "door no 27", "Chilonzor 9-kvartal, 14-uy, 27-xonadon".

``_pii_people`` reads a street and its number by the street's words, and ``_pii_address_labels``
what follows an address's label; a message that gives its home without either ("I'm in flat
C-1104 Gaur Homes", "ghar no 45") still names the door a courier knocks at. The words of
``dwelling-units.tsv`` (one Aho-Corasick scan) name a home's unit; the word and its number are
masked, with the parts of the same home right beside them (another unit word and its number,
after a comma or a space). Words that also name other things (a course's "unit", an auction's
"lot", a floor, a meeting room, Italian's "interno" a phone's extension too) are not in the file; a
number followed by a percentage, a duration, a distance, a price or a count of rooms is none of a
home ("flat 20% off", "Appartement 2 ch.").

The same file's street words of scripts ``_pii_people``'s street passes do not read (``street``: the word,
its name, the house's number, "زنقة الحرية رقم 23", or the number first, "١٢ شارع مصدق"; ``street_after``:
the number, the name, the word, "12/4, பாரதியார் தெரு") mask a street with its number, not a firm's
premises (a legal form earlier on the line) nor a street's opening hours ("من 9 صباحاً").

Canonical value: the words masked, lower-cased, single-spaced.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable

from transforms.builtin._pii_literals import Literals, word_file
from transforms.builtin._pii_people import reads_as_organisation
from transforms.builtin._pii_words import LETTER, starts_word

Replace = Callable[[str, str, str], str]

_KINDS = frozenset({"unit", "after", "street", "street_after"})
#: A unit's number after its word: a sign or a "no." between, then digits of any script, a letter
#: before or after them ("C-1104", "C5", "C 45", "12B"), a second part after a dash or a slash ("104-17",
#: "12/4"); or, for a later part of the same home, one capital alone (an entrance's "вх. Б").
_NUMBER_RE = re.compile(
    r"[ \t]{0,2}(?:[:#№]|[Nn][º°oO]\.?|[Nn][Rr]\.?)?[ \t]{0,2}"
    r"(?P<n>(?:[^\W\d_]{1,2}-?|[A-Z][ ](?=\d))?\d{1,5}[^\W\d_]?(?:[-/]\d{1,5}[^\W\d_]?)?(?![\w])"
    r"|(?P<letter>[^\W\d_a-zа-яα-ω])(?![\w]))"
    # and a house's number after a block's ("blok C5 no 12")
    r"(?:[ ]{1,2}(?:[Nn][Oo]\.?|[Nn][Rr]\.?|#)[ ]?\d{1,5}[^\W\d_]?(?![\w]))?"
)
#: After a number: a percentage, a duration, a distance, a price, a rating: no home's.
_NOT_A_HOME_AFTER_RE = re.compile(
    r"[ ]?(?:%|percent|off\b|min\b|mins\b|minutes\b|km\b|m²|sqm\b|sq\b|years\b|yrs\b|stars?\b|€|\$|£|₹|person|people"
    r"|guests?\b|nights?\b|người\b|ngày\b|đêm\b"
    # a flat's size in rooms, as listings write it ("Appartement 2 ch.", "apartment 3 bedrooms", "flat 2 BHK")
    r"|ch\b|chambres?\b|bedrooms?\b|beds?\b|br\b|bhk\b|rooms?\b|pièces?\b|zimmer\b|habitaciones\b|quartos\b"
    r"|locali\b|kamers\b|pokoje\b|комнат|кімнат|bed\b|bath"
    # people a room sleeps ("ห้อง 2 คน", "2 pax")
    r"|pax\b|persons?\b|personas\b|personnes\b|personen\b|osob|человек|осіб|คน|ท่าน|人|명|名"
    # a time, a duration or a price in the scripts of the street words ("من 9 صباحاً", "3 دقائق", "5 ₪")
    r"|:[0-9]|صباح|مساء|ساعة|ساعات|دقيقة|دقائق|يوم|أيام|ريال|درهم|جنيه|دينار|ساعت|دقیقه|روز|تومان|ریال|שעה|שעות"
    r"|דקות|ש״ח|ש\"ח|₪|นาที|ชั่วโมง|บาท|phút|giờ|đồng|₫)", re.IGNORECASE)
#: A French flat's type by its rooms, no flat's number ("appartement T3", "un T2 bis").
_FLAT_TYPE_RE = re.compile(r"T[1-7]")
#: A street's name after its word: one to three words of any script (no digit), then the house's number,
#: after a comma, "رقم" or "No." if any ("شارع مصدق ١٢", "زنقة الحرية رقم 23", "רחוב הרצל 45").
_LETTER = LETTER  # (a letter of any script with its vowel signs: Tamil's, Thai's...)
_STREET_NAME_RE = re.compile(
    r"[ ](?:" + _LETTER + r"(?:" + _LETTER + r"|[\w'’.-]){0,30}[ ]){0,3}?(?:[,،][ ]?)?(?:رقم[ ]?|(?:[Nn][Oo]|[Ss]ố)\.?[ ]?)?"
    r"(?P<n>\d{1,4}[^\W\d_]?(?:[/-]\d{1,4})?)(?![\w])")
#: A house's number before a street's word: "١٢ شارع ..." (a space between), "12/4, பாரதியார் தெரு" (the name between).
_NUMBER_BEFORE_RE = re.compile(r"(?:(?<![\w/.,-])\d{1,4}[^\W\d_]?(?:/\d{1,4})?|\[address\])[ ]$")
_NUMBER_NAME_BEFORE_RE = re.compile(
    r"(?:(?<![\w/.,-])\d{1,4}[^\W\d_]?(?:/\d{1,4})?|\[address\]),?[ ](?:" + _LETTER + r"(?:" + _LETTER + r"|[\w-]){0,30}[ ]){1,3}$")
_LETTER_RE = re.compile(_LETTER)
#: Between two parts of one home: a comma (of any script), a space.
_JOIN_RE = re.compile(r"[ \t]{0,2}[,،、，][ \t]{0,2}|[ \t]{1,2}")


@cache
def _words() -> tuple[Literals, tuple[str, ...]]:
    return word_file(__package__, "dwelling-units.tsv", _KINDS)


def may_hold(text: str) -> bool:
    return _words()[0].found_in(text)


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, stands alone) of each unit word with its number; ``stands alone`` is False for
    a part that counts only beside another (a capital alone after its word)."""
    literals, kinds = _words()
    found: list[tuple[int, int, bool]] = []
    taken = -1
    for index, start, end in sorted(literals.hits(text), key=lambda hit: (hit[1], -hit[2])):
        if start < taken or not starts_word(text, start):
            continue
        if kinds[index] == "after":
            # "27-xonadon": the number, a dash, the word (and no more letters of a longer word)
            if end < len(text) and text[end].isalpha() or text[start - 1:start] != "-":
                continue
            digits = start - 1
            while digits > 0 and text[digits - 1].isdigit():
                digits -= 1
            if digits == start - 1 or not starts_word(text, digits):
                continue
            found.append((digits, end, True))
            taken = end
            continue
        if end < len(text) and _LETTER_RE.match(text, end - 1) and _LETTER_RE.match(text, end):
            continue  # "stand", "flatten", "சாலையில்": the word goes on
        if kinds[index] == "street_after":
            before = _NUMBER_NAME_BEFORE_RE.search(text, max(0, start - 80), start)
            if before is not None:
                found.append((before.start(), end, True))
                taken = end
            continue
        if kinds[index] == "street":
            before = _NUMBER_BEFORE_RE.search(text, max(0, start - 8), start)
            named = _STREET_NAME_RE.match(text, end)
            if named is not None and named.start("n") == end + 1 and text[start:end] != "ซอย":
                named = None  # "شارع 3": a street's word and a count; only a Thai soi is numbered so
            if before is None and named is None or _a_firms(text, start):
                continue  # no house's number; or "מאפיית הכרמל בע״מ, ח.פ. 514123454, רחוב הרצל 40": a company's premises
            stop = named.end() if named is not None else _name_end(text, end)
            if before is None and _NOT_A_HOME_AFTER_RE.match(text, stop) is not None:
                continue
            found.append((before.start() if before is not None else start, stop, True))
            taken = stop
            continue
        number = _NUMBER_RE.match(text, end)
        if number is None or _NOT_A_HOME_AFTER_RE.match(text, number.end()) is not None or (
                number["n"] is not None and _FLAT_TYPE_RE.fullmatch(number["n"]) is not None):
            continue
        found.append((start, number.end(), number["letter"] is None))
        taken = number.end()
    return found


_NAME_WORDS_RE = re.compile(r"(?:[ ]" + _LETTER + r"(?:" + _LETTER + r"|[\w'’-]){0,30}){1,3}")


def _a_firms(text: str, at: int) -> bool:
    """Does the line before ``at`` name a company by its legal form in one of its comma-separated parts
    (its premises' street, no one's home)? Abbreviations' full stops ("ח.פ.") end no sentence here."""
    before = text[max(0, at - 100):at].rsplit("\n", 1)[-1]
    return any(reads_as_organisation(part.strip()) for part in re.split(r"[,،;]", before) if part.strip())


def _name_end(text: str, at: int) -> int:
    """The end of a street's name after its word: up to three words, to a comma, a full stop or a digit."""
    match = _NAME_WORDS_RE.match(text, at)
    return match.end() if match is not None else at


def scrub(text: str, replace: Replace) -> str:
    spans = _spans(text)
    if not spans:
        return text
    homes: list[list[int]] = []  # [start, end] of each home, its parts joined
    for start, end, alone in spans:
        if homes and _JOIN_RE.fullmatch(text, homes[-1][1], start) is not None:
            homes[-1][1] = end  # "бл. 34, вх. Б, ап. 12": one home
        elif alone:
            homes.append([start, end])  # (a capital alone starts no home: it only extends one)
    out: list[str] = []
    pos = 0
    for start, end in homes:
        value = text[start:end]
        canonical = " ".join(value.lower().split())
        masked = replace("address", canonical, value)
        if masked != value and masked.startswith("[") and masked != masked.split("]", 1)[0] + "]":
            # a mask that kept a "town" after a comma: here every part is the home's ("12/4, பாரதியார் தெரு")
            masked = replace("address", canonical, value.replace(",", " "))
        out += [text[pos:start], masked]
        pos = end
    out.append(text[pos:])
    return "".join(out)
