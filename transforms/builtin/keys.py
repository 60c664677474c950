"""``keys``: name the object with the default layout of docs/architecture.md.

events/dt=<YYYY-MM-DD>/<session_id or _nosession>/<occurred_at>_<event_id>.json

The key is built from validated fields only (session ID rule, UUID, timestamp pattern), so
no raw user input reaches it, and it is deterministic: a redelivered message overwrites the
same object. A plugin that wants another layout offers its own transform and is configured
in place of this one.
"""

from __future__ import annotations

from typing import Any, Mapping

from droplets import contract
from transforms import hookimpl, reject_unknown_options


def make_keys(options: Mapping[str, Any]):
    reject_unknown_options(options, ())

    def keys(record: dict[str, Any]) -> dict[str, Any]:
        record["pipeline"]["key"] = contract.object_key(record)
        return record

    return keys


@hookimpl
def droplets_transforms():
    return {"keys": make_keys}
