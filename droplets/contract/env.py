"""The Lambda environment: each variable's name and its encoding, defined once.

A function's environment is a dataclass here, one field per variable, each with its codec
(:class:`Variable`). The Pulumi program writes ``ConsumerEnv(...).to_env()`` into the
function's configuration; the handler reads ``ConsumerEnv.from_env()`` at cold start, which
raises :class:`EnvError` naming the variable at fault. Nothing else splits, joins or parses
these values.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Iterable, Mapping

from droplets.contract.shards import DEFAULT_INDEX_SHARDS, parse_index_shards

ENV_BUCKET = "DROPLETS_BUCKET"
ENV_TABLE = "DROPLETS_TABLE"
ENV_TRANSFORMS = "DROPLETS_TRANSFORMS"  # comma list, the chain's order
ENV_TRANSFORM_CONFIG = "DROPLETS_TRANSFORM_CONFIG"  # JSON: {"<transform>": {options}}
ENV_PLUGIN_MODULES = "DROPLETS_PLUGIN_MODULES"  # comma list of modules to register as plugins
ENV_RETENTION_DAYS = "DROPLETS_RETENTION_DAYS"  # index TTL aligned with the S3 lifecycle
ENV_PII_KEY_PARAM = "DROPLETS_PII_KEY_PARAM"  # SSM SecureString name of the pii hash key
ENV_INDEX_SHARDS = "DROPLETS_INDEX_SHARDS"  # write shards of the by-day GSI (contract.shards)
#: What a bad row keeps of its message: the payload through pii's scrubbing (the default,
#: also when unset) or, an operator's explicit opt-in, the raw payload.
ENV_BAD_ROW_PAYLOAD = "DROPLETS_BAD_ROW_PAYLOAD"
BAD_ROW_SCRUBBED = "scrubbed"
BAD_ROW_RAW = "raw"
BAD_ROW_PAYLOADS = (BAD_ROW_SCRUBBED, BAD_ROW_RAW)

#: The chain when none is configured.
DEFAULT_TRANSFORMS = ("pii", "enrich", "keys")


class EnvError(ValueError):
    """A variable of the function's environment is missing or malformed. ``variable`` is its name."""

    def __init__(self, variable: str, message: str):
        super().__init__(message)
        self.variable = variable


# --- the value codecs -------------------------------------------------------------------------


def split_names(names: str | Iterable[str]) -> tuple[str, ...]:
    """A comma list (``"pii, enrich,keys"``), or a list of names, as its names: spaces
    trimmed, blanks dropped. The one reading of every list of names droplets is given."""
    items = names.split(",") if isinstance(names, str) else names
    return tuple(name.strip() for name in items if name and name.strip())


def join_names(names: Iterable[str]) -> str:
    return ",".join(names)


def encode_transform_options(options: Mapping[str, Any]) -> str:
    """Compact JSON with sorted keys: the same settings always give the same environment,
    so an unchanged stack shows no diff."""
    return json.dumps(options, sort_keys=True, separators=(",", ":"))


def parse_transform_options(text: str | None) -> dict[str, Any]:
    """A JSON object of per-transform options (empty: none). Raises ValueError."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"transform options are not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise ValueError("transform options must be a JSON object keyed by transform name")
    return value


def parse_retention_days(value: str | int | None) -> int | None:
    """``DROPLETS_RETENTION_DAYS``: unset or empty -> None (no TTL), else a whole number of
    days >= 1. Raises ValueError for anything else (the caller names the setting)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        days = int(value)
    except ValueError:
        days = 0
    if days < 1:
        raise ValueError(f"must be a whole number of days >= 1, got {value!r}")
    return days


@dataclass(frozen=True)
class Variable:
    """One environment variable: its name and how a value is written and read.

    ``encode`` may get a Pulumi Output where the value is only known at deploy time (a
    bucket name): text passes through unchanged. ``decode`` gets the non-blank text and
    raises ValueError for a bad value. An unset or blank variable leaves the field at its
    default, or is an error when ``required``."""

    name: str
    encode: Callable[[Any], Any] = lambda value: value
    decode: Callable[[str], Any] = str.strip
    required: bool = False


def _variable(variable: Variable, **kwargs: Any) -> Any:
    return field(metadata={"variable": variable}, **kwargs)


class LambdaEnv:
    """A function's environment: a frozen dataclass whose fields are declared with :func:`_variable`."""

    def to_env(self) -> dict[str, Any]:
        """The variables to configure. A field that is None or empty is left out: unset
        means the default, and the function's configuration stays minimal."""
        env = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is None or (isinstance(value, (str, tuple, list)) and not value):
                continue
            env[f.metadata["variable"].name] = f.metadata["variable"].encode(value)
        return env

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None):
        """Decode ``environ`` (default: ``os.environ``). Raises :class:`EnvError` naming the variable."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):  # type: ignore[arg-type]
            variable: Variable = f.metadata["variable"]
            text = environ.get(variable.name, "")
            if not text.strip():
                if variable.required:
                    raise EnvError(variable.name, f"environment variable {variable.name} is not set")
                continue
            try:
                values[f.name] = variable.decode(text)
            except ValueError as exc:
                raise EnvError(variable.name, f"{variable.name}: {exc}") from None
        return cls(**values)


BUCKET = Variable(ENV_BUCKET, required=True)
TABLE = Variable(ENV_TABLE, required=True)
#: Blank names are dropped; a list of nothing but blanks is the default chain.
TRANSFORMS = Variable(ENV_TRANSFORMS, join_names, lambda text: split_names(text) or DEFAULT_TRANSFORMS)
TRANSFORM_CONFIG = Variable(ENV_TRANSFORM_CONFIG, encode_transform_options, parse_transform_options)
PLUGIN_MODULES = Variable(ENV_PLUGIN_MODULES, join_names, split_names)
PII_KEY_PARAM = Variable(ENV_PII_KEY_PARAM)
RETENTION_DAYS = Variable(ENV_RETENTION_DAYS, str, parse_retention_days)
INDEX_SHARDS = Variable(ENV_INDEX_SHARDS, str, parse_index_shards)


def parse_bad_row_payload(text: str) -> str:
    value = text.strip()
    if value not in BAD_ROW_PAYLOADS:
        raise ValueError(f"must be one of {', '.join(BAD_ROW_PAYLOADS)}, got {value!r}")
    return value


BAD_ROW_PAYLOAD = Variable(ENV_BAD_ROW_PAYLOAD, decode=parse_bad_row_payload)


@dataclass(frozen=True)
class ConsumerEnv(LambdaEnv):
    """The consumer's environment (``handlers.consumer``)."""

    bucket: Any = _variable(BUCKET)
    #: Where the erasure entries ``droplets forget`` writes live.
    table: Any = _variable(TABLE)
    transforms: tuple[str, ...] = _variable(TRANSFORMS, default=DEFAULT_TRANSFORMS)
    #: Always written (``{}`` too): the deployed configuration says what the chain gets.
    transform_options: Mapping[str, Any] = _variable(TRANSFORM_CONFIG, default_factory=dict)
    plugin_modules: tuple[str, ...] = _variable(PLUGIN_MODULES, default=())
    #: The name of the SSM SecureString holding the pii hash key (never the key itself).
    pii_key_param: Any = _variable(PII_KEY_PARAM, default=None)
    #: ``raw`` only when the operator opted in; unset means scrubbed.
    bad_row_payload: str | None = _variable(BAD_ROW_PAYLOAD, default=None)

    def __post_init__(self) -> None:
        # Scrubbed is the default: only the opt-in is written into the function's configuration.
        if self.bad_row_payload == BAD_ROW_SCRUBBED:
            object.__setattr__(self, "bad_row_payload", None)


@dataclass(frozen=True)
class IndexerEnv(LambdaEnv):
    """The indexer's environment (``handlers.indexer``)."""

    table: Any = _variable(TABLE)
    #: Days until an item expires (its TTL), aligned with the lake's lifecycle; None: no TTL.
    retention_days: int | None = _variable(RETENTION_DAYS, default=None)
    #: The by-day GSI's shard count (``droplets:indexShards``); always written.
    index_shards: int = _variable(INDEX_SHARDS, default=DEFAULT_INDEX_SHARDS)


#: Every variable of every function.
VARIABLES = tuple(dict.fromkeys(f.metadata["variable"].name for cls in (ConsumerEnv, IndexerEnv) for f in fields(cls)))
