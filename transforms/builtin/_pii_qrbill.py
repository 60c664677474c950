"""The parties of a Swiss QR-bill's payload (the text a QR-bill's code holds, one field a line, as a
scanner app or a payment API passes it on): "SPC\\n0200\\n1\\n<IBAN>\\nS\\n<name>\\n<street>\\n<number>\\n
<postcode>\\n<town>\\nCH\\n...". The creditor's and the debtor's names, streets and house numbers are masked
(name and address); postcodes, towns, amounts, the reference and the message stay.

Field order from SIX's "Swiss Implementation Guidelines for the QR-bill" (version 2.x, section 4.3.3).
"""

from __future__ import annotations

import re
from typing import Callable

Replace = Callable[[str, str, str], str]

_HEADER_RE = re.compile(r"(?m)^SPC\r?\n0200\r?\n[12]\r?\n")
#: Line numbers (0 = "SPC") of each party's address type, then its name, its street (or first address
#: line) and its house number (or second address line: a postcode and a town when the type is "K").
_CREDITOR, _DEBTOR = 4, 20


def scrub(text: str, replace: Replace) -> str:
    out: list[str] = []
    pos = 0
    for header in _HEADER_RE.finditer(text):
        if header.start() < pos:
            continue
        newline = "\r\n" if "\r\n" in header[0] else "\n"
        lines = text[header.start():].split(newline, 31)[:31]
        masked = list(lines)
        for at in (_CREDITOR, _DEBTOR):
            if at + 3 >= len(lines) or lines[at] not in ("S", "K") or not lines[at + 1].strip():
                continue
            masked[at + 1] = replace("name", " ".join(lines[at + 1].split()).lower(), lines[at + 1])
            if lines[at + 2].strip():
                masked[at + 2] = replace("address", " ".join(lines[at + 2].split()).lower(), lines[at + 2])
            if lines[at] == "S" and lines[at + 3].strip():  # a structured address's house number
                masked[at + 3] = replace("address", lines[at + 3].strip().lower(), lines[at + 3])
        end = header.start() + len(newline.join(lines))
        out += [text[pos:header.start()], newline.join(masked)]
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def may_hold(text: str) -> bool:
    return "SPC" in text and "0200" in text
