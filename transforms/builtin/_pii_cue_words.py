"""Numbers after the words of more languages that say what they are (``cue-words.tsv``):
"mój numer to 601 234 567", "Mans numurs ir 21234567", "la mia carta d'identità è CA12345AB".

``_pii_ids`` reads its own cue words with one regular expression; an alternation of a
thousand more phrases would be tried at every position of a text, so these are found with
one Aho-Corasick scan instead (``_pii_literals``), each in lower case, Capitalised and UPPER
CASE, and the number after one read as ``_pii_ids`` reads it after its own (the same gap, the
same value rules: a phone has 7 to 15 digits, an account 6 to 24, an ID's value its shape).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable

from transforms.builtin import _pii_ids
from transforms.builtin._pii_literals import Literals, word_file
from transforms.builtin._pii_words import starts_word

Replace = Callable[[str, str, str], str]

_KINDS = frozenset({"phone", "account_number", "national_id"})
_GAP_RE = re.compile("(?i:" + _pii_ids.GAP + r")(?=[+(0-9A-Za-zА-ЯІЇЄҐ])")


@cache
def _cues() -> tuple[Literals, tuple[str, ...]]:
    """The scan over every form of every cue, and each form's kind (by the form's index); not the
    cues that need a checksum ("matricule", "JMBG"), which _pii_ids takes a number after only when it checks."""
    return word_file(__package__, "cue-words.tsv", _KINDS, keep=lambda cue: _pii_ids.checked_cue(cue) is None)


def may_hold(text: str) -> bool:
    return _cues()[0].found_in(text)


def scrub(text: str, replace: Replace, phone_key: Callable[[str], str]) -> str:
    """The numbers after these cues (the caller has seen two digits in the text)."""
    literals, kinds = _cues()
    out: list[str] = []
    pos = 0
    # longest cue first where several start at one place ("número de celular" over "número")
    for index, start, end in sorted(literals.hits(text), key=lambda hit: (hit[1], -hit[2])):
        if start < pos or not starts_word(text, start) or (text[end - 1:end].isalpha() and text[end:end + 1].isalpha()):
            continue
        if start and text[start - 1].isdigit() or text[end:end + 1] == "-" and text[end + 1:end + 2].isalpha() or (
                text[end - 1:end].isascii() and text[end - 1:end].isalpha() and text[end:end + 1].isdigit()):
            continue  # "0rg.nr" (an OCR's "Org"), "CI-GLV-8812", "CI7tmx5a": a code's prefix or a token's piece, no word
        gap = _GAP_RE.match(text, end)
        if gap is None:
            continue
        found = _pii_ids.context_value(text, gap.end(), kinds[index], phone_key)
        if found is None:
            continue
        stop, kind, canonical, *value_start = found
        at = value_start[0] if value_start else gap.end()
        out += [text[pos:at], replace(kind, canonical, text[at:stop])]
        pos = stop
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)
