"""The compacted lake: where a day rewritten as Parquet lives, and the manifest that says so.

A closed UTC day's JSON objects (``events/dt=<day>/...``) are rewritten, by Athena on AWS
(``components/compaction.py``) or by DuckDB from the operator's machine (``droplets
compact``), into a few Parquet files under a prefix of their own, one *run* per rewrite::

    compacted/events/dt=<day>/run=<run>/<files>.parquet
    compacted/manifests/<day>.json       {"dt": <day>, "run": <run>, "compacted_at": ..., "engine": ...}

A run is written whole under a fresh prefix, then the day's manifest is switched to it in
one PutObject, conditional on the manifest the writer read (``If-Match`` its ETag, or
``If-None-Match: *`` when there was none): of two writers racing on a day, the second
fails and starts again, so no rewrite is ever based on a stale view of the day. Readers
(the Glue view ``events``, ``droplets sql``, ``export``, ``forget``) read the manifest's
run and nothing else, so a day is never read twice nor half-written; a day without a
manifest is read from its JSON objects. The run also travels in the manifest object's
user metadata (:data:`RUN_METADATA`), so a writer learns the run it replaces from a
HeadObject and deletes its files once the switch is done.

Run IDs are UUIDs (``States.UUID()``, ``uuid.uuid4()``): nothing from outside ever reaches
a key. Imported on its own (``from droplets.contract import compaction``): the Lambda
functions never need it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

COMPACTED_PREFIX = "compacted/"
#: The Parquet data: ``dt=<day>/run=<run>/`` below it (the Glue table ``events_parquet``).
COMPACTED_EVENTS_PREFIX = f"{COMPACTED_PREFIX}events/"
#: One manifest per compacted day (the Glue table ``compaction_manifests``).
MANIFESTS_PREFIX = f"{COMPACTED_PREFIX}manifests/"
#: The user metadata key (``x-amz-meta-run``) of a manifest object that repeats its run.
RUN_METADATA = "run"
#: The engines that write runs, as a manifest names them.
ENGINES = ("athena", "duckdb")

DAY_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
RUN_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
#: compacted/events/dt=<day>/run=<run>/<file>
DATA_KEY_RE = re.compile(
    rf"^{re.escape(COMPACTED_EVENTS_PREFIX)}dt=(?P<day>\d{{4}}-\d{{2}}-\d{{2}})/run=(?P<run>[0-9a-f-]{{36}})/(?P<file>[^/]+)$"
)


class ManifestError(ValueError):
    """A manifest that is not one (the message says why)."""


def check_day(day: str) -> str:
    if not isinstance(day, str) or not DAY_RE.match(day):
        raise ManifestError(f"{day!r} is not a day (YYYY-MM-DD)")
    return day


def check_run(run: str) -> str:
    if not isinstance(run, str) or not RUN_RE.match(run):
        raise ManifestError(f"{run!r} is not a run ID (a lower-case UUID)")
    return run


def day_prefix(day: str) -> str:
    """``compacted/events/dt=<day>/``: every run of the day, current or left over."""
    return f"{COMPACTED_EVENTS_PREFIX}dt={check_day(day)}/"


def run_prefix(day: str, run: str) -> str:
    """``compacted/events/dt=<day>/run=<run>/``: the files of one rewrite."""
    return f"{day_prefix(day)}run={check_run(run)}/"


def manifest_key(day: str) -> str:
    return f"{MANIFESTS_PREFIX}{check_day(day)}.json"


def parse_data_key(key: str) -> dict[str, str] | None:
    match = DATA_KEY_RE.match(key)
    return match.groupdict() if match else None


@dataclass(frozen=True)
class Manifest:
    """What a compacted day's manifest says: which run holds the day, when its rewrite
    began (objects written later may not be in it), which engine wrote it, and (DuckDB
    runs) how many rows it has and how many JSON objects went in."""

    dt: str
    run: str
    compacted_at: str
    engine: str
    row_count: int | None = None
    source_objects: int | None = None

    def __post_init__(self) -> None:
        check_day(self.dt)
        check_run(self.run)
        if self.engine not in ENGINES:
            raise ManifestError(f"engine {self.engine!r} is not one of {', '.join(ENGINES)}")

    def to_json(self) -> str:
        """One line of JSON (the Glue table reads it with the JSON SerDe)."""
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> "Manifest":
        try:
            document: Any = json.loads(text)
        except ValueError as exc:
            raise ManifestError(f"not JSON: {exc}") from None
        if not isinstance(document, dict):
            raise ManifestError("not a JSON object")
        try:
            return cls(
                dt=document["dt"], run=document["run"], compacted_at=str(document["compacted_at"]),
                engine=document.get("engine", "athena"),
                row_count=_count(document.get("row_count")), source_objects=_count(document.get("source_objects")),
            )
        except KeyError as exc:
            raise ManifestError(f"has no {exc.args[0]!r}") from None


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ManifestError(f"a count must be a whole number, got {value!r}")
    return value
