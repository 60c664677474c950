"""Values after their label as scanned documents print them (an OCR's text, a statement's lines).

Names in capitals after their label, as scanned documents and bank statements print them: on
the line under a label line ("Name / Surname\\nMÜLLER-LÜDENSCHEIDT", "Vornamen / Given names\\nANNEGRET"),
or after a label with no colon ("Фамилия ЛЕБЕДЕВ Имя АРТЁМ Отчество ВЛАДИМИРОВИЧ", "Nombre (s): ANA KAREN").

The label is judged by the transform's own field names (``is_name_label``); the value must be in
capitals, of letters only (hyphens, apostrophes, a comma, initials), one to five words: the
shape an OCR of an ID card, a passport's visual zone or a statement's payer column gives. A
value in mixed case or holding a digit is left to the other passes.

A Chinese, Japanese or Korean ID card's lines, a label and its value with no colon: a name
("姓名 陈静", "氏名 山本 大輔", "성명 이수현") and a birth date ("出生 1992年8月3日", "생년월일 1990.05.11").
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_words import swap_group

Replace = Callable[[str, str, str], str]

#: A run of capitals somewhere (the cheap test before the scan).
_CAPS_RE = re.compile(r"[^\W\d_a-z]{3}")
#: A label's bracketed plural or gender mark ("Nombre (s)", "Vorname(n)"), and its colon.
_LABEL_NOISE_RE = re.compile(r"[ ]?\((?:s|n|e|es|a|as|os|in)\)|[ ]?[:：]$")
#: A word of a value: capitals of any cased script, with a hyphen, an apostrophe, a full stop (an
#: initial) or a comma after it.
_WORD_RE = re.compile(r"\S+")
_MAX_WORDS = 5


def may_hold(text: str) -> bool:
    return _CAPS_RE.search(text) is not None or _CJK_LABEL_RE.search(text) is not None


_CJK_NAME_LABELS = "姓名|氏名|名前|이름|성명|联系人|聯絡人|收件人|收货人|收貨人|持卡人|户名|戶名|申请人|申請人|患者姓名|客户姓名|客戶姓名"
_CJK_BIRTH_LABELS = "出生日期|出生|生年月日|생년월일|出生年月日"
_CJK_LABEL_RE = re.compile("(?:" + _CJK_NAME_LABELS + "|" + _CJK_BIRTH_LABELS + ")")
#: At a line's start, the label, a space or a colon, then the value to the line's end or a comma.
_CJK_NAME_RE = re.compile(
    r"(?m)^[ \t]*(?:" + _CJK_NAME_LABELS + r")[ \t:：]{1,3}"
    r"(?P<value>[\u4e00-\u9fff]{2,4}|[\uac00-\ud7af]{2,4}|[\u4e00-\u9fff\u3040-\u30ff]{1,4}[ 　][\u4e00-\u9fff\u3040-\u30ff]{1,4})"
    r"(?=[ \t]*(?:\n|$|[,，;；]))")
_CJK_BIRTH_RE = re.compile(
    r"(?m)^[ \t]*(?:" + _CJK_BIRTH_LABELS + r")[ \t:：]{1,3}"
    r"(?P<value>[0-9]{4}[年.\-/][ ]?[0-9]{1,2}[月.\-/][ ]?[0-9]{1,2}[日號号]?)")


def scrub_cjk(text: str, replace: Replace) -> str:
    """A Chinese, Japanese or Korean ID card's name and birth date after their labels."""
    if _CJK_LABEL_RE.search(text) is None:
        return text
    text = _CJK_NAME_RE.sub(lambda m: swap_group(m, "value", replace("name", m["value"], m["value"])), text)
    return _CJK_BIRTH_RE.sub(lambda m: swap_group(m, "value", replace("birth_date", m["value"], m["value"])), text)


def _caps_word(word: str) -> bool:
    core = word.strip(",.'’-")
    # (every letter a capital: a script without case, Chinese's, is no value in capitals)
    return bool(core) and all(c.isupper() if c.isalpha() else c in "-'’." for c in core)


#: Terms of address printed in capitals before a holder's name ("MME DELPHINE LEMAIRE-KOUASSI").
_HONORIFICS = frozenset("""MME MLLE MRS MR MISS SR SRA SRTA HERR FRAU DHR MEVR PANI PAN SIG SIGRA SNR SRA. SR. MR. MRS.
    MME. DHR. MEVR. SIG. SIG.RA Г-Н Г-ЖА""".split())
#: Whose money a statement's line names, before a name in capitals: a payer's, a payee's.
_PARTY_LABELS = frozenset("""nadawca odbiorca remitente beneficiario ordenante absender empfänger empfaenger sender payer
    payee beguenstigter begünstigter zahlungspflichtiger auftraggeber expéditeur expediteur bénéficiaire beneficiaire
    donneur отправитель получатель плательщик получатель: odesílatel příjemce feladó kedvezményezett""".split())


def _label(words: list[str]) -> str:
    return _LABEL_NOISE_RE.sub("", " ".join(words)).strip()


def scrub(text: str, is_name_label: Callable[[str], bool], replace: Replace) -> str:
    out: list[str] = []
    kept = 0
    for start, end in _spans(text, is_name_label):
        if start < kept:
            continue
        value = text[start:end]
        out += [text[kept:start], replace("name", value.lower(), value)]
        kept = end
    if not out:
        return text
    out.append(text[kept:])
    return "".join(out)


def _spans(text: str, is_name_label: Callable[[str], bool]) -> list[tuple[int, int]]:
    spans = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)] if "\n" in text else []
    # a label line, the value on the next
    for (ls, le), (ns, ne) in zip(lines, lines[1:]):
        label = text[ls:le].strip()
        value = text[ns:ne].strip()
        if (not label or len(label) > 48 or any(c.isdigit() for c in label) or not value
                or not any(c.islower() for c in label)):
            continue
        words = value.split()
        if len(words) <= _MAX_WORDS and all(_caps_word(w) for w in words) and any(
                is_name_label(_label([part])) for part in re.split(r"\s*/\s*", label)):
            first = text.index(value, ns)
            spans.append((first, first + len(value.rstrip(",."))))
    # a label, then the value on the same line (with or without a colon)
    tokens = [(m.start(), m.end(), m[0]) for m in _WORD_RE.finditer(text)]
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and j - i < _MAX_WORDS and _caps_word(tokens[j][2]) \
                and "\n" not in text[tokens[i][0]:tokens[j][1]]:
            j += 1
        honorific = next((k for k in range(i, j - 1) if tokens[k][2].rstrip(":") in _HONORIFICS), None)
        if honorific is not None and j - honorific >= 3 or honorific is not None and j - honorific == 2 \
                and len(tokens[j - 1][2]) > 2:
            spans.append((tokens[honorific + 1][0], tokens[j - 1][0] + len(tokens[j - 1][2].rstrip(",."))))
        elif j > i and i > 0:
            for size in (2, 1):
                if i - size < 0:
                    continue
                head = tokens[i - size:i]
                if "\n" in text[head[0][0]:tokens[i][0]] or any(c.isdigit() for t in head for c in t[2]):
                    continue
                label = _label([t[2] for t in head])
                if label and any(c.islower() for c in label) and (
                        is_name_label(label) or label.lower() in _PARTY_LABELS and j - i >= 2):
                    spans.append((tokens[i][0], tokens[j - 1][0] + len(tokens[j - 1][2].rstrip(",."))))
                    break
        i = max(j, i + 1)
    return sorted(spans)
