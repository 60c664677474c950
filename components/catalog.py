"""SQL over the lake at any size: the Glue tables over the JSON objects and the compacted
days, the view ``events`` over both, and an Athena workgroup.

Users query the view (the stack output ``glueTable``): every compacted day from its current
Parquet run, every other day from its JSON objects (:func:`droplets.compaction.sql.view_sql`).
The tables under it:

- ``events_json``: one JSON object per call, ``events/dt=<day>/...``;
- ``events_parquet``: the compacted runs, ``compacted/events/dt=<day>/run=<run>/...``
  (every run in the folder; the view reads the manifest's);
- ``compaction_manifests``: one JSON line per compacted day, ``compacted/manifests/``.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from typing import Any, Mapping

import pulumi
import pulumi_aws as aws

from droplets import contract
from droplets.compaction import sql as csql
from droplets.contract import compaction as layout

#: What users query: the view over compacted and JSON days (``glueTable``).
TABLE_NAME = csql.VIEW
JSON_TABLE_NAME = csql.JSON_TABLE
PARQUET_TABLE_NAME = csql.PARQUET_TABLE
MANIFESTS_TABLE_NAME = csql.MANIFESTS_TABLE
#: The Hive-style day partition of the default key layout (``events/dt=<day>/...``,
#: :func:`droplets.contract.object_key`), and of the compacted layout.
PARTITION = csql.PARTITION
JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe"
PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat"
TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
#: Athena's engine version 3 (Trino): UNLOAD with ZSTD, the functions the SQL uses.
ENGINE_VERSION = "Athena engine version 3"
#: Hive's syntax for the contract's column types (:mod:`droplets.contract.columns`). A
#: timestamp is kept as text: the JSON SerDe reads ISO-8601 with ``Z`` only as a string
#: (which sorts and compares as time, being UTC). JSON is the value's JSON text.
HIVE = contract.Dialect(
    scalars={"int": "int", "bigint": "bigint", "double": "double", "boolean": "boolean",
             "string": "string", "timestamp": "string", "json": "string"},
    struct="struct<{}>", field="{name}:{type}", separator=",", list_of="array<{}>",
)


#: The type names of a view's columns in the Presto/Trino view definition Athena keeps.
PRESTO = contract.Dialect(
    scalars={"int": "integer", "bigint": "bigint", "double": "double", "boolean": "boolean",
             "string": "varchar", "timestamp": "varchar", "json": "varchar"},
    struct="row({})", field="{name} {type}", separator=",", list_of="array({})",
)


def hive_type(schema: Mapping[str, Any]) -> str:
    """The Athena column type of a JSON Schema node. Free-form objects (query, headers,
    bodies) and arrays become ``string``: the JSON text, queried with ``json_extract``."""
    return HIVE.render(contract.column_type(schema))


def event_columns() -> list[dict[str, str]]:
    """The JSON table's columns: the stored record's (the record schema's fields, then what
    the pipeline adds)."""
    return [{"name": name, "type": HIVE.render(column)} for name, column in contract.stored_columns()]


def parquet_columns() -> list[dict[str, str]]:
    """A compacted run's columns: the JSON table's, the derived ones, the run."""
    return [{"name": name, "type": HIVE.render(column)} for name, column in csql.parquet_columns()]


def view_columns(dialect: contract.Dialect) -> list[dict[str, str]]:
    """The view's columns (:func:`droplets.compaction.sql.logical_names`), as ``droplets sql``
    has them too."""
    typed = [*csql.text_columns(), *((d.name, contract.Scalar(d.kind)) for d in csql.DERIVED),
             (PARTITION, contract.Scalar("string"))]
    return [{"name": name, "type": dialect.render(column)} for name, column in typed]


def presto_view_text(sql: str, database: str) -> str:
    """A view as Athena stores it in Glue (what ``CREATE VIEW`` would write): its SQL and
    columns as base64 JSON in ``/* Presto View: ... */``."""
    document = {
        "originalSql": sql,
        "catalog": "awsdatacatalog",
        "schema": database,
        "columns": view_columns(PRESTO),
    }
    encoded = base64.b64encode(json.dumps(document, separators=(",", ":")).encode("utf-8")).decode("ascii")
    return f"/* Presto View: {encoded} */"


def decode_presto_view(text: str) -> dict[str, Any]:
    """The document of :func:`presto_view_text` (what Athena reads back)."""
    match = re.fullmatch(r"/\* Presto View: ([A-Za-z0-9+/=]+) \*/", text)
    if not match:
        raise ValueError("not a Presto view text")
    return json.loads(base64.b64decode(match.group(1)))


def glue_name(text: str) -> str:
    """Glue database names: lower case letters, digits and underscores."""
    return re.sub(r"[^a-z0-9_]", "_", text.lower())


@dataclass
class CatalogArgs:
    database_name: str
    workgroup_name: str
    bucket_name: pulumi.Input[str]
    retention_days: int
    force_destroy: bool
    #: How long compacted days are kept (the Parquet table's projection range).
    compacted_retention_days: int
    #: With a customer-managed key, query results are written with it (SSE-KMS) as well.
    kms_key_arn: pulumi.Input[str] | None = None


class Catalog(pulumi.ComponentResource):
    """Partition projection on ``dt`` (no crawler, no ``MSCK REPAIR``): Athena computes the
    day partitions from the retention window; queries filtering on ``dt`` read only those days."""

    database: aws.glue.CatalogDatabase
    table: aws.glue.CatalogTable
    parquet_table: aws.glue.CatalogTable
    manifests_table: aws.glue.CatalogTable
    view: aws.glue.CatalogTable
    workgroup: aws.athena.Workgroup

    def __init__(self, name: str, args: CatalogArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:Catalog", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        def location(prefix: str) -> pulumi.Output[str]:
            return pulumi.Output.concat("s3://", args.bucket_name, "/", prefix)

        def projected(prefix: str, days_range: str) -> dict[str, Any]:
            return {
                "projection.enabled": "true",
                f"projection.{PARTITION}.type": "date",
                f"projection.{PARTITION}.format": "yyyy-MM-dd",
                f"projection.{PARTITION}.range": days_range,
                f"projection.{PARTITION}.interval": "1",
                f"projection.{PARTITION}.interval.unit": "DAYS",
                "storage.location.template": pulumi.Output.concat(location(prefix), f"{PARTITION}=${{{PARTITION}}}/"),
            }

        json_serde = {
            "serialization_library": JSON_SERDE,
            # A stray non-JSON object must not fail every query over its day.
            "parameters": {"ignore.malformed.json": "true"},
        }
        self.database = aws.glue.CatalogDatabase(f"{name}-database", name=glue_name(args.database_name), opts=child)
        def external_table(role: str, table_name: str, classification: str, prefix: str, formats: tuple[str, str],
                           serde: dict, columns: list, days_range: str | None = None) -> aws.glue.CatalogTable:
            """A table of the objects under ``prefix``; with ``days_range``, of day partitions
            projected over it."""
            return aws.glue.CatalogTable(
                f"{name}-{role}",
                database_name=self.database.name,
                name=table_name,
                table_type="EXTERNAL_TABLE",
                parameters={"classification": classification, "EXTERNAL": "TRUE",
                            **(projected(prefix, days_range) if days_range is not None else {})},
                partition_keys=[{"name": PARTITION, "type": "string"}] if days_range is not None else None,
                storage_descriptor={"location": location(prefix), "input_format": formats[0],
                                    "output_format": formats[1], "ser_de_info": serde, "columns": columns},
                opts=child,
            )

        # Nothing older than the retention exists; a day ahead for clock skew.
        self.table = external_table("table", JSON_TABLE_NAME, "json", contract.EVENTS_PREFIX, (TEXT_INPUT, TEXT_OUTPUT),
                                    json_serde, event_columns(), f"NOW-{args.retention_days}DAYS,NOW+1DAYS")
        # Compacted days are closed days: none ahead of today.
        self.parquet_table = external_table(
            "parquet-table", PARQUET_TABLE_NAME, "parquet", layout.COMPACTED_EVENTS_PREFIX, (PARQUET_INPUT, PARQUET_OUTPUT),
            {"serialization_library": PARQUET_SERDE}, parquet_columns(), f"NOW-{args.compacted_retention_days}DAYS,NOW")
        # One row per compacted day (``<day>.json``), not partitioned: the view joins them all.
        self.manifests_table = external_table(
            "manifests-table", MANIFESTS_TABLE_NAME, "json", layout.MANIFESTS_PREFIX, (TEXT_INPUT, TEXT_OUTPUT),
            json_serde, [{"name": n, "type": t} for n, t in csql.MANIFEST_COLUMNS])
        view_sql = csql.athena_view_sql(args.retention_days)
        self.view = aws.glue.CatalogTable(
            f"{name}-view",
            database_name=self.database.name,
            name=TABLE_NAME,
            table_type="VIRTUAL_VIEW",
            parameters={"presto_view": "true", "comment": "Presto View"},
            view_original_text=self.database.name.apply(lambda database: presto_view_text(view_sql, database)),
            view_expanded_text="/* Presto View */",
            storage_descriptor={"columns": view_columns(HIVE)},
            # Athena resolves the view's tables when it is queried; they exist first.
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.table, self.parquet_table, self.manifests_table]),
        )
        self.workgroup = aws.athena.Workgroup(
            f"{name}-workgroup",
            name=args.workgroup_name,
            force_destroy=args.force_destroy,
            configuration={
                "engine_version": {"selected_engine_version": ENGINE_VERSION},
                # Clients cannot send results elsewhere or unencrypted.
                "enforce_workgroup_configuration": True,
                "publish_cloudwatch_metrics_enabled": True,
                "result_configuration": {
                    "output_location": pulumi.Output.concat("s3://", args.bucket_name, "/", contract.ATHENA_RESULTS_PREFIX),
                    "encryption_configuration": (
                        {"encryption_option": "SSE_KMS", "kms_key_arn": args.kms_key_arn}
                        if args.kms_key_arn is not None else {"encryption_option": "SSE_S3"}
                    ),
                },
            },
            opts=child,
        )

        self.database_arn = self.database.arn
        #: Every table and the view a query of ``events`` touches (Athena checks each).
        self.table_arns = [self.table.arn, self.parquet_table.arn, self.manifests_table.arn, self.view.arn]
        self.workgroup_arn = self.workgroup.arn
        self.database_name = self.database.name
        self.table_name = self.view.name
        self.workgroup_name = self.workgroup.name
        self.register_outputs({
            contract.OUTPUT_GLUE_DATABASE: self.database_name,
            contract.OUTPUT_GLUE_TABLE: self.table_name,
            contract.OUTPUT_ATHENA_WORKGROUP: self.workgroup_name,
        })
