"""A passenger in an airline reservation's text (IATA's PNR, as GDS screens, ticketing logs and
travel agents' e-mails write it): the name as ``SURNAME/GIVEN TITLE`` ("ALHARBI/KHALED MR",
"1.KONSTANTINIDI/SOFIA MRS"), and the travel document of an ``SSR DOCS`` element ("SSR DOCS SV HK1
P/SAU/P04827193/SAU/12MAR85/M/15SEP29/ALHARBI/KHALED/P1": the document's number, the date of birth
and the name masked; the document's kind, countries, gender, expiry and the passenger's number kept).
"""

from __future__ import annotations

import re
from typing import Callable

Replace = Callable[[str, str, str], str]

_NAME_PART = r"[A-Z][A-Z'-]{1,30}(?:[ ][A-Z][A-Z'-]{1,30}){0,2}"
#: An SSR DOCS element's data: kind/issuer/number/nationality/birth/gender/expiry/surname/given(/middle)
_DOCS_RE = re.compile(
    r"DOCS(?:[ ]+[A-Z0-9]{2}[ ]+[A-Z]{2}[0-9][ ]+|/)(?:[ ]*)"
    r"[PIACFM]/[A-Z]{3}/(?P<number>[A-Z0-9]{5,15})/[A-Z]{3}/(?P<birth>[0-9]{2}[A-Z]{3}[0-9]{2})/(?:MI|FI|M|F|U|X)/"
    r"(?:[0-9]{2}[A-Z]{3}[0-9]{2})?/(?P<name>" + _NAME_PART + r"/" + _NAME_PART + r"(?:/(?!P[0-9]|H\b)" + _NAME_PART + r")?)"
)
#: A passenger's name as a PNR writes it: surname, slash, given names, then a title (or the
#: name element's number at a line's start: "1.ALHARBI/KHALED").
_PNR_NAME_RE = re.compile(
    r"(?:(?<![A-Z/'-])(?P<titled>[A-Z][A-Z'-]{1,30}/" + _NAME_PART + r")[ ]?(?:MRS|MR|MS|MISS|MSTR|DR|CHD|INF)(?![A-Za-z])"
    r"|(?m:^[ \t]*[0-9]{1,2}\.(?:[0-9]{1,2})?(?P<numbered>[A-Z][A-Z'-]{1,30}/" + _NAME_PART + r")(?![A-Za-z/])))"
)


#: What a PNR's name or DOCS element holds: capitals on both sides of a slash.
_GUARD_RE = re.compile(r"[A-Z]{2}/[A-Z]{2}")


def may_hold(text: str) -> bool:
    return "/" in text and _GUARD_RE.search(text) is not None


def scrub(text: str, replace: Replace) -> str:
    """The passengers' names and travel documents of a PNR's text (see the module's docstring)."""
    if "DOCS" in text:
        text = _DOCS_RE.sub(lambda m: _docs(m, replace), text)
    return _PNR_NAME_RE.sub(lambda m: _name(m, replace), text)


def _docs(match: re.Match[str], replace: Replace) -> str:
    out, pos = [], match.start()
    for group, kind in (("number", "passport"), ("birth", "birth_date"), ("name", "name")):
        start, end = match.span(group)
        value = match[group]
        out += [match.string[pos:start], replace(kind, value.replace("/", " ").lower() if kind == "name" else value, value)]
        pos = end
    out.append(match.string[pos:match.end()])
    return "".join(out)


def _name(match: re.Match[str], replace: Replace) -> str:
    group = "titled" if match["titled"] is not None else "numbered"
    start, end = match.span(group)
    name = match[group]
    text = match.string
    return text[match.start():start] + replace("name", name.replace("/", " ").lower(), name) + text[end:match.end()]
