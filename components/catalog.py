"""SQL over the lake at any size: a Glue table over ``events/`` and an Athena workgroup."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

import pulumi
import pulumi_aws as aws

from droplets import contract

TABLE_NAME = "events"
#: The Hive-style day partition of the default key layout (``events/dt=<day>/...``,
#: :func:`droplets.contract.object_key`).
PARTITION = "dt"
JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe"
#: Hive's syntax for the contract's column types (:mod:`droplets.contract.columns`). A
#: timestamp is kept as text: the JSON SerDe reads ISO-8601 with ``Z`` only as a string
#: (which sorts and compares as time, being UTC). JSON is the value's JSON text.
HIVE = contract.Dialect(
    scalars={"int": "int", "bigint": "bigint", "double": "double", "boolean": "boolean",
             "string": "string", "timestamp": "string", "json": "string"},
    struct="struct<{}>", field="{name}:{type}", separator=",", list_of="array<{}>",
)


def hive_type(schema: Mapping[str, Any]) -> str:
    """The Athena column type of a JSON Schema node. Free-form objects (query, headers,
    bodies) and arrays become ``string``: the JSON text, queried with ``json_extract``."""
    return HIVE.render(contract.column_type(schema))


def event_columns() -> list[dict[str, str]]:
    """The events table's columns: the stored record's (the record schema's fields, then
    what the pipeline adds), as ``droplets sql`` has them too."""
    return [{"name": name, "type": HIVE.render(column)} for name, column in contract.stored_columns()]


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
    #: With a customer-managed key, query results are written with it (SSE-KMS) as well.
    kms_key_arn: pulumi.Input[str] | None = None


class Catalog(pulumi.ComponentResource):
    """Partition projection on ``dt`` (no crawler, no ``MSCK REPAIR``): Athena computes the
    day partitions from the retention window; queries filtering on ``dt`` read only those days."""

    database: aws.glue.CatalogDatabase
    table: aws.glue.CatalogTable
    workgroup: aws.athena.Workgroup

    def __init__(self, name: str, args: CatalogArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("droplets:index:Catalog", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        events_location = pulumi.Output.concat("s3://", args.bucket_name, "/", contract.EVENTS_PREFIX)

        self.database = aws.glue.CatalogDatabase(f"{name}-database", name=glue_name(args.database_name), opts=child)
        self.table = aws.glue.CatalogTable(
            f"{name}-table",
            database_name=self.database.name,
            name=TABLE_NAME,
            table_type="EXTERNAL_TABLE",
            parameters={
                "classification": "json",
                "EXTERNAL": "TRUE",
                "projection.enabled": "true",
                f"projection.{PARTITION}.type": "date",
                f"projection.{PARTITION}.format": "yyyy-MM-dd",
                # Nothing older than the retention exists; a day ahead for clock skew.
                f"projection.{PARTITION}.range": f"NOW-{args.retention_days}DAYS,NOW+1DAYS",
                f"projection.{PARTITION}.interval": "1",
                f"projection.{PARTITION}.interval.unit": "DAYS",
                "storage.location.template": pulumi.Output.concat(events_location, f"{PARTITION}=${{{PARTITION}}}/"),
            },
            partition_keys=[{"name": PARTITION, "type": "string"}],
            storage_descriptor={
                "location": events_location,
                "input_format": "org.apache.hadoop.mapred.TextInputFormat",
                "output_format": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                "ser_de_info": {
                    "serialization_library": JSON_SERDE,
                    # A stray non-JSON object must not fail every query over its day.
                    "parameters": {"ignore.malformed.json": "true"},
                },
                "columns": event_columns(),
            },
            opts=child,
        )
        self.workgroup = aws.athena.Workgroup(
            f"{name}-workgroup",
            name=args.workgroup_name,
            force_destroy=args.force_destroy,
            configuration={
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
        self.table_arn = self.table.arn
        self.workgroup_arn = self.workgroup.arn
        self.database_name = self.database.name
        self.table_name = self.table.name
        self.workgroup_name = self.workgroup.name
        self.register_outputs({
            contract.OUTPUT_GLUE_DATABASE: self.database_name,
            contract.OUTPUT_GLUE_TABLE: self.table_name,
            contract.OUTPUT_ATHENA_WORKGROUP: self.workgroup_name,
        })
