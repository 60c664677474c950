"""The literal strings a pattern must hold, and one scan for many of them.

Most detectors of ``pii`` run only on text that holds one of their literals (a token
format's prefix, a cue word, a link word). Python's ``re`` looks for an alternation of
hundreds of literals by trying it at every position of the text; an Aho-Corasick automaton
(``ahocorasick-rs``: the Rust ``aho-corasick`` crate) reads the text once, whatever the
number of literals.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Callable, Iterable

import ahocorasick_rs

#: At most this many literal starts per pattern: past it, a guard would cost more than it saves.
_MAX_STARTS = 64
#: What makes a character of a regular expression more than itself.
SPECIAL = frozenset("[](){}?*+|^$.\\")


def literal_prefix(pattern: str) -> str:
    """The literal characters a pattern starts with (``"github_pat_"``, ``"AIza"``)."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
            out.append(pattern[i + 1])
            i += 2
            continue
        if ch in SPECIAL:
            break
        out.append(ch)
        i += 1
    return "".join(out)


def _written_length(pattern: str, n: int) -> int:
    """How many characters of ``pattern`` write its first ``n`` literal characters."""
    i = 0
    for _ in range(n):
        i += 2 if pattern[i] == "\\" else 1
    return i


def literal_starts(pattern: str) -> list[str]:
    """The literal strings a pattern can start with: ``(?:sk|rk)_(?:live|test)_`` ->
    ``sk_live_``, ``sk_test_``, ``rk_live_``, ``rk_test_``; ``do[opr]_`` -> ``doo_``,
    ``dop_``, ``dor_``; ``https://(?:ptb\\.)?discord`` -> ``https://ptb.discord``,
    ``https://discord``. Every match of the pattern starts with one of them; ``[""]``
    when the pattern starts with nothing literal. The longer they are, the rarer the text
    a guard built of them lets through (``do`` alone is in every other English sentence)."""
    found = [""]
    i = 0
    while i < len(pattern):
        if pattern.startswith("(?:", i):
            close = pattern.find(")", i)
            inner = pattern[i + 3:close]
            # each branch a literal (escapes allowed), or no prefix through this group
            branches = [literal if (literal := literal_prefix(b)) == b.replace("\\", "") else "" for b in inner.split("|")]
            optional = pattern[close + 1:close + 2] == "?"
            if close < 0 or "(" in inner or not all(branches) or pattern[close + 1:close + 2] in ("*", "{", "+"):
                break
            longer = [f + b for f in found for b in branches + ([""] if optional else [])]
            if len(longer) > _MAX_STARTS:
                break
            found = longer
            i = close + 1 + optional
            continue
        if pattern.startswith("[", i):
            close = pattern.find("]", i)
            chars = pattern[i + 1:close]
            if close < 0 or not chars.isalnum() or pattern[close + 1:close + 2] in ("?", "*", "{", "+"):
                break
            if len(found) * len(chars) > _MAX_STARTS:
                break
            found = [f + c for f in found for c in chars]
            i = close + 1
            continue
        literal = literal_prefix(pattern[i:])
        if not literal:
            break
        rest = pattern[i:]
        written = _written_length(rest, len(literal))
        if rest[written:written + 1] in ("?", "*", "{"):
            found = [f + literal[:-1] for f in found]
            break
        found = [f + literal for f in found]
        i += written
    return found


class Literals:
    """A set of literal strings, found in a text in one pass."""

    def __init__(self, literals: "list[str] | tuple[str, ...] | set[str]") -> None:
        self.literals = tuple(literals)
        if not self.literals or "" in self.literals:
            raise ValueError("Literals needs non-empty strings: an empty one is in every text")
        self._find = ahocorasick_rs.AhoCorasick(self.literals).find_matches_as_indexes

    def found_in(self, text: str) -> bool:
        """Does ``text`` hold any of the literals?"""
        try:
            return bool(self._find(text))
        except UnicodeEncodeError:
            return bool(self._find(_without_surrogates(text)))

    def hits(self, text: str) -> list[tuple[int, int, int]]:
        """``(index in literals, start, end)`` of every occurrence of every literal,
        overlapping ones included (``"tel"`` and ``"el"`` both, where the text says ``tel``),
        in order of where they end; ``start`` and ``end`` index ``text`` as Python does."""
        try:
            return self._find(text, overlapping=True)
        except UnicodeEncodeError:
            return self._find(_without_surrogates(text), overlapping=True)


def word_rows(package: str, name: str, kinds: "frozenset[str] | dict") -> list[tuple[str, str]]:
    """``(kind, words)`` of each line of a data file of words (``kind<TAB>language<TAB>words`` a line,
    ``#`` starts a comment). A kind not in ``kinds`` fails loudly."""
    rows = []
    for line in resources.files(package).joinpath(name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, _language, words = line.split("\t")
        if kind not in kinds:
            raise ValueError(f"{name}: unknown kind {kind!r}")
        rows.append((kind, words))
    return rows


def word_file(package: str, name: str, kinds: frozenset[str], keep: Callable[[str], bool] = lambda words: True,
              also: Callable[[str], Iterable[str]] = lambda form: ()) -> tuple[Literals, tuple[str, ...]]:
    """One scan over a data file of words (:func:`word_rows`): every kept line's words as written,
    Capitalised, in UPPER and lower case, then what ``also`` derives from each of those forms (a
    stem); and each form's kind, by the form's index in the scan's literals."""
    forms: dict[str, str] = {}
    for kind, words in word_rows(package, name, kinds):
        if keep(words):
            for form in (words, words[:1].upper() + words[1:], words.upper(), words.lower()):
                forms.setdefault(form, kind)
    for form, kind in list(forms.items()):
        for derived in also(form):
            forms.setdefault(derived, kind)
        if "\u200c" in form or "\u200d" in form:
            # the text passes read text folded, its zero-width joiners dropped ("رمز وای‌فای" as "رمز وایفای")
            forms.setdefault(form.replace("\u200c", "").replace("\u200d", ""), kind)
    return Literals(list(forms)), tuple(forms.values())


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (JSON's ``"\\ud800"``, which no UTF-8 holds, and
    so neither can the scan's) as U+FFFD: one character for one, so indexes stay, and no
    literal holds either."""
    return _SURROGATE_RE.sub("\ufffd", text)
