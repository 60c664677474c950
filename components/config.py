"""The stack configuration of droplets, read once and validated before anything is built.

Every setting lives in the ``droplets:`` namespace of ``Pulumi.<stack>.yaml``. A bad value
stops ``pulumi preview`` with a message naming the key and what it accepts, e.g.
``droplets:architecture must be one of arm64, x86_64, got 'arm'``; nothing is created from
a configuration that would only fail later, inside AWS or inside a Lambda at 3 a.m.

Each setting is one row of :data:`KEYS`: its kind (what it accepts, and the parser that
checks it), default and doc. Validation reads through the rows, and the configuration
table of ``docs/configuration.md`` is their rendering (``scripts/config-table`` writes it).
A new setting is a row there, then a field of :class:`Settings` that :func:`load_settings`
fills in with ``value("<name>")``, and ``scripts/config-table`` for the page.

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
from pathlib import Path
from typing import Any, Callable, Mapping

import pulumi
from pulumi.runtime import config as runtime_config

from components.bundle import PROJECT_ROOT, shipped_modules
from droplets import contract
from droplets.contract import message as messages
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
#: Domains reserved for documentation and tests (RFC 2606, RFC 6761): an address there is a
#: placeholder nobody reads; AWS would send the alarm subscription's confirmation to no one.
PLACEHOLDER_DOMAINS = ("example.com", "example.net", "example.org")
PLACEHOLDER_TLDS = ("example", "test", "invalid", "localhost")

#: ``droplets:kms``: the AWS-managed keys (SSE-S3, SSE-SQS, aws/dynamodb, aws/ssm, and the
#: log groups' service key), one customer-managed key the stack creates, or an existing key.
KMS_AWS_MANAGED = "aws-managed"
KMS_CREATE = "create"
KMS_KEY_ARN_RE = re.compile(
    r"^arn:(?P<partition>aws|aws-cn|aws-us-gov):kms:(?P<region>[a-z]{2}(?:-[a-z]+)+-\d):(?P<account>\d{12}):"
    r"key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$"
)
#: An IAM role ARN, without wildcards (a pattern would name principals nobody chose).
ROLE_ARN_RE = re.compile(r"^arn:(?:aws|aws-cn|aws-us-gov):iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")

#: SQS event source mappings: AWS's floor and ceiling for ``ScalingConfig.MaximumConcurrency``.
MIN_CONCURRENCY, MAX_CONCURRENCY = 2, 1000

#: Lambda refuses a function whose environment variables exceed 4 KB in total, when the
#: function is created (half-way through ``pulumi up``). Counted here as the JSON of the
#: variables map the API receives (a few bytes above AWS's own count, so a configuration
#: that passes here is accepted there), with the longest bucket and table names AWS allows.
LAMBDA_ENV_MAX_BYTES = 4096
_LONGEST_BUCKET_NAME = "b" * 63
_LONGEST_TABLE_NAME = "t" * 255
#: Which setting each variable of the consumer's environment comes from (for the error).
_ENV_SOURCES = {
    contract.ENV_TRANSFORM_CONFIG: "transformOptions",
    contract.ENV_TRANSFORMS: "transforms",
    contract.ENV_PLUGIN_MODULES: "pluginModules",
}

#: The sizing figures of docs/production.md ("Batch size and timeout"): CPU time per record
#: of the consumer at one vCPU, measured by bench/handlers.py (packed batches of realistic
#: records, 2.0-2.2 ms; the higher is kept), the smallest record a packed message carries
#: (~650 bytes: a GET without bodies), Lambda's 6 MB cap on an SQS batch's payload, and the
#: memory at which a function has one whole vCPU.
RECORD_CPU_SECONDS = 0.0022
SMALLEST_RECORD_BYTES = 650
LAMBDA_BATCH_PAYLOAD_BYTES = 6 * 1024 * 1024
LAMBDA_MB_PER_VCPU = 1769
#: The consumer's timeout should leave this factor over its worst-case batch (slower cores,
#: a heavier chain, a noisy neighbour); below it the preview warns.
TIMEOUT_MARGIN = 3
#: AWS's advice for a queue that triggers a Lambda function: at least 5 receives before the
#: DLQ, because a throttled invocation's messages go back to the queue and count as received.
#: Below it the preview warns (not refuses: a test stack may want a quick DLQ on purpose).
SAFE_MAX_RECEIVE_COUNT = 5


class SettingsError(pulumi.RunError, ValueError):
    """A bad configuration value. A ``RunError``: Pulumi prints the message, no traceback."""


# --- what a setting accepts: each kind parses a raw value and says what it accepts --------------


@dataclass(frozen=True)
class Whole:
    """A whole number from ``low`` to ``high``."""

    low: int
    high: int

    @property
    def accepts(self) -> str:
        return f"{self.low}-{self.high}"

    def parse(self, key: str, value: Any) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
        if number is None or not self.low <= number <= self.high:
            raise SettingsError(f"{key} must be a whole number from {self.low} to {self.high}, got {value!r}")
        return number


@dataclass(frozen=True)
class OneOf:
    """One of ``choices`` (returned as the choice itself, e.g. an int)."""

    choices: tuple

    @property
    def accepts(self) -> str:
        return "one of " + ", ".join(map(str, self.choices))

    def parse(self, key: str, value: Any) -> Any:
        for choice in self.choices:
            if str(value).strip() == str(choice):
                return choice
        raise SettingsError(f"{key} must be one of {', '.join(map(str, self.choices))}, got {value!r}")


@dataclass(frozen=True)
class Flag:
    accepts = "true, false"

    def parse(self, key: str, value: Any) -> bool:
        text = str(value).strip().lower()
        if text not in ("true", "false"):
            raise SettingsError(f"{key} must be one of true, false, got {value!r}")
        return text == "true"


@dataclass(frozen=True)
class Email:
    accepts = "an e-mail address"

    def parse(self, key: str, value: Any) -> str:
        if not _EMAIL_RE.match(str(value).strip()):
            raise SettingsError(f"{key} must be an e-mail address, got {value!r}")
        return str(value).strip()


@dataclass(frozen=True)
class Address(Email):
    """An e-mail address that is not a placeholder (a reserved documentation domain)."""

    accepts = "an e-mail address (not at a reserved domain such as example.com)"

    def parse(self, key: str, value: Any) -> str:
        address = super().parse(key, value)
        domain = address.rsplit("@", 1)[1].lower().rstrip(".")
        if domain in PLACEHOLDER_DOMAINS or domain.endswith(tuple("." + d for d in PLACEHOLDER_DOMAINS)) \
                or domain.rsplit(".", 1)[-1] in PLACEHOLDER_TLDS:
            raise SettingsError(
                f"{key} is a placeholder ({address!r}: {domain} is reserved for documentation); "
                f"set your on-call address: pulumi config set {key} <address>"
            )
        return address


@dataclass(frozen=True)
class KmsChoice:
    accepts = f"`{KMS_AWS_MANAGED}`, `{KMS_CREATE}` or a KMS key ARN (`arn:aws:kms:<region>:<account>:key/<id>`)"

    def parse(self, key: str, value: Any) -> str:
        text = str(value).strip()
        if text in (KMS_AWS_MANAGED, KMS_CREATE) or KMS_KEY_ARN_RE.match(text):
            return text
        raise SettingsError(
            f"{key} must be {KMS_AWS_MANAGED}, {KMS_CREATE} or a KMS key ARN "
            f"(arn:aws:kms:<region>:<account>:key/<key id>; not an alias, not a key ID alone), got {value!r}"
        )


@dataclass(frozen=True)
class RoleArns:
    accepts = "list of IAM role ARNs (`arn:aws:iam::<account>:role/<name>`)"

    def parse(self, key: str, value: Any) -> tuple[str, ...]:
        arns = Names("role ARNs").parse(key, value)
        for arn in arns:
            if not ROLE_ARN_RE.match(arn):
                raise SettingsError(f"{key}: {arn!r} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>, no wildcards)")
        if len(set(arns)) != len(arns):
            raise SettingsError(f"{key} lists a role twice")
        return arns


@dataclass(frozen=True)
class BundlePath:
    accepts = "path of a zip made by `droplets bundle build` (relative to the project)"

    def parse(self, key: str, value: Any) -> Path:
        path = Path(str(value).strip()).expanduser()
        path = path if path.is_absolute() else PROJECT_ROOT / path
        if not path.is_file():
            raise SettingsError(f"{key}: no file at {path} (build it with `droplets bundle build --out {value}`)")
        return path


@dataclass(frozen=True)
class Names:
    """A list: a YAML list in the stack file (JSON when it reaches the program), a YAML
    flow list typed on a command line (``[pii, enrich]``: ``pulumi config set``, ``droplets
    dev --config``), a JSON list, or a comma-separated string."""

    of: str

    @property
    def accepts(self) -> str:
        return f"list of {self.of}"

    def parse(self, key: str, value: Any) -> tuple[str, ...]:
        items: Any = str(value).strip()  # a comma list, unless it is a list
        if items.startswith("["):
            items = _yaml_list(items)
            if items is None:
                raise SettingsError(
                    f"{key} must be a list of names (YAML list, JSON list or comma-separated: "
                    f"[a, b], [\"a\", \"b\"] or a,b), got {value!r}"
                )
        return contract.split_names(items)


def _yaml_list(text: str) -> list[str] | None:
    """A YAML flow list of plain names (JSON lists are such lists too), or None.

    Read with YAML's base loader, where every scalar is a string: under YAML 1.1 rules
    ``[pii, no]`` would otherwise hold ``False``. Nested lists or mappings are not names."""
    import yaml

    try:
        items = yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only str, list and dict
    except yaml.YAMLError:
        return None
    return items if isinstance(items, list) and all(isinstance(i, str) for i in items) else None


@dataclass(frozen=True)
class TransformOptions:
    accepts = "object: transform name -> options (checked by the transform)"

    def parse(self, key: str, value: Any) -> dict[str, dict[str, Any]]:
        parsed = _json_or_yaml(value) if isinstance(value, str) else value
        if not isinstance(parsed, dict) or not all(isinstance(v, dict) for v in parsed.values()):
            raise SettingsError(
                f"{key} must be an object mapping a transform name to its options object (YAML or JSON: "
                f"{{sample: {{rate: 0.1}}}} or {{\"sample\": {{\"rate\": 0.1}}}}), got {value!r}"
            )
        return parsed


def _json_or_yaml(text: str) -> Any:
    """JSON (what Pulumi hands the program for a structured value), else YAML (an object
    typed on a command line: ``{sample: {rate: 0.1}}``); None when it is neither."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


@dataclass(frozen=True)
class Secret:
    """A Pulumi secret of at least ``min_length`` characters (when it is needed at all:
    :func:`load_settings` decides that, from the other settings)."""

    min_length: int

    @property
    def accepts(self) -> str:
        return f"a secret (`--secret`) of at least {self.min_length} characters"

    def parse(self, key: str, value: Any) -> str:
        if len(str(value)) < self.min_length:
            raise SettingsError(f"{key} must be at least {self.min_length} characters long")
        return str(value)


# --- the settings: one row each -----------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One setting: its name, what it accepts (``kind``), its default and what it is for.

    Validation reads through :meth:`read`, and docs/configuration.md's table is
    :func:`reference_table` of these rows (``scripts/config-table`` writes it). ``rule`` is a
    check across settings that :func:`load_settings` makes, said after what ``kind`` accepts."""

    name: str
    kind: Any
    default: Any
    doc: str
    rule: str = ""

    @property
    def full(self) -> str:
        return f"{NAMESPACE}:{self.name}"

    @property
    def accepts(self) -> str:
        return f"{self.kind.accepts}; {self.rule}" if self.rule else self.kind.accepts

    def read(self, get: Callable[[str], str | None]) -> Any:
        """The validated value (an empty value counts as unset: the default)."""
        value = get(self.full)
        return self.default if value is None or value == "" else self.kind.parse(self.full, value)


KEYS: tuple[Key, ...] = (
    Key("transforms", Names("transform names (built-in, entry point or `pluginModules`)"), tuple(contract.DEFAULT_TRANSFORMS), "the chain, in order"),
    Key("transformOptions", TransformOptions(), {}, "per-transform options; never secrets"),
    Key("pluginModules", Names("module names"), (), "modules registered as plugins; they must be in the bundle"),
    Key("pluginPackages", Names("distribution names installed in `.venv`"), (), "plugin packages added to the bundle, at the version installed in `.venv`"),
    Key("retentionDays", Whole(1, 36500), 90, "days an object, a bad row and an index item are kept"),
    Key("messageRetentionSeconds", Whole(60, DLQ_RETENTION_SECONDS - 1), 4 * 24 * 3600, "how long the two source queues keep a message",
        "above `maxReceiveCount` x the queue's visibility timeout"),
    Key("maxReceiveCount", Whole(1, 1000), 10, "deliveries of a message before it moves to its DLQ; a throttled delivery counts too, so keep it at 5 or more (AWS's advice for Lambda)"),
    Key("batchSize", Whole(1, 10000), 10, "messages per Lambda invocation (both functions); a packed events message carries up to 64 KiB of API calls, so 10 messages are up to ~1,000 calls", "above 10 needs a batching window"),
    Key("maximumConcurrency", Whole(MIN_CONCURRENCY, MAX_CONCURRENCY), 2, "most concurrent invocations of each function (its SQS trigger's scaling); both together must stay inside the account's Lambda concurrency, 10 on a new account"),
    Key("batchingWindowSeconds", Whole(0, 300), 5, "how long Lambda gathers a batch"),
    Key("consumerMemoryMb", Whole(128, 10240), 512, "consumer memory (and CPU)"),
    Key("consumerTimeoutSeconds", Whole(1, 900), 60, "consumer timeout"),
    Key("indexerMemoryMb", Whole(128, 10240), 256, "indexer memory"),
    Key("indexerTimeoutSeconds", Whole(1, 900), 30, "indexer timeout"),
    Key("indexShards", Whole(1, contract.MAX_INDEX_SHARDS), contract.DEFAULT_INDEX_SHARDS,
        "write shards of the index's by-day GSI: each takes ~1,000 index writes a second, every day query reads each "
        "(docs/scale.md); reaches the indexer as `DROPLETS_INDEX_SHARDS`; after a change, `droplets reindex` moves existing items"),
    Key("architecture", OneOf(ARCHITECTURES), "arm64", "Lambda architecture; the bundle is built for it"),
    Key("logRetentionDays", OneOf(LOG_RETENTION_DAYS), 30, "Lambda log retention"),
    Key("alarms", Flag(), True, "CloudWatch alarms and their (KMS-encrypted) SNS topic"),
    Key("alarmEmail", Address(), None, "e-mail subscribed to the alarm topic", "needs `alarms`"),
    Key("oldestMessageAlarmSeconds", Whole(60, DLQ_RETENTION_SECONDS), 900, "alarm when a source queue's oldest message is older"),
    Key("lakeVersioning", Flag(), False, "S3 versioning; overwritten or deleted objects stay recoverable for 7 days"),
    Key("forceDestroy", Flag(), False, "let `pulumi destroy` empty the bucket and the Athena workgroup"),
    Key("deletionProtection", Flag(), True, "DynamoDB deletion protection on the index"),
    Key("pointInTimeRecovery", Flag(), True, "DynamoDB point-in-time recovery on the index"),
    Key("piiHashKey", Secret(PII_HASH_KEY_MIN_LENGTH), None,
        "HMAC key of the `pii` transform's hash mode; required when anything hashes (`mode`, a class or a field set to `hash`), refused otherwise"),
    Key("kms", KmsChoice(), KMS_AWS_MANAGED,
        "encryption keys: the AWS-managed ones, a customer-managed key the stack creates, or yours (the bucket, queues, table, hash-key parameter and log groups use it)",
        "an ARN's region is `aws:region`'s"),
    Key("readerRoleArns", RoleArns(), (), "the only roles, besides the indexer, that may read objects in the lake (the operators' and Athena users'; attach `operatorPolicyArn` to them)"),
    Key("bundle", BundlePath(), None, "a prebuilt Lambda bundle to deploy instead of building one (no package index needed); verified first"),
    Key("badRowPayload", OneOf(contract.BAD_ROW_PAYLOADS), contract.BAD_ROW_SCRUBBED,
        "what a bad row keeps of its message: the payload through `pii`'s scrubbing, or (an explicit opt-in, e.g. to debug a producer) the raw payload, personal data and credentials included; reaches the consumer as `DROPLETS_BAD_ROW_PAYLOAD`"),
    Key("compaction", Flag(), True,
        "daily compaction: Athena rewrites closed UTC days as Parquet (Step Functions, EventBridge Scheduler); see docs/compaction.md"),
    Key("compactionGraceHours", Whole(0, 72), 2,
        "hours after a day ends before it is compacted (late messages); the daily run starts at this hour of the day, UTC"),
    Key("compactionLookbackDays", Whole(1, 30), 3,
        "closed days each daily run rewrites, the latest first compacted, the others again (calls that arrived late)"),
    Key("compactedRetentionDays", Whole(1, 36500), 730,
        "days a compacted day is kept (its JSON objects follow `retentionDays`)", "at least `retentionDays`"),
)
KEY = {k.name: k for k in KEYS}


def reference_table(stacks: Mapping[str, Mapping[str, Any]]) -> str:
    """The configuration table of docs/configuration.md (Markdown): a line per row of :data:`KEYS`, and a
    column per stack file (``{"dev": <Pulumi.dev.yaml's config>, ...}``) with its value."""
    columns = ["key", "what", "default", "accepts", *stacks]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for key in KEYS:
        cells = [f"`{key.name}`", key.doc, _shown_default(key), key.accepts]
        cells += [_shown(config.get(key.full)) for config in stacks.values()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _shown_default(key: Key) -> str:
    value = key.default
    if isinstance(value, tuple):
        return f"`{','.join(value)}`" if value else "`[]`"
    if isinstance(value, dict):
        return f"`{json.dumps(value)}`"
    if value is None:
        return "none"
    if key.name.endswith("Seconds") and isinstance(value, int) and value and value % 86400 == 0:
        return f"{value} ({value // 86400} days)"
    return _shown(value)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


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
    #: Write shards of the by-day GSI (``droplets.contract.shards``).
    index_shards: int
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
    #: At most this many concurrent invocations of each function (SQS scaling config).
    maximum_concurrency: int = MIN_CONCURRENCY
    #: ``aws-managed``, ``create`` or a key ARN (:data:`KMS_AWS_MANAGED`, :data:`KMS_CREATE`).
    kms: str = KMS_AWS_MANAGED
    #: The roles that may read the lake's objects, besides the indexer.
    reader_role_arns: tuple[str, ...] = ()
    #: A prebuilt bundle to deploy (verified by the program before use), or None: build one.
    bundle: Path | None = None
    #: Daily compaction's settings (read whether it is on or off).
    compaction: "CompactionSettings" = field(default_factory=lambda: CompactionSettings(
        grace_hours=KEY["compactionGraceHours"].default, lookback_days=KEY["compactionLookbackDays"].default,
        retention_days=KEY["compactedRetentionDays"].default, enabled=KEY["compaction"].default))

    @property
    def kms_key_arn(self) -> str | None:
        """The existing key the stack uses, when ``kms`` names one."""
        return self.kms if KMS_KEY_ARN_RE.match(self.kms) else None


@dataclass(frozen=True)
class CompactionSettings:
    """Daily compaction (``droplets:compaction`` and the three settings it reads)."""

    grace_hours: int
    lookback_days: int
    #: Always set, compaction on or off: the Glue tables of compacted days exist either way
    #: (``droplets compact`` fills them by hand), and the lifecycle expires them.
    retention_days: int
    enabled: bool = True


def visibility_timeout_for(function_timeout_seconds: int, batching_window_seconds: int) -> int:
    """The visibility timeout of a queue that triggers a function: six times the function's
    timeout plus the batching window (AWS's rule for SQS event sources)."""
    return VISIBILITY_TIMEOUT_FACTOR * function_timeout_seconds + batching_window_seconds


def pii_key_parameter_name(project: str, stack: str) -> str:
    """The SSM parameter holding the pii hash key (its name, not a secret)."""
    return f"/{project}/{stack}/pii-hash-key"


def load_settings(
    get: Callable[[str], str | None] | None = None,
    *,
    is_secret: Callable[[str], bool] | None = None,
    project: str | None = None,
    stack: str | None = None,
) -> Settings:
    """Read every ``droplets:`` key once and validate it.

    ``get`` and ``is_secret`` default to the Pulumi runtime's configuration (they take the
    full ``droplets:<key>`` name); ``project`` and ``stack`` to the running program's (they
    name the hash-key parameter, part of the consumer's environment). Raises
    :class:`SettingsError` naming the key.
    """
    if get is None:
        get = runtime_config.get_config
        _reject_unknown_keys(_configured_keys())
        project = project or pulumi.get_project()
        stack = stack or pulumi.get_stack()
    is_secret = is_secret or runtime_config.is_config_secret

    def value(name: str) -> Any:
        return KEY[name].read(get)

    transforms = value("transforms") or KEY["transforms"].default  # an empty list too
    options = value("transformOptions")
    modules = value("pluginModules")
    packages = value("pluginPackages")

    retention_days = value("retentionDays")
    message_retention = value("messageRetentionSeconds")
    max_receive = value("maxReceiveCount")
    batch_size = value("batchSize")
    window = value("batchingWindowSeconds")
    consumer = FunctionSettings(value("consumerMemoryMb"), value("consumerTimeoutSeconds"))
    indexer = FunctionSettings(value("indexerMemoryMb"), value("indexerTimeoutSeconds"))
    architecture = value("architecture")
    log_retention = value("logRetentionDays")
    alarms = value("alarms")
    alarm_email = value("alarmEmail")
    oldest_alarm = value("oldestMessageAlarmSeconds")

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
    kms = value("kms")
    key_arn = KMS_KEY_ARN_RE.match(kms)
    region = get("aws:region")
    if key_arn and region and key_arn["region"] != region:
        # SQS, S3, DynamoDB, SSM and CloudWatch Logs only use a key of their own region.
        raise SettingsError(
            f"{NAMESPACE}:kms names a key in {key_arn['region']}, but the stack deploys to aws:region {region}: "
            "the services encrypt only with a key of their own region"
        )
    compaction = CompactionSettings(
        grace_hours=value("compactionGraceHours"),
        lookback_days=value("compactionLookbackDays"),
        retention_days=value("compactedRetentionDays"),
        enabled=value("compaction"),
    )
    if compaction.retention_days < retention_days:
        raise SettingsError(
            f"{NAMESPACE}:compactedRetentionDays must be at least {NAMESPACE}:retentionDays ({retention_days}): "
            f"a compacted day is kept at least as long as its JSON objects, got {compaction.retention_days}"
        )

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
        KEY["piiHashKey"].kind.parse(KEY["piiHashKey"].full, raw_key)
    elif raw_key:
        raise SettingsError(
            f"{NAMESPACE}:piiHashKey is set but the pii transform is not in hash mode "
            f"({NAMESPACE}:transformOptions.pii.mode, or one of its classes or fields, must be 'hash' for the key to be used)"
        )

    _check_plugin_packages(packages)
    _check_chain(transforms, options, modules, packages, raw_key if hash_mode else None)
    _check_environment_size(
        transforms, options, modules, value("badRowPayload"),
        pii_key_parameter_name(project or NAMESPACE, stack or "stack") if hash_mode else None,
    )

    settings = Settings(
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
        index_shards=value("indexShards"),
        architecture=architecture,
        log_retention_days=log_retention,
        alarms=alarms,
        alarm_email=alarm_email,
        oldest_message_alarm_seconds=oldest_alarm,
        lake_versioning=value("lakeVersioning"),
        force_destroy=value("forceDestroy"),
        deletion_protection=value("deletionProtection"),
        point_in_time_recovery=value("pointInTimeRecovery"),
        pii_hash_key=pulumi.Output.secret(raw_key) if hash_mode else None,
        bad_row_payload=value("badRowPayload"),
        maximum_concurrency=value("maximumConcurrency"),
        kms=kms,
        reader_role_arns=value("readerRoleArns"),
        bundle=value("bundle"),
        compaction=compaction,
    )
    _warn_about_first_deploy(settings)
    margin = consumer_timeout_margin(settings)
    if margin < TIMEOUT_MARGIN:
        pulumi.log.warn(
            f"{NAMESPACE}:consumerTimeoutSeconds {consumer.timeout_seconds}s leaves a margin of {margin:.1f}x over the "
            f"consumer's worst-case batch ({NAMESPACE}:batchSize {batch_size} packed messages at "
            f"{NAMESPACE}:consumerMemoryMb {consumer.memory_mb}); aim for {TIMEOUT_MARGIN}x: raise the timeout or the "
            "memory, or lower the batch size (docs/production.md, \"Batch size and timeout\")"
        )
    return settings


def _warn_about_first_deploy(settings: Settings) -> None:
    """Settings AWS accepts that still hurt on a real account: said at preview, naming the key."""
    if settings.max_receive_count < SAFE_MAX_RECEIVE_COUNT:
        pulumi.log.warn(
            f"{NAMESPACE}:maxReceiveCount {settings.max_receive_count}: a throttled invocation's messages count as "
            f"received, so a message can reach its DLQ after {settings.max_receive_count} throttles without a single "
            f"failure; keep it at {SAFE_MAX_RECEIVE_COUNT} or more (docs/production.md, \"Concurrency and maxReceiveCount\")"
        )
    if not settings.reader_role_arns:
        pulumi.log.warn(
            f"{NAMESPACE}:readerRoleArns is empty: the bucket policy lets only the indexer read the lake's objects, so "
            "the droplets CLI's reads of stored records (session --full, tail --raw, sql, reindex, forget) are denied to "
            f"everyone; name your operators' roles: pulumi config set --path '{NAMESPACE}:readerRoleArns[0]' "
            "arn:aws:iam::<account>:role/<name> (docs/production.md, \"Who reads the lake\")"
        )


def worst_case_batch_seconds(batch_size: int, memory_mb: int) -> float:
    """The consumer's time on its largest batch: as many of the smallest records as
    ``batch_size`` full packed messages hold (capped by Lambda's 6 MB batch payload), at
    :data:`RECORD_CPU_SECONDS` each, on the share of a vCPU that ``memory_mb`` buys."""
    payload = min(batch_size * messages.MAX_MESSAGE_BYTES, LAMBDA_BATCH_PAYLOAD_BYTES)
    records = payload // SMALLEST_RECORD_BYTES
    return records * RECORD_CPU_SECONDS / min(1.0, memory_mb / LAMBDA_MB_PER_VCPU)


def consumer_timeout_margin(settings: Settings) -> float:
    """How many worst-case batches fit the consumer's timeout."""
    return settings.consumer.timeout_seconds / worst_case_batch_seconds(settings.batch_size, settings.consumer.memory_mb)


def _configured_keys() -> set[str]:
    # The runtime's config map and the PULUMI_CONFIG environment, where the language host puts it.
    return set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())


def _reject_unknown_keys(keys: set[str]) -> None:
    """A typo (``droplets:retentionDay``) would otherwise be ignored and the default used."""
    unknown = sorted(k for k in keys if k.startswith(NAMESPACE + ":") and k.split(":", 1)[1] not in KEY)
    if unknown:
        raise SettingsError(
            f"{', '.join(unknown)}: not a droplets setting; known settings: "
            + ", ".join(f"{NAMESPACE}:{k.name}" for k in KEYS)
        )


def _check_environment_size(transforms, options, modules, bad_row_payload, pii_key_param) -> None:
    """The consumer's environment as the pipeline writes it must fit Lambda's 4 KB."""
    env = contract.ConsumerEnv(
        bucket=_LONGEST_BUCKET_NAME,
        table=_LONGEST_TABLE_NAME,
        transforms=transforms,
        transform_options=options,
        plugin_modules=modules,
        pii_key_param=pii_key_param,
        bad_row_payload=bad_row_payload,
    ).to_env()
    size = len(json.dumps(env, ensure_ascii=False).encode("utf-8"))
    if size <= LAMBDA_ENV_MAX_BYTES:
        return
    sizes = {name: len(env[name].encode("utf-8")) for name in _ENV_SOURCES if name in env}
    largest = max(sizes, key=sizes.get)
    raise SettingsError(
        f"{NAMESPACE}:{_ENV_SOURCES[largest]}: the consumer's Lambda environment would be {size} bytes, over Lambda's "
        f"{LAMBDA_ENV_MAX_BYTES}-byte limit ({largest} alone is {sizes[largest]} bytes); keep transform options short "
        "(lists of field names, not data) or move bulky settings into the plugin's own package"
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
        checked = pii.with_hash_key(checked, hash_key)  # as the consumer does at cold start
    try:
        build_chain(pm, names, checked)
    except ConfigError as exc:
        message = str(exc)
        if hash_key:
            message = message.replace(hash_key, "***")
        raise SettingsError(f"{NAMESPACE}:transformOptions: {message}") from None


def _check_bundled(pm, names: tuple[str, ...], modules: tuple[str, ...], packages: tuple[str, ...]) -> None:
    """Everything the Lambda will import for the chain must be in its bundle.

    A plugin installed where the program runs is found here through its entry point, but
    the Lambda only has what the bundle holds: the built-ins and ``pluginPackages``. Without
    this check the preview passes and the consumer fails at cold start."""
    wanted = {_normalize_dist(p) for p in packages}
    shipped = shipped_modules()

    def bundled(module: str) -> bool:
        top = module.split(".", 1)[0]
        return module in shipped or any(_normalize_dist(d) in wanted for d in _providers(top))

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
