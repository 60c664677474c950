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
    if "Parameters=[" in text or "binding parameter" in text:
        text = _bound_parameters(text, judge, mask)
    return text


# --- values bound to an ORM's parameters ------------------------------------------------------
# EF Core and Hibernate log a statement with placeholders and, apart from it, the values bound to
# them: "[Parameters=[@p0='Ірина Мельник' (Size = 200), @p1=...]] INSERT INTO [T] ([PatientName],
# [BirthDate]) VALUES (@p0, @p1)"; "insert into kunde (vorname, geb_dat) values (?, ?)" then
# "binding parameter [1] as [VARCHAR] - [Jürgen]". The statement tells each placeholder's column;
# a value is masked as that column's would be.

#: ``[Name] = @p3`` in an UPDATE's SET or a WHERE: a column compared with a named placeholder.
_COLUMN_IS_PARAMETER_RE = re.compile(r"[\[\"`]?(?P<name>[A-Za-z_]\w{0,63})[\]\"`]?[ ]{0,4}=[ ]{0,4}(?P<param>@\w{1,64})(?!\w)")
#: EF Core's ``@p0='value'`` (then `` (Size = 200)``, ``, @p1=`` or the list's ``]``).
_EF_PARAMETER_RE = re.compile(
    r"(?P<param>@\w{1,64})='(?P<value>[^'\r\n]{0,4096}?)'(?=[ ]\(|,[ ]?@|\])"
)
#: Hibernate's ``binding parameter [1] as [VARCHAR] - [value]`` (5) and ``binding parameter (1:VARCHAR) <- [value]`` (6).
_HIBERNATE_BINDING_RE = re.compile(
    r"binding parameter (?:\[(?P<at5>[0-9]{1,4})\] as \[\w{1,32}\] - |\((?P<at6>[0-9]{1,4}):\w{1,32}\) <- )"
    r"\[(?P<value>[^\]\r\n]{0,4096})\]"
)


def _placeholders(text: str, judge: Judge) -> tuple[dict[str, object], dict[int, object]]:
    """What each placeholder of the text's statements is bound to: named ones (``@p0``) by
    name, positional ones (``?``) by their 1-based place in the INSERT, as their columns' verdicts."""
    named: dict[str, object] = {}
    positional: dict[int, object] = {}
    for match in _INSERT_RE.finditer(text):
        verdicts = _verdicts(match, judge)
        place = 0
        for row in _ROW_RE.finditer(match["rows"]):
            values = row[0][1:-1]
            spans = _split_sql(values)
            if len(spans) != len(verdicts):
                continue
            for (start, end), verdict in zip(spans, verdicts):
                value = values[start:end].strip()
                if value.startswith("@"):
                    named[value] = verdict
                elif value == "?":
                    place += 1
                    positional[place] = verdict
    for match in _COLUMN_IS_PARAMETER_RE.finditer(text):
        named.setdefault(match["param"], judge(match["name"]))
    return named, positional


def _bound_parameters(text: str, judge: Judge, mask: Mask) -> str:
    named, positional = _placeholders(text, judge)

    def masked(match: re.Match[str], verdict: object) -> str:
        value = match["value"]
        if not verdict or not value or value.upper() == "NULL":
            return match[0]
        return _replaced(match, "value", mask(verdict, value))

    if named and "Parameters=[" in text:
        text = _EF_PARAMETER_RE.sub(lambda m: masked(m, named.get(m["param"])), text)
    if positional and "binding parameter" in text:
        text = _HIBERNATE_BINDING_RE.sub(lambda m: masked(m, positional.get(int(m["at5"] or m["at6"]))), text)
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


#: An INSERT's column names, then its rows. A log or a dump writes them over several lines
#: ("INSERT INTO pacientes (...) VALUES\n(...),\n(...);"): the gaps are bounded whitespace.
_INSERT_RE = re.compile(
    r"(?i:insert)[ ]+(?i:into)[ ]+[\w.\"`\[\]]{1,128}+[ ]*\((?P<names>[^()]{1,1024}+)\)[ \t\r\n]{0,16}+"
    r"(?i:values)[ \t\r\n]{0,16}+(?P<rows>" + _ROW + r"(?:[ \t]{0,16}+,[ \t\r\n]{0,16}+" + _ROW + r")*+)"
)


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
    Format(("VALUES", "values"), _INSERT_RE, _insert),
)
_LITERALS = (*(literal for form in FORMATS for literal in form.literals), "Parameters=[", "binding parameter")
_LITERAL_SCAN = Literals(_LITERALS)
