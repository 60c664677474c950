"""The stack configuration of droplets, read once and validated before anything is built.

Every setting lives in the ``droplets:`` namespace of ``Pulumi.<stack>.yaml``. A bad value
stops ``pulumi preview`` with a message naming the key and what it accepts, e.g.
``droplets:architecture must be one of arm64, x86_64, got 'arm'``; nothing is created from
a configuration that would only fail later, inside AWS or inside a Lambda at 3 a.m.

The transform chain is built here too, with the same plugin manager and chain builder the
consumer Lambda uses, so an unknown transform or a bad plugin option fails the preview.
"""

from __future__ import annotations

import copy
import functools
import importlib.metadata
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import pulumi
from pulumi.runtime import config as runtime_config

from droplets import contract
from transforms import ConfigError
from transforms.builtin import pii
from transforms.chain import available_transforms, build_chain
from transforms.manager import get_plugin_manager

NAMESPACE = "droplets"

ARCHITECTURES = ("arm64", "x86_64")
#: The values CloudWatch Logs accepts for a log group's retention.
LOG_RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
    2922, 3288, 3653,
)
#: The DLQs keep messages for SQS's maximum. A message's age counts from its first enqueue,
#: even after it moves to the DLQ, so the source queues must keep messages for less.
DLQ_RETENTION_SECONDS = 14 * 24 * 3600
#: AWS: "set the source queue's visibility timeout to at least six times the timeout that
#: you configure on your function" (a batch may be retried while the first try still runs).
VISIBILITY_TIMEOUT_FACTOR = 6

#: The ``pii`` transform (:mod:`transforms.builtin.pii`; ``pii.needs_hash_key`` says whether
#: its options need a hash key); the consumer fills ``hash_key`` in from SSM.
PII_TRANSFORM = pii.NAME
PII_HASH_KEY_OPTION = pii.HASH_KEY_OPTION
PII_HASH_KEY_MIN_LENGTH = pii.MIN_HASH_KEY_LENGTH

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class SettingsError(pulumi.RunError, ValueError):
    """A bad configuration value. A ``RunError``: Pulumi prints the message, no traceback."""


@dataclass(frozen=True)
class Key:
    """One setting: its name, default and what it accepts (the README's table lists them)."""

    name: str
    default: Any
    accepts: str
    doc: str

    @property
    def full(self) -> str:
        return f"{NAMESPACE}:{self.name}"


KEYS: tuple[Key, ...] = (
    Key("transforms", ",".join(contract.DEFAULT_TRANSFORMS), "list of transform names", "the chain, in order"),
    Key("transformOptions", {}, "object: transform name -> options", "per-transform options (no secrets here)"),
    Key("pluginModules", [], "list of module names", "modules registered as plugins (they must be in the bundle)"),
    Key("pluginPackages", [], "list of installed distribution names", "plugin packages added to the bundle"),
    Key("retentionDays", 90, "1-36500", "days an object (and its index item) is kept"),
    Key("messageRetentionSeconds", 4 * 24 * 3600, f"60-{DLQ_RETENTION_SECONDS - 1}", "how long the two source queues keep a message"),
    Key("maxReceiveCount", 5, "1-1000", "deliveries of a message before it moves to its DLQ"),
    Key("batchSize", 100, "1-10000 (above 10 needs a batching window)", "messages per Lambda invocation"),
    Key("batchingWindowSeconds", 5, "0-300", "how long Lambda gathers a batch"),
    Key("consumerMemoryMb", 512, "128-10240", "consumer Lambda memory"),
    Key("consumerTimeoutSeconds", 60, "1-900", "consumer Lambda timeout"),
    Key("indexerMemoryMb", 256, "128-10240", "indexer Lambda memory"),
    Key("indexerTimeoutSeconds", 30, "1-900", "indexer Lambda timeout"),
    Key("architecture", "arm64", ", ".join(ARCHITECTURES), "Lambda architecture (the bundle is built for it)"),
    Key("logRetentionDays", 30, "one of " + ", ".join(map(str, LOG_RETENTION_DAYS)), "Lambda log retention"),
    Key("alarms", True, "true, false", "create the CloudWatch alarms and their SNS topic"),
    Key("alarmEmail", None, "an e-mail address", "subscribe this address to the alarm topic"),
    Key("oldestMessageAlarmSeconds", 900, "60-1209600", "alarm when a source queue's oldest message is older"),
    Key("lakeVersioning", False, "true, false", "keep overwritten/deleted objects for 7 days"),
    Key("forceDestroy", False, "true, false", "let `pulumi destroy` delete a non-empty bucket and workgroup"),
    Key("deletionProtection", True, "true, false", "DynamoDB deletion protection on the index"),
    Key("pointInTimeRecovery", True, "true, false", "DynamoDB point-in-time recovery on the index"),
    Key("piiHashKey", None, "secret, at least 32 characters", "HMAC key of the pii transform's hash mode"),
    Key("badRowPayload", contract.BAD_ROW_SCRUBBED, ", ".join(contract.BAD_ROW_PAYLOADS), "what a bad row keeps of its message"),
)
_KEY_NAMES = frozenset(k.name for k in KEYS)
_DEFAULTS = {k.name: k.default for k in KEYS}


@dataclass(frozen=True)
class FunctionSettings:
    memory_mb: int
    timeout_seconds: int


@dataclass(frozen=True)
class Settings:
    """The validated configuration of one stack."""

    transforms: tuple[str, ...]
    transform_options: Mapping[str, Mapping[str, Any]]
    plugin_modules: tuple[str, ...]
    plugin_packages: tuple[str, ...]
    retention_days: int
    message_retention_seconds: int
    max_receive_count: int
    batch_size: int
    batching_window_seconds: int
    consumer: FunctionSettings
    indexer: FunctionSettings
    architecture: str
    log_retention_days: int
    alarms: bool
    alarm_email: str | None
    oldest_message_alarm_seconds: int
    lake_versioning: bool
    force_destroy: bool
    deletion_protection: bool
    point_in_time_recovery: bool
    #: The pii transform's HMAC key as a Pulumi secret, only when its mode is ``hash``.
    pii_hash_key: pulumi.Output[str] | None = field(default=None, repr=False, compare=False)
    #: Bad rows keep their payload scrubbed by pii (default) or, opted into, raw.
    bad_row_payload: str = contract.BAD_ROW_SCRUBBED


def visibility_timeout_for(function_timeout_seconds: int, batching_window_seconds: int) -> int:
    """The visibility timeout of a queue that triggers a function: six times the function's
    timeout plus the batching window (AWS's rule for SQS event sources)."""
    return VISIBILITY_TIMEOUT_FACTOR * function_timeout_seconds + batching_window_seconds


def load_settings(get: Callable[[str], str | None] | None = None, *, is_secret: Callable[[str], bool] | None = None) -> Settings:
    """Read every ``droplets:`` key once and validate it.

    ``get`` and ``is_secret`` default to the Pulumi runtime's configuration (they take the
    full ``droplets:<key>`` name). Raises :class:`SettingsError` naming the key.
    """
    if get is None:
        get = runtime_config.get_config
        _reject_unknown_keys(_configured_keys())
    is_secret = is_secret or runtime_config.is_config_secret
    read = _Reader(get)

    transforms = read.names("transforms") or tuple(contract.DEFAULT_TRANSFORMS)
    options = read.options("transformOptions")
    modules = read.names("pluginModules")
    packages = read.names("pluginPackages")

    retention_days = read.integer("retentionDays", 1, 36500)
    message_retention = read.integer("messageRetentionSeconds", 60, DLQ_RETENTION_SECONDS - 1)
    max_receive = read.integer("maxReceiveCount", 1, 1000)
    batch_size = read.integer("batchSize", 1, 10000)
    window = read.integer("batchingWindowSeconds", 0, 300)
    consumer = FunctionSettings(read.integer("consumerMemoryMb", 128, 10240), read.integer("consumerTimeoutSeconds", 1, 900))
    indexer = FunctionSettings(read.integer("indexerMemoryMb", 128, 10240), read.integer("indexerTimeoutSeconds", 1, 900))
    architecture = read.choice("architecture", ARCHITECTURES)
    log_retention = read.choice("logRetentionDays", LOG_RETENTION_DAYS)
    alarms = read.boolean("alarms")
    alarm_email = read.email("alarmEmail")
    oldest_alarm = read.integer("oldestMessageAlarmSeconds", 60, DLQ_RETENTION_SECONDS)

    # --- cross-checks: rules AWS would only enforce half-way through `pulumi up` ---
    if batch_size > 10 and window < 1:
        raise SettingsError(
            f"{NAMESPACE}:batchSize above 10 needs {NAMESPACE}:batchingWindowSeconds of at least 1 "
            f"(an AWS rule for SQS event sources), got batchSize {batch_size} and batchingWindowSeconds {window}"
        )
    for role, fn in (("consumer", consumer), ("indexer", indexer)):
        # (at most 6 x 900 + 300 s with the ranges above: well inside SQS's 12-hour limit)
        visibility = visibility_timeout_for(fn.timeout_seconds, window)
        # A message must live long enough to be tried maxReceiveCount times; otherwise a
        # poison message expires from the source queue before it can reach the DLQ.
        if message_retention <= max_receive * visibility:
            raise SettingsError(
                f"{NAMESPACE}:messageRetentionSeconds must exceed {NAMESPACE}:maxReceiveCount x the {role} queue's "
                f"visibility timeout ({max_receive} x {visibility}s = {max_receive * visibility}s, "
                f"visibility = {VISIBILITY_TIMEOUT_FACTOR} x {NAMESPACE}:{role}TimeoutSeconds + batchingWindowSeconds), "
                f"got {message_retention}"
            )
    if alarm_email and not alarms:
        raise SettingsError(f"{NAMESPACE}:alarmEmail is set but {NAMESPACE}:alarms is false: nothing would ever be sent")

    if PII_HASH_KEY_OPTION in (options.get(PII_TRANSFORM) or {}):
        raise SettingsError(
            f"{NAMESPACE}:transformOptions.pii.{PII_HASH_KEY_OPTION} must not be set: it would be stored in plain text "
            f"in the Lambda's environment; set the secret {NAMESPACE}:piiHashKey instead"
        )
    # Hash mode, or any class or field of pii set to "hash", needs the key.
    hash_mode = PII_TRANSFORM in transforms and pii.needs_hash_key(options.get(PII_TRANSFORM) or {})
    raw_key = get(f"{NAMESPACE}:piiHashKey")
    if hash_mode:
        if not raw_key:
            raise SettingsError(
                f"{NAMESPACE}:piiHashKey is required when {NAMESPACE}:transformOptions.pii.mode is 'hash' (or a class "
                f"or field of it is): pulumi config set --secret {NAMESPACE}:piiHashKey "
                f"<at least {PII_HASH_KEY_MIN_LENGTH} random characters>"
            )
        if not is_secret(f"{NAMESPACE}:piiHashKey"):
            raise SettingsError(
                f"{NAMESPACE}:piiHashKey must be stored as a secret: pulumi config set --secret {NAMESPACE}:piiHashKey ..."
            )
        if len(raw_key) < PII_HASH_KEY_MIN_LENGTH:
            raise SettingsError(f"{NAMESPACE}:piiHashKey must be at least {PII_HASH_KEY_MIN_LENGTH} characters long")
    elif raw_key:
        raise SettingsError(
            f"{NAMESPACE}:piiHashKey is set but the pii transform is not in hash mode "
            f"({NAMESPACE}:transformOptions.pii.mode, or one of its classes or fields, must be 'hash' for the key to be used)"
        )

    _check_plugin_packages(packages)
    _check_chain(transforms, options, modules, packages, raw_key if hash_mode else None)

    return Settings(
        transforms=transforms,
        transform_options=options,
        plugin_modules=modules,
        plugin_packages=packages,
        retention_days=retention_days,
        message_retention_seconds=message_retention,
        max_receive_count=max_receive,
        batch_size=batch_size,
        batching_window_seconds=window,
        consumer=consumer,
        indexer=indexer,
        architecture=architecture,
        log_retention_days=log_retention,
        alarms=alarms,
        alarm_email=alarm_email,
        oldest_message_alarm_seconds=oldest_alarm,
        lake_versioning=read.boolean("lakeVersioning"),
        force_destroy=read.boolean("forceDestroy"),
        deletion_protection=read.boolean("deletionProtection"),
        point_in_time_recovery=read.boolean("pointInTimeRecovery"),
        pii_hash_key=pulumi.Output.secret(raw_key) if hash_mode else None,
        bad_row_payload=read.choice("badRowPayload", contract.BAD_ROW_PAYLOADS),
    )


# --- reading -----------------------------------------------------------------------------


class _Reader:
    """Typed getters over raw config strings; each error names the full key."""

    def __init__(self, get: Callable[[str], str | None]):
        self._get = get

    def raw(self, name: str) -> Any:
        assert name in _KEY_NAMES, name
        value = self._get(f"{NAMESPACE}:{name}")
        return None if value is None or value == "" else value

    def integer(self, name: str, low: int, high: int) -> int:
        value = self.raw(name)
        if value is None:
            return _DEFAULTS[name]
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise SettingsError(f"{NAMESPACE}:{name} must be a whole number from {low} to {high}, got {value!r}")
        return number

    def boolean(self, name: str) -> bool:
        value = self.raw(name)
        if value is None:
            return _DEFAULTS[name]
        text = str(value).strip().lower()
        if text not in ("true", "false"):
            raise SettingsError(f"{NAMESPACE}:{name} must be one of true, false, got {value!r}")
        return text == "true"

    def choice(self, name: str, choices: tuple) -> Any:
        value = self.raw(name)
        if value is None:
            return _DEFAULTS[name]
        for choice in choices:
            if str(value).strip() == str(choice):
                return choice
        raise SettingsError(f"{NAMESPACE}:{name} must be one of {', '.join(map(str, choices))}, got {value!r}")

    def email(self, name: str) -> str | None:
        value = self.raw(name)
        if value is None:
            return None
        if not _EMAIL_RE.match(str(value).strip()):
            raise SettingsError(f"{NAMESPACE}:{name} must be an e-mail address, got {value!r}")
        return str(value).strip()

    def names(self, name: str) -> tuple[str, ...]:
        """A list: YAML list in the stack file (JSON here), or a comma-separated string."""
        value = self.raw(name)
        if value is None:
            return ()
        text = str(value).strip()
        items: Any
        if text.startswith("["):
            try:
                items = json.loads(text)
            except ValueError:
                items = None
        else:
            items = text.split(",")
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise SettingsError(f"{NAMESPACE}:{name} must be a list of names (YAML list or comma-separated), got {value!r}")
        return tuple(i.strip() for i in items if i.strip())

    def options(self, name: str) -> dict[str, dict[str, Any]]:
        value = self.raw(name)
        if value is None:
            return {}
        try:
            parsed = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict) or not all(isinstance(v, dict) for v in parsed.values()):
            raise SettingsError(
                f"{NAMESPACE}:{name} must be an object mapping a transform name to its options object, got {value!r}"
            )
        return parsed


def _configured_keys() -> set[str]:
    # The runtime's config map and the PULUMI_CONFIG environment, where the language host puts it.
    return set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())


def _reject_unknown_keys(keys: set[str]) -> None:
    """A typo (``droplets:retentionDay``) would otherwise be ignored and the default used."""
    unknown = sorted(k for k in keys if k.startswith(NAMESPACE + ":") and k.split(":", 1)[1] not in _KEY_NAMES)
    if unknown:
        raise SettingsError(
            f"{', '.join(unknown)}: not a droplets setting; known settings: "
            + ", ".join(f"{NAMESPACE}:{k.name}" for k in KEYS)
        )


# --- the transform chain, checked as the Lambda will build it ----------------------------------


def _check_plugin_packages(packages: tuple[str, ...]) -> None:
    for name in packages:
        try:
            importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            raise SettingsError(
                f"{NAMESPACE}:pluginPackages: {name!r} is not installed where the Pulumi program runs; "
                f"install it into the program's virtualenv (.venv/bin/pip install {name}) so the preview can "
                "check its transforms and the bundle can pin its version"
            ) from None


def _check_chain(
    names: tuple[str, ...],
    options: Mapping[str, Any],
    modules: tuple[str, ...],
    packages: tuple[str, ...],
    hash_key: str | None,
) -> None:
    try:
        pm = get_plugin_manager(modules)
    except ConfigError as exc:
        raise SettingsError(f"{NAMESPACE}:pluginModules: {exc}") from None
    try:
        known = available_transforms(pm)
    except ConfigError as exc:
        raise SettingsError(f"{NAMESPACE}:pluginModules / {NAMESPACE}:pluginPackages: {exc}") from None
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SettingsError(
            f"{NAMESPACE}:transforms: unknown transform(s) {', '.join(map(repr, unknown))}; "
            f"known transforms: {', '.join(sorted(known))}"
        )
    if len(set(names)) != len(names):
        raise SettingsError(f"{NAMESPACE}:transforms lists a transform twice: {', '.join(names)}")
    _check_bundled(pm, names, modules, packages)
    checked = copy.deepcopy(dict(options))
    if hash_key is not None:
        # The consumer adds the key from SSM at cold start; add it here too so the pii
        # transform checks its options exactly as it will in the Lambda.
        checked[PII_TRANSFORM] = {**checked.get(PII_TRANSFORM, {}), PII_HASH_KEY_OPTION: hash_key}
    try:
        build_chain(pm, names, checked)
    except ConfigError as exc:
        message = str(exc)
        if hash_key:
            message = message.replace(hash_key, "***")
        raise SettingsError(f"{NAMESPACE}:transformOptions: {message}") from None


#: Top-level packages of the project that the bundle ships (components/bundle.py SOURCES).
_BUNDLED_PROJECT_PACKAGES = frozenset({"transforms"})


def _check_bundled(pm, names: tuple[str, ...], modules: tuple[str, ...], packages: tuple[str, ...]) -> None:
    """Everything the Lambda will import for the chain must be in its bundle.

    A plugin installed where the program runs is found here through its entry point, but
    the Lambda only has what the bundle holds: the built-ins and ``pluginPackages``. Without
    this check the preview passes and the consumer fails at cold start."""
    wanted = {_normalize_dist(p) for p in packages}

    def bundled(module: str) -> bool:
        top = module.split(".", 1)[0]
        return top in _BUNDLED_PROJECT_PACKAGES or any(_normalize_dist(d) in wanted for d in _providers(top))

    for module in modules:
        if not bundled(module):
            raise SettingsError(
                f"{NAMESPACE}:pluginModules: {module!r} would not be in the Lambda bundle; add the distribution "
                f"that provides it to {NAMESPACE}:pluginPackages"
            )
    for impl in pm.hook.droplets_transforms.get_hookimpls():
        module = getattr(impl.plugin, "__name__", None) or type(impl.plugin).__module__
        used = sorted(set(impl.function() or {}) & set(names))
        if used and not bundled(module):
            dists = ", ".join(_providers(module.split(".", 1)[0])) or "unknown"
            raise SettingsError(
                f"{NAMESPACE}:transforms: {', '.join(map(repr, used))} come(s) from plugin {module!r} "
                f"(distribution {dists}), which would not be in the Lambda bundle; add it to {NAMESPACE}:pluginPackages"
            )


def _providers(top_level: str) -> list[str]:
    """The installed distributions that provide the importable name ``top_level``."""
    return sorted(set(_packages_distributions().get(top_level, ())))


@functools.cache
def _packages_distributions() -> Mapping[str, list[str]]:
    return importlib.metadata.packages_distributions()  # scans every installed package: once


def _normalize_dist(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
