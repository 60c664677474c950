"""droplets-traffic-filter: keep health checks, static assets and excess traffic out of the lake.

A droplets plugin is a module with a ``droplets_transforms`` hook implementation returning
``{name: factory}``. The factory gets the transform's options (stack config
``droplets:transformOptions``), validates them, raising :class:`transforms.ConfigError`
naming the option (``reject_unknown_options`` first, so a misspelt option fails too), and
returns the transform: a function from record to record, or to None to drop it. Factories
run once per Lambda container and at ``pulumi preview``, so every costly preparation
(compiling patterns) belongs there, not in the transform.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from typing import Any, Callable, Mapping

from transforms import ConfigError, hookimpl, reject_unknown_options

Record = dict[str, Any]
Transform = Callable[[Record], "Record | None"]

#: What most APIs want out of their lake: probes and files, not calls.
DEFAULT_PATHS = (
    "/health", "/healthz", "/health/*", "/ready", "/readyz", "/live", "/livez", "/ping", "/metrics",
    "/favicon.ico", "/robots.txt", "/static/*", "/assets/*",
    "*.css", "*.js", "*.map", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.svg", "*.ico", "*.woff", "*.woff2",
)


def _strings(options: Mapping[str, Any], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = options.get(name, list(default))
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(f"option {name!r} must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def make_drop_paths(options: Mapping[str, Any]) -> Transform:
    """Drop calls by path (glob patterns, ``*`` matches across ``/``) or by method."""
    reject_unknown_options(options, ("paths", "methods"))
    paths = _strings(options, "paths", DEFAULT_PATHS)
    methods = frozenset(m.upper() for m in _strings(options, "methods", ()))
    # One compiled expression for all patterns: one regex call per record, not one per pattern.
    matcher = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in paths)) if paths else None

    def drop_paths(record: Record) -> Record | None:
        request = record["request"]
        path = request["path"].split("?", 1)[0]
        if request["method"] in methods or (matcher is not None and matcher.match(path)):
            return None
        return record

    return drop_paths


def make_sample(options: Mapping[str, Any]) -> Transform:
    """Keep a fraction of sessions, whole, decided by a hash (the same on every container)."""
    reject_unknown_options(options, ("rate", "keep_errors"))
    rate = options.get("rate")
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
        raise ConfigError(f"option 'rate' is required: a number from 0 to 1, got {rate!r}")
    keep_errors = options.get("keep_errors", True)
    if not isinstance(keep_errors, bool):
        raise ConfigError(f"option 'keep_errors' must be true or false, got {keep_errors!r}")
    threshold = int(rate * 2**64)

    def sample(record: Record) -> Record | None:
        if keep_errors and (record["response"]["status"] >= 500 or record.get("error")):
            return record
        unit = record["session_id"] or record["event_id"]
        bucket = int.from_bytes(hashlib.blake2b(unit.encode(), digest_size=8).digest(), "big")
        return record if bucket < threshold else None

    return sample


@hookimpl
def droplets_transforms() -> dict[str, Callable[[Mapping[str, Any]], Transform]]:
    return {"drop_paths": make_drop_paths, "sample": make_sample}
