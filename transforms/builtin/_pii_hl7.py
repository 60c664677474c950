"""HL7 v2 messages carried as text (an integration engine's ``raw`` field, a log line): the
fields of each segment that hold a person's data, by their position (HL7 v2.5 field
definitions), masked whole with their components and repetitions. ``MSH`` and the clinical
codes stay, so a message can still be told apart and routed.
"""

from __future__ import annotations

import re
from typing import Callable

Replace = Callable[[str, str, str], str]

_NAME, _ID, _DOB, _ADDRESS, _PHONE = "name", "account_number", "birth_date", "address", "phone"
#: Segment -> {field number: kind}. Numbers count from the segment's name (PID-5 is the
#: sixth "|"-separated piece of a PID line).
_FIELDS: dict[str, dict[int, str]] = {
    "PID": {2: _ID, 3: _ID, 4: _ID, 5: _NAME, 6: _NAME, 7: _DOB, 9: _NAME, 11: _ADDRESS, 13: _PHONE, 14: _PHONE,
            18: _ID, 19: "ssn", 20: "driving_licence", 21: _ID, 23: "birth_place"},
    "PD1": {4: _NAME},
    "NK1": {2: _NAME, 4: _ADDRESS, 5: _PHONE, 6: _PHONE, 30: _NAME, 31: _PHONE, 32: _ADDRESS, 33: _ID, 37: "ssn"},
    "PV1": {7: _NAME, 8: _NAME, 9: _NAME, 17: _NAME, 19: _ID, 52: _NAME},
    "GT1": {2: _ID, 3: _NAME, 4: _NAME, 5: _ADDRESS, 6: _PHONE, 7: _PHONE, 8: _DOB, 12: "ssn", 19: _ID},
    "IN1": {16: _NAME, 18: _DOB, 19: _ADDRESS, 36: _ID, 49: _ID},
    "IN2": {1: _ID, 2: _ID, 6: _ID, 8: _ID, 25: _ID},
    "MRG": {1: _ID, 2: _ID, 3: _ID, 4: _ID, 7: _NAME},
    "ORC": {10: _NAME, 11: _NAME, 12: _NAME, 19: _NAME},
    "OBR": {10: _NAME, 16: _NAME, 28: _NAME, 32: _NAME, 33: _NAME, 34: _NAME},
    "ROL": {4: _NAME},
    "DG1": {16: _NAME},
    "PRD": {2: _NAME, 3: _ADDRESS, 5: _PHONE},
}
#: A segment this module reads, at the start of the text or of a line (HL7 ends its
#: segments with a carriage return; logs often with a newline).
_SEGMENT_GUARD_RE = re.compile(r"(?:^|[\r\n])(?:MSH|" + "|".join(_FIELDS) + r")\|")
#: MSH-8, the message header's security field (a password some interfaces send): the eighth piece of an
#: MSH line, whose first field is its separator ("MSH|^~\\&|LIS|LAB|EHR|HOSP|20241118101500|<security>|ORU^R01").
_MSH_SECURITY = 7
_LINES_RE = re.compile(r"(\r\n|\r|\n)")


def may_hold(text: str) -> bool:
    return "|" in text and _SEGMENT_GUARD_RE.search(text) is not None


def scrub(text: str, replace: Replace) -> str:
    """``text`` with the personal fields of its HL7 v2 segments replaced."""
    parts = _LINES_RE.split(text)
    changed = False
    for i in range(0, len(parts), 2):
        line = parts[i]
        if line[:4] == "MSH|":
            pieces = line.split("|")
            if len(pieces) > _MSH_SECURITY and pieces[_MSH_SECURITY] and not pieces[_MSH_SECURITY].startswith("["):
                pieces[_MSH_SECURITY] = replace("redacted", pieces[_MSH_SECURITY], pieces[_MSH_SECURITY])
                parts[i] = "|".join(pieces)
                changed = True
            continue
        fields = _FIELDS.get(line[:3])
        if fields is None or line[3:4] != "|":
            continue
        pieces = line.split("|")
        for number, kind in fields.items():
            if number < len(pieces) and pieces[number] and not pieces[number].startswith("["):
                value = pieces[number]
                pieces[number] = replace(kind, " ".join(value.replace("^", " ").replace("~", " ").lower().split()), value)
                changed = True
        parts[i] = "|".join(pieces)
    return "".join(parts) if changed else text
