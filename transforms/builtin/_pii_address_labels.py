"""Addresses after an address label or an "I live at" of many languages (kind ``address``).

``_pii_people`` reads an address by its street words and its shape, language by language; a
form's "Adresa ime:", "Manzil:", "पता:", "አድራሻ፡" or a message's "Maa ngi dëkk ci" says an
address follows in any of them, whatever its parts are called. After one of the words of
``address-labels.tsv`` (found, like the cue words, with one Aho-Corasick scan), what follows is
read part by part (parts end at a comma of any script: ``, ، 、 ， ፣``) and masked up to the end
of the last part that holds a number (a house, a flat, a block, a plot, a postal code, in any
script's digits): "Rruga e Durrësit, Pallati 23, Shkalla 2, Ap. 9, Tiranë." loses all but
"Tiranë". Nothing when no part holds a number ("Address: see below").

What follows is read only so far: to the sentence's end (``. । ። 。 ။ ! ?``, a line's end, a
``;``), the next label ("Tel:", "Phone", "E-mail"), a phone number, an e-mail address, a mask
of another kind, and at most :data:`_MOST` characters. A full stop after a short word is an
abbreviation's ("Ap. 9", "ш. Душанбе", "Brgy. Sauyo"), not a sentence's end; after a number
or a long word, before a capital or a digit, it is ("Rruga X 12. Porosia AL-55": the order stays).

What is masked must look like an address: its number beside a word ("commande 4412" after
"Adresse:" is an order; an IP address after "address" is no one's home). A label needs its
colon; an introduction in prose ("I live in", "mbeera") needs more: two parts, two numbers,
or a number first, and a year or a count ("since 2019", "for 5 years") is no house number.

Canonical value: the address lower-cased, single-spaced.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Callable

from transforms.builtin._pii_kinds import PSEUDONYM_HEX
from transforms.builtin._pii_literals import Literals, word_file
from transforms.builtin._pii_locality import NUMBER_ALONE_RE
from transforms.builtin._pii_words import NO_SPACES_RE, starts_word

Replace = Callable[[str, str, str], str]

_KINDS = frozenset({"label", "intro"})
#: At most this many characters of an address after its label.
_MOST = 160

#: What may follow a label: its colon (Ethiopic ``፡`` and ``፦`` too), or, after an
#: introduction, a space alone.
_LABEL_GAP_RE = re.compile(r"[ \t]{0,2}[:：፡፦][ \t]{0,3}")
_INTRO_GAP_RE = re.compile(r"[ \t]{0,2}[:：፡፦-][ \t]{0,3}|[ \t]{1,3}")
#: Words before "address" that make it no postal address: "IP address:", "E-Mail-Adresse:",
#: "adresse e-mail", "wallet address".
_NOT_POSTAL_BEFORE_RE = re.compile(
    r"(?i:ip|ipv4|ipv6|mac|e-?mail|mail|web|wallet|bitcoin|btc|eth|crypto|server|host|memory|network|hardware"
    r"|bluetooth|wi-?fi|url|contract|broadcast|gateway|loopback|multicast|physical|virtual|reply-?to|sender"
    r"|courriel|electrónica|correo|e-posta)[ -]?\Z"
)
#: Words of an order, an invoice or a bill, whose number follows them: one starts no address, and one
#: with a number after it ends the address before it ("..., Nugegoda. order LK-ORD-5510", "سلا. طلب
#: رقم JUM-MA-4412", "bina 7. shekveta GE-5510": the order's number is no house's).
_ORDER_WORDS = frozenset("""order orders commande bestellung pedido ordine zamówienie sipariş заказ замовлення
    ticket invoice facture rechnung factura fattura bill encomenda encomendă comanda narudžba narudžbina objednávka
    tilaus beställning bestilling bestelling rendelés tellimus užsakymas pasūtījums поръчка нарачка
    παραγγελία sifariş buyurtma буйрутма фармоиш тапсырыс захиалга pesanan đơn طلب الطلب سفارش
    ትእዛዝ የትእዛዝ shekveta შეკვეთა պատվեր 6alab el-6alab talab""".split())
#: Words after a label that start no address: an order's or an invoice's number, a pointer elsewhere.
_NOT_ADDRESS_FIRST = _ORDER_WORDS | frozenset("""
    ref ref. reference référence referenz referencia see voir siehe
    ver vedi zie same identique idem n/a na tbd unknown inconnue unbekannt ip e-mail email
    wrong incorrect invalid missing not incomplete correct required falsch ungültig nicht unvollständig incorrecta
    incorrecto inválida invalida errónea erronea incorrecte invalide fausse erronée sbagliato errato errada inválido
    incorreto onjuist ongeldig""".split())

#: A sentence's or a clause's end in any script (the full stop is judged apart).
_ENDS = frozenset("\n\r!?;！？；。။።।॥؟")
#: The commas of any script, which end an address's part.
_COMMAS = frozenset(",،、，፣")
#: The next label of a message, at a word's start: a phone's or an e-mail's.
_NEXT_LABEL_RE = re.compile(
    r"(?:tel|tél|tele|telp|telf|tlf|tfn|phone|mob|mobile|cell|cel|celular|handy|telefon|telefone|teléfono|telefono"
    r"|telepon|fax|whatsapp|sđt|đt|điện thoại|email|e-mail|mail|correo|тел|телефон|моб|e-posta|hp|no hp"
    r"|contact|kontak|kontakt|simu|fon|фон|хэв|утас|ফোন|मोबाइल|फ़ोन|फोन|ফোন নম্বর|電話|电话|手机|전화|هاتف|جوال|موبايل"
    r"|تلفن|ٹیلیفون|فون|ስልክ)(?![^\W\d_])\.?",
    re.IGNORECASE,
)
#: A phone number: a "+" and a digit, or nine digits or more in groups.
_PHONE_RE = re.compile(r"\+[ (]?[0-9]|(?:[0-9][ ()./-]?){8}[0-9]")
#: A mask another pass left: an address's own is part of this one, any other ends it.
_MASK_RE = re.compile(r"\[(?P<kind>[a-z_]{2,24})\]|(?P<hashed>[a-z_]{2,24}):[0-9a-f]{" + str(PSEUDONYM_HEX) + r"}")
_OWN_MASKS = frozenset({"address", "postal_code"})
#: Short words a full stop abbreviates in addresses, longer than :func:`_abbreviation` allows.
_ABBREVIATIONS = frozenset("brgy bldg blvd apto appt dept prov kab kec kel kota desa jln sekt korp kvar mahl mkr".split())
#: Numbers that are no house's: a year, a count of years, months, days, minutes, kilometres,
#: money (an introduction's "I live in Berlin since 2019", "for 5 years").
_NOT_A_NUMBER_RE = re.compile(
    # a date, a price with its currency first ("am 12.09.2024", "à € 42,90")
    r"(?<![0-9])[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{2,4}(?![0-9])|[€$£¥₹][ ]?[0-9][0-9.,]*"
    r"|(?<![0-9])(?:(?:19|20)[0-9]{2}(?![0-9])|[0-9]{1,3}[ ]?(?:years?|yrs|months?|weeks?|days?|hours?|minutes?|mins?"
    r"|stück|stk|pcs|pieces|items|x"
    r"|km|miles?|%|€|\$|ans|mois|jours|semaines|años|meses|días|semanas|anni|mesi|giorni|jahren?|monaten?|tagen?"
    r"|wochen|jaar|maanden|dagen|lat|lata|miesięcy|лет|года?|месяц\w{0,3}|дн\w{0,3}|yıl\w{0,3}|ay|gün\w{0,3}"
    r"|tahun|bulan|hari|năm|tháng|ngày|साल|वर्ष|महीने|দিন|বছর)(?![^\W\d_]))",
    re.IGNORECASE,
)


@cache
def _labels() -> tuple[Literals, tuple[str, ...]]:
    return word_file(__package__, "address-labels.tsv", _KINDS)


def may_hold(text: str) -> bool:
    return _labels()[0].found_in(text)


def scrub(text: str, replace: Replace) -> str:
    """The addresses after these labels (the caller has seen a digit in the text)."""
    literals, kinds = _labels()
    out: list[str] = []
    pos = 0
    # the longest label first where several start at one place ("adresa ime" over "adresa")
    for index, start, end in sorted(literals.hits(text), key=lambda hit: (hit[1], -hit[2])):
        if start < pos or not _a_label_at(text, start, end) or _MASK_RE.match(text, start) is not None:
            continue  # (a pseudonym's kind is no label: "ship to address:31d40a4dfb89cc95" scrubbed again)
        found = _address_after(text, end, kinds[index] == "intro")
        if found is None and kinds[index] == "label":
            # a chat's label without its colon ("adresa str. florilor nr. 37, ...", "for address \"20,
            # Grand-Rue\""): a quoted value, or, at a clause's start, what an introduction's would be
            found = _quoted_after(text, end)
            if found is None and text[end:end + 1] == " " and _starts_a_clause(text, start):
                found = _address_after(text, end, True, loose=True)
        if found is None:
            continue
        at, stop = found
        value = text[at:stop]
        out += [text[pos:at], replace("address", " ".join(value.lower().split()), value)]
        pos = stop
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _a_label_at(text: str, start: int, end: int) -> bool:
    """Do the words at ``start:end`` stand alone as a label: a word's start before (not inside
    "E-Mail-Adresse" or an "IP address"), a word's end after ("Adressen" is another word)?"""
    if not starts_word(text, start) or text[start - 1:start] in ("-", "_", ".", "/", "@"):
        return False
    after = text[end:end + 1]
    if after and (after.isalnum() or unicodedata.category(after)[0] == "M"):
        # the scripts written without spaces (Thai, Lao, Khmer, Myanmar, Chinese, Japanese) and Korean's
        # particles go on
        last = text[end - 1]
        if NO_SPACES_RE.match(last) is None and not "\uac00" <= last <= "\ud7af":
            return False
    return _NOT_POSTAL_BEFORE_RE.search(text, max(0, start - 12), start) is None


#: A value in quotes right after a label: "for address \"Av. Amazonas N27-19\"".
_QUOTED_RE = re.compile(r"[ \t]{1,2}(?P<q>[\"'«“„])(?P<value>[^\"'«»“”„\n]{3,80})[\"'»”“]")


def _quoted_after(text: str, end: int) -> tuple[int, int] | None:
    """The quoted value after a label when it reads as an address: a number beside a word."""
    match = _QUOTED_RE.match(text, end)
    if match is None:
        return None
    value = match["value"]
    words = [w.strip(".,:()").lower() for w in value.split()]
    if (not words or words[0] in _NOT_ADDRESS_FIRST or not _holds_number(value, True)
            or not any(sum(c.isalpha() for c in w) >= 2 for w in words) or "@" in value):
        return None
    return match.start("value"), match.end("value")


#: Words of a sentence that no address holds, after a label without its colon: a count's, a verb's.
_NOT_IN_AN_ADDRESS = frozenset("of was were is are has have had been will would times items updated changed".split())
#: A part that is a postal code and its town ("602 00 Brno", "LV-1084", "2358 Lemesos").
_POSTCODE_TOWN_RE = re.compile(r"(?:[A-Za-z]{1,2}-)?[0-9]{3,5}(?:[ -][0-9]{2,3})?(?:[ ][^\W\d_]|$)")


def _starts_a_clause(text: str, start: int) -> bool:
    """Does a label at ``start`` start a clause: the text's or a line's start, or a comma, a dash, a
    bracket or a symbol (an emoji) before it, spaces aside?"""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0:
        return True
    before = text[i - 1]
    return before in ",،、，;:\n\r-–—(" or unicodedata.category(before) == "So"


def _address_after(text: str, end: int, intro: bool, loose: bool = False) -> tuple[int, int] | None:
    """Where the address after a label ending at ``end`` starts and ends, or None. ``loose``: a label
    without its colon, whose value a colon ends (the next sentence's, Armenian's "։") and a postal code's
    town closes ("bydliště Husova 12, 602 00 Brno, zdravotní pojišťovna 111": the insurer stays)."""
    gap = (_INTRO_GAP_RE if intro else _LABEL_GAP_RE).match(text, end)
    if gap is None:
        if not intro or not text[end - 1:end].isalpha():
            return None
        at = end  # a script written without spaces: "ຂ້ອຍຢູ່ບ້ານ..."
    else:
        at = gap.end()
    stop = _reach(text, at)
    if loose:
        colon = text.find(":", at, stop)
        stop = stop if colon < 0 else colon
    parts = _parts(text, at, stop)
    if loose:
        town = next((i for i, (a, b) in enumerate(parts) if _POSTCODE_TOWN_RE.match(text, a, b)), None)
        parts = parts if town is None else parts[:town + 1]
    if not parts:
        return None
    numbered = [i for i, (a, b) in enumerate(parts) if _holds_number(text[a:b], intro)]
    if not numbered:
        return None
    last = numbered[-1]
    value_end = _numbered_end(text, *parts[last], intro, last > 0)
    if last + 1 < len(parts) and NUMBER_ALONE_RE.fullmatch(text, *parts[last]) is not None:
        value_end = parts[last + 1][1]  # a house's number and its name or street after: "૧૨, શ્યામ બંગલોઝ"
    value = text[at:value_end]
    words = [w.strip(".,:()'’\"").lower() for w in value.split()]
    if not words or words[0] in _NOT_ADDRESS_FIRST:
        return None
    if loose and any(w in _NOT_IN_AN_ADDRESS or w in _NOT_ADDRESS_FIRST for w in words):
        return None  # a sentence about an address, no address: "adresa 3 of 5 was updated, order 88412"
    if not any(any(c.isalpha() for c in w) and not _MASK_RE.fullmatch(w) for w in words):
        return None  # a number alone, or masks alone: "Adresse: 4412", "Address: [address], 12"
    if intro and len(parts) < 2 and len(numbered) < 2 and not value[:1].isdigit() and sum(
            1 for m in re.finditer(r"[0-9]+", value)) < 2:
        return None  # "I live in Springfield 3 blocks away": one part, one number, not first
    return at, value_end


#: What may follow an address's last number in its part: a flat's side or letter ("3. tv", "dpto C",
#: "148bis"), a postcode in brackets.
_AFTER_LAST_NUMBER = frozenset("tv th mf bis ter izq izda dcha der dr esq".split())


def _numbered_end(text: str, a: int, b: int, intro: bool, after_another: bool) -> int:
    """Where the last part holding a number ends as an address: whole when it starts with its
    number ("12 Stryd y Castell"), but a postcode's town after another part ends at its first word
    in lower case ("12 rue de la Paix, 75002 Paris today"); else after its last number and the
    letter or side that may follow it ("Av. Corrientes 3247 piso 4 dpto C (C1193AAE) no llegó"
    ends at the postcode)."""
    tokens = [(m.start() + a, m.end() + a) for m in re.finditer(r"\S+", text[a:b])]
    if not tokens:
        return b
    if _holds_number(text[tokens[0][0]:tokens[0][1]], intro):
        if not after_another:
            return b
        end = tokens[0][1]
        for s, e in tokens[1:]:
            word = text[s:e]
            if not (word[:1].isupper() or word[:1].isdigit() or not word[:1].isalpha()
                    or word.lower().strip(".") in _AFTER_LAST_NUMBER):
                break
            end = e
        return end
    last = max(k for k, (s, e) in enumerate(tokens) if _holds_number(text[s:e], intro))
    end = tokens[last][1]
    for s, e in tokens[last + 1:last + 3]:
        word = text[s:e].strip(".()")
        if not (len(word) == 1 and word.isupper() or word.lower() in _AFTER_LAST_NUMBER
                or word.startswith("(") and any(c.isdigit() for c in word)):
            break
        end = e
    return end


def _reach(text: str, at: int) -> int:
    """How far the address after ``at`` may reach: see the module's doc."""
    limit = min(len(text), at + _MOST)
    i = at
    word_start = True
    while i < limit:
        ch = text[i]
        if ch in _ENDS:
            return i
        if ch == "." and _ends_sentence(text, i):
            return i
        if ch == "@":
            # an e-mail address: back to its word's start
            while i > at and not text[i - 1].isspace() and text[i - 1] not in _COMMAS:
                i -= 1
            return i
        if word_start:
            mask = _MASK_RE.match(text, i)
            if mask is not None:
                if (mask["kind"] or mask["hashed"]) not in _OWN_MASKS:
                    return i
                i = mask.end()
                word_start = False
                continue
            if _NEXT_LABEL_RE.match(text, i) is not None and _label_ends(text, i):
                return i
            if _PHONE_RE.match(text, i) is not None:
                return i
            if _an_orders_number_at(text, i):
                while i > at and text[i - 1] in "( ":
                    i -= 1  # "(Bestellung W114868590)" is no part of the address before it
                return i
        word_start = ch.isspace() or ch in _COMMAS or ch in "(/"
        i += 1
    return limit


_WORD_RE = re.compile(r"[^\W_][\w'-]*")


def _an_orders_number_at(text: str, i: int) -> bool:
    """Does an order's word start at ``i`` with a number in the three words after it ("order
    LK-ORD-5510", "Bestellung W114868590", "bill RR no. JNR-2231-88")?"""
    word = _WORD_RE.match(text, i)
    if word is None or word[0].lower() not in _ORDER_WORDS:
        return False
    return any(c.isdigit() for c in " ".join(text[word.end():word.end() + 40].split()[:3]))


def _label_ends(text: str, i: int) -> bool:
    """Is the next-label word at ``i`` a label: a colon, a full stop, a digit or a "+" after it
    ("Tel: ...", "Tel. 0555...", "Phone 0555...")? "Telefonica" or "mail room" is not."""
    match = _NEXT_LABEL_RE.match(text, i)
    rest = text[match.end():match.end() + 3].lstrip(" ")
    return match[0].endswith(".") or rest[:1] in (":", "：", "+", "(") or rest[:1].isdigit()


def _ends_sentence(text: str, i: int) -> bool:
    """Does the full stop at ``i`` end a sentence (see the module's doc)?"""
    nxt = text[i + 1:i + 2]
    if not nxt:
        return True
    if not nxt.isspace():
        return False  # "No.12", "3.5", "sh.,"
    j = i + 1
    while j < len(text) and text[j] in " \t":
        j += 1
    if j == len(text) or text[j] in "\n\r":
        return True
    first = text[j]
    if first.islower() or first in ",(":
        return False
    word_start = i
    while word_start > 0 and (text[word_start - 1].isalnum() or unicodedata.category(text[word_start - 1])[0] == "M"):
        word_start -= 1
    word = text[word_start:i]
    if not word or any(c.isdigit() for c in word) or (len(word) == 1 and word.isupper()):
        return True  # "Rruga X 12. Porosia ...", "Ünvan:. 2 gün ...", a town's district: "København N. Kan I ..."
    return not _abbreviation(word)  # "Ap. 9", "ш. Душанбе" go on; "ko'rsatilmagan. 14 kun" ends


def _abbreviation(word: str) -> bool:
    """Is ``word`` (before a full stop) short enough to be an abbreviation: "Ap", "ш", "küç",
    "lakk", "नं", "Brgy"?"""
    letters = sum(1 for c in word if unicodedata.category(c)[0] != "M")
    return letters <= 3 or (letters <= 5 and word[:1].islower()) or word.lower() in _ABBREVIATIONS


def _parts(text: str, at: int, stop: int) -> list[tuple[int, int]]:
    """The parts between ``at`` and ``stop``, split at commas, each trimmed of spaces."""
    parts = []
    a = at
    for i in range(at, stop + 1):
        if i == stop or text[i] in _COMMAS and not (text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit()):
            # (a decimal comma, "€ 42,90", is no part's end)
            b = i
            while b > a and text[b - 1].isspace():
                b -= 1
            s = a
            while s < b and text[s].isspace():
                s += 1
            if s < b:
                parts.append((s, b))
            a = i + 1
    return parts


def _holds_number(part: str, intro: bool) -> bool:
    """Does the part hold a number of an address (any script's digits; after an introduction,
    not a year or a count)?"""
    part = _MASK_RE.sub(" ", part)
    if intro:
        part = _NOT_A_NUMBER_RE.sub(" ", part)
    return any(c.isdigit() for c in part)
