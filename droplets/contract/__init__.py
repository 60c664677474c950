"""The shared contracts of droplets, defined once (see docs/architecture.md).

Everything that more than one part of the system must agree on lives in this package, one
short module per contract, and every name is re-exported here (``contract.object_key``):

- :mod:`~droplets.contract.record`: the record schema (``record-v1.json``), its validation
  and the one timestamp format;
- :mod:`~droplets.contract.session`: the session-ID rule (``session-id.json``, which the
  JavaScript copies are tested against);
- :mod:`~droplets.contract.keys`: the S3 key layout;
- :mod:`~droplets.contract.index`: the DynamoDB index's keys and items;
- :mod:`~droplets.contract.shards`: the write shards of the ``by-day`` GSI and its layout item;
- :mod:`~droplets.contract.env`: the Lambda environment, each variable with its encoding;
- :mod:`~droplets.contract.outputs`: the stack outputs and the local stack's state file;
- :mod:`~droplets.contract.columns`: the stored record's SQL columns (Glue and DuckDB);
- :mod:`~droplets.contract.erasure`: the erasure entries ``droplets forget`` leaves
  (imported on its own: ``from droplets.contract import erasure``).

Components, handlers, transforms, the CLI and the tests import these names; none of them
re-types a prefix, an attribute, a variable or an output.

This package is the part of ``droplets`` that ships to Lambda: the bundle takes the folder
``droplets/contract/`` whole (with the import-free ``droplets/__init__.py``), so everything
in it imports only the standard library and fastjsonschema, and compiles the schema lazily
(cold-start import time matters). The operator's side (CLI, query library, local stack)
lives in the rest of ``droplets/`` and never ships.
"""

from droplets.contract.columns import (
    SCALAR_KINDS,
    ColumnType,
    Dialect,
    ListOf,
    Scalar,
    Struct,
    column_type,
    stored_columns,
)
from droplets.contract.env import (
    DEFAULT_TRANSFORMS,
    BAD_ROW_PAYLOADS,
    BAD_ROW_RAW,
    BAD_ROW_SCRUBBED,
    ENV_BAD_ROW_PAYLOAD,
    ENV_BUCKET,
    ENV_INDEX_SHARDS,
    ENV_PII_KEY_PARAM,
    ENV_PLUGIN_MODULES,
    ENV_RETENTION_DAYS,
    ENV_TABLE,
    ENV_TRANSFORM_CONFIG,
    ENV_TRANSFORMS,
    VARIABLES,
    ConsumerEnv,
    EnvError,
    IndexerEnv,
    LambdaEnv,
    join_names,
    parse_retention_days,
    parse_transform_options,
    split_names,
)
from droplets.contract.index import (
    DAY_INDEX,
    DAY_INDEX_PK,
    DAY_INDEX_SK,
    INDEX_PK,
    INDEX_REPORT_FIELDS,
    INDEX_SEQUENCER,
    INDEX_SK,
    SEQUENCER_WIDTH,
    TTL_ATTRIBUTE,
    index_item,
    index_key_of,
    index_sort_key,
    layout_key,
    parse_index_sort_key,
    stored_index_item,
)
from droplets.contract.keys import (
    ATHENA_RESULTS_PREFIX,
    BAD_PREFIX,
    EVENT_KEY_RE,
    EVENTS_PREFIX,
    SAFE_KEY_RE,
    bad_key,
    is_safe_key,
    object_key,
    parse_event_key,
    session_partition,
)
from droplets.contract.outputs import (
    LOCAL_DIR,
    LOCAL_STATE_FILE,
    OUTPUT_ATHENA_WORKGROUP,
    OUTPUT_BUCKET,
    OUTPUT_DLQ_URL,
    OUTPUT_GLUE_DATABASE,
    OUTPUT_GLUE_TABLE,
    OUTPUT_INDEX_DLQ_URL,
    OUTPUT_INDEX_QUEUE_URL,
    OUTPUT_OPERATOR_POLICY_ARN,
    OUTPUT_PRODUCER_POLICY_ARN,
    OUTPUT_QUEUE_ARN,
    OUTPUT_QUEUE_URL,
    OUTPUT_REGION,
    OUTPUT_TABLE,
    STACK_OUTPUTS,
    LocalState,
)
from droplets.contract.record import (
    RECORD_VERSION,
    SCHEMA_FILE,
    STRUCTURAL_FIELDS,
    RecordError,
    day_of,
    effective_route,
    format_time,
    parse_time,
    schema,
    schema_path,
    utc_now_iso,
    validate,
)
from droplets.contract.shards import (
    DEFAULT_INDEX_SHARDS,
    LAYOUT_PARTITION,
    LAYOUT_SHARD_COUNTS,
    LAYOUT_SHARDS,
    LAYOUT_SORT_KEY,
    MAX_INDEX_SHARDS,
    SHARD_SEPARATOR,
    DayLayout,
    check_shard_count,
    day_of_partition,
    day_partition,
    day_shard,
    parse_index_shards,
    register_shards,
)
from droplets.contract.session import (
    NO_SESSION,
    SESSION_ID_ALPHABET,
    SESSION_ID_MAX_LENGTH,
    SESSION_ID_MIN_LENGTH,
    SESSION_ID_PATTERN,
    SESSION_ID_RE,
    is_valid_session_id,
    normalize,
)
