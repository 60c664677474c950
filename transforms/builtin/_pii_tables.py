"""Delimited tables written as text (a CSV export, an import file, a spreadsheet pasted into a
ticket): a header line of field names, then rows. Each column whose name is sensitive has its
values masked as a field of that name would be (``first_name,last_name,plan`` then
``Hildegard,Vonnegut-Steiner,pro``); the rest of the text is left to the other passes.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Callable

#: A header: two to a hundred field names (in any script: ``이름,휴대폰,주소``), one delimiter
#: between them, alone on the first line.
_HEADER_RE = re.compile(
    r"\ufeff?[\"']?[^\W\d][\w .()/#-]{0,63}+[\"']?(?P<d>[,;\t|])[\"']?[^\W\d][\w .()/#-]{0,63}+[\"']?"
    r"(?:(?P=d)[\"']?[^\W\d][\w .()/#-]{0,63}+[\"']?){0,98}+\r?\n"
)
#: Past this size a table is left to the other passes (they read any text in linear time).
_MAX = 1 << 20


def may_hold_table(text: str) -> bool:
    """Does ``text`` start with a line that could be a table's header?"""
    return "\n" in text and len(text) <= _MAX and _HEADER_RE.match(text) is not None


def scrub(text: str, verdict_of: Callable[[str], object], replacement: Callable[[object, str], str]) -> str:
    """``text`` with the values of its sensitive columns replaced (``verdict_of`` judges a
    column's name, ``replacement`` gives a value's mask for that verdict)."""
    header = _HEADER_RE.match(text)
    if header is None:
        return text
    delimiter = header["d"]
    names = next(csv.reader([header[0].rstrip("\r\n").lstrip("\ufeff")], delimiter=delimiter))
    verdicts = [verdict_of(name.strip()) for name in names]
    if not any(verdicts):
        return text
    if sum(1 for v in verdicts if v) == 1 and next(n for n, v in zip(names, verdicts) if v).strip().lower() == "name":
        return text  # a bare "name" column and nothing personal beside it: a product's or a plan's
    newline = "\r\n" if header[0].endswith("\r\n") else "\n"
    try:
        rows = list(csv.reader(io.StringIO(text[header.end():], newline=""), delimiter=delimiter))
    except csv.Error:
        return text  # a field past csv's limit, a stray NUL: not a table this pass reads
    changed = False
    for row in rows:
        for i, value in enumerate(row):
            if i < len(verdicts) and verdicts[i] and value.strip() and not value.startswith("["):
                row[i] = replacement(verdicts[i], value)
                changed = True
    if not changed:
        return text
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    body = out.getvalue()
    if not text.endswith(("\n", "\r")):
        body = body[: -len(newline)] if body.endswith(newline) else body
    return header[0] + body


#: A Markdown table's head: a line of cells between pipes, then the line of dashes under it
#: (``| env | user | password |`` then ``|---|:---:|``), anywhere in a text.
_MARKDOWN_HEAD_RE = re.compile(
    r"^[ \t]{0,3}(?P<head>\|?[^\n|]{1,64}(?:\|[^\n|]{1,64}){1,63}\|?)[ \t]*\r?\n"
    r"[ \t]{0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*){0,63}\|?[ \t]*(?:\r?\n|$)",
    re.MULTILINE,
)
#: One row of it: a line that holds a pipe.
_MARKDOWN_ROW_RE = re.compile(r"[^\n]*\|[^\n]*(?:\n|$)")
#: A cell: its text between the spaces that pad it.
_CELL_RE = re.compile(r"(?P<pad>[ \t]*)(?P<value>.*?)(?P<end>[ \t]*)$", re.DOTALL)


def may_hold_markdown(text: str) -> bool:
    """Could ``text`` hold a Markdown table (a line of dashes between pipes)?"""
    return ("|---" in text or "| ---" in text or "|:--" in text or "| :--" in text) and len(text) <= _MAX


def scrub_markdown(text: str, verdict_of: Callable[[str], object], replacement: Callable[[object, str], str]) -> str:
    """``text`` with the cells of each Markdown table's sensitive columns replaced, as
    :func:`scrub` does for a delimited table's."""
    out: list[str] = []
    kept = 0
    for head in _MARKDOWN_HEAD_RE.finditer(text):
        if head.start() < kept:
            continue
        verdicts = [verdict_of(name.strip()) for name in _cells(head["head"])]
        if not any(verdicts):
            continue
        pos = head.end()
        while (row := _MARKDOWN_ROW_RE.match(text, pos)) is not None and row[0].strip():
            line = row[0]
            body = line.rstrip("\r\n")
            cells = body.split("|")
            lead = 1 if body.lstrip().startswith("|") else 0
            for i in range(lead, len(cells)):
                column = i - lead
                if column < len(verdicts) and verdicts[column]:
                    cell = _CELL_RE.match(cells[i])
                    if cell["value"] and not cell["value"].startswith("["):
                        cells[i] = cell["pad"] + replacement(verdicts[column], cell["value"]) + cell["end"]
            out.append(text[kept:pos])
            out.append("|".join(cells) + line[len(body):])
            kept = pos = row.end()
    if not out:
        return text
    out.append(text[kept:])
    return "".join(out)


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return line.split("|")
