"""Passwords and one-time codes told in text after the words of 90 languages
(``secret-words.tsv``): "Kalmar sirri ta ita ce Kano$Dabo88", "Fy nghyfrinair yw Eryri!Draig88",
"engangskoden 814 207", "SMS kodu 471208".

``_pii_tokens`` reads its own words with regular expressions; these, a thousand and more, are
found with one Aho-Corasick scan (``_pii_literals``). After a password's word, the first word
of the same sentence shaped like a password is redacted (as ``_pii_tokens`` does after its own:
letters with digits, and a sign or both cases); after a code's word, the digits that follow
within a few characters (4 to 8, in up to three groups), unless a lifetime or a count follows
them ("expires in 300 seconds") or a word between says they are something else ("ending 4242").
"""

from __future__ import annotations

import re
from functools import cache

from transforms.builtin import _pii_tokens
from transforms.builtin._pii_literals import Literals, word_file
from transforms.builtin._pii_words import starts_word

#: Scripts written without spaces between words: a cue may run on into the next word.
_RUN_ON = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
#: What may not touch a word of prose: a letter, a digit, "_" or "-" (an identifier's parts).
_IDENTIFIER_CHAR = re.compile(r"[\w-]")
#: Between a code's word and its digits: a few characters of no digit and no sentence's end.
#: Not a path's or a query's separator ("/sicherheitscode/sig/1990"), and the digits a word of
#: their own ("b661328d" is a hex token's).
_CODE_RE = re.compile(
    r"(?P<gap>[^0-9.!?。\n/=&_]{0,24}?)(?<![\w-])(?P<code>[0-9]{2,8}(?:[ -][0-9]{2,8}){0,2})(?![\w-])")


@cache
def _words() -> tuple[Literals, tuple[str, ...]]:
    return word_file(__package__, "secret-words.tsv", frozenset({"password", "code"}))


def may_hold(text: str) -> bool:
    return _words()[0].found_in(text)


def scrub(text: str, redacted: str) -> str:
    literals, kinds = _words()
    out: list[str] = []
    pos = 0
    for index, start, end in sorted(literals.hits(text), key=lambda hit: (hit[1], -hit[2])):
        if start < pos or not starts_word(text, start) or (start and _IDENTIFIER_CHAR.match(text, start - 1)):
            continue  # "enable_password_reset_v2", "%22password": a part of an identifier or an encoding
        if end < len(text) and _IDENTIFIER_CHAR.match(text, end) and not _RUN_ON.match(text, end - 1):
            continue  # "pinned", "codec", "password_reset": the word goes on
        span = _password_after(text, end) if kinds[index] == "password" else _code_after(text, end)
        if span is None or redacted in text[end:span[0]]:
            continue  # nothing shaped like one, or an earlier pass masked it already
        out += [text[pos:span[0]], redacted]
        pos = span[1]
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _password_after(text: str, at: int) -> tuple[int, int] | None:
    candidate = _pii_tokens.first_shaped(text, at, _pii_tokens.sentence_end(text, at))
    if candidate is None:
        return None
    return candidate.start(), candidate.start() + len(candidate[0].rstrip(".:!?"))


def _code_after(text: str, at: int) -> tuple[int, int] | None:
    match = _CODE_RE.match(text, at)
    if match is None:
        return None
    code = match["code"]
    digits = sum(c.isdigit() for c in code)
    if not 4 <= digits <= 8:
        return None
    if set(match["gap"].lower().split()) & _pii_tokens.GAP_NOT_A_CODE:
        return None  # "PIN for the card ending 4242", "code expires in 300 seconds"
    if _pii_tokens.UNIT_AFTER_RE.match(text, match.end()) is not None:
        return None
    return match.start("code"), match.end("code")
