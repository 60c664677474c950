"""Cue words for the text detectors, matched fast.

A case-insensitive alternation of words makes Python's ``re`` try every branch at every
position (measured: 200 times slower on a 1 MiB string than a case-sensitive one, which
skips to the positions where a branch's first character is). So each cue is written out
in the three ways text writes it, lower case, Capitalised and UPPER CASE, plus as listed,
and the alternation stays case-sensitive. The word boundary before a cue is checked in
code (:func:`starts_word`), since a look-behind in front of the alternation would also
stop the skipping.
"""

from __future__ import annotations


def cased(words: str) -> str:
    """``"call|phone"`` -> ``"call|Call|CALL|phone|Phone|PHONE"``, longest first."""
    variants: set[str] = set()
    for word in _top_level(words):
        if not word:
            continue
        variants.update({word, word.lower(), word[:1].upper() + word[1:], word.upper()})
    return "|".join(sorted(variants, key=lambda w: (-len(w), w)))


def starts_word(text: str, start: int) -> bool:
    """Is ``start`` the start of a word (no letter right before it)?"""
    return start == 0 or not text[start - 1].isalpha()


def _top_level(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` split at its top-level ``|`` only."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts
