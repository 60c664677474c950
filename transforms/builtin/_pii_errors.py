"""Values that database and validation errors echo away from their names.

An API that returns its errors (or logs them into a response) repeats the offending value,
and the formats of the commonest libraries put the column's name where the ``name=value``
pass cannot pair it with the value:

- PostgreSQL: ``Key (email)=(jane@example.com) already exists``, several columns
  ``Key (tenant_id, email)=(7, jane@example.com)``;
- MySQL/MariaDB: ``Duplicate entry 'jdoe42' for key 'users.username'`` (the index's name:
  ``users_email_unique``, ``idx_users_username``);
- Joi (and celebrate): ``"phone" with value "0612345678" fails to match ...``; Mongoose:
  ``Path `phone` (`0612345678`) is invalid``;
- SQL in an error or a log line: ``INSERT INTO users (name, email) VALUES ('Jane Doe', ...), (...)``,
  every row.

Each value is judged by its column's name, as a field's value would be (``judge`` is the
pair pass's: a credential, a kind of personal data, or nothing); the rest of the message
stays, so the error still says what went wrong.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from transforms.builtin._pii_literals import Literals

#: name -> a credential (True), a kind (``"email"``...) or nothing (False).
Judge = Callable[[str], object]
#: (verdict, value) -> what replaces the value.
Mask = Callable[[object, str], str]

#: A bound parameter's placeholder, not a value: ``$1``, ``?``, ``:email``, ``@p1``, ``%s``.
_PLACEHOLDER_RE = re.compile(r"\$[0-9]{1,4}|\?|:[A-Za-z_]\w{0,63}|@[A-Za-z_]\w{0,63}|%s|%\([A-Za-z_]\w{0,63}\)s")
#: One literal of a VALUES list and the comma after it.
_SQL_VALUE_RE = re.compile(r"[ ]*(?P<value>'(?:[^']|'')*+'|[^,']*+)[ ]*(?:,|$)")
#: Words of an index's name that say it is an index, not what it holds.
_INDEX_WORDS = frozenset("unique uniq uk ux uq key idx index ix pkey constraint un".split())
_INDEX_SPLIT_RE = re.compile(r"[\W_]+")


def may_hold(text: str) -> bool:
    """Could ``text`` hold one of these formats (a cheap test before the scans)?"""
    return _LITERAL_SCAN.found_in(text)


def scrub(text: str, judge: Judge, mask: Mask) -> str:
    for form in FORMATS:
        if any(literal in text for literal in form.literals):
            text = form.pattern.sub(lambda m: form.fix(m, judge, mask), text)
    return text


def _replaced(match: re.Match[str], group: str, new: str) -> str:
    start, end = match.start(group) - match.start(), match.end(group) - match.start()
    return match[0][:start] + new + match[0][end:]


def _named(match: re.Match[str], judge: Judge, mask: Mask) -> str:
    verdict = judge(match["name"].rsplit(".", 1)[-1])
    if not verdict or not match["value"]:
        return match[0]
    return _replaced(match, "value", mask(verdict, match["value"]))


def _duplicate(match: re.Match[str], judge: Judge, mask: Mask) -> str:
    index = match["index"].rsplit(".", 1)[-1]  # 'users.email': the table's name first
    words = [w for w in _INDEX_SPLIT_RE.split(index) if w and w.lower() not in _INDEX_WORDS]
    verdict = judge("_".join(words)) if words else False
    if not verdict or not match["value"]:
        return match[0]
    return _replaced(match, "value", mask(verdict, match["value"]))


def _split_plain(values: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in values.split(", "):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 2
    return spans


def _split_sql(values: str) -> list[tuple[int, int]]:
    """The spans of a VALUES list's literals, quotes excluded ('it''s' is one literal)."""
    spans, pos = [], 0
    while pos < len(values):
        match = _SQL_VALUE_RE.match(values, pos)
        if match is None or match.end() == pos:
            break
        start, end = match.span("value")
        if match["value"].startswith("'") and end - start >= 2:
            start, end = start + 1, end - 1
        spans.append((start, end))
        pos = match.end()
    return spans


def _verdicts(match: re.Match[str], judge: Judge) -> list[object]:
    return [judge(n) if n else False for n in (n.strip().strip('"`[]') for n in match["names"].split(","))]


def _columns(match: re.Match[str], judge: Judge, mask: Mask, split: Callable[[str], list[tuple[int, int]]]) -> str:
    verdicts = _verdicts(match, judge)
    if not any(verdicts):
        return match[0]
    return _replaced(match, "values", _masked_values(match["values"], verdicts, mask, split))


def _masked_values(values: str, verdicts: list[object], mask: Mask, split: Callable[[str], list[tuple[int, int]]]) -> str:
    """A row's values, those of the sensitive columns masked."""
    spans = split(values)
    if len(spans) != len(verdicts):
        return mask(True, values)  # cannot line them up: mask them all
    out, last = [], 0
    for (start, end), verdict in zip(spans, verdicts):
        value = values[start:end]
        if verdict and value and value.upper() != "NULL" and _PLACEHOLDER_RE.fullmatch(value) is None:
            out.append(values[last:start])
            out.append(mask(verdict, value))
            last = end
    out.append(values[last:])
    return "".join(out)


#: One row of a VALUES list: ``(...)``, a quoted literal holding brackets and commas or not.
_ROW = r"\((?:'(?:[^'\r\n]|'')*+'|[^'()\r\n])*+\)"
_ROW_RE = re.compile(_ROW)


def _insert(match: re.Match[str], judge: Judge, mask: Mask) -> str:
    """Every row of a multi-row INSERT, each lined up with the column names."""
    verdicts = _verdicts(match, judge)
    if not any(verdicts):
        return match[0]
    rows = _ROW_RE.sub(lambda row: "(" + _masked_values(row[0][1:-1], verdicts, mask, _split_sql) + ")", match["rows"])
    return _replaced(match, "rows", rows)


class Format(NamedTuple):
    """One error format: a literal its text holds (one of them), its pattern, and what
    becomes of a match (``fix(match, judge, mask)``)."""

    literals: tuple[str, ...]
    pattern: re.Pattern[str]
    fix: Callable[[re.Match[str], Judge, Mask], str]


FORMATS = (
    # PostgreSQL's DETAIL line: the columns, then their values, each list in brackets
    Format(("Key (",), re.compile(r"Key \((?P<names>[^()\r\n]{1,256}+)\)=\((?P<values>[^()\r\n]{0,2048}+)\)"),
           lambda m, judge, mask: _columns(m, judge, mask, _split_plain)),
    # MySQL's and MariaDB's ER_DUP_ENTRY: the value first, then the index that names the column
    Format(("Duplicate entry",),
           re.compile(r"Duplicate entry '(?P<value>(?:[^'\\\r\n]|\\.|''){0,1024}+)' for key '(?P<index>[^'\r\n]{1,192}+)'"),
           _duplicate),
    # Joi's (and celebrate's): the field's path in quotes, then its value
    Format(("with value",),
           re.compile(r"\"(?P<name>[\w.\[\]-]{1,128}+)\" with value \"(?P<value>(?:[^\"\\\r\n]|\\.){0,1024}+)\""), _named),
    # Mongoose's validators: the path and the value in backquotes
    Format(("Path `",), re.compile(r"Path `(?P<name>[\w.$-]{1,128}+)` \(`(?P<value>[^`\r\n]{0,1024}+)`"), _named),
    # an INSERT with its literal values (a quoted literal may hold brackets and commas)
    Format(("VALUES", "values"), re.compile(
        r"(?i:insert)[ ]+(?i:into)[ ]+[\w.\"`\[\]]{1,128}+[ ]*\((?P<names>[^()\r\n]{1,1024}+)\)[ ]*"
        r"(?i:values)[ ]*(?P<rows>" + _ROW + r"(?:[ ]*,[ ]*" + _ROW + r")*+)"
    ), _insert),
)
_LITERALS = tuple(literal for form in FORMATS for literal in form.literals)
_LITERAL_SCAN = Literals(_LITERALS)
