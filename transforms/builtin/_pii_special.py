"""GDPR art. 9's special categories other than health, in free text and under an ambiguous field
name (the ``special_category`` class; by field name otherwise: :mod:`transforms.builtin._pii_names`).

- A sexual orientation someone states of themselves or another ("I'm bisexual", "soy lesbiana",
  "mein Bruder ist schwul"), or that a text about someone names (a person masked in it);
- a religion or an ethnic origin someone states as theirs ("I am a practising Muslim", "je suis
  catholique", "soy afrocolombiana"), a trade union someone is a member of ("adhérente CFDT",
  "medlem i IF Metall");
- under a field named ``orientation`` (a dating profile's), a value that names one: a page's
  ``"orientation": "landscape"`` stays.

Masked as ``[sexual_orientation]``, ``[religion]``, ``[ethnicity]``, ``[union_membership]``. A bar's
"gay-friendly", a church's "Catholic", a news item's "Muslim voters", a plant "indigenous to" a place
and a member of a gym are no one's and stay.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_health import names_someone
from transforms.builtin._pii_literals import Literals
from transforms.builtin._pii_words import cased, one_of, swap_group, variants

Replace = Callable[[str, str, str], str]


def _words_re(alternatives: str) -> re.Pattern[str]:
    """A whole word or phrase of ``alternatives`` ("a|b c|..."), in any case, as group ``found``."""
    return re.compile(r"(?<![^\W\d_])(?P<found>(?i:" + one_of(
        sorted(set(alternatives.split("|")), key=lambda w: (-len(w), w)), literal=True) + r"))(?![^\W\d_])")


_ORIENTATIONS = (
    "gay|lesbian|bisexual|homosexual|heterosexual|pansexual|asexual|queer|demisexual"
    "|lesbienne|bisexuel|bisexuelle|homosexuel|homosexuelle|hétérosexuel|hétérosexuelle|pansexuelle|asexuelle"
    "|lesbiana|lesbica|bisessuale|omosessuale|eterosessuale"
    "|lésbica|bissexual|homossexual|heterossexual|schwul|lesbisch|bisexuell|homosexuell|heterosexuell"
    "|homo|hetero|biseksueel|homoseksueel|lesbienne|biseksualny|biseksualna|homoseksualny|homoseksualna"
    "|lesbijka|gejem|gej|bisexuál|bisexuální|homosexuální|leszbikus|biszexuális|homoseksuell"
    "|homoseksuel|biseksuel|bisexuell|homoseksuaali|biseksuaali|eşcinsel|gey|lezbiyen|biseksüel"
    "|гей|лесбиянка|бисексуал|бисексуалка|гомосексуал|бісексуал|бісексуалка|ομοφυλόφιλος|ομοφυλόφιλη"
    "|同性恋|双性恋|同性戀|雙性戀|ゲイ|レズビアン|バイセクシュアル|게이|레즈비언|양성애자|동성애자"
    "|مثلي|مثلية|همجنسگرا|הומו|לסבית|ביסקסואל|ביסקסואלית|समलैंगिक|เกย์|เลสเบี้ยน"
    # gender identity, as sensitive and said the same way ("ela é trans", "I'm non-binary")
    "|trans|transgender|transgênero|transgénero|transexual|transsexual|transsexuell|non-binary|nonbinary"
    "|não binário|não binária|no binario|no binaria|nicht-binär|non binaire|non-binaire|transseksualny|transpłciowa"
)
_ORIENTATION_RE = _words_re(_ORIENTATIONS)

_RELIGIONS = (
    "muslim|moslem|christian|catholic|roman catholic|protestant|evangelical|orthodox christian|jewish|a jew|hindu"
    "|buddhist|sikh|jain|atheist|agnostic|mormon|jehovah's witness|baptist|methodist|lutheran|anglican|pentecostal"
    "|muslimisch|muslima|christ|christin|katholisch|evangelisch|jüdisch|jude|jüdin|atheist|atheistin|buddhistisch"
    "|musulman|musulmane|chrétien|chrétienne|catholique|protestante|protestant|juif|juive|athée|bouddhiste"
    "|musulmán|musulmana|cristiano|cristiana|católico|católica|protestante|judío|judía|ateo|atea|budista"
    "|musulmano|musulmana|cattolico|cattolica|ebreo|ebrea|ateo|atea|buddista|muçulmano|muçulmana|católico"
    "|evangélico|evangélica|espírita|judeu|judia|moslim|katholiek|protestants|joods|atheïst|muzułmanin"
    "|muzułmanka|katolikiem|katoliczką|prawosławny|prawosławna|żydem|ateistą|ateistką|müslüman|hristiyan"
    "|ateist|мусульманин|мусульманка|христианин|христианка|православный|православная|католик|католичка"
    "|иудей|атеист|атеистка|мусульманином|православным|천주교|기독교|불교|개신교|천주교 신자|기독교인|불교 신자"
    "|クリスチャン|仏教徒|イスラム教徒|基督徒|天主教徒|佛教徒|穆斯林|مسلم|مسلمة|مسيحي|مسيحية|شيعي|سني"
    "|יהודי|יהודייה|נוצרי|מוסלמי|हिंदू|हिन्दू|मुसलमान|ईसाई|सिख|muslimah|kristen|katolik|nasrani|hindu|budha"
    "|adventist|seventh-day adventist|adventista|adventista do sétimo dia|adventista del séptimo día|adventistin"
    "|testemunha de jeová|testigo de jehová|zeuge jehovas|témoin de jéhovah|mórmon|mormón|quaker|hindoe|moslima"
    "|alevi|alevî|sünni|şii|bahai|bahá'í|baháʼí|بهائی|بهایی|زرتشتی|zoroastrian|yazidi|ezidi|êzîdî|druze|druzo|drusa"
)
#: Ethnic origins someone states as theirs ("soy afrocolombiana", "I'm Māori"). Not the colours and
#: continents a sentence says of things ("the case is black"), nor the peoples whose names are their
#: languages' too ("the text is Tamil").
_ETHNICITIES = (
    "afrocolombiano|afrocolombiana|afrodescendiente|afroamericano|afroamericana|afro-american|african american"
    "|afro-brasileiro|afro-brasileira|afrobrasileño|afroperuano|afroperuana|afroecuatoriano|afroecuatoriana"
    "|aboriginal|torres strait islander|māori|maori|métis|metis|inuit|first nations"
    "|mestizo|mestiza|gitano|gitana|romani|sinti|latino|latina|latinx|hispanic|hispana|hispano"
    "|mapuche|wayuu|dalit|adivasi"
)
_RELIGION_RE = _words_re(_RELIGIONS)
_ETHNICITY_RE = _words_re(_ETHNICITIES)
#: Membership of a trade union said of someone: a membership's words, then a union's word or a
#: well-known union's name ("adhérente CFDT Santé-Sociaux", "medlem i IF Metall", "Ek is 'n lid van
#: Solidariteit", "member of Unite the Union").
_MEMBER = (
    r"(?:member of(?: the)?|a member of(?: the)?|membership of(?: the)?|medlem i|medlem av|mitglied (?:der|bei|in der|von)"
    r"|mitglied|adhérente?(?: (?:à la|au|de la|du))?|syndiqué(?:e)?(?: (?:à la|au|chez))?|lid van(?: de)?|miembro de(?:l| la)?"
    r"|lid te zijn van(?: de)?|afiliad[oa] (?:a|al|a la)|membro d[aeo]|sindicalizad[oa] (?:en|na|no)|iscritt[oa] (?:a|al|alla)|członkiem|członek"
    r"|membru(?: al| în)?|jäsen)"
)
_UNIONS = (
    "CFDT|CGT|CFTC|CFE-CGC|UNSA|FSU|Force Ouvrière|CGIL|CISL|UIL|CCOO|UGT|IG Metall|ver\\.di|verdi|GEW|IG BCE"
    "|IG BAU|NGG|EVG|FNV|CNV|IF Metall|Unionen|Kommunal|Vision|Vårdförbundet|Unite(?: the Union)?|Unison|UNISON|GMB"
    "|RCN|NEU|NASUWT|RMT|CWU|PCS|USDAW|AFL-CIO|SEIU|UAW|Teamsters|AFT|NEA|COSATU|NUMSA|NUM|Solidariteit"
    "|Solidarność|Solidarnosc|OPZZ|ÖGB|GPA|SAK|JHL|PAM|Tehy|3F|HK|Dansk Metal|Fagforbundet|Fellesforbundet|CSN|FTQ"
    "|CUT|Força Sindical"
)
_UNION_WORDS = (
    "union|trade union|labour union|labor union|gewerkschaft|syndicat|sindicato|sindacato|vakbond|fackförbund"
    "|fagforening|fagforbund|ammattiliitto|związek zawodowy|związku zawodowego|sindicat|szakszervezet|odbory"
)
_UNION_RE = re.compile(
    r"(?<![^\W\d_])" + _MEMBER + r"[ ](?P<found>(?:" + _UNIONS + r")(?:[ -][A-ZÀ-Þ][^\s,.;:!?]{1,20}){0,2}"
    r"|(?:the[ ]|der[ ]|du[ ]|del[ ]|de[ ]la[ ]|do[ ])?(?:[A-ZÀ-Þ][^\s,.;:!?]{0,20}[ ]){0,3}(?i:" + _UNION_WORDS + r")"
    r"(?:[ ][A-ZÀ-Þ][^\s,.;:!?]{1,20}){0,2})(?![^\W\d_])"
)
_UNION_LITERALS = Literals(["member", "Member", "medlem", "Medlem", "mitglied", "Mitglied", "adhérent", "Adhérent",
                            "syndiqué", "Syndiqué", "lid van", "Lid van", "lid te zijn", "Lid te zijn", "miembro", "Miembro", "afiliad", "Afiliad",
                            "membro", "Membro", "sindicalizad", "iscritt", "Iscritt", "członk", "Członk", "membru",
                            "Membru", "jäsen"])
#: What a text must hold for :func:`scrub_special` to find anything: one scan for all four kinds.
_SPECIAL_LITERALS = Literals([*variants(_ORIENTATIONS), *variants(_RELIGIONS), *variants(_ETHNICITIES),
                              *_UNION_LITERALS.literals])

#: Someone says what they, or another, are: the orientation or religion follows within two words
#: ("I'm a practising Muslim", "mein Bruder ist schwul", "je suis bisexuelle").
_BEING = (
    "i am|i'm|im|i identify as|identify as|identifies as|came out as|come out as|coming out as|he is|she is|they are"
    "|he's|she's|my son is|my daughter is|my brother is|my sister is|my partner is|ich bin|er ist|sie ist"
    "|ist|je suis|il est|elle est|suis|soy|es|somos|sono|è|sou|é|ik ben|is|jestem|jest|jsem|je|vagyok|olen|er|är"
    "|jeg er|jag är|ben|benim|я|он|она|я —|yo soy|sebagai|saya|aku|저는|나는|私は|我是|他是|她是|أنا|انا|אני|मैं"
)
_BEING_RE = re.compile(r"(?<![^\W\d_])(?:" + cased(_BEING) + r")(?:[ ]|(?=[가-힣一-龥ぁ-ゟ]))")
#: Words that make an orientation's word a place's or a group's ("gay bar", "LGBT-friendly").
_GROUP_WORDS = frozenset(
    """bar bars club clubs friendly pride community communities rights marriage village district scene
    people men women couples parade film films movie series magazine themed theme style food cuisine restaurant
    music festival market heritage culture history month art artists church churches school schools temple
    temples tempel mosque mosques moschee synagogue synagogues synagoge wedding weddings calendar holiday holidays
    owned centre center fat fats fatty acid acids isomer isomers""".split()
)
#: Someone says what they are with the verb after: Turkish "Alevi olduğunu belirtti", Persian "بهائی
#: هستم", Urdu, Hindi, Japanese, Korean.
_BEING_AFTER_RE = re.compile(r"[ ]?(?:olduğunu|olduğumu|olduğum|olduğu|biriyim|هستم|ہوں|हूँ|हूं|です|입니다|이에요)(?![^\W\d_])")
_NEXT_WORD_RE = re.compile(r"[ -]?([^\W\d_]{2,20})")
_WORD_RE = re.compile(r"[^\W\d_]{1,14}[ ]")


def may_hold_special(text: str) -> bool:
    return _SPECIAL_LITERALS.found_in(text)


def scrub_special(text: str, replace: Replace) -> str:
    """Orientations, religions and ethnic origins someone is said to have, a union someone is a member
    of; orientations in a text about someone."""
    someone = names_someone(text)
    # an orientation's word of four letters or more is someone's in a text about someone ("gay" too
    # short to go on that alone); otherwise, as for a religion or an origin, when said of someone
    text = _said(text, _ORIENTATION_RE, "sexual_orientation", replace,
                 lambda found: someone and len(found["found"]) > 3 or _said_of_someone(found.string, found.start())
                 or _BEING_AFTER_RE.match(found.string, found.end()) is not None)
    if _UNION_LITERALS.found_in(text):
        text = _UNION_RE.sub(lambda m: swap_group(m, "found", replace("union_membership", m["found"].lower(), m["found"])), text)
    if _BEING_RE.search(text) is None and _BEING_AFTER_RE.search(text) is None:
        return text
    for kind, pattern in (("religion", _RELIGION_RE), ("ethnicity", _ETHNICITY_RE)):
        text = _said(text, pattern, kind, replace, lambda found: _said_of_someone(found.string, found.start())
                     or _BEING_AFTER_RE.match(found.string, found.end()) is not None)
    return text


def _said(text: str, pattern: re.Pattern[str], kind: str, replace: Replace,
          taken: Callable[[re.Match[str]], bool]) -> str:
    """``text`` with each match of ``pattern`` that names no group ("gay bars") and is ``taken``
    masked as ``kind``."""
    out, kept = [], 0
    for found in pattern.finditer(text):
        if found.start() < kept or _a_group(text, found.end()) or not taken(found):
            continue
        out += [text[kept:found.start()], replace(kind, found["found"].lower(), found["found"])]
        kept = found.end()
    return "".join(out) + text[kept:] if out else text


def is_an_orientation(value: str) -> bool:
    """Does ``value`` name a sexual orientation ("bisexuelle", "gay")? What a field named
    ``orientation`` holds when it is a person's, not a page's ("landscape")."""
    return _ORIENTATION_RE.fullmatch(value.strip()) is not None


def _a_group(text: str, end: int) -> bool:
    word = _NEXT_WORD_RE.match(text, end)
    return word is not None and word[1].lower() in _GROUP_WORDS


def _said_of_someone(text: str, start: int) -> bool:
    """Does a being word end right before ``start``, or at most two words before it ("I'm a
    practising Muslim")?"""
    before = text[max(0, start - 40):start]
    for being in _BEING_RE.finditer(before):
        between = before[being.end():]
        if len(between) <= 28 and len(_WORD_RE.findall(between)) <= 2 and "".join(_WORD_RE.findall(between)) == between:
            return True
    return False
