"""droplets forget: erase a session's objects (every version) and index items; safe twice."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber

from droplets import contract
from droplets.erase import delete_index_items
from droplets.errors import DropletsError
from tests.cli.conftest import assert_one_line_error
from tests.cli.lake import stored_record

VICTIM = "sess-forget-me01"
KEEP = "sess-keep-me-001"


@pytest.fixture
def two_sessions(lake):
    """The victim's events over a month end, one written but not yet indexed, one under a
    custom key; and another session's events on the same days."""
    for at in ("2026-01-31T23:59:00.000Z", "2026-02-01T00:01:00.000Z", "2026-02-01T09:00:00.000Z"):
        lake.add_event(VICTIM, at)
        lake.add_event(KEEP, at)
    lake.add_event(VICTIM, "2026-02-02T10:00:00.000Z", indexed=False)
    custom = stored_record(VICTIM, "2026-02-03T10:00:00.000Z")
    lake.add(custom, key=f"events/custom/{custom['event_id']}.json")
    # a longer session ID sharing the victim's prefix must not be touched
    lake.add_event(VICTIM + "-2", "2026-02-01T00:02:00.000Z")
    return lake


def _keys(lake, session: str) -> list[str]:
    return [k for k, r in lake.records.items() if r["session_id"] == session]


def _remaining_keys(lake) -> set[str]:
    return {key for key, _ in lake.object_versions()}


def test_forget_removes_objects_and_index_items_and_is_safe_twice(two_sessions, cli):
    lake = two_sessions
    victim_keys = set(_keys(lake, VICTIM))
    assert len(victim_keys) == 5
    # WHEN the session is forgotten
    result = cli("forget", VICTIM, "--yes")
    # THEN every object of it is gone, including the unindexed one and the custom key
    assert result.exit_code == 0, result.stderr
    assert _remaining_keys(lake) & victim_keys == set()
    assert f"removed 5 object(s) (5 version(s), 0 delete marker(s)) and 4 index item(s) of session {VICTIM}" in result.stdout
    for key in victim_keys:
        assert key in result.stdout
    # AND its journey is unknown; the other sessions are untouched
    assert_one_line_error(cli("session", VICTIM), "unknown session")
    assert len(cli("session", KEEP, "--json").json_lines()) == 3
    assert len(cli("session", VICTIM + "-2", "--json").json_lines()) == 1
    assert _remaining_keys(lake) == set(_keys(lake, KEEP)) | set(_keys(lake, VICTIM + "-2"))
    # AND running it again is fine and says there was nothing left
    again = cli("forget", VICTIM, "--yes")
    assert again.exit_code == 0, again.stderr
    assert "nothing stored for session" in again.stdout
    assert cli("forget", VICTIM, "--yes", "--json").json()["removed"] is False


def test_forget_with_versioning_removes_every_version_and_delete_marker(versioned_lake, cli):
    lake = versioned_lake
    record = lake.add_event(VICTIM, "2026-02-28T23:00:00.000Z")
    key = contract.object_key(record)
    lake.put_object(record)  # a second version of the same object (a redelivery)
    lake.add_event(VICTIM, "2026-03-01T01:00:00.000Z")
    deleted = lake.add_event(VICTIM, "2026-03-01T02:00:00.000Z")
    lake.s3.delete_object(Bucket=lake.bucket, Key=contract.object_key(deleted))  # only versions + a marker left
    lake.add_event(KEEP, "2026-03-01T01:00:00.000Z")
    before = lake.object_versions()
    assert sum(1 for k, _ in before if k == key) == 2
    result = cli("forget", VICTIM, "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert (summary["objects"], summary["versions"], summary["delete_markers"], summary["index_items"]) == (3, 4, 1, 3)
    remaining = lake.object_versions()
    assert {k for k, _ in remaining} == {contract.object_key(r) for r in lake.records.values() if r["session_id"] == KEEP}
    assert cli("forget", VICTIM, "--yes", "--json").json()["removed"] is False


def test_forget_asks_first_and_keeps_everything_when_declined(two_sessions, cli):
    lake = two_sessions
    before = lake.object_versions()
    declined = cli("forget", VICTIM, input="n\n")
    assert declined.exit_code == 1
    assert "Erase session sess-forget-me01: 5 object(s)" in declined.stderr
    assert "not confirmed: nothing was removed" in declined.stderr
    assert lake.object_versions() == before
    # no answer at all (a script without --yes) is a no too
    assert cli("forget", VICTIM, input="").exit_code == 1
    assert lake.object_versions() == before
    accepted = cli("forget", VICTIM, input="y\n")
    assert accepted.exit_code == 0, accepted.stderr
    assert "removed 5 object(s)" in accepted.stdout
    assert _remaining_keys(lake) & set(_keys(lake, VICTIM)) == set()


def test_dry_run_lists_without_removing(two_sessions, cli):
    before = two_sessions.object_versions()
    result = cli("forget", VICTIM, "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    assert sorted(result.json()["keys"]) == sorted(_keys(two_sessions, VICTIM))
    assert two_sessions.object_versions() == before


@pytest.mark.parametrize("bad", ["short", "../../x/y/zzzz", contract.NO_SESSION, "a" * 129])
def test_only_valid_session_ids_can_be_erased(lake, cli, api_calls, bad):
    api_calls.clear()
    assert_one_line_error(cli("forget", bad, "--yes"), "is not a session ID that can be erased")
    assert api_calls == []


def test_unprocessed_index_deletes_are_retried_with_backoff():
    # GIVEN a throttled table that leaves items unprocessed twice (moto never does this)
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    keys = [{contract.INDEX_PK: {"S": VICTIM}, contract.INDEX_SK: {"S": f"2026-01-01T00:00:{i:02d}.000Z#e{i}"}} for i in range(30)]
    delete = [{"DeleteRequest": {"Key": k}} for k in keys]
    with Stubber(dynamodb) as stub:
        stub.add_response("batch_write_item", {"UnprocessedItems": {"t": delete[20:25]}}, {"RequestItems": {"t": delete[:25]}})
        stub.add_response("batch_write_item", {"UnprocessedItems": {"t": delete[23:25]}}, {"RequestItems": {"t": delete[20:25]}})
        stub.add_response("batch_write_item", {"UnprocessedItems": {}}, {"RequestItems": {"t": delete[23:25]}})
        stub.add_response("batch_write_item", {}, {"RequestItems": {"t": delete[25:]}})
        sleeps: list[float] = []
        done: list[int] = []
        # WHEN the session's items are deleted
        assert delete_index_items(dynamodb, "t", keys, sleep=sleeps.append, on_done=done.append) == 30
        stub.assert_no_pending_responses()
    # THEN each retry waited longer than the last, and every item was counted once
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0] > 0
    assert done == [20, 3, 2, 5]


def test_items_still_unprocessed_after_all_attempts_fail_clearly():
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    keys = [{contract.INDEX_PK: {"S": VICTIM}, contract.INDEX_SK: {"S": "2026-01-01T00:00:00.000Z#e"}}]
    delete = [{"DeleteRequest": {"Key": keys[0]}}]
    with Stubber(dynamodb) as stub:
        for _ in range(3):
            stub.add_response("batch_write_item", {"UnprocessedItems": {"t": delete}})
        with pytest.raises(DropletsError, match="1 index item\\(s\\) still unprocessed after 3 attempts"):
            delete_index_items(dynamodb, "t", keys, max_attempts=3, sleep=lambda s: None)


def test_object_delete_errors_are_not_reported_as_done():
    from droplets.erase import ObjectVersion, delete_objects

    s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(s3) as stub:
        stub.add_response("delete_objects", {"Errors": [{"Key": "events/k", "Code": "AccessDenied", "Message": "no"}]})
        with pytest.raises(DropletsError, match="could not delete 1 object version\\(s\\), e.g. events/k: AccessDenied"):
            delete_objects(s3, "b", [ObjectVersion("events/k", "v1")])
