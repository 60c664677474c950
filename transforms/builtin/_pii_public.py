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


#: An office whose holder the news names: a company's chief, a central bank's governor, a minister, a head
#: of state or government, a mayor (English, German, French, Italian, Portuguese, Spanish, Dutch, Swedish,
#: Swahili, Ukrainian, Russian, Hebrew, Arabic), glued to its organisation or not ("Siemens-Chef",
#: "Riksbankschefen", "Le PDG de TotalEnergies,").
_OFFICE_RE = re.compile(
    r"(?i:\b(?:CEO|chief executive|chairman|chairwoman|chairperson|governor|prime minister|minister|chancellor|president|mayor"
    r"|Vorstandschef|Vorstandsvorsitzende[rn]?|Konzernchef|Bundeskanzler(?:in)?|Ministerpräsident(?:in)?|Notenbankchef"
    r"|PDG|président|présidente|directeur général|gouverneur|ministre|premier ministre|maire"
    r"|amministratore delegato|presidente|governatore|ministro|sindaco|director[a]? ejecutiv[oa]|gobernador[a]?|alcalde"
    r"|topman|topvrouw|bestuursvoorzitter|burgemeester|statsminister|riksbankschef|vd|gavana|waziri|rais"
    r"|голова|глава|председатель|президент|министр|губернатор|прем'єр-міністр|премьер-министр)\b"
    r"|[a-zäöüß]-?chef(?:in|en)?\b)"
    r"|נגיד|ראש הממשלה|שר ה|محافظ|رئيس|وزير")
#: What the sentence of a news item holds: a reporting verb, or a market's figure.
_NEWS_RE = re.compile(
    r"(?i:\b(?:said|says|announced|announces|told|confirmed|expects|warned|kündigte|sagte|erklärte|teilte|a annoncé|a déclaré"
    r"|a indiqué|ha confermato|ha annunciato|ha detto|disse|afirmou|anunciou|dijo|anunció|afirmó|verwacht|zei|meddelade"
    r"|sade|alisema|amesema|повідомив|заявив|сказав|заявил|сообщил)\b)"
    r"|הודיע|אמר|قال|أعلن|صرح|[0-9]\s?%|[0-9][.,][0-9]{2}\s?(?:€|\$|kr|R\$)|(?:€|\$|R\$|KSh)\s?[0-9]")
_SENTENCE_END_RE = re.compile(r"[.!?;\n](?:\s|$)")
#: Between an office and its holder: its organisation, a title, a comma (40 characters, no colon, no one else's
#: role): "de TotalEnergies, ", "wa Benki Kuu ya Kenya ", "בנק ישראל פרופ' ".
_OFFICE_GAP_RE = re.compile(r"(?![^:]*:)(?!.*\b(?i:customer|client|patient|user|tenant|guest|kunde|cliente|paciente)\b)"
                            r".{0,40}", re.DOTALL)


def named_in_office(text: str, name: str) -> bool:
    """Is ``name``, in ``text``, right after an office it holds, in a sentence of news (a reporting verb or a
    market's figure): "Siemens-Chef Roland Busch kündigte ...", "O presidente do Banco Central, Gabriel
    Galípolo, disse ..."? Such a holder is a public figure for what the sentence reports."""
    if _OFFICE_RE.search(text) is None:
        return False
    at = text.find(name)
    while at >= 0:
        before = text[max(0, at - 80):at]
        cut = max((m.end() for m in _SENTENCE_END_RE.finditer(before)), default=0)
        office = None
        for office in _OFFICE_RE.finditer(before, cut):
            pass
        if office is not None and _OFFICE_GAP_RE.fullmatch(before, office.end()) is not None:
            after = text[at + len(name):]
            stop = _SENTENCE_END_RE.search(after)
            sentence = text[max(0, at - 80) + cut:at + len(name) + (stop.start() if stop else len(after))]
            if _NEWS_RE.search(sentence) is not None:
                return True
        at = text.find(name, at + 1)
    return False
