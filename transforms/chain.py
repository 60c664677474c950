"""The transform chain: parse -> validate -> configured transforms -> object key.

One definition of the chain's semantics, used by the consumer Lambda, by
``droplets transform`` and by the plugin test helpers alike.

A message the chain cannot store becomes a *bad row*. Its payload and error text go
through the ``pii`` scrubbing before they are kept (:meth:`transforms.builtin.pii.Pii.scrub_payload`:
walked as a record when the payload parses as JSON, scanned as text when it does not),
with the chain's own ``pii`` options, or ``pii``'s defaults when the chain has none: a
record that makes a transform raise must not be stored raw because it did. Keeping raw
payloads is the operator's explicit choice (``bad_row_payload="raw"``, the stack setting
``droplets:badRowPayload``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any, Iterable, Mapping, Sequence

import pluggy

from droplets import contract
from transforms import ConfigError
from transforms.builtin.pii import Pii
from transforms.hookspecs import Transform, TransformFactory

PARSE_STEP = "parse"
VALIDATE_STEP = "validate"
KEY_STEP = "key"
#: What no transform may change (hookspecs.droplets_transforms states the contract).
FIXED_FIELDS = ("event_id", "session_id", "occurred_at", "duration_ms")
#: The key form, as a bad row explains it (contract.SAFE_KEY_RE is the definition).
KEY_RULE = ("under events/, segments of A-Za-z0-9=_.:- joined by single slashes (no empty segment, "
            "no '.' or '..'), at most 1,024 characters")
_MISSING = object()
#: What a bad row holds instead of its payload when even scrubbing it failed.
WITHHELD = "[payload withheld: it could not be scrubbed]"


@dataclass(frozen=True)
class Stored:
    """The record made it through: store ``record`` under ``key``."""

    key: str
    record: dict[str, Any]

    def to_line(self) -> dict[str, Any]:
        return {"key": self.key, "record": self.record}


@dataclass(frozen=True)
class Dropped:
    """A transform returned None: nothing is stored, the message is done."""

    step: str
    event_id: str | None

    def to_line(self) -> dict[str, Any]:
        return {"dropped_by": self.step, "event_id": self.event_id}


@dataclass(frozen=True)
class Bad:
    """A bad row: not JSON, not a valid record, or a transform raised. Never retried."""

    step: str
    error: str
    payload: str

    def to_line(self) -> dict[str, Any]:
        return {"bad": {"step": self.step, "error": self.error}, "payload": self.payload}

    def row(self, received_at: str) -> tuple[str, dict[str, Any]]:
        """The bad row's S3 key and document (``bad/dt=<day>/...``)."""
        document = {
            "v": contract.RECORD_VERSION,
            "bad": {"step": self.step, "error": self.error},
            "received_at": received_at,
            "payload": self.payload,
        }
        return contract.bad_key(self.payload, received_at), document


Result = Stored | Dropped | Bad


def available_transforms(pm: pluggy.PluginManager) -> dict[str, TransformFactory]:
    """Every transform name the registered plugins offer, mapped to its factory."""
    found: dict[str, TransformFactory] = {}
    owner: dict[str, str] = {}
    for impl in pm.hook.droplets_transforms.get_hookimpls():
        plugin_name = impl.plugin_name
        for name, factory in (impl.function() or {}).items():
            if name in found:
                raise ConfigError(
                    f"transform {name!r} is offered by two plugins: {owner[name]!r} and {plugin_name!r}"
                )
            found[name] = factory
            owner[name] = plugin_name
    return found


def parse_names(value: str | Iterable[str] | None) -> list[str]:
    """``"pii, enrich,keys"`` -> ``["pii", "enrich", "keys"]``; empty -> the default chain."""
    return list(contract.split_names(value or ()) or contract.DEFAULT_TRANSFORMS)


@cache
def default_scrubber() -> Pii:
    """``pii`` with its default options: what cleans bad rows of a chain without ``pii``."""
    return Pii({})


class Chain:
    """An ordered list of configured transforms and the logic that runs them.

    ``bad_row_payload`` is ``"scrubbed"`` (bad rows go through ``scrubber``, by default the
    chain's ``pii`` step, else :func:`default_scrubber`) or ``"raw"``.
    """

    def __init__(
        self,
        steps: Sequence[tuple[str, Transform]],
        *,
        bad_row_payload: str = contract.BAD_ROW_SCRUBBED,
        scrubber: Pii | None = None,
    ):
        if bad_row_payload not in contract.BAD_ROW_PAYLOADS:
            raise ConfigError(
                f"bad row payload must be one of {', '.join(contract.BAD_ROW_PAYLOADS)}, got {bad_row_payload!r}"
            )
        self.steps = list(steps)
        self.names = [name for name, _ in self.steps]
        self.raw_bad_rows = bad_row_payload == contract.BAD_ROW_RAW
        self._scrubber = scrubber or next((t for _, t in self.steps if isinstance(t, Pii)), None)

    def bad(self, step: str, error: str | tuple[str, ...], payload: str) -> Bad:
        """A bad row of ``payload``, scrubbed unless raw bad rows were asked for. Never
        raises: if scrubbing fails, the payload is withheld rather than kept raw. ``error``
        may come in parts scrubbed one by one: a field's path and what is wrong with it
        (``request.headers.authorization``, ``must be string``) would read as a credential
        header and its value if scrubbed as one text."""
        parts = (error,) if isinstance(error, str) else error
        if self.raw_bad_rows:
            return Bad(step, "".join(parts), payload)
        scrubber = self._scrubber or default_scrubber()
        try:
            return Bad(step, "".join(map(scrubber.scrub, parts)), scrubber.scrub_payload(payload))
        except Exception:  # a pii bug on this payload: fall back to the text detectors alone
            try:
                return Bad(step, "".join(map(scrubber.text.scrub, parts)), scrubber.scrub_text_payload(payload))
            except Exception:
                return Bad(step, "[error withheld]", WITHHELD)

    def run(self, payload: str | bytes, received_at: str | None = None) -> Result:
        """Run one SQS message body through the chain. Never raises for bad data."""
        text = payload.decode("utf-8", "replace") if isinstance(payload, (bytes, bytearray)) else payload
        try:
            record = json.loads(text)
        except (ValueError, TypeError) as exc:
            return self.bad(PARSE_STEP, f"not JSON: {exc}", text)
        except RecursionError:  # "[[[[..." deeper than the parser goes: a bad row, not a crash
            return self.bad(PARSE_STEP, "not JSON: nested too deeply", text)
        return self.run_record(record, received_at, payload=text)

    def prepare(self, record: Any, received_at: str | None = None) -> dict[str, Any]:
        """Validate and normalize ``record`` in place and give it its ``pipeline`` field:
        what every transform may rely on. Raises :class:`droplets.contract.RecordError`."""
        contract.normalize(contract.validate(record))
        record["pipeline"] = {"received_at": received_at or contract.utc_now_iso(), "transforms": self.names}
        return record

    def run_record(
        self, record: Any, received_at: str | None = None, *, payload: str | None = None
    ) -> Result:
        """Run an already-parsed record through the chain."""
        if payload is None:
            payload = json.dumps(record, ensure_ascii=False, default=str)
        try:
            self.prepare(record, received_at)
        except contract.RecordError as exc:
            where = (exc.field, ": ") if exc.field else ()
            return self.bad(VALIDATE_STEP, ("invalid record: ", *where, exc.message), payload)
        event_id = record["event_id"]
        fixed = _fixed_fields(record)
        key = None
        for name, transform in self.steps:
            try:
                result = transform(record)
            except Exception as exc:  # a plugin's bug must not stop the batch: it becomes a bad row
                return self.bad(name, f"{type(exc).__name__}: {exc}", payload)
            if result is None:
                return Dropped(name, event_id)
            if not isinstance(result, dict):
                return self.bad(name, f"transform returned {type(result).__name__}, not a record or None", payload)
            record = result
            broken = _broken_contract(record, fixed)
            if broken:
                return self.bad(name, f"transform broke the record contract: {broken}", payload)
            # The key is pipeline.key as the last transform leaves it: one that removes it (or
            # sets it to None) goes back to the default layout, so a stored record holding a
            # pipeline.key is always stored under that key.
            key = record["pipeline"].get("key")
            if key is not None and not contract.is_safe_key(key):
                return self.bad(name, f"transform set pipeline.key outside the allowed form: {KEY_RULE}", payload)
        if key is None:
            try:
                key = contract.object_key(record)
            except (KeyError, TypeError) as exc:
                return self.bad(KEY_STEP, f"cannot build the default key: {exc!r}", payload)
        if not contract.is_safe_key(key):
            return self.bad(KEY_STEP, f"the key is outside the allowed form: {KEY_RULE}", payload)
        return Stored(key, record)


def _fixed_fields(record: Mapping[str, Any]) -> tuple[tuple[type, Any], ...]:
    # (type, value): a transform turning duration_ms 12 into 12.0 or "12" changed it too.
    return tuple((type(record.get(f)), record.get(f)) for f in FIXED_FIELDS)


def _broken_contract(record: Mapping[str, Any], fixed: tuple[tuple[type, Any], ...]) -> str | None:
    """What a transform's result changed that no transform may change, or None.

    The index, the keys and ``droplets forget`` rely on these fields being what the producer
    sent (after validation): a transform that rewrote ``session_id`` would file a call under
    someone else's journey, out of reach of that session's erasure."""
    for name, (kind, value) in zip(FIXED_FIELDS, fixed):
        now = record.get(name, _MISSING)
        if now is _MISSING:
            return f"it removed {name!r}, which no transform may change"
        if type(now) is not kind or now != value:
            return f"it changed {name!r}, which no transform may change"
    if not isinstance(record.get("pipeline"), dict):
        return "it replaced 'pipeline', the chain's own field (set pipeline.key to choose the key)"
    return None


def build_chain(
    pm: pluggy.PluginManager,
    names: str | Iterable[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    bad_row_payload: str = contract.BAD_ROW_SCRUBBED,
) -> Chain:
    """Build the chain ``names`` (in that order) from the plugins in ``pm``.

    Raises :class:`ConfigError` for an unknown name (listing the known ones), options for a
    transform that is not in the chain, or options the transform's factory rejects.
    """
    names = parse_names(names)
    options = dict(options or {})
    known = available_transforms(pm)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(
            f"unknown transform(s) {', '.join(map(repr, unknown))}; known transforms: {', '.join(sorted(known))}"
        )
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"transform(s) listed twice: {', '.join(duplicates)}")
    stray = sorted(set(options) - set(names))
    if stray:
        raise ConfigError(
            f"options given for transform(s) not in the chain: {', '.join(stray)} (chain: {', '.join(names)})"
        )
    steps = []
    for name in names:
        opts = options.get(name) or {}
        if not isinstance(opts, Mapping):
            raise ConfigError(f"options for transform {name!r} must be an object, got {type(opts).__name__}")
        try:
            steps.append((name, known[name](opts)))
        except ConfigError as exc:
            raise ConfigError(f"transform {name!r}: {exc}") from exc
    return Chain(steps, bad_row_payload=bad_row_payload)


def parse_options(text: str | None) -> dict[str, Any]:
    """A JSON object of per-transform options (``droplets transform --config``) -> dict."""
    try:
        return contract.parse_transform_options(text)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
