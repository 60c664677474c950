"""Cue words for the text detectors, matched fast.

A case-insensitive alternation of words makes Python's ``re`` try every branch at every
position (measured: 200 times slower on a 1 MiB string than a case-sensitive one, which
skips to the positions where a branch's first character is). So each cue is written out
in the ways text writes it, lower case, Capitalised and UPPER CASE, plus as listed (and a
cue of several words in Title Case and with its first word in capitals),
and the alternation stays case-sensitive. The word boundary before a cue is checked in
code (:func:`starts_word`), since a look-behind in front of the alternation would also
stop the skipping.

Even case-sensitive, a flat alternation of hundreds of words costs a test of each branch
at every letter of the text (``re`` skips a branch whose first character differs, but
visits them all): the cue passes were most of ``pii``'s time. :func:`one_of` writes the
alternation as a tree of first characters instead (``c(?:all|ell)|p(?:hone|h)``), which
tries only the branches that share what the text holds so far: 12 times faster on a URL,
and the same matches, since the branches keep their order (see :func:`one_of`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from transforms.builtin._pii_literals import SPECIAL, Literals, literal_starts

#: (The empty string is "in" neither this nor SPECIAL: a one-character alternative groups.)
_QUANTIFIERS = frozenset("?*+{")


def cased(*patterns: str) -> str:
    """``"call|phone"`` -> ``"call|Call|CALL|phone|Phone|PHONE"`` (as :func:`one_of`
    writes it), longest first within each pattern, the patterns in order."""
    return one_of([variant for pattern in patterns for variant in variants(pattern)])


#: Words a Title Case label leaves in lower case ("Date of Birth").
_CONNECTORS = frozenset("of de di du da do la le el the and a à per on van der is ist est es è é är er".split())


def variants(words: str) -> list[str]:
    """The alternatives of ``words`` as listed, in lower case, Capitalised and UPPER CASE,
    longest first; one of several words also in Title Case ("My Number", "Date of Birth",
    "Israeli ID") and with its first word in capitals ("ID no"), as forms and labels write
    them."""
    found: set[str] = set()
    for word in top_level(words):
        if word:
            found.update({word, word.lower(), word[:1].upper() + word[1:], word.upper()})
            if " " in word:
                parts = word.split(" ")
                found.add(" ".join(w[:1].upper() + w[1:] for w in parts))
                found.add(" ".join(w if w in _CONNECTORS else w[:1].upper() + w[1:] for w in parts))
                found.add(" ".join(w.upper() if len(w) <= 3 and w not in _CONNECTORS else w[:1].upper() + w[1:] for w in parts))
                found.add(" ".join([parts[0].upper(), *parts[1:]]))
    return sorted(found, key=lambda w: (-len(w), w))


def one_of(alternatives: list[str], literal: bool = False) -> str:
    """The alternation of ``alternatives`` (regular-expression fragments without a
    top-level ``|``; with ``literal``, plain strings, escaped here), with alternatives that start with the same literal character joined
    under it, recursively.

    It matches what the flat alternation matches, and the same branch wins: ``re`` takes
    the first branch that leads to a match, and alternatives joined under a character keep
    their order among themselves; any other alternative that can match where they do
    starts with the same character and is in the same group. A fragment that does not
    start with a literal (``(?:ed|ing)?``) stays where it is, and closes the groups
    before it, so nothing moves across it."""
    groups: list[tuple[str | None, list[str]]] = []
    open_groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        head = alternative[:1] if literal else _literal_head(alternative)
        if head is None:
            groups.append((None, [alternative]))
            open_groups = {}
            continue
        rests = open_groups.get(head)
        if rests is None:
            rests = open_groups[head] = []
            groups.append((head, rests))
        rests.append(alternative[1:])
    out = []
    for head, rests in groups:
        if head is None:
            out.append(rests[0])
            continue
        if literal:
            head = re.escape(head)
        if len(rests) == 1:
            out.append(head + (re.escape(rests[0]) if literal else rests[0]))
        else:
            out.append(f"{head}(?:{one_of(rests, literal)})")
    return "|".join(out)


def first_characters(alternatives: list[str]) -> str:
    """A character class of the characters ``alternatives`` start with, for a look-ahead
    that rejects a place in one test before the tree of :func:`one_of` is tried there; an
    alternative that does not start with a literal makes it ``.`` (anything)."""
    heads = {_literal_head(alternative) for alternative in alternatives}
    if None in heads:
        return "."
    return "[" + "".join(re.escape(h) for h in sorted(heads)) + "]"


def _literal_head(alternative: str) -> str | None:
    """The literal character a regular-expression fragment starts with, or None."""
    head = alternative[:1]
    if not head or head in SPECIAL or alternative[1:2] in _QUANTIFIERS:
        return None
    return head


#: The letters of the Latin scripts, as a character class's body: what a word is made of for
#: the cue guards (``str.isalpha`` says more characters are letters, and some it says are not).
LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
#: What stands before the start of a word.
_NOT_A_LETTER = f"[^{LATIN_LETTERS}]"
_NOT_A_LETTER_RE = re.compile(_NOT_A_LETTER)


def starts_a_word(alternatives: list[str], after: str = "") -> Callable[[str], bool]:
    """A test of a text: does one of ``alternatives`` (then ``after``) start a word of it,
    at its start or after a character that is no letter? A guard for the passes that check
    :func:`starts_word` themselves."""
    return _found_at_literals(alternatives, after, word_start=True)


def occurs(alternatives: list[str], after: str = "") -> Callable[[str], bool]:
    """A test of a text: does one of ``alternatives`` (then ``after``) occur anywhere in it?
    What ``re.compile("(?:" + "|".join(alternatives) + ")" + after).search`` says."""
    return _found_at_literals(alternatives, after, word_start=False)


def _found_at_literals(alternatives: list[str], after: str, word_start: bool) -> Callable[[str], bool]:
    """One Aho-Corasick scan (:class:`._pii_literals.Literals`) finds where the alternatives'
    literal starts are; only there (and, with ``word_start``, only where a word starts) are
    the alternatives with that start tried, as ``re`` would try them there. Every match of
    an alternative starts with one of its literal starts, and the scan reports every
    occurrence of each, so this finds a match exactly when the one alternation of them all
    would (tested in ``tests/test_pii_guards.py``), without trying that alternation at
    every letter."""
    by_start: dict[str, list[str]] = {}
    for alternative in alternatives:
        for start in literal_starts(alternative):
            by_start.setdefault(start, []).append(alternative)
    if "" in by_start and not word_start:  # an alternative that starts with no literal: the one alternation
        return re.compile(f"(?:{one_of(alternatives)}){after}").search
    if "" in by_start:
        words = one_of(alternatives)
        at_start = re.compile(f"(?:{words}){after}")
        later = re.compile(f"{_NOT_A_LETTER}(?={first_characters(alternatives)})(?:{words}){after}")
        return lambda text: at_start.match(text) is not None or later.search(text) is not None
    literals = Literals(list(by_start))
    alternatives_at = [by_start[literal] for literal in literals.literals]
    compiled: dict[int, re.Pattern[str]] = {}  # compiled on first use: thousands of starts, few ever seen
    hits, not_a_letter = literals.hits, _NOT_A_LETTER_RE.match

    def test(text: str) -> bool:
        for index, start, _ in hits(text):
            if word_start and start and not_a_letter(text, start - 1) is None:
                continue  # inside a word
            pattern = compiled.get(index)
            if pattern is None:
                pattern = compiled[index] = re.compile(f"(?:{one_of(alternatives_at[index])}){after}")
            if pattern.match(text, start) is not None:
                return True
        return False

    return test


#: Letters Hebrew and Arabic write joined to the word after them ("to", "with", "and", "the"...):
#: "לשירה" is "to Shira", "بالسكري" "with diabetes".
GLUED_PREFIXES = frozenset("לבוהמשכ" + "لبوفك")
#: Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana and CJK ideographs.
NO_SPACES_RE = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u9fff]")
#: A letter of any script with the vowel signs and marks ``\w`` leaves out (Indic, Thai, Lao, Myanmar,
#: Ethiopic, Khmer, combining accents, zero-width joiners): one character of a word of any script.
LETTER = r"(?:[^\W\d_]|[\u0300-\u036f\u0900-\u0DFF\u0E00-\u0EFF\u1000-\u109F\u1200-\u137F\u1780-\u17FF\u200c\u200d])"


def starts_word(text: str, start: int) -> bool:
    """Is ``start`` the start of a word (no letter right before it)? Chinese and Japanese
    write no spaces between words: after kana or a CJK ideograph a word may start (as
    :data:`_NOT_A_LETTER`, which the guards use, has it)."""
    if start == 0:
        return True
    before = text[start - 1]
    # Thai, Lao, Myanmar and Khmer write none either
    return not before.isalpha() or NO_SPACES_RE.match(before) is not None


def top_level(pattern: str) -> list[str]:
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



#: Characters that write what the detectors look for in another way, where they do it:
#: spaces that do not break and Unicode dashes between digits (``4111\u00a01111``,
#: ``415–555–0100``, ``+44\u202f20``), invisible characters inside a word or an address
#: (``jane\u200b@example.com``); and full-width digits, letters and ``＠＋－．``
#: (``０９０-１２３４-５６７８``, ``jane＠example.com``), and the digits of other scripts. Other non-ASCII text (an em dash
#: between words, a full-width colon) is left as it is.
_FOLD_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
_FOLD_DASHES = "\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
#: (and NUL and the variation selectors: "ghp_abc\ufe0fdef", "jane\x00@example.com")
_FOLD_INVISIBLE = "\x00\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe00-\ufe0f"
_FOLD_RE = re.compile(
    f"(?<=[0-9])(?:(?P<space>[{_FOLD_SPACES}])(?=[0-9+(])"
    f"|(?P<dash>[{_FOLD_DASHES}])(?=[0-9]))"
    f"|(?<=[\\w.@+])[{_FOLD_INVISIBLE}]++(?=[\\w.@+])"
    # an emoji inside an e-mail's local part, before its @ ("jane😀@example.com")
    "|(?<=[\\w.])[\U0001F300-\U0001FAFF\u2600-\u27BF]{1,4}+(?=@)"
)
_FULL_WIDTH = {
    **{0xFF10 + i: chr(0x30 + i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
    0xFF20: "@", 0xFF0B: "+", 0xFF0D: "-", 0xFF0E: ".", 0xFE6B: "@", 0xFE52: ".",
    # Unicode's tag characters, invisible, spell ASCII: read as what they spell
    **{0xE0000 + c: chr(c) for c in range(0x20, 0x7F)},
    # the digits of every script (Arabic, Persian and Urdu, the Indic scripts, Thai, Lao, Tibetan,
    # Myanmar, Khmer, Mongolian...: ٠٧٩٥١٢٣٤٥٦, ۰۹۱۲, ੯੮੧੪੦, ༡༧༦༥)
    **{c: str(unicodedata.decimal(chr(c))) for c in range(0x80, 0xFF00) if unicodedata.category(chr(c)) == "Nd"},
}
#: Any character :func:`fold` could change: most non-ASCII text holds none, and one search
#: for them in C costs a tenth of the translation and the substitution it spares.
_FOLDABLE_RE = re.compile(
    f"[{_FOLD_SPACES}{_FOLD_DASHES}{_FOLD_INVISIBLE}\U0001F300-\U0001FAFF\u2600-\u27BF"
    + "".join(re.escape(chr(c)) for c in sorted(_FULL_WIDTH)) + "]"
)


def _fold_one(match: re.Match[str]) -> str:
    return " " if match["space"] else "-" if match["dash"] else ""


def fold(text: str) -> str:
    """``text`` with those characters written the ASCII way, or ``text`` itself when it
    holds none (so a caller can tell by identity)."""
    if _FOLDABLE_RE.search(text) is None:
        return text
    folded = _FOLD_RE.sub(_fold_one, text.translate(_FULL_WIDTH))
    return text if folded == text else folded


def without_marks(text: str) -> str:
    """``text`` decomposed (NFKD) with its combining marks dropped: "Prénom" -> "Prenom". Letters
    that do not decompose (ł, ø, ı...) stay: each caller maps those its own way."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def swap_group(match: re.Match[str], group: str, new: str) -> str:
    """The text of ``match`` with its group ``group`` replaced by ``new``."""
    start, end = match.start(group) - match.start(), match.end(group) - match.start()
    return match[0][:start] + new + match[0][end:]
