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

#: A letter of a field name: a word character, or a vowel sign or virama of the scripts of South
#: and Southeast Asia (``मरीज़``, ``கைபேசி``: ``\w`` leaves their combining marks out).
_LETTER = r"[^\W\d]"
_NAME_CHAR = r"[\w .()/#'’\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff-]"  # and "To'lanadi"
#: A header: two to a hundred field names (in any script: ``이름,휴대폰,주소``), one delimiter
#: between them, alone on its line.
_HEADER = (
    r"[\"']?" + _LETTER + _NAME_CHAR + r"{0,63}+[\"']?(?P<d>[,;\t|])[\"']?" + _LETTER + _NAME_CHAR + r"{0,63}+[\"']?"
    r"(?:(?P=d)[\"']?" + _LETTER + _NAME_CHAR + r"{0,63}+[\"']?){0,98}+\r?\n"
)
_HEADER_RE = re.compile(r"\ufeff?" + _HEADER)
#: A header on a later line (under a report's title: "Einsatzplan Spitex ... 15.07.2024\nZeit\tKlient\t...").
_LATER_HEADER_RE = re.compile(r"(?<=\n)" + _HEADER)
#: Past this size a table is left to the other passes (they read any text in linear time).
_MAX = 1 << 20
#: How many later lines are tried as a header (a long text's tables are near its top, or left to the other passes).
_LATER_HEADERS = 16


def may_hold_table(text: str) -> bool:
    """Does ``text`` have a line that could be a table's header?"""
    return "\n" in text and len(text) <= _MAX and (
        _HEADER_RE.match(text) is not None or _LATER_HEADER_RE.search(text) is not None)


def scrub(text: str, verdict_of: Callable[[str], object], replacement: Callable[[object, str], str]) -> str:
    """``text`` with the values of its sensitive columns replaced (``verdict_of`` judges a
    column's name, ``replacement`` gives a value's mask for that verdict). A header on the first
    line rules the rest of the text; one on a later line (under a title) only the rows right
    under it that have as many cells as it has names."""
    header = _HEADER_RE.match(text)
    if header is not None:
        out = _table(text, header, verdict_of, replacement, whole=True)
        if out is not None:
            return out
    pos = 0
    for _ in range(_LATER_HEADERS):
        header = _LATER_HEADER_RE.search(text, pos)
        if header is None:
            break
        out = _table(text, header, verdict_of, replacement, whole=False)
        if out is not None:
            return out
        pos = header.end()
    return text


def _table(text: str, header: re.Match[str], verdict_of: Callable[[str], object],
           replacement: Callable[[object, str], str], whole: bool) -> str | None:
    """The text with the rows under ``header`` masked, or None where it is no table's header
    (nothing sensitive in it, or, under a title, no row of its width right under it)."""
    delimiter = header["d"]
    names = next(csv.reader([header[0].rstrip("\r\n").lstrip("\ufeff")], delimiter=delimiter))
    verdicts = [verdict_of(name.strip()) for name in names]
    if not any(verdicts):
        return None
    if sum(1 for v in verdicts if v) == 1 and next(n for n, v in zip(names, verdicts) if v).strip().lower() == "name":
        return None  # a bare "name" column and nothing personal beside it: a product's or a plan's
    newline = "\r\n" if header[0].endswith("\r\n") else "\n"
    body_text, rest = text[header.end():], ""
    if not whole:
        # the rows: the lines right under the header with its number of cells
        lines = body_text.splitlines(keepends=True)
        kept = 0
        for line in lines:
            try:
                cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
            except csv.Error:
                break
            if len(cells) != len(names):
                break
            kept += 1
        if not kept:
            return None
        cut = sum(len(line) for line in lines[:kept])
        body_text, rest = body_text[:cut], body_text[cut:]
    try:
        rows = list(csv.reader(io.StringIO(body_text, newline=""), delimiter=delimiter))
    except csv.Error:
        return None  # a field past csv's limit, a stray NUL: not a table this pass reads
    changed = False
    for row in rows:
        for i, value in enumerate(row):
            if i < len(verdicts) and verdicts[i] and value.strip() and not value.startswith("["):
                row[i] = replacement(verdicts[i], value)
                changed = True
    if not changed:
        return None
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    body = out.getvalue()
    if not body_text.endswith(("\n", "\r")):
        body = body[: -len(newline)] if body.endswith(newline) else body
    return text[:header.start()] + header[0] + body + rest


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


#: A fixed-width (or space-aligned) table's header: three to forty field names of one word each,
#: between runs of spaces, alone on a line (``PERSNR KST     PIN  GUELTIG_AB``).
_SPACED_HEAD_RE = re.compile(
    r"^[ \t]{0,8}(?P<head>[^\W\d][\w./#-]{0,31}(?:[ \t]{1,32}[^\W\d][\w./#-]{0,31}){2,39})[ \t]*\r?$", re.MULTILINE)
_TOKEN_RE = re.compile(r"\S+")


def may_hold_spaced(text: str) -> bool:
    """Could ``text`` hold a fixed-width table (a line of field names, then a line of as many values)?"""
    return "\n" in text and len(text) <= _MAX and "  " in text


def scrub_spaced(text: str, verdict_of: Callable[[str], object], replacement: Callable[[object, str], str]) -> str:
    """``text`` with the values of each fixed-width table's sensitive columns replaced: the rows
    right under a header with as many values as it has names, each value under its name (or the
    header in capitals, the way such exports write it)."""
    out: list[str] = []
    kept = 0
    for head in _SPACED_HEAD_RE.finditer(text):
        if head.start() < kept or head.end() >= len(text):
            continue
        names = list(_TOKEN_RE.finditer(head["head"]))
        verdicts = [verdict_of(name[0]) for name in names]
        if not any(verdicts):
            continue
        capitals = not any(c.islower() for c in head["head"])
        starts = [head.start("head") - head.start() + name.start() for name in names]
        pos = head.end() + 1
        rows: list[str] = []
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            cells = list(_TOKEN_RE.finditer(line))
            if len(cells) != len(names) or not (capitals or [cell.start() for cell in cells] == starts):
                break
            for i in reversed(range(len(cells))):
                if verdicts[i] and not cells[i][0].startswith("["):
                    line = line[:cells[i].start()] + replacement(verdicts[i], cells[i][0]) + line[cells[i].end():]
            rows.append(line)
            last, pos = end, end + 1
        if rows:
            out += [text[kept:head.end() + 1], "\n".join(rows)]
            kept = last
    if not out:
        return text
    out.append(text[kept:])
    return "".join(out)
