"""Names next to a term of address: the way people name a neighbour, a porter or a driver in
delivery notes and messages ("Để hàng ở chỗ cô Hạnh", "nechte u paní Jarmily", "kapıcı Rıza
Efendi'ye", "آقا رضا", "κυρ Θανάση", "Mama Wanjiku", "रामू काका", "경비실 박씨 아저씨", "门卫老周").

The term says a person follows (or precedes); the name is then taken as written, inflected or
not, whether or not the lexicon knows it. Each term is one of its language's words of address,
never a word of another meaning in the same script ("pan" is Polish "Mr" only before a
capitalised word; Arabic "أم", also "or", is left out).
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_people import _KO_SURNAMES, _ZH_SURNAMES

Replace = Callable[[str, str, str], str]

#: A capitalised word of a Latin script (Vietnamese's capitals included: Ơ, Ư, Ạ-Ỹ).
_CAP_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ŽƠƯẠ-Ỹ][^\W\d_]{1,20}+"
_NOT_AFTER = r"(?<![^\W\d_])"

_HONORIFIC_RE = re.compile(
    # Vietnamese: anh, chị, cô, chú, bác, bà, ông, dì... before a given name ("em" is also Portuguese "in")
    _NOT_AFTER + r"(?:anh|chị|cô|chú|bác|bà|ông|dì|cậu|thím|mợ|Anh|Chị|Cô|Chú|Bác|Bà|Ông|Dì)[ ]"
    r"(?P<vi>" + _CAP_WORD + r"(?:[ ]" + _CAP_WORD + r"){0,2})"
    # Czech, Slovak and Polish Mr, Mrs, Miss in their cases: u paní Jarmily, pani Krystyny
    + r"|" + _NOT_AFTER + r"(?:pan|paní|pani|pana|panu|panem|panią|pane|panie|slečna|slečny|slečně|slečnou|pán|pána"
    r"|pánovi|Pan|Paní|Pani|Pana|Panu)[ ](?P<cs>" + _CAP_WORD + r"(?:[ ]" + _CAP_WORD + r")?)"
    # Brazilian Portuguese dona and seu, Swahili mama, baba, bibi, mzee, bwana; Indonesian, Malay and
    # Javanese Pak, Bu, Mbak, Encik; Filipino Inday, Manang, Manong, Kuya, Aling
    + r"|" + _NOT_AFTER + r"(?:dona|Dona|seu|Seu|Mama|Baba|Bibi|Babu|Mzee|Bwana|Bi\.|Bw\.|mama|baba|bibi|mzee|bwana"
    r"|Pak|Bu|Bapak|Ibu|Mbak|Encik|Puan|Inday|Manang|Manong|Kuya|Aling)[ ]"
    r"(?P<pt>" + _CAP_WORD + r"(?:[ ]" + _CAP_WORD + r")?)"
    # Turkish: the name before Efendi, Bey, Hanım, Abla, Abi, Teyze, Amca, Usta, Hoca (and a case ending)
    + r"|" + _NOT_AFTER + r"(?P<tr>" + _CAP_WORD + r")[ ](?:Efendi|Bey|Hanım|Hanim|Abla|Abi|Ağabey|Teyze|Amca|Usta"
    r"|Hoca)(?:['’][a-zçğıöşü]{1,6})?(?![^\W\d_])"
    # Greek: κυρ, κυρία, κύριος... before a name
    + r"|" + _NOT_AFTER + r"(?:κυρ|κυρία|κυρίας|κύριο|κύριος|κυρίου|κύριε|κυρά|κα\.|κος|κ\.|Κύριε|Κυρία|Κύριος|Κύριο|Αγαπητέ|Αγαπητή)[ ](?P<el>[Α-ΩΆ-Ώ][^\W\d_]{1,20}+(?:[ ][Α-ΩΆ-Ώ][^\W\d_]{1,20}+){0,2})"
    # Romanian doamna, domnul (and their cases)
    + r"|" + _NOT_AFTER + r"(?:doamna|doamnei|domnul|domnului|dna\.|dl\.)[ ](?P<ro>" + _CAP_WORD + r"(?:[ ]" + _CAP_WORD + r"){0,2})"
    # Persian آقا, خانم; Arabic عم, أبو, الحاج, الأستاذ, ست (Egypt's uncle, father of, pilgrim, teacher, lady)
    r"|(?<![\u0600-\u06ff])(?:آقا|آقای|خانم|جناب)[ ](?P<fa>[\u0621-\u06cc]{2,15})(?![\u0600-\u06ff])"
    r"|(?<![\u0600-\u06ff])(?:عم|عمو|أبو|ابو|الحاج|الحاجة|حاج|الأستاذ|الأستاذة|أستاذ|أستاذة|الست)[ ]"
    r"(?P<ar>[\u0621-\u064a]{2,15})(?![\u0600-\u06ff])"
    # Hindi: the name before काका, भैया, दीदी, चाचा... (uncle, brother, sister)
    r"|(?<![\u0900-\u097f])(?P<hi>[\u0900-\u097f]{2,15})[ ](?:काका|भैया|भइया|दीदी|चाचा|चाची|मौसी|बुआ|अंकल|आंटी|साहब"
    r"|बाबू)(?![\u0900-\u097f])"
    # Korean: a surname alone before 씨 (박씨 아저씨, 김씨가)
    r"|(?<![가-힣])(?P<ko>" + _KO_SURNAMES + r")씨(?=[ ]?(?:아저씨|아주머니|아줌마|할머니|할아버지)|(?:네|에게|한테|께|가|는|를|의|도)?"
    r"(?![가-힣]))"
    # Chinese: 老 or 小 before a surname, as colleagues and neighbours are called (老周, 小李)
    r"|(?<![0-9〇一二三四五六七八九十几半两大])(?:老|小)(?P<zh>(?!时|時|区|區|姐|孩|心|公|师|師|板|婆|家|人|子"
    r"|伙|朋|弟|妹|哥|鬼|虎|龙|龍|马|馬|牛|羊|鸡|雞|猫|狗|米|麦|麥|白|黄|黃|红|紅|花|天|年|路|店|车|車)"
    r"(?:" + _ZH_SURNAMES + r"))(?=那|这|這|家|说|說|在|帮|幫|给|給|，|。|！|,|\s|$)"
)
#: What the text must hold for a term above: any character outside ASCII, or one of the ASCII terms.
_ASCII_TERMS_RE = re.compile(
    r"(?<![^\W\d_])(?:anh|pan|pani|pana|panu|panem|pane|panie|Pan|Pani|Pana|Panu|dona|Dona|seu|Seu|Mama|Baba|Bibi"
    r"|Babu|Mzee|Bwana|Bi\.|Bw\.|mama|baba|bibi|mzee|bwana|Efendi|Bey|Hanim|Abla|Abi|Teyze|Amca|Usta|Hoca"
    r"|doamna|doamnei|domnul|domnului|dna\.|dl\.|Pak|Bu|Bapak|Ibu|Mbak|Encik|Puan|Inday|Manang|Manong|Kuya|Aling)[ ]"
)
#: Capitalised terms that name no dish or brand: the name after them need not be in the lexicon
#: ("Pak Darsono", "Inday Belen"); not Turkish's "Bu" ("this").
_ONLY_BEFORE_A_PERSON = frozenset("Pak Bapak Ibu Mbak Encik Puan Inday Manang Manong Kuya Aling".split())
#: Words after a term that are no one's name: a place, a time, a company ("seu Nubank").
_NOT_NAMES = frozenset(
    """Nubank Itaú Itau Bradesco Santander Caixa Google Apple Uber Netflix Pix Hà Nội Sài Gòn Việt Nam Đà Nẵng Huế""".split()
)


_WORD_BEFORE = 32
_CAPITALISED_BEFORE_RE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ŽƠƯẠ-Ỹ][^\W\d_]*[ ]\Z")


def scrub(text: str, replace: Replace) -> str:
    """Names beside a term of address in ``text``, masked as names."""
    if text.isascii() and _ASCII_TERMS_RE.search(text) is None:
        return text
    return _HONORIFIC_RE.sub(lambda m: _name(m, replace), text)


def _name(match: re.Match[str], replace: Replace) -> str:
    group = match.lastgroup
    name = match[group]
    if name.split(" ")[0] in _NOT_NAMES or name.isupper():
        return match[0]  # (in capitals an office's abbreviation: "Pak RT", the neighbourhood's head)
    # the word before, in a window of its own: a search back to the text's start at every match would be quadratic
    if group == "vi" and match[0][:1].isupper() and _CAPITALISED_BEFORE_RE.search(
            match.string, max(0, match.start() - _WORD_BEFORE), match.start()):
        return match[0]  # "Đường Hai Bà Trưng": a capitalised term inside a proper noun (a street, a district)
    if group == "pt" and match[0][:1].isupper() and match[0].split(" ")[0] not in _ONLY_BEFORE_A_PERSON:
        from transforms.builtin._pii_prose_names import flags_of

        if not flags_of(name):
            return match[0]  # "Baba Ganoush", "Mama Earth": a capitalised term names a dish or a brand as often
    start, end = match.start(group) - match.start(), match.end(group) - match.start()
    return match[0][:start] + replace("name", " ".join(name.lower().split()), name) + match[0][end:]
