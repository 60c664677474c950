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

Canonical value: the words masked, lower-cased, single-spaced.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable

from transforms.builtin._pii_literals import Literals, word_file
from transforms.builtin._pii_words import starts_word

Replace = Callable[[str, str, str], str]

_KINDS = frozenset({"unit", "after"})
#: A unit's number after its word: a sign or a "no." between, then digits of any script, a letter
#: before or after them ("C-1104", "C5", "12B"), a second part after a dash or a slash ("104-17",
#: "12/4"); or, for a later part of the same home, one capital alone (an entrance's "вх. Б").
_NUMBER_RE = re.compile(
    r"[ \t]{0,2}(?:[:#№]|[Nn][º°oO]\.?|[Nn][Rr]\.?)?[ \t]{0,2}"
    r"(?P<n>(?:[^\W\d_]{1,2}-?)?\d{1,5}[^\W\d_]?(?:[-/]\d{1,5}[^\W\d_]?)?(?![\w])"
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
    r"|pax\b|persons?\b|personas\b|personnes\b|personen\b|osob|человек|осіб|คน|ท่าน|人|명|名)", re.IGNORECASE)
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
        if end < len(text) and text[end - 1].isalpha() and text[end].isalpha():
            continue  # "stand", "flatten": the word goes on
        number = _NUMBER_RE.match(text, end)
        if number is None or _NOT_A_HOME_AFTER_RE.match(text, number.end()) is not None:
            continue
        found.append((start, number.end(), number["letter"] is None))
        taken = number.end()
    return found


def scrub(text: str, replace: Replace) -> str:
    spans = _spans(text)
    if not spans:
        return text
    homes: list[list[int]] = []
    for start, end, alone in spans:
        if homes and _JOIN_RE.fullmatch(text, homes[-1][1], start) is not None:
            homes[-1][1] = end  # "бл. 34, вх. Б, ап. 12": one home
            homes[-1][2] |= alone
        elif alone:
            homes.append([start, end, True])
    out: list[str] = []
    pos = 0
    for start, end, _ in homes:
        value = text[start:end]
        out += [text[pos:start], replace("address", " ".join(value.lower().split()), value)]
        pos = end
    out.append(text[pos:])
    return "".join(out)
