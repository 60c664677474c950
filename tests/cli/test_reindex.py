"""droplets reindex: backfill missing index items from a bucket listing, idempotently."""

from __future__ import annotations

import json

from boto3.dynamodb.types import TypeDeserializer

from droplets import contract
from tests.cli.conftest import assert_one_line_error
from tests.cli.lake import stored_record


def _items(lake) -> dict[tuple[str, str], dict]:
    deserializer = TypeDeserializer()
    out = {}
    for page in lake.dynamodb.get_paginator("scan").paginate(TableName=lake.table):
        for raw in page["Items"]:
            item = {k: deserializer.deserialize(v) for k, v in raw.items()}
            if item[contract.INDEX_PK] != contract.LAYOUT_PARTITION:  # not an index item
                out[(item[contract.INDEX_PK], item[contract.INDEX_SK])] = item
    return out


def _delete_items(lake, keys) -> None:
    requests = [{"DeleteRequest": {"Key": {contract.INDEX_PK: {"S": pk}, contract.INDEX_SK: {"S": sk}}}} for pk, sk in keys]
    for start in range(0, len(requests), 25):  # BatchWriteItem's limit
        pending = {lake.table: requests[start:start + 25]}
        while pending:
            pending = lake.dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}


def test_reindex_restores_deleted_items_exactly_and_is_idempotent(lake, cli):
    # GIVEN 1,150 stored events (over two listing pages), all indexed
    records = [
        stored_record(f"sess-reidx-{i % 13:04d}", f"2026-02-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00.{i % 1000:03d}Z")
        for i in range(1150)
    ]
    keys = lake.add_many(records, in_moto=True)
    # (the items the pipeline wrote, as a scan would give them back)
    original = {(item[contract.INDEX_PK], item[contract.INDEX_SK]): item for item in map(lake.item, records, keys)}
    # AND 300 of their index items deleted
    deleted = list(original)[::3][:300]
    _delete_items(lake, deleted)
    assert lake.index_count() == 850
    # WHEN reindex runs
    result = cli("reindex", "--json")
    # THEN exactly the missing items are added back, identical to what the pipeline wrote
    assert result.exit_code == 0, result.stderr
    assert result.json() == {"listed": 1150, "added": 300, "present": 850, "moved": 0, "skipped": 0,
                             "shards": lake.shards, "last_day": "2026-02-28", "skipped_examples": []}
    assert _items(lake) == original
    # AND a second run adds nothing
    again = cli("reindex")
    assert again.exit_code == 0, again.stderr
    assert ("listed 1,150 objects: added 0 index items, 1,150 already present (0 moved to their shard of 4), "
            "0 skipped") in again.stdout


def test_reindex_skips_bad_rows_and_non_records_and_indexes_custom_keys(lake, cli):
    lake.add_event("sess-reidx-good1", "2026-02-10T10:00:00.000Z", indexed=False)
    custom = stored_record("sess-reidx-cust1", "2026-02-10T11:00:00.000Z", route="/custom")
    lake.add(custom, key="events/custom/tenant-a/" + custom["event_id"] + ".json", indexed=False)
    lake.s3.put_object(Bucket=lake.bucket, Key="bad/dt=2026-02-10/" + "ab" * 32 + ".json", Body=b'{"error": "x"}')
    lake.s3.put_object(Bucket=lake.bucket, Key="events/dt=2026-02-10/README.txt", Body=b"not a record")
    lake.s3.put_object(Bucket=lake.bucket, Key="events/dt=2026-02-10/broken.json", Body=json.dumps({"v": 1}).encode())
    result = cli("reindex", "--prefix", "", "--json")
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert (summary["listed"], summary["added"], summary["present"], summary["skipped"]) == (5, 2, 0, 3)
    reasons = {e["key"]: e["reason"] for e in summary["skipped_examples"]}
    assert reasons["events/dt=2026-02-10/README.txt"] == "not a stored record"
    assert reasons["events/dt=2026-02-10/broken.json"] == "not a stored record"
    assert next(r for k, r in reasons.items() if k.startswith("bad/")) == "not under events/"
    routes = sorted(i.get("route") for i in _items(lake).values())
    assert routes == ["/courses/:id", "/custom"]
    # the custom key is found again by the session journey
    journey = cli("session", "sess-reidx-cust1", "--json").json_lines()
    assert journey[0]["s3_key"].startswith("events/custom/tenant-a/")


def test_since_and_prefix_limit_the_listing(lake, cli, api_calls):
    for day in ("2026-02-26", "2026-02-27", "2026-02-28", "2026-03-01"):
        lake.add_event("sess-reidx-days", f"{day}T12:00:00.000Z", indexed=False)
    api_calls.clear()
    result = cli("reindex", "--since", "2026-02-28", "--json")
    assert result.json()["listed"] == 2 and result.json()["added"] == 2
    assert api_calls.count(("s3", "GetObject")) == 2
    result = cli("reindex", "--prefix", "events/dt=2026-02-26/", "--json")
    assert (result.json()["listed"], result.json()["added"]) == (1, 1)
    assert sorted(e["occurred_at"][:10] for e in cli("session", "sess-reidx-days", "--json").json_lines()) == [
        "2026-02-26", "2026-02-28", "2026-03-01"]


def test_present_items_are_not_read_from_s3_or_overwritten(lake, cli, api_calls):
    record = lake.add_event("sess-reidx-keep1", "2026-02-10T10:00:00.000Z")
    key = contract.object_key(record)
    # an item the indexer updated later (e.g. with its S3 sequencer) must be left alone
    lake.dynamodb.update_item(
        TableName=lake.table,
        Key={contract.INDEX_PK: {"S": "sess-reidx-keep1"}, contract.INDEX_SK: {"S": contract.index_sort_key(record["occurred_at"], record["event_id"])}},
        UpdateExpression="SET #seq = :seq", ExpressionAttributeNames={"#seq": contract.INDEX_SEQUENCER},
        ExpressionAttributeValues={":seq": {"S": "0" * 31 + "9"}},
    )
    api_calls.clear()
    assert cli("reindex", "--json").json()["present"] == 1
    assert ("s3", "GetObject") not in api_calls and ("dynamodb", "PutItem") not in api_calls
    assert next(iter(_items(lake).values()))[contract.INDEX_SEQUENCER] == "0" * 31 + "9"
    assert key in lake.records


def test_retention_sets_the_ttl_like_the_indexer(lake, cli, aws_env):
    record = lake.add_event("sess-reidx-ttl01", "2026-02-10T10:00:00.000Z", indexed=False)
    aws_env.setenv(contract.ENV_RETENTION_DAYS, "30")
    assert cli("reindex", "--json").json()["added"] == 1
    item = next(iter(_items(lake).values()))
    expected = contract.index_item(record, contract.object_key(record), 1, retention_days=30, shards=1)[contract.TTL_ATTRIBUTE]
    assert item[contract.TTL_ATTRIBUTE] == expected
    assert_one_line_error(cli("reindex", "--retention-days", "soon"), "retention must be a whole number of days")


def test_missing_bucket_is_a_one_line_error(lake, cli):
    assert_one_line_error(cli("reindex", "--bucket", "no-such-bucket-here"), "bucket 'no-such-bucket-here' not found")
