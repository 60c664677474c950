"""Names after a self-introduction in scripts without capitals (kind ``name``).

Where a script has capitals, ``_pii_people`` reads a name as the capitalised words after its
cue. Georgian, Ge'ez, Khmer, Lao, Myanmar, Sinhala, the Indic scripts, Arabic and Hebrew
have none, so a name is read by what closes it instead:

- after a cue that names the name ("ስሜ ... ነው", "ខ្ញុំឈ្មោះ ...", "ჩემი სახელია ...",
  "मेरो नाम ... हो"): one to three words, up to the word that closes the sentence, its
  punctuation or the text's end (two words when none of those comes within three);
- after "I am" ("मैं ... हूँ", "ես ... եմ", "እኔ ... ነኝ"): only up to that closing word;
- after a bare "I" or "this is" ("أنا ...", "আমি ...", "నేను ...", "მე ვარ ..."): only
  when the lexicon knows the first word as a given name, up to the punctuation.

Canonical value: the name, single-spaced.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_words import LETTER

Replace = Callable[[str, str, str], str]

#: (cue, closing words) of introductions that name the name: what follows is a name.
_NAMED: tuple[tuple[str, str], ...] = (
    ("ჩემი სახელია|ჩემი სახელი და გვარია|მე მქვია|მქვია", ""),  # Georgian
    ("իմ անունը|անունս", "է"),  # Armenian
    ("ስሜ|የኔ ስም|ሽመይ", "ነው|እዩ"),  # Amharic, Tigrinya
    ("ខ្ញុំឈ្មោះ|ឈ្មោះខ្ញុំ|ខ្ញុំបាទឈ្មោះ|នាងខ្ញុំឈ្មោះ", ""),  # Khmer
    ("ຂ້ອຍຊື່|ຂ້ານ້ອຍຊື່|ຊື່ຂອງຂ້ອຍແມ່ນ", ""),  # Lao
    ("ကျွန်တော့်နာမည်က|ကျွန်မနာမည်က|ကျွန်တော့်နာမည်|ကျွန်မနာမည်", "ပါ"),  # Myanmar
    ("මගේ නම", "යි|කියන්නේ"),  # Sinhala
    ("मेरो नाम", "हो"),  # Nepali
    ("ମୋ ନାମ|ମୋର ନାମ", "ଅଟେ"),  # Odia
    ("মোৰ নাম", ""),  # Assamese
    ("زما نوم", "دی"),  # Pashto
    ("ناوم|ناوی من", ""),  # Kurdish (Sorani)
    ("என் பேரு", ""),  # Tamil, spoken
    # a form's or a message's bare "name" label, then the name (ឈ្មោះ សុខ ចន្ទា, နာမည် ဒေါ်ခင်မာလွင်)
    ("ឈ្មោះ", ""),  # Khmer
    ("နာမည်", ""),  # Myanmar
)
#: (cue, closing words) of "I am ...": the closing word must come, within three words.
_CLOSED: tuple[tuple[str, str], ...] = (
    ("मैं", "हूँ|हूं|बोल रहा हूँ|बोल रही हूँ|बोल रहा हूं|बोल रही हूं"),  # Hindi
    ("म", "हुँ|हूँ|बोल्दैछु"),  # Nepali
    ("मी", "आहे|बोलतोय|बोलतेय"),  # Marathi
    ("હું", "છું"),  # Gujarati
    ("ਮੈਂ", "ਹਾਂ|ਬੋਲ ਰਿਹਾ ਹਾਂ|ਬੋਲ ਰਹੀ ਹਾਂ"),  # Punjabi
    ("میں", "ہوں|بول رہا ہوں|بول رہی ہوں"),  # Urdu
    ("زه", "یم"),  # Pashto
    ("ես", "եմ"),  # Armenian
    ("እኔ", "ነኝ"),  # Amharic
    ("আমি", "বলছি"),  # Bengali
)
#: "I", "this is", "(you are) with ...": a given name of the lexicon must follow.
_BARE = (
    "أنا|انا|معك|معاك|אני|מדבר|מדברת|আমি|நான்|నేను|ನಾನು|ഞാൻ|මම|მე ვარ|ես|እኔ"
)

#: A word of any script: its letters and the vowel signs and marks that ``\w`` leaves out.
_WORD = LETTER + "++"
_WORD_RE = re.compile(_WORD)
#: What closes a name when no closing word does: punctuation of any script, a bracket, a digit.
_STOP_RE = re.compile(r"[ ]?(?:[,.!?;:()،؛؟।॥۔։።፣፤፡។៕၊။]|$)")
#: What may come right before a cue: it starts a word.
_BEFORE = frozenset(" \t\r\n,.!?;:(\"'،؛؟।۔։።፣፡។")


def _alternation(*patterns: str) -> str:
    return "|".join(sorted({p for pattern in patterns for p in pattern.split("|") if p}, key=len, reverse=True))


# the cue first, so that ``re`` skips to where one can start; where it starts is checked after
_CUE_RE = re.compile(
    r"(?P<cue>" + _alternation(*(c for c, _ in _NAMED), *(c for c, _ in _CLOSED), _BARE) + r")[ ]?"
)
_CLOSERS = {cue: re.compile(r"[ ](?:" + closers + r")(?![^\W\d_])") for cues, closers in (*_NAMED, *_CLOSED)
            if closers for cue in cues.split("|")}
_NAMED_CUES = frozenset(c for cues, _ in _NAMED for c in cues.split("|"))
_CLOSED_CUES = frozenset(c for cues, _ in _CLOSED for c in cues.split("|"))
_BARE_CUES = frozenset(_BARE.split("|"))


def may_hold(text: str) -> bool:
    return _CUE_RE.search(text) is not None


def scrub(text: str, replace: Replace) -> str:
    """Names after the introductions above; the caller has seen text outside ASCII."""
    out: list[str] = []
    pos = 0
    for cue in _CUE_RE.finditer(text):
        if cue.start() < pos or (cue.start() and text[cue.start() - 1] not in _BEFORE):
            continue
        span = _name_after(text, cue.end(), cue["cue"])
        if span is None:
            continue
        start, end = span
        out += [text[pos:start], replace("name", " ".join(text[start:end].split()), text[start:end])]
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _words(text: str, at: int) -> list[tuple[int, int]]:
    """Up to four words from ``at``, one space between each, none holding a digit."""
    found: list[tuple[int, int]] = []
    pos = at
    while len(found) < 4:
        word = _WORD_RE.match(text, pos)
        if word is None or any(c.isdigit() for c in word[0]):
            break
        found.append(word.span())
        pos = word.end()
        if text[pos:pos + 1] != " ":
            break
        pos += 1
    return found


def _name_after(text: str, at: int, cue: str) -> tuple[int, int] | None:
    words = _words(text, at)
    if not words:
        return None
    closer = _CLOSERS.get(cue)
    if closer is not None:
        for n in range(1, min(3, len(words)) + 1):
            if closer.match(text, words[n - 1][1]) is not None:
                return words[0][0], words[n - 1][1]
        if cue in _CLOSED_CUES and cue not in _BARE_CUES:
            return None  # "मैं कल आऊँगा": no "हूँ" closes it, no name
    if cue not in _NAMED_CUES:
        from transforms.builtin._pii_prose_names import GIVEN, flags_of

        if not flags_of(text[words[0][0]:words[0][1]]) & GIVEN:
            return None  # "أنا بخير": a bare "I" before a word that is no given name
    for n in range(1, min(3, len(words)) + 1):
        if _STOP_RE.match(text, words[n - 1][1]) is not None:
            return words[0][0], words[n - 1][1]
    n = 2 if cue in _NAMED_CUES else 1
    return words[0][0], words[min(n, len(words)) - 1][1]
