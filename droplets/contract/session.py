"""The session-ID rule: which session IDs are kept, and the partition of calls without one.

Its parts are in ``session-id.json`` beside this module, the one source of the rule: the
regexes here (and the session part of the S3 key layout, :mod:`droplets.contract.keys`) are
built from it. The Express middleware and the browser snippet keep JavaScript copies (the
snippet must stay a dependency-free file a page can include); ``tests/test_session_rule.py``
fails when a copy differs from this file.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

RULE_FILE = "session-id.json"
_RULE = json.loads(resources.files(__package__).joinpath(RULE_FILE).read_text(encoding="utf-8"))

#: The characters a session ID may hold, as a regular-expression character class body.
SESSION_ID_ALPHABET: str = _RULE["alphabet"]
SESSION_ID_MIN_LENGTH: int = _RULE["min_length"]
SESSION_ID_MAX_LENGTH: int = _RULE["max_length"]
#: The index partition (and key directory) of calls without a valid session ID.
NO_SESSION: str = _RULE["no_session"]

#: The pattern without anchors, for regexes that embed it (the S3 key layout).
SESSION_ID_PATTERN = f"[{SESSION_ID_ALPHABET}]{{{SESSION_ID_MIN_LENGTH},{SESSION_ID_MAX_LENGTH}}}"
#: A session ID is valid when it matches this (and is not NO_SESSION); anything else becomes null.
SESSION_ID_RE = re.compile(f"^{SESSION_ID_PATTERN}$")


def is_valid_session_id(value: Any) -> bool:
    # NO_SESSION matches the pattern but is the index's own partition for "no session".
    return isinstance(value, str) and value != NO_SESSION and SESSION_ID_RE.fullmatch(value) is not None


def normalize(record: dict[str, Any]) -> dict[str, Any]:
    """Apply the session-ID rule: an invalid session ID is stored as null with
    ``session_invalid: true``. The record is changed in place and returned."""
    sid = record.get("session_id")
    if sid is not None and not is_valid_session_id(sid):
        record["session_id"] = None
        record["session_invalid"] = True
    return record
