"""Helpers for testing a transform plugin in isolation: everything a plugin's tests import.

    from transforms.testing import Bad, Dropped, make_record, run_chain, run_transform, stored

    def test_geo_adds_country():
        # GIVEN a record from a French IP
        record = make_record(request={"ip": "203.0.113.7"})
        # WHEN only my transform runs (on a prepared copy: validated, normalized, with
        # pipeline.received_at, as the chain hands it over)
        out = run_transform("geo", record, plugins=[my_plugin])
        # THEN ...
        assert out["enrichment"]["country"] == "FR"

    def test_unknown_ip_is_a_bad_row():
        result = run_chain(make_record(request={"ip": None}), ["pii", "geo"], plugins=[my_plugin])
        assert isinstance(result, Bad) and result.step == "geo"

Every helper builds a fresh plugin manager, so tests never share plugin state. The
results (:class:`Stored`, :class:`Dropped`, :class:`Bad`), :class:`ConfigError` (what a
factory raises for bad options) and :func:`reject_unknown_options` are re-exported here, so
one import line serves a plugin's tests.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any, Iterable, Mapping

import pluggy

from droplets import contract
from transforms import ConfigError, reject_unknown_options
from transforms.chain import Bad, Chain, Dropped, Result, Stored, build_chain
from transforms.manager import get_plugin_manager

_BASE_RECORD: dict[str, Any] = {
    "v": 1,
    "event_id": "00000000-0000-4000-8000-000000000000",
    "session_id": "s3ss10n-0000-test",
    "occurred_at": "2026-11-26T03:41:05.481Z",
    "duration_ms": 12.4,
    "source": {"service": "api", "env": "test", "host": "ip-10-0-0-1"},
    "request": {
        "method": "GET",
        "path": "/courses/42",
        "route": "/courses/:id",
        "query": {},
        "headers": {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"},
        "ip": "203.0.113.7",
        "body": None,
        "body_bytes": 0,
        "body_truncated": False,
    },
    "response": {
        "status": 200,
        "headers": {"content-type": "application/json"},
        "body": {"id": 42, "title": "Intro to SQL"},
        "body_bytes": 33,
        "body_truncated": False,
    },
    "error": None,
}


def _merge(base: dict[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict) and value:
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def make_record(*, new_event_id: bool = False, **overrides: Any) -> dict[str, Any]:
    """A valid version-1 record; keyword overrides are merged into it (nested dicts merge,
    anything else replaces: ``make_record(request={"path": "/x"}, session_id=None)``).

    The result is validated, so a test starts from a record the consumer would accept
    (override with invalid values after the call to test rejection).
    """
    record = _merge(copy.deepcopy(_BASE_RECORD), overrides)
    if new_event_id and "event_id" not in overrides:
        record["event_id"] = str(uuid.uuid4())
    return contract.validate(record)


def plugin_manager(plugins: Iterable[object] = (), modules: Iterable[str] = ()) -> pluggy.PluginManager:
    """A fresh plugin manager with the built-ins, entry points, ``modules`` and ``plugins``."""
    pm = get_plugin_manager(modules)
    for plugin in plugins:
        if not pm.is_registered(plugin):
            pm.register(plugin)
    pm.check_pending()
    return pm


def chain(
    names: str | Iterable[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    plugins: Iterable[object] = (),
) -> Chain:
    """Build a chain (default: the default chain) with a fresh plugin manager."""
    return build_chain(plugin_manager(plugins), names, options)


def run_chain(
    record: Mapping[str, Any],
    names: str | Iterable[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    plugins: Iterable[object] = (),
) -> Result:
    """Run a copy of ``record`` through a chain; returns Stored, Dropped or Bad."""
    return chain(names, options, plugins).run_record(copy.deepcopy(dict(record)))


def run_transform(
    name: str,
    record: Mapping[str, Any],
    options: Mapping[str, Any] | None = None,
    plugins: Iterable[object] = (),
) -> dict[str, Any] | None:
    """Run the one transform ``name`` on a prepared copy of ``record`` (validated,
    normalized, with ``pipeline.received_at``: what the chain hands a transform) and return
    what it returned. ``record`` itself is left as it was.

    Exceptions from the transform propagate, so a test can ``pytest.raises`` them; the
    chain's own checks (the contract's fields unchanged, the key's form) are
    :func:`run_chain`'s: it returns the :class:`Bad` row they make.
    """
    built = chain([name], {name: options or {}}, plugins)
    (_, transform), = built.steps
    return transform(built.prepare(copy.deepcopy(dict(record))))


def stored(result: Result) -> Stored:
    """Assert that a chain result was stored and return it (readable failures in tests)."""
    assert isinstance(result, Stored), f"expected the record to be stored, got {result!r}"
    return result


__all__ = [
    "Bad",
    "ConfigError",
    "Dropped",
    "Result",
    "Stored",
    "chain",
    "make_record",
    "plugin_manager",
    "reject_unknown_options",
    "run_chain",
    "run_transform",
    "stored",
]
