"""The S3 key layout of the lake: where a record, a bad row and Athena's results go."""

from __future__ import annotations

import hashlib
import re
from typing import Any, Mapping

from droplets.contract.record import day_of
from droplets.contract.session import NO_SESSION, SESSION_ID_PATTERN

EVENTS_PREFIX = "events/"
BAD_PREFIX = "bad/"
#: Where Athena writes query results (the workgroup enforces it): outside ``events/``, so
#: results are neither indexed nor part of the events table; ``forget`` erases them.
ATHENA_RESULTS_PREFIX = "athena-results/"

#: events/dt=<YYYY-MM-DD>/<session_id or _nosession>/<occurred_at>_<event_id>.json
EVENT_KEY_RE = re.compile(
    r"^events/dt=(?P<day>\d{4}-\d{2}-\d{2})/"
    rf"(?P<session>{SESSION_ID_PATTERN}|{re.escape(NO_SESSION)})/"
    r"(?P<occurred_at>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_"
    r"(?P<event_id>[0-9a-f-]{36})\.json$"
)

#: The form of any key a transform chooses: under ``events/``, segments of
#: ``A-Za-z0-9=_.:-`` joined by single slashes (no empty segment as in ``events//x`` or
#: ``events/x/``, no ``.`` segment, no ``..`` anywhere), at most 1,024 characters (S3's
#: limit). No spaces, no user text. Anchored with \Z: ``$`` would let a final newline through.
SAFE_KEY_RE = re.compile(r"(?=.{1,1024}\Z)(?!.*\.\.)(?!.*/\.(?:/|\Z))events(?:/[A-Za-z0-9=_.:-]+)+\Z")


def session_partition(record: Mapping[str, Any]) -> str:
    return record.get("session_id") or NO_SESSION


def object_key(record: Mapping[str, Any]) -> str:
    """The default object key of a valid, normalized record (deterministic: a redelivered
    message overwrites the same object)."""
    occurred_at = record["occurred_at"]
    return (
        f"{EVENTS_PREFIX}dt={day_of(occurred_at)}/{session_partition(record)}/"
        f"{occurred_at}_{record['event_id']}.json"
    )


def is_safe_key(key: Any) -> bool:
    """Whether ``key`` has the form :data:`SAFE_KEY_RE` states (the chain refuses any other)."""
    return isinstance(key, str) and SAFE_KEY_RE.match(key) is not None


def parse_event_key(key: str) -> dict[str, str] | None:
    """The parts of a default-layout event key, or None for anything else."""
    match = EVENT_KEY_RE.match(key)
    return match.groupdict() if match else None


def bad_key(payload: str | bytes, received_at: str) -> str:
    """Where a bad row goes: under the day it was received, named by the payload's hash so
    a redelivered poison message overwrites its own bad row instead of piling up."""
    data = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload
    return f"{BAD_PREFIX}dt={day_of(received_at)}/{hashlib.sha256(data).hexdigest()}.json"
