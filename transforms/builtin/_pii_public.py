"""Public figures named in news, sports, literature and history (``public-figures.tsv``): heads of
state and government, famous athletes, writers, artists, scientists, in their own script and in
Latin letters. A name a text pass finds is kept when it is one of these, whole ("Olaf Scholz ist
am 8. Dezember 2021 ... gewählt worden", "Юрий Гагарин совершил первый полёт"): the promise is about
the people an API's users are, not the people its news text is about.

Only a whole name is kept, as the list writes it (accents and case aside; two words or more, or a
name of a script written without spaces): "Messi" alone, or a private person who shares a given
name with a president, is not.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from transforms.builtin._pii_words import without_marks


def _key(name: str) -> str:
    return " ".join(without_marks(name).casefold().split())


@cache
def _names() -> frozenset[str]:
    text = resources.files(__package__).joinpath("public-figures.tsv").read_text(encoding="utf-8")
    names = set()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        _region, name = line.split("\t")
        names.add(_key(name))
    return frozenset(names)


#: A name written without spaces: Chinese, Japanese, Korean (习近平, 손흥민).
_UNSPACED_RE = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{3,8}")


def is_public_figure(name: str) -> bool:
    """Is ``name`` (as a pass found it) a public figure's whole name?"""
    if len(name) > 80 or len(name.split()) < 2 and _UNSPACED_RE.fullmatch(name.strip()) is None:
        return False
    return _key(name) in _names()
