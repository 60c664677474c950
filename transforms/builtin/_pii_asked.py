"""A name given as the answer to a request for it, in a chat: the bot or the agent asks ("¿Me indica su
nombre completo?", "請提供姓名、身分證字號及手機", "성함을 입력해주세요"), the next message is a name
alone ("Quispe Flores", "林怡君", "zhang haoran"). Read in a transcript's lines (``Bot: ...`` then
``User: ...``) and in a list of messages (``[{"author": "bot", "text": ...}, {"author": "customer", "text": ...}]``).
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_literals import Literals
from transforms.builtin._pii_people import _KO_SURNAMES, _NOT_NAMES, _ZH_SURNAMES, _as_written_in_the_lexicon

Replace = Callable[[str, str, str], str]

#: Words of a request for someone's name.
_ASKED_NAME_WORDS = Literals((
    "your name", "your full name", "full name", "first and last name", "su nombre", "tu nombre", "nombre completo",
    "nombre y apellido", "seu nome", "nome completo", "votre nom", "ton nom", "nom complet", "nom et prénom",
    "ihren namen", "ihr name", "deinen namen", "vollständigen namen", "il suo nome", "il tuo nome", "nome e cognome",
    "uw naam", "je naam", "volledige naam", "imię i nazwisko", "ime i prezime", "ime in priimek", "vaše ime", "vase ime",
    "име и презиме", "jméno a příjmení", "meno a priezvisko", "izen-abizenak", "izen abizenak", "zure izena",
    "nom i cognoms", "numele complet", "nume și prenume", "numele dvs", "adınız", "ad soyad", "ваше имя", "как вас зовут",
    "фио", "ваше ім'я", "як вас звати", "nama lengkap", "nama anda", "nama penuh", "họ tên", "họ và tên", "tên của",
    "jina lako", "buong pangalan", "pangalan mo", "姓名", "名字", "称呼", "稱呼", "お名前", "氏名", "성함", "이름", "ชื่อ",
    "اسمك", "الاسم الكامل", "השם שלך", "आपका नाम",
))
#: What makes the message a request: a question, or a request's words.
_REQUEST_WORDS = Literals(("?", "？", "please", "por favor", "mesedez", "請", "请", "提供", "주세요", "ください", "bitte",
                           "per favore", "s'il vous plaît", "molim", "prosím", "proszę", "vă rog", "lütfen", "пожалуйста",
                           "tolong", "xin", "กรุณา", "من فضلك", "kindly", "indica", "confirm"))
#: Answers that are no name.
_NOT_ANSWERS = frozenset("""yes no ok okay sure yeah nope thanks thank hello hi sí si vale claro gracias hola bai ez
    eskerrik da ne hvala ja nein nee danke merci oui non grazie obrigado obrigada sim não nao tak nie""".split())
_ANSWER_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f'’.-])*+(?:[ ][^\W\d_](?:[^\W\d_]|[\u0300-\u036f'’.-])*+){0,3}")
_CJK_NAME_RE = re.compile(f"(?:{_ZH_SURNAMES})[\u4e00-\u9fff]{{1,2}}|{_KO_SURNAMES}[가-힣]{{1,2}}")
_CJK_RE = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
#: What a chat's message holds its text under, in the order tried.
MESSAGE_KEYS = ("text", "message", "body", "content", "msg")
#: A transcript's line: its speaker, then what they said.
_LINE_RE = re.compile(r"(?P<speaker>[^\n:：]{1,32}[:：][ \t]*)?(?P<said>[^\n]*)")


def may_ask(text: str) -> bool:
    """Could ``text`` hold a request for a name?"""
    return _ASKED_NAME_WORDS.found_in(text.lower())


def asks_for_a_name(text: str) -> bool:
    """Does a chat's message ask for its reader's name (its words, and a question or a request)?"""
    lowered = text.lower()
    return len(text) <= 200 and _ASKED_NAME_WORDS.found_in(lowered) and _REQUEST_WORDS.found_in(lowered)


def is_a_name_answer(text: str) -> bool:
    """Is a message that answers a request for a name a name alone: one to four capitalised words
    ("Aitor", "Quispe Flores"), a given name or a surname the lexicon knows in lower case ("zhang haoran"),
    or a Chinese or a Korean name (a common surname first)?"""
    from transforms.builtin._pii_prose_names import AMBIGUOUS, GIVEN, SURNAME, flags_of

    value = text.strip().rstrip(".!")
    if _CJK_RE.search(value) is not None:
        return _CJK_NAME_RE.fullmatch(value) is not None
    if len(value) > 60 or _ANSWER_RE.fullmatch(value) is None:
        return False
    words = value.split(" ")
    if any(w.lower() in _NOT_ANSWERS or w.lower() in _NOT_NAMES for w in words):
        return False
    if all(w[:1].isupper() and not w.isupper() for w in words):
        return True
    flags = flags_of(_as_written_in_the_lexicon(words[0]))
    return bool(flags & (GIVEN | SURNAME)) and not flags & AMBIGUOUS


def scrub_transcript(text: str, replace: Replace) -> str:
    """The name that answers a request for it on a transcript's next line (``Bot: ... nombre completo?``
    then ``Cliente: Rosa Quispe``)."""
    if "\n" not in text or not may_ask(text):
        return text
    lines = text.split("\n")
    asked = False
    for i, line in enumerate(lines):
        said = _LINE_RE.match(line)
        content = said["said"]
        if asked and content.strip() and is_a_name_answer(content):
            start = said.start("said")
            lines[i] = line[:start] + replace("name", content.strip().lower(), content)
        if content.strip():
            asked = asks_for_a_name(content)
    return "\n".join(lines)


def scrub_messages(messages: list, replace: Replace) -> None:
    """The same in a list of messages (dicts holding their text under ``text``, ``message``, ``body`` or
    ``content``): the message after one that asks for a name, when it is a name alone."""
    asked = False
    for message in messages:
        if type(message) is not dict:
            asked = False
            continue
        key = next((k for k in MESSAGE_KEYS if type(message.get(k)) is str), None)
        if key is None:
            asked = False
            continue
        said = message[key]
        if asked and is_a_name_answer(said):
            message[key] = replace("name", said.strip().lower(), said)
        asked = asks_for_a_name(said)

