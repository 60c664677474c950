"""Wallet seed phrases (BIP39 mnemonics) wherever they are written: twelve to twenty-four
words in a row, each from one language's BIP39 wordlist ("aduana cita ocaso ...", "くめる
こぼれる ...", a numbered list "1. larme 2. vedette ...", a JSON array of the words).

A run of twelve or more words of one list is a seed phrase: prose breaks such a run within a
few words (no list holds "the", "de", "la", "is"). The wordlists come from the ``mnemonic``
package (Trezor's reference implementation), read once on first use. A text is read only
when it holds eleven separators or more, and then once, word by word: linear in its length.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

#: The wordlists read (Chinese is left out: a "word" there is one character, and twelve
#: common characters in a row are ordinary Chinese text).
_LANGUAGES = ("english", "spanish", "french", "italian", "portuguese", "czech", "japanese", "korean", "turkish",
              "russian")
#: The fewest words of a phrase (BIP39: 12, 15, 18, 21 or 24).
MIN_WORDS = 12
_WORD_RE = re.compile(r"[^\W\d_]++")
#: What may stand between two words of a phrase: spaces, commas, quotes, brackets, list numbers.
_GAP_RE = re.compile(r"[\s,;\"'\[\]().0-9\u3000、-]{1,12}")


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    """word -> bit mask of the languages whose list holds it. ``mnemonic`` is a declared
    dependency: without it this raises rather than find no phrase."""
    import mnemonic  # noqa: PLC0415  (read only when a text could hold a phrase)

    folder = os.path.join(os.path.dirname(mnemonic.__file__), "wordlist")
    found: dict[str, int] = {}
    for bit, language in enumerate(_LANGUAGES):
        path = os.path.join(folder, f"{language}.txt")
        with open(path, encoding="utf-8") as f:
            for line in f:
                word = unicodedata.normalize("NFC", line.strip())
                if word:
                    found[word] = found.get(word, 0) | (1 << bit)
    return found


def may_hold(text: str) -> bool:
    """Could ``text`` hold a phrase: long enough, with eleven separators or more?"""
    return len(text) >= 36 and (text.count(" ") + text.count("\n") + text.count("\u3000") + text.count(",")) >= 11


def is_phrase(words: list[object]) -> bool:
    """Are ``words`` (a JSON array's items) a seed phrase: 12 to 24 strings of one list?"""
    if not MIN_WORDS <= len(words) <= 24 or type(words[0]) is not str:
        return False
    known = _words()
    mask = -1
    for word in words:
        if type(word) is not str:
            return False
        mask &= known.get(unicodedata.normalize("NFC", word.strip().lower()), 0)
        if not mask:
            return False
    return True


def scrub(text: str, redacted: str) -> str:
    """Every run of twelve or more words of one BIP39 list in ``text``, replaced whole."""
    known = _words()
    if not known:
        return text
    if not text.isascii():
        text_nfc = unicodedata.normalize("NFC", text)
        if text_nfc != text:
            text = text_nfc
    spans: list[tuple[int, int]] = []
    start = end = count = 0
    mask = 0
    for match in _WORD_RE.finditer(text):
        bits = known.get(match[0].lower(), 0)
        joined = (bits & mask and count and _GAP_RE.fullmatch(text, end, match.start()) is not None)
        if joined:
            mask &= bits
            count += 1
            end = match.end()
            continue
        if count >= MIN_WORDS:
            spans.append((start, end))
        if bits:
            start, end, count, mask = match.start(), match.end(), 1, bits
        else:
            count, mask = 0, 0
    if count >= MIN_WORDS:
        spans.append((start, end))
    if not spans:
        return text
    out, kept = [], 0
    for s, e in spans:
        out.append(text[kept:s])
        out.append(redacted)
        kept = e
    out.append(text[kept:])
    return "".join(out)
