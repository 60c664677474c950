"""Build a lake for the CLI tests (and the query benchmark): the bucket, the index table
with its by-day GSI, and stored events written exactly as the pipeline writes them
(the record after the chain under its contract key, and its ``contract.index_item``)."""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterable

from droplets import contract
from tests.lake_tables import create_index_table
from transforms.testing import make_record

BUCKET = "droplets-lake-test"
TABLE = "droplets-index-test"
REGION = "eu-west-1"


def create_bucket(s3, bucket: str = BUCKET, region: str = REGION, versioning: bool = False) -> None:
    kwargs: dict[str, Any] = {"Bucket": bucket}
    if region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**kwargs)
    if versioning:
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})


def create_table(dynamodb, table: str = TABLE) -> None:
    create_index_table(dynamodb, table)


def stored_record(
    session_id: str | None,
    occurred_at: str,
    *,
    route: str = "/courses/:id",
    method: str = "GET",
    status: int = 200,
    duration_ms: float = 12.5,
    event_id: str | None = None,
) -> dict[str, Any]:
    """A record as the consumer stores it: valid v1, plus ``pipeline`` and ``enrichment``."""
    record = make_record(
        event_id=event_id or str(uuid.uuid4()),
        session_id=session_id,
        occurred_at=occurred_at,
        duration_ms=duration_ms,
        request={"method": method, "route": route, "path": route.replace(":id", "42")},
        response={"status": status},
    )
    record["pipeline"] = {"received_at": occurred_at, "transforms": ["pii", "enrich", "keys"]}
    record["enrichment"] = {"ua": {"browser": "Chrome", "os": "Linux"}, "route": route}
    return record


def _serialize(item: dict[str, Any]) -> dict[str, Any]:
    from boto3.dynamodb.types import TypeSerializer

    serializer = TypeSerializer()
    return {k: serializer.serialize(v) for k, v in item.items()}


@dataclass
class Lake:
    s3: Any
    dynamodb: Any
    bucket: str = BUCKET
    table: str = TABLE
    records: dict[str, dict] = field(default_factory=dict)  # s3 key -> record
    #: The by-day GSI's shard count items are written with (registered first, as the indexer does).
    shards: int = contract.DEFAULT_INDEX_SHARDS
    _registered: set[int] = field(default_factory=set)

    def put_object(self, record: dict[str, Any], key: str | None = None) -> str:
        key = key or contract.object_key(record)
        body = json.dumps(record).encode("utf-8")
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType="application/json")
        self.records[key] = copy.deepcopy(record)
        return key

    def item(self, record: dict[str, Any], key: str) -> dict[str, Any]:
        return contract.index_item(record, key, len(json.dumps(record).encode("utf-8")), shards=self.shards)

    def register_shards(self, shards: int) -> None:
        """Add ``shards`` to the GSI's layout item, as the indexer does at cold start."""
        self.dynamodb.update_item(TableName=self.table, Key=contract.layout_key(), **contract.register_shards(shards))
        self._registered.add(shards)

    def index(self, records_and_keys: Iterable[tuple[dict, str]], *, unsharded: bool = False) -> None:
        """Index items through BatchWriteItem (25 at a time, from this thread only: moto can
        lose items written to one partition by several threads). ``unsharded``: as the
        indexer wrote them before the GSI was sharded (``day`` = the day alone)."""
        if not unsharded and self.shards not in self._registered:
            self.register_shards(self.shards)
        items = [self.item(r, k) for r, k in records_and_keys]
        if unsharded:
            for item in items:
                item[contract.DAY_INDEX_PK] = contract.day_of_partition(item[contract.DAY_INDEX_PK])
        requests = [{"PutRequest": {"Item": _serialize(item)}} for item in items]
        for start in range(0, len(requests), 25):
            pending = {self.table: requests[start:start + 25]}
            while pending:
                pending = self.dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}

    def add(self, record: dict[str, Any], *, key: str | None = None, indexed: bool = True) -> str:
        key = self.put_object(record, key)
        if indexed:
            self.index([(record, key)])
        return key

    def add_event(self, session_id: str | None, occurred_at: str, *, indexed: bool = True, key: str | None = None,
                  **fields: Any) -> dict[str, Any]:
        record = stored_record(session_id, occurred_at, **fields)
        self.add(record, key=key, indexed=indexed)
        return record

    def put_object_in_moto(self, record: dict[str, Any]) -> str:
        """:meth:`put_object` straight into in-process moto's S3 backend (``mock_aws``): the
        same key and body, listed and read back through the S3 API like any other object,
        without the ~5 ms of request emulation a PutObject costs. For set-ups of hundreds of
        objects or over a listing page (1,000 keys); the code under test still calls the API."""
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.s3.models import s3_backends

        key = contract.object_key(record)
        s3_backends[DEFAULT_ACCOUNT_ID]["aws"].put_object(self.bucket, key, json.dumps(record).encode("utf-8"))
        self.records[key] = copy.deepcopy(record)
        return key

    def add_many(self, records: Iterable[dict[str, Any]], *, unsharded: bool = False, in_moto: bool = False) -> list[str]:
        """Store ``records`` and index them; ``in_moto``: store them with :meth:`put_object_in_moto`."""
        put = self.put_object_in_moto if in_moto else self.put_object
        pairs = [(r, put(r)) for r in records]
        self.index(pairs, unsharded=unsharded)
        return [k for _, k in pairs]

    def index_count(self) -> int:
        """The index items (the GSI's layout item is not one)."""
        pages = self.dynamodb.get_paginator("scan").paginate(
            TableName=self.table, Select="COUNT", FilterExpression="#pk <> :layout",
            ExpressionAttributeNames={"#pk": contract.INDEX_PK},
            ExpressionAttributeValues={":layout": {"S": contract.LAYOUT_PARTITION}})
        return sum(p["Count"] for p in pages)

    def object_versions(self) -> list[tuple[str, str]]:
        out = []
        for page in self.s3.get_paginator("list_object_versions").paginate(Bucket=self.bucket):
            out += [(v["Key"], v["VersionId"]) for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
        return out
