"""Passwords and one-time codes told in text after the words of 90 languages
(``secret-words.tsv``): "Kalmar sirri ta ita ce Kano$Dabo88", "Fy nghyfrinair yw Eryri!Draig88",
"engangskoden 814 207", "SMS kodu 471208".

``_pii_tokens`` reads its own words with regular expressions; these, a thousand and more, are
found with one Aho-Corasick scan (``_pii_literals``). After a password's word, the first word
of the same sentence shaped like a password is redacted (as ``_pii_tokens`` does after its own:
letters with digits, and a sign or both cases); after a code's word, the digits that follow
within a few characters (4 to 8, in up to three groups, a door's ending in a letter or a hash),
unless a lifetime or a count follows them ("expires in 300 seconds") or a word between says they
are something else ("ending 4242"); the codes of a list after the first ("4348 3867, 7443 5024").
Three more kinds: a card's code (``card_code``: CVV, 3 digits or more), a bare "code" (``bare_code``:
its 4 to 8 digits right after it, not after a word that says which code it is: "error code 4001"),
a security question's ``answer`` (quoted, or after a colon or a copula). A password or a code asked
for in one sentence ("what's the wifi password?", "podaj mi kod BLIK.") is read in the answer that
follows, past its dash or its speaker ("Cliente: 318 604").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from transforms.builtin import _pii_phones, _pii_tokens
from transforms.builtin._pii_literals import Literals, word_file
from transforms.builtin._pii_names import METADATA_WORDS
from transforms.builtin._pii_phones import CURRENCY_AFTER_RE
from transforms.builtin._pii_words import cased, starts_word, swap_group

#: Scripts written without spaces between words: a cue may run on into the next word.
#: Georgian and Armenian glue a copula, a case or an article to the word ("პაროლია", "is the password"),
#: Ge'ez a possessive ("ኮድዎ", "your code").
_RUN_ON = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af"
                     "\u10a0-\u10ff\u0531-\u0587\u1200-\u137f]")
#: What may not touch a word of prose: a letter, a digit, "_" or "-" (an identifier's parts).
_IDENTIFIER_CHAR = re.compile(r"[\w-]")
#: Between a code's word and its digits: a few characters of no digit and no sentence's end.
#: Not a path's or a query's separator ("/sicherheitscode/sig/1990"), and the digits a word of
#: their own ("b661328d" is a hex token's).
_CODE_RE = re.compile(
    # (a lone digit of what the code opens may stand between: "Alarmcode für Halle 3 lautet 73816")
    r"(?P<gap>(?:[^0-9.!?。।\n/=&_]|(?<![\w.,-])[0-9](?![\w.,-])){0,40}?|[^0-9.!?。।\n/=&_:]{0,64}?:[ ]{0,3})(?<![\w-])"
    # (a door's code may end in a letter, a hash or a star: "2580B", "8826#"; a locker's be told digit by digit: "6-2-9-1-4")
    # (a digicode may hold a keypad's letter: "digicode 4B719")
    # (a keypad's "#" or "*" first: "#1004*"; an intercom's key letter inside, Latin or Cyrillic: "27К4512")
    # (or told digit by digit with spaces, a keypad's key last: "7 7 4 1", "1 3 5 7 #", "2-4-6-8-A")
    r"(?P<code>[0-9]{1,4}[*#][0-9]{2,6}(?![\w-])|[#*]?[0-9]{2,8}(?:[ -][0-9]{2,8}){0,2}(?:[A-Z](?![\w-])|[#*])?|[0-9](?:-[0-9]){3,7}(?:-[A-Z]|[#*])?"
    r"|[0-9](?:[ ][0-9]){3,7}(?:[ ]?[#*])?|[0-9]{1,3}[A-DКKВв][0-9]{2,4}"
    # (a recovery code of letters and digits in groups: "7KQ2-M9XD-4TPL-VR8N"; a key between the digits, first: "23*7791")
    r"|(?=[A-Z0-9-]{0,29}[0-9])(?=[A-Z0-9-]{0,29}[A-Z])[A-Z0-9]{4,5}(?:-[A-Z0-9]{4,5}){2,5})(?![\w-])")
#: A word and a hyphen before a cue make it the head of a compound of prose ("SMS-Code", "Wi-Fi-Passwort").
_COMPOUND_HEAD_RE = re.compile(r"(?<![\w-])[^\W\d_]{2,12}-(?:[^\W\d_]{1,12}-)?$")
#: More codes of a list after the first ("4348 3867, 7443 5024, 7424 2928").
_MORE_CODES_RE = re.compile(r"[ ]{0,2}[,;][ ]{0,2}(?<![\w-])[0-9]{2,8}(?:[ -][0-9]{2,8}){0,2}(?![\w-])")

@cache
def _words() -> tuple[Literals, tuple[str, ...]]:
    return word_file(__package__, "secret-words.tsv",
                     frozenset({"password", "code", "answer", "bare_code", "card_code", "keyed", "keypad", "setup_key"}))


def may_hold(text: str) -> bool:
    return _words()[0].found_in(text)


def asks_a_security_question(text: str) -> bool:
    """Does ``text`` name what a security question asks ("your first pet", "mother's maiden name")?"""
    literals, kinds = _words()
    return any(kinds[index] == "answer" for index, _, _ in literals.hits(text))


def scrub(text: str, redacted: str) -> str:
    literals, kinds = _words()
    out: list[str] = []
    pos = 0
    hits = sorted(literals.hits(text), key=lambda hit: (hit[1], -hit[2]))
    keypads = [start for index, start, _ in hits if kinds[index] in ("keypad", "code")]
    told = -1  # where this pass last redacted a code
    for index, start, end in hits:
        if kinds[index] == "keypad" and not _after_a_code(text, start, told, redacted) \
                and not _CODES_NUMBER_BEFORE_RE.search(text, max(0, start - 24), start) \
                and not _CODES_NUMBER_AFTER_RE.match(text, end) \
                or kinds[index] == "keyed" and not _near_a_keypad(text, start, end, keypads):
            continue  # a door's word says what a verb of typing types, or the next code of a list
        if start < pos or not starts_word(text, start) or (
                start and _IDENTIFIER_CHAR.match(text, start - 1) and not _RUN_ON.match(text, start - 1)
                and _COMPOUND_HEAD_RE.search(text, max(0, start - 26), start) is None):
            continue  # "enable_password_reset_v2", "%22password": a part of an identifier or an encoding
        if end < len(text) and _IDENTIFIER_CHAR.match(text, end) and not _RUN_ON.match(text, end - 1):
            continue  # "pinned", "codec", "password_reset": the word goes on
        if text[start - 1:start] == "/" or text[end:end + 1] == "/":
            continue  # a path's segment ("/passord/android_id/15686"), no sentence
        kind = kinds[index]
        if kind == "code" and _CODE_NOUN_AFTER_RE.match(text, end) is not None:
            continue  # "PIN code 560001": the phrase's own words read it (India's postal code is one)
        span = (_password_after(text, end, text[start:end]) if kind == "password" else _answer_after(text, end) if kind == "answer"
                else _bare_code_after(text, start, end) if kind == "bare_code"
                else _keyed_after(text, end) or _keyed_before(text, start, pos) if kind == "keyed"
                else _setup_key_after(text, end) if kind == "setup_key"
                else _earlier(_code_after(text, end), _told_password_code(text, end)) if kind == "code"
                else _code_after(text, end, 3 if kind == "card_code" else 4))
        if span is None or redacted in text[end:span[0]]:
            continue  # nothing shaped like one, or an earlier pass masked it already
        out += [text[pos:span[0]], redacted]
        pos = span[1]
        if kind != "password":
            told = span[0]
        if kind == "code":
            digits = _digits(text[span[0]:span[1]])
            while (more := _MORE_CODES_RE.match(text, pos)) is not None and _digits(more[0]) == digits:
                out += [text[pos:more.end() - len(more[0].lstrip(" ,;"))], redacted]
                pos = more.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


_NOT_ANOTHER_RE = re.compile(r"[\\=%/]")
#: What names a Wi-Fi network before its name ("SSID 'Infra-5G-Floor3'", "rete \"Studio_5G\"").
_NETWORK_NAMED_RE = re.compile(r"(?i:ssid|network|netzwerk|netz|rete|red|réseau|rede|сеть|мережа|sieć|síť|ağ|mạng|شبکه|شبكة|רשת|네트워크|ネットワーク|网络|網路|wlan|wifi|wi-fi)"
                               r"(?:[ ][^\W\d_]{1,12}){0,2}[ ]?[:：]?[ ]?[\"'“«]?$")


def scrub_more_passwords(text: str, redacted: str) -> str:
    """A second password told in the sentence of a first ("la clave del wifi es [redacted] y la del
    router (usuario admin) es Mx4Rt!9pQ", "... é [redacted] e a da netflix mudei pra Bebel#2021"):
    each word shaped like a password after a masked one, in a sentence a password's word begins."""
    if redacted not in text:
        return text
    literals, kinds = _words()
    out: list[str] = []
    pos = 0
    for index, start, end in sorted(literals.hits(text), key=lambda hit: hit[1]):
        if kinds[index] != "password" or start < pos:
            continue
        stop = _pii_tokens.sentence_end(text, end)
        told = text.find(redacted, end, stop)
        if told < 0:
            continue
        at = told + len(redacted)
        while (candidate := _pii_tokens.first_shaped(text, at, stop)) is not None:
            at = candidate.start() + len(candidate[0].rstrip(".:!?"))
            if (not candidate[0][:1].isalnum() or _NOT_ANOTHER_RE.search(candidate[0]) is not None
                    or _NETWORK_NAMED_RE.search(text, max(0, candidate.start() - 24), candidate.start()) is not None):
                continue  # a pair of a connection string, an escaped line's end, a network's name
            out += [text[pos:candidate.start()], redacted]
            pos = at
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


#: A Chinese text message's code before its word: "【美团】382915（登录验证码），5分钟内有效", "382915是您的验证码".
_CODE_BEFORE_ITS_WORD_RE = re.compile(
    r"(?<![0-9A-Za-z])(?P<code>[0-9]{4,8})(?:[ ]?[（(][^）)\n]{0,10}(?:验证码|驗證碼|校验码|动态码|動態碼)[^）)\n]{0,6}[）)]"
    r"|[ ]?(?:是|为|為)(?:您|你)?(?:的)?[^，。,\n0-9]{0,8}(?:验证码|驗證碼|校验码|动态码|動態碼))")


def scrub_codes_before_their_word(text: str, redacted: str) -> str:
    """A code a Chinese text message writes before its word (see :data:`_CODE_BEFORE_ITS_WORD_RE`)."""
    if "验证码" not in text and "驗證碼" not in text and "校验码" not in text and "动态码" not in text and "動態碼" not in text:
        return text
    return _CODE_BEFORE_ITS_WORD_RE.sub(lambda m: swap_group(m, "code", redacted), text)


#: A one-time code of digits in a link that verifies it ("ledgerly://auth/verify?code=804117&session=...",
#: ".../login/confirm?otp=4471"): an OAuth code is random (its own pass reads it), this one is the SMS's.
_LINK_CODE_RE = re.compile(
    r"(?i:verify|verif|auth|otp|login|signin|sign-in|2fa|mfa|confirm|activate)[^?\s\"'<>]{0,64}\?(?:[^#\s\"'<>]{0,256}?&)?"
    r"(?i:code|otp|pin|token)=(?P<code>[0-9]{4,8})(?![0-9A-Za-z])")


def scrub_link_codes(text: str, redacted: str) -> str:
    """The one-time codes of links that verify them (:data:`_LINK_CODE_RE`)."""
    if "=" not in text or "?" not in text:
        return text
    return _LINK_CODE_RE.sub(lambda m: swap_group(m, "code", redacted), text)


#: What a PIN or a code read aloud comes after: its word, on its line or the line before ("IVR: Please say or
#: enter your four digit PIN.\nCALLER: uh four seven one nine").
_SPOKEN_REACH = 240
_SPOKEN_AFTER = frozenset({"code", "password", "card_code", "keypad", "bare_code"})


def scrub_spoken_codes(text: str, redacted: str) -> str:
    """A PIN or a one-time code read aloud, digit by digit in words, after a code's or a password's word."""
    if not _pii_phones.may_be_spoken(text):
        return text
    literals, kinds = _words()
    ends = [end for index, _, end in literals.hits(text) if kinds[index] in _SPOKEN_AFTER]
    if not ends:
        return text

    def spoken(match: re.Match[str]) -> str:
        start = match.start()
        if start and text[start - 1].isalnum():
            return match[0]  # the end of a word ("someone"), no digit
        if not any(0 <= start - end <= _SPOKEN_REACH for end in ends):
            return match[0]
        digits = "".join(str(_pii_phones.SPOKEN_CODE_WORDS[word]) for word in _SPOKEN_SPLIT_RE.split(match[0].lower())
                         if word in _pii_phones.SPOKEN_CODE_WORDS)
        if len(digits) < 4 or _pii_phones.counting(digits):
            return match[0]
        return redacted

    return _pii_phones.SPOKEN_CODE_RE.sub(spoken, text)


_SPOKEN_SPLIT_RE = re.compile(r"[ ,.、-]+")


#: "code" after a code's word: the longer phrase is another word's ("PIN code", "OTP-Code").
_CODE_NOUN_AFTER_RE = re.compile(r"[ -]?(?:code|Code|CODE|kode|kod)(?![\w-])")
#: What a verb of typing types on a door's keypad: its digits (a keypad's "#" or "*" around them, a
#: letter after them, or told digit by digit), past up to two short words ("digita el 4471").
_KEYED_CODE = r"(?P<code>[#*]?[0-9]{4,8}[#*]?|[#*]?[0-9]{3}[#*]|[#*][0-9]{3}|[0-9](?:-[0-9]){3,7}|[0-9]{2,4}[A-Z])"
_KEYED_RE = re.compile(r"[ ]{1,2}(?:[^\W\d_]{1,8}[ ]){0,2}?[\"'“«]?" + _KEYED_CODE + r"(?![\w-])(?![ ./][0-9])")


def _near_a_keypad(text: str, start: int, end: int, keypads: list[int]) -> bool:
    """Does a door, a gate, an alarm or a lockbox's word stand in the sentence of a verb of typing,
    or in the 80 characters before it ("Alarme: digite 2580", "the gate: type 4471#")?"""
    stop = _pii_tokens.sentence_end(text, end)
    first = bisect_left(keypads, start - 80)  # (sorted: a hostile text's thousands of doors stay linear)
    return first < len(keypads) and keypads[first] < stop


def _after_a_code(text: str, start: int, told: int, redacted: str) -> bool:
    """Was a code told earlier in the sentence of a door's word, so that the word names the next
    code of a list ("El código del portal es 1492 y el de la puerta del piso 7788")?"""
    since = max(0, start - 120)
    for stop in _STOP_RE.finditer(text, since, start):
        since = stop.end()
    return since <= told < start or redacted in text[since:start]


#: A door's, a gate's or a lock's word names its code where a word for a code or a number stands
#: right before it ("el codi de la porta del menjador és 7 7 4 1", "le numéro du cadenas : 4471")
#: or right after it ("அலமாரி பூட்டு எண் 2-9-4-6", "combi 17-32-08").
_CODES_NUMBER = (r"code|codes|codi|código|codigo|codice|kod|kode|koden|koodi|Code|Codi|Código|Codice|Kod|Kode"
                 r"|numéro|number|nummer|número|numero|combinación|combinazione|combinaison|combination|combi|combo"
                 r"|Kombination|код|κωδικός|קוד|رمز|كود|எண்|번호|番号|暗証番号|密码|密碼")
_CODES_NUMBER_BEFORE_RE = re.compile(r"(?<![\w-])(?:" + _CODES_NUMBER + r")(?![\w-])[^.!?\n\d]{0,16}$")
_CODES_NUMBER_AFTER_RE = re.compile(r"[ ]?(?:" + _CODES_NUMBER + r")(?![\w-])")
#: A sentence's end.
_STOP_RE = re.compile(r"[.!?。！？।]\s|\n")


#: An authenticator's setup key (the TOTP secret in base32) as apps show it for typing in: groups of four,
#: or one run of 16 to 64 ("kunci persediaan manual: RYKE LHBU JHBU VPZN").
_SETUP_KEY_RE = re.compile(r"(?:(?P<colon>(?:[ ][^\W\d_]{1,16}){0,2}?[ ]?[:：])|[ ]?\()?[ ]{0,2}[\"'“«]?"
                           r"(?P<code>[A-Za-z2-7]{4}(?:[ ][A-Za-z2-7]{4}){3,7}|[A-Z2-7]{16,64}=*)(?![\w=-])")


def _setup_key_after(text: str, at: int) -> tuple[int, int] | None:
    """The key after its colon, or right after its word with a digit in it (a run of capitals and
    no digit there is more likely a shout: "setup key DONE WITH THIS")."""
    match = _SETUP_KEY_RE.match(text, at)
    if match is None or match["colon"] is None and not any(c.isdigit() for c in match["code"]):
        return None
    return match.start("code"), match.end("code")


def _keyed_after(text: str, at: int) -> tuple[int, int] | None:
    match = _KEYED_RE.match(text, at)
    if match is None or _pii_tokens.UNIT_AFTER_RE.match(text, match.end()) is not None:
        return None
    return match.start("code"), match.end("code")


#: The same digits before the verb, as verb-final languages put them ("einfach 6-0-1-9 tippen", "1234# tuşlayın").
_KEYED_BEFORE_RE = re.compile(r"(?<![\w-])(?P<code>[#*]?[0-9]{4,8}[#*]?|[#*]?[0-9]{3}[#*]|[0-9](?:-[0-9]){3,7}"
                              r"|[0-9]{2,4}[A-Z])[\"'”»]?[ ]{1,2}$")


def _keyed_before(text: str, start: int, pos: int) -> tuple[int, int] | None:
    match = _KEYED_BEFORE_RE.search(text, max(pos, start - 14), start)
    if match is None or re.search(r"[0-9][ ./]$", text[max(0, match.start() - 2):match.start()]):
        return None  # the end of a longer number ("0800 123 4567 wählen")
    return match.start("code"), match.end("code")


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


#: A password of letters and digits alone ("cafesuada123", "flamengo2019"), taken only where it is
#: told: right after the word and a copula or a colon ("pass wifi quán là ...", "wifi pass: ...").
_TOLD_PASSWORD_RE = re.compile(
    r"[ ]{0,2}(?:(?:[^\s\d.,;:!?]{1,12}[ ]){0,2}(?:is|es|est|ist|là|é|è|er|är|jest|je|hai|ni|lautet|era|was|ko|係|是|は)[ ]{1,2}"
    r"|[:=：][ ]{0,2})[\"'“«]?(?P<pw>(?=[^\s\"'”»]{0,39}[0-9])(?=[^\s\"'”»]{0,39}[^\W\d_])[^\W_][\w@#$%&*!?+=~.-]{5,39})"
    r"(?![\w@#$%&*!?+=~-])")


#: A password of digits alone right after its word, no copula between ("şifresi 889120", "senha
#: 4471"): not a year ("Passwort 2024 Richtlinie"), nor a count of something ("password 1000 times").
_DIGITS_PASSWORD_RE = re.compile(
    r"[ ]{1,2}[\"'“«]?(?P<pw>[0-9]{4,8})(?![\w/:+%-]|[.,][0-9]"
    r"|[ ](?i:times|chars?|characters|attempts|users|accounts|days|zeichen|mal|fois|veces|vezes|caract|karakter|символ|раз))")
#: The copulas a secret is told by, in the languages of the word lists ("es", "ni", "ha'e", "waa", "howa").
_COPULAS = (r"is|was|es|est|ist|é|è|er|är|on|jest|je|este|adalah|ialah|là|ni|ha'e|se|waa|ay|houwa|howa|huwa|hiya|هو|هي"
            r"|era|lautet|είναι|einai|c'est|c’est")
#: A PIN told by a copula or a colon after a password's word and a few words saying whose ("la clave de
#: operaciones especiales de la cuenta de la empresa es 881204", "kòd sekrè MonCash mwen se 5028").
_TOLD_DIGITS_RE = re.compile(
    r"(?P<gap>(?:[ ][^\s\d.,;:!?]{1,20}){0,10}?)(?:[ ](?:" + _COPULAS + r")|[ ]?(?:ແມ່ນ|แม่น|คือ)|[ ]?[:：])[ ]{1,2}"
    r"(?P<pw>[0-9]{4,8})(?![\w/:+%-]|[.,][0-9])")
#: Password words that also name any code (Greek's "κωδικός 5290000031" of a cheese): their digits are not told.
_ALSO_A_CODE = frozenset({"κωδικός", "κωδικό", "κωδικού", "clave", "code", "kod", "kode", "pin"})


#: A copula or a colon between a code's word and what it is told to be.
_COPULA_RE = re.compile(r"(?:^|[ ])(?:" + _COPULAS + r")(?:[ ]|$)|[:：]")


def _earlier(one: tuple[int, int] | None, other: tuple[int, int] | None) -> tuple[int, int] | None:
    return one if other is None or one is not None and one[0] < other[0] else other


def _told_password_code(text: str, at: int) -> tuple[int, int] | None:
    """An access code that is a password ("code d'accès dyal Simpl-TVA (DGI) howa Atlas_Marrakech24"):
    the first password-shaped word of the sentence, told after a copula or a colon."""
    candidate = _pii_tokens.first_shaped(text, at, _pii_tokens.sentence_end(text, at))
    if candidate is None or _COPULA_RE.search(text, at, candidate.start()) is None:
        return None
    return candidate.start(), candidate.start() + len(candidate[0].rstrip(".:!?"))


def _password_after(text: str, at: int, word: str = "") -> tuple[int, int] | None:
    end = _pii_tokens.sentence_end(text, at)
    candidate = _pii_tokens.first_shaped(text, at, end)
    if candidate is None and _pii_tokens.asks(text, end):
        candidate = _pii_tokens.first_shaped_in_answer(text, end)
    if candidate is None and (digits := _DIGITS_PASSWORD_RE.match(text, at)) is not None \
            and _YEAR_RE.fullmatch(digits["pw"]) is None and word.lower() not in _ALSO_A_CODE:
        return digits.span("pw")
    if candidate is None and (digits := _TOLD_DIGITS_RE.match(text, at)) is not None \
            and _YEAR_RE.fullmatch(digits["pw"]) is None and _WHICH_CODE.isdisjoint(gap := digits["gap"].lower().split()) \
            and METADATA_WORDS.isdisjoint(gap) and _pii_tokens.UNIT_AFTER_RE.match(text, digits.end()) is None:
        return digits.span("pw")  # "la clave de Nequi es 4412", "Ijambo ry'ibanga rya MoMo ni 80422"
    if candidate is None:
        told = _TOLD_PASSWORD_RE.match(text, at)
        if told is None or _WHEN_RE.fullmatch(told["pw"].rstrip(".")) is not None or told["pw"].rstrip(".").isdigit():
            return None
        return told.start("pw"), told.start("pw") + len(told["pw"].rstrip("."))
    return candidate.start(), candidate.start() + len(candidate[0].rstrip(".:!?"))


#: A security question's answer: quoted, or the words after a colon or a copula up to the sentence's end.
_QUOTED_RE = re.compile(r"[«\"“„'‘‹]([^«»\"“”„'‘’‹›\n]{1,40})[»\"”“'’›]")
_ANSWERED_RE = re.compile(r"[^\n.!?。]{0,48}?(?:[:：]|\b(?:is|er|ist|est|es|é|è|är|on|jest|je|to|given as|set as"
                          r"|recorded as|confirmed as)\b)[ ]{1,3}"
                          r"(?P<value>[^\s.,;!?。][^\n.,;!?。]{0,30}?)(?=[ ]?[.,;!?。\n]|[ ][—–][ ]|$)")
#: The answer in brackets right after the question's word, a word or two with a capital: "(Chicoutimi-Nord)".
_BRACKET_ANSWER_RE = re.compile(r"[ ]?\((?P<value>[^()\n\s][^()\n]{1,30})\)")
#: What the question asks in brackets, then a one-word answer: "security answer (mother's maiden name) Smith".
_BRACKETED_ANSWER_RE = re.compile(r"[ ]?\([^()\n]{1,48}\)[ ]{1,3}(?P<value>[^\s.,;!?。()]{2,30})(?=[ ]?[.,;!?。\n]|$)")
#: The answer a transcript labels after the question's sentence: 'Q: "What was ...?" A: "plymouth voyager 1994"'.
_LABELLED_ANSWER_RE = re.compile(
    r"(?<!\w)(?:A|Ans|R|Resp|" + cased("answer|respuesta|réponse|reponse|resposta|risposta|antwort|antwoord|svar|vastaus"
    "|cevap|odpowiedź|odpověď|ответ|відповідь|απάντηση|jawaban|jawapan|trả lời") + r"|תשובה|الجواب|الإجابة|答え|答|回答|답)"
    r"(?:[ ]?[:：]|[ ](?:is|est|es|é|è|ist|er|är|on|—|-))[ ]{0,2}"
    r"(?:[«\"“„'‘‹](?P<quoted>[^«»\"“”„'‘’‹›\n]{1,40})[»\"”“'’›]|(?P<value>[^\s.,;!?。(][^\n.,;!?。(]{0,30}?)(?=[ ]?[.,;!?。\n(]|[ ][—–][ ]|$))")
#: A date or a time is when the answer was set, never the answer ("updated on 2025-03-01").
_WHEN_RE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}(?:[ T][0-9:]{4,8})?|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?")


def _answer_after(text: str, at: int) -> tuple[int, int] | None:
    end = _pii_tokens.sentence_end(text, at)
    labelled = _LABELLED_ANSWER_RE.search(text, at, min(len(text), at + 240))
    if labelled is not None and "\n\n" not in text[at:labelled.start()] and (
            labelled.start() <= end or "?" in text[at:labelled.start()] or "？" in text[at:labelled.start()]):
        # a label says which words answer ("— ответ: Барсик", 'A: "plymouth voyager 1994"'): not the question quoted
        group = "quoted" if labelled["quoted"] else "value"
        if len(labelled[group].split()) <= 4 and _WHEN_RE.fullmatch(labelled[group]) is None:
            return labelled.start(group), labelled.end(group)
    quoted = _QUOTED_RE.search(text, at, end)
    if quoted is not None:
        return quoted.start(1), quoted.end(1)
    bracketed = _BRACKET_ANSWER_RE.match(text, at)
    if bracketed is not None and len(bracketed["value"].split()) <= 2 and bracketed["value"][:1].isupper():
        return bracketed.start("value"), bracketed.end("value")  # "ma question de sécurité (Chicoutimi-Nord)"
    answered = _BRACKETED_ANSWER_RE.match(text, at, end) or _ANSWERED_RE.match(text, at, end)
    if answered is not None and len(answered["value"].split()) <= 3 and _WHEN_RE.fullmatch(answered["value"]) is None \
            and answered["value"].split()[0].lower() not in _pii_tokens.SAID_NOT_VALUES:
        return answered.start("value"), answered.end("value")
    if text[end:end + 1] in ("?", "？") and (start := _pii_tokens.answer_start(text, end)) is not None:
        # the question asked, the next line's speaker answers it ("...primeira escola?\nCliente: escola estadual")
        line = _LINE_ANSWER_RE.match(text, start)
        if line is not None and len(line["value"].split()) <= 5:
            return line.start("value"), line.end("value")
    return None


#: An answer that takes its line, up to its stop.
_LINE_ANSWER_RE = re.compile(r"[ ]{0,2}(?P<value>[^\s.,;!?。][^\n.;!?。]{0,48}?)(?=[ ]?[.;!?。]?[ ]*(?:\n|$))")


_BARE_CODE_RE = re.compile(
    r"(?:[ ](?:is|ist|est|es|é|è|er|är|on|jest|je|to|este|adalah|lautet|c'est|είναι|là|hai|ni|olan)|[ ]?[:：])?[ ]{0,2}"
    # (told digit by digit, a keypad's key after: "4 7 1 9 #", "0-4-6-1")
    r"(?P<code>[0-9]{3,4}[ -][0-9]{3,4}(?![\w-]|[ -][0-9])|[0-9]{4,8}[#*]?|[0-9](?:[ ][0-9]){3,7}(?:[ ]?[#*])?|[0-9](?:-[0-9]){3,7})(?![\w-])")
#: Words before a bare "code" that say which code it is, not a secret one.
_WHICH_CODE = frozenset("""error status postal zip post area country dialling dialing product item article discount
    promo promotional coupon voucher exit return response http reason tax hs sic naics mcc icd cpt bank branch sort
    swift bic ifsc routing department course class station airport colour color source sample example line event
    fault trouble diagnostic dtc obd region city service tariff customs commodity activity store shop site location
    ean upc sku gift referral invite invitation booking reference tracking model part serial lot batch qr bar biller
    fehler produkt artikel rabatt gutschein ошибки товара помилки товару
    producto produto produit prodotto erro erreur errore postale descuento desconto réduction sconto artículo artigo
    articolo reserva réservation prenotazione seguimiento rastreio suivi tracciamento pedido commande ordine cliente
    client referencia referência référence riferimento barras promoción promoção cupón cupom""".split())


_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
_WORD_AFTER_RE = re.compile(r"[ ][^\W\d_]")
#: What says a bare code's word, told further on by a copula, is a secret's: it came by SMS, or it opens something.
_BARE_TOLD_GAP_RE = re.compile(
    r"(?i)\b(?:sms|text|texted|sent|received|arrived|chegou|recebi|enviou|enviaram|llegó|recibí|me llegó|reçu|envoyé"
    r"|erhalten|bekommen|ontvangen|ouvrir|open|opens|unlock|abrir|abre|öffnen|openen|aprire|locker|casier|door|gate"
    r"|porta|portão|puerta|portal|porte|portail|tür|tor|deur|poort|cancello|keybox|lockbox|boîte à clés"
    # (the app or the device it came from: "koden fra MitID-appen ... var 884213")
    r"|app|appen|appin|appet|l'app|l'appli|aplicación|aplicativo|token|device|gerät|enheten|enheden)\b")


#: A service's name between a code's word and its copula, as its text message writes it ("Tu código de
#: Bizum es 662017", "Il tuo codice PosteID è 905118", "O seu código MB WAY é 884107").
_BRAND_GAP_RE = re.compile(r"[ ](?:(?:de|di|do|da|del|du|von|för|for)[ ])?(?:[A-Z][\w-]{1,20}|[A-Z]{2,6})(?:[ ][A-Z][\w-]{1,20})?")


def _where_answered(text: str, at: int, after_a_question: bool) -> int | None:
    """Where a code asked for in the sentence after its word (which holds no digit) is given: past
    the next line's dash or speaker, or, ``after_a_question``, right after its question mark."""
    end = _pii_tokens.sentence_end(text, at)
    if any(c.isdigit() for c in text[at:end]):
        return None
    answer = _pii_tokens.answer_start(text, end)
    if answer is None and after_a_question and text[end:end + 1] in ("?", "？"):
        return end + 1
    return answer


def _bare_code_after(text: str, start: int, at: int) -> tuple[int, int] | None:
    match = _BARE_CODE_RE.match(text, at)
    if match is None and (answer := _where_answered(text, at, after_a_question=False)) is not None:
        match = _BARE_CODE_RE.match(text, answer)  # "informe o código que chegou por SMS.\nCliente: 318 604"
    if match is None and (told := _TOLD_CODE_RE.match(text, at)) is not None \
            and (_BARE_TOLD_GAP_RE.search(told["gap"]) or _BRAND_GAP_RE.fullmatch(told["gap"])
                 and _WHICH_CODE.isdisjoint(told["gap"].lower().split())) \
            and not (_YEAR_RE.fullmatch(told["code"]) and _WORD_AFTER_RE.match(text, told.end())):
        match = told  # "o código que me chegou por SMS, é o 551203", "le code pour ouvrir le locker ... c'est 931772"
    if match is None or _pii_tokens.UNIT_AFTER_RE.match(text, match.end()) is not None:
        return None
    before = text[max(0, start - 24):start].split()
    if text[start - 1:start] == "(" or before and before[-1].lower().strip("-:") in _WHICH_CODE:
        return None  # "(code 8000)": an error's code; "error code 4001", "biller code 23796"
    code = match["code"]
    if before and before[-1].lower() in ("pin", "पिन") and len(code) == 6 and code[0] in "12345678":
        return None  # "GPO, Bengaluru — PIN code 560001": India's postal code
    return match.start("code"), match.end("code")


#: What a code opens, by its number, before a colon: the code follows the colon, if anything does
#: ("Pickup code for locker #5431: 402917", "Код отримання в поштоматі №5431: 402 917").
_NUMBERED_RE = re.compile(r"(?:[#№]|(?<![^\W\d_])(?:[Nn][or]\.?|[Nn]º|[Nn]°)[ ]?)$")
_COLON_RE = re.compile(r"[ ]?[:：][ ]{0,3}")


def _past_a_number(text: str, match: re.Match[str] | None) -> re.Match[str] | None:
    if match is None or not (match["code"][0] in "#№" or _NUMBERED_RE.search(text, max(0, match.start("code") - 4),
                                                                            match.start("code"))):
        return match
    colon = _COLON_RE.match(text, match.end())
    if colon is None:
        return match
    after = _CODE_RE.match(text, colon.end())
    return after if after is not None and after.start("code") == colon.end() else None


#: A code told in the sentence after the one that names it ("UAE PASS keeps asking for the PIN. it's 2291 right?").
_TOLD_NEXT_RE = re.compile(r"[.!][ ]{1,2}(?P<gap>(?i:it's|it’s|it is|its|c'est|c’est|es|é|è|ist)[ ]{1,2})(?P<code>[0-9]{4,8})"
                           r"(?![\w/:-]|[.,][0-9])")


def _code_after(text: str, at: int, fewest: int = 4) -> tuple[int, int] | None:
    match = _past_a_number(text, _CODE_RE.match(text, at))
    if match is None and (answer := _where_answered(text, at, after_a_question=True)) is not None:
        match = _CODE_RE.match(text, answer)  # "podaj mi kod BLIK.\n— Dobra, masz: 731 045"
    if match is None:
        end = _pii_tokens.sentence_end(text, at)
        if not any(c.isdigit() for c in text[at:end]):
            match = _TOLD_NEXT_RE.match(text, end)
            if match is not None and _YEAR_RE.fullmatch(match["code"]):
                return None  # "... the PIN. It is 2024 that we started"
    if match is None or not fewest <= _digits(match["code"]) <= 8 or _pii_tokens.owns_the_digits(match["gap"]):
        match = _TOLD_CODE_RE.match(text, at)
    if match is None or not fewest <= _digits(match["code"]) <= 8 and not match["code"].isalnum():
        return None
    if set(match["gap"].lower().split()[-2:]) & _pii_tokens.GAP_NOT_A_CODE:
        return None  # "PIN for the card ending 4242", "code expires in 300 seconds" (not "the OTP they sent ... was 66412")
    if _pii_tokens.UNIT_AFTER_RE.match(text, match.end()) or CURRENCY_AFTER_RE.match(text, match.end()):
        return None  # "... in 300 seconds"; "az OTP árfolyama 17 450 forinton zárt": a price
    return match.start("code"), match.end("code")


#: A code told by a copula or a colon further on in its sentence, past an amount or a shop's name
#: ("Your OTP for txn of INR 1,200.00 at AMAZON is 123456", "Ο κωδικός μιας χρήσης ... των 312,40€ στο
#: ΣΚΛΑΒΕΝΙΤΗΣ είναι 734572"): its digits, or 5 to 8 capitals and digits with both ("Ihr TAN für die
#: Anmeldung bei FinanzOnline lautet 3NUFM7").
_TOLD_CODE_RE = re.compile(
    r"(?P<gap>(?:[^.!?。।\n]|(?<=[Nn][ro])\.){0,90}?|[^!?。।\n]{0,90}?[0-9][.,][0-9][^.!?。।\n]{0,60}?)"
    r"(?:[ ](?:is|est|es|ist|lautet|είναι|là|é|è|er|är|on|jest|je|to|este|adalah|ialah|هو|هي|הוא|c'est|c’est"
    # (was, in the languages above; Romanian's, Tagalog's, Swahili's and Darija's "is"; "ended up as")
    r"|was|were|war|var|era|fue|foi|était|e|ay|ni|howa|huwa|quedó en|quedo en|queda en|ficou|is now|ist jetzt)"
    r"(?:[ ](?:o|a|el|la|le|il))?|[:：]|係|是)[ ]{0,2}"
    r"(?P<code>[0-9]{4,8}|[0-9]{3}[ -][0-9]{3}|[0-9]{2}[ ][0-9]{2}[ ][0-9]{2}|(?=[A-Z]{0,7}[0-9])(?=[0-9]{0,7}[A-Z])[A-Z0-9]{5,8})(?![\w-]|[ ][0-9])")


#: Four to eight single digits a space apart, in prose: a code told digit by digit ("code's 5 0 2 2",
#: "ورمز صندوق المفاتيح 0 5 8 1", "faitotoa 2 7 4 4"), whatever word names it. Not inside a run of
#: numbers (a table's row, counters) nor a longer number (the phone passes read nine or more).
_SPACED_CODE_RE = re.compile(r"(?<![\w.,/:+-])(?<![0-9][ ])[0-9](?:[ ][0-9]){3,7}(?:[ ]?[#*])?(?![\w/:-]|[.,][0-9]|[ ]{1,2}[0-9])")
_SPACED_GUARD_RE = re.compile(r"[0-9][ ][0-9][ ][0-9][ ][0-9]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def scrub_spaced_codes(text: str, redacted: str) -> str:
    """Codes told one digit at a time in a text of words (a letter within the 24 characters before, no
    digit within the 5 before: "Spiel 77: 4 8 1 5 1 6 2" is a lottery's draw), of three different
    digits at least ("rated 5 5 4 5", a matrix's "1 0 0 1" are none)."""
    if _SPACED_GUARD_RE.search(text) is None:
        return text
    return _SPACED_CODE_RE.sub(
        lambda m: redacted if len(set(m[0]) - set(" #*")) >= 3 and not any(c.isdigit() for c in text[max(0, m.start() - 5):m.start()])
        and _LETTER_RE.search(text, max(0, m.start() - 24), m.start()) is not None else m[0], text)


#: A code named by its number of digits, in 16 languages ("the 6 digit code", "código de 6 dígitos",
#: "6-stelliger Code", "6-значный код", "6자리 인증번호", "6位验证码"): the code told later in the same
#: passage is the first number of exactly that many digits ("... google sent me (719 204)").
_COUNT = r"([4-8])"
_COUNTED_CODE_RE = re.compile(
    r"(?<![\w.,])(?:"
    r"(?i:" + _COUNT + r"[ -]?(?:digits?|dígitos|digitos|cifre|stellige[nrs]?|cijferige|siffrig[a-z]*|cifret|"
    r"значн[а-яі]*|цифров[а-яі]*|cyfrow[a-z]*|haneli|jegyű)[ ](?:[\w-]+[ ]){0,2}?"
    r"(?:codes?|pin|otp|passcode|code|kode|kod|kodu|código|codigo|clave|senha|codice|tan|код|пин|пароль|şifre|parola))"
    r"|(?i:(?:codes?|código|codigo|clave|senha|pin|otp|kode|kod|kód|код|codice|code)[ ](?:[\w-]+[ ]){0,2}?"
    r"(?:de|à|a|di|from|of|из|з|z|med|mit|met|dari|gồm)[ ]" + _COUNT + r"[ ](?:digits|dígitos|digitos|chiffres|cifre|"
    r"cifras|ziffern|cijfers|siffror|cifre|цифр|cyfr|digit|angka|chữ số|số|haneli))"
    r"|" + _COUNT + r"(?:자리|桁の?|位数?的?|หลัก)[ ]?(?:인증번호|인증 번호|코드|번호|비밀번호|認証コード|コード|確認コード|"
    r"验证码|驗證碼|动态码|密码|密碼|รหัส)"
    r")")
#: The digits of a code told further on: one run, or groups a space or a dash apart ("719 204").
_COUNTED_DIGITS_RE = re.compile(r"(?<![\w.,/:+-])[0-9]{2,8}(?:[ -][0-9]{2,6}){0,3}(?![\w/:-]|[.,][0-9])")
#: What a text must hold for a count's code to be in it: a count's word, or a code's (one scan: no lower-cased copy of
#: every text on the way).
_COUNTED_GUARD_RE = re.compile(r"[4-8](?:자리|桁|位|หลัก|[ -]?(?i:d[ií]git|cifr|stell|cijf|siffr|значн|цифр|cyfr|hane|jegy))"
                               r"|(?i:code|c[oó]dig|clave|senha|codice|kod|kód|код|pin|otp)")
#: How far on from its count a code is looked for: its sentence, not the next one.
_COUNTED_REACH = 160


def scrub_counted_codes(text: str, redacted: str) -> str:
    """Codes told after the count of their digits: the first number of that many digits in the same
    sentence, within :data:`_COUNTED_REACH` characters, not a lifetime or an amount."""
    if _COUNTED_GUARD_RE.search(text) is None:
        return text
    out: list[str] = []
    pos = 0
    for named in _COUNTED_CODE_RE.finditer(text):
        if named.start() < pos:
            continue
        n = int(next(group for group in named.groups() if group is not None))
        end = _pii_tokens.SENTENCE_STOP_RE.search(text, named.end(), named.end() + _COUNTED_REACH)
        stop = end.start() if end is not None else min(len(text), named.end() + _COUNTED_REACH)
        for digits in _COUNTED_DIGITS_RE.finditer(text, named.end(), stop):
            if _digits(digits[0]) != n:
                continue
            if _pii_tokens.UNIT_AFTER_RE.match(text, digits.end()) or CURRENCY_AFTER_RE.match(text, digits.end()):
                break
            out += [text[pos:digits.start()], redacted]
            pos = digits.end()
            break
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)
