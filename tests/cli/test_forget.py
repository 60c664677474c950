"""droplets forget: erase a session's objects (every version), index items and bad rows; safe twice."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timezone

import boto3
import botocore.client
import botocore.exceptions
import pytest
from botocore.response import StreamingBody
from botocore.stub import Stubber

from droplets import contract
from droplets.erase import SESSION_ID_CHARS, delete_index_items
from droplets.errors import DropletsError
from handlers.consumer import encode
from tests.cli.conftest import assert_one_line_error
from tests.cli.lake import stored_record
from transforms.chain import Bad, build_chain
from transforms.testing import chain, make_record, plugin_manager

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
    assert f"removed 5 object(s) (5 version(s), 0 delete marker(s)), 4 index item(s) and 0 bad row(s) of session {VICTIM}" in result.stdout
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


def test_a_refused_session_id_is_told_the_rule_word_for_word(lake, cli):
    # GIVEN an ID that cannot be a session (too short)  WHEN forget is asked for it
    line = assert_one_line_error(cli("forget", "short", "--yes"))
    # THEN the one-line error states the rule the ID breaks
    assert line == ("droplets: error: 'short' is not a session ID that can be erased "
                    "(8-128 characters of A-Z a-z 0-9 _ -, and not the no-session partition)")


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


def test_index_delete_retries_back_off_exponentially_with_jitter(monkeypatch):
    # GIVEN a table that leaves an item unprocessed three times, and the jitter drawing
    # 0, 1 and 0.5 of its range
    import droplets.erase

    draws = iter([0.0, 1.0, 0.5])
    monkeypatch.setattr(droplets.erase.random, "random", lambda: next(draws))
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    keys = [{contract.INDEX_PK: {"S": VICTIM}, contract.INDEX_SK: {"S": "2026-01-01T00:00:00.000Z#e"}}]
    delete = [{"DeleteRequest": {"Key": keys[0]}}]
    sleeps: list[float] = []
    with Stubber(dynamodb) as stub:
        for _ in range(3):
            stub.add_response("batch_write_item", {"UnprocessedItems": {"t": delete}})
        stub.add_response("batch_write_item", {})
        # WHEN the item is deleted with a first delay of 0.1 s
        assert delete_index_items(dynamodb, "t", keys, base_delay=0.1, sleep=sleeps.append) == 1
        stub.assert_no_pending_responses()
    # THEN each wait doubles the last before jitter, which takes off at most half
    assert sleeps == pytest.approx([0.1 * 0.5, 0.2 * 1.0, 0.4 * 0.75])


def test_items_still_unprocessed_after_all_attempts_fail_clearly():
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    keys = [{contract.INDEX_PK: {"S": VICTIM}, contract.INDEX_SK: {"S": "2026-01-01T00:00:00.000Z#e"}}]
    delete = [{"DeleteRequest": {"Key": keys[0]}}]
    with Stubber(dynamodb) as stub:
        for _ in range(3):
            stub.add_response("batch_write_item", {"UnprocessedItems": {"t": delete}})
        with pytest.raises(DropletsError, match="1 index item\\(s\\) still unprocessed after 3 attempts"):
            delete_index_items(dynamodb, "t", keys, max_attempts=3, sleep=lambda s: None)


def test_by_default_index_deletes_give_up_after_eight_attempts():
    # GIVEN a table that leaves an item unprocessed on every call
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    keys = [{contract.INDEX_PK: {"S": VICTIM}, contract.INDEX_SK: {"S": "2026-01-01T00:00:00.000Z#e"}}]
    delete = [{"DeleteRequest": {"Key": keys[0]}}]
    sleeps: list[float] = []
    with Stubber(dynamodb) as stub:
        for _ in range(8):
            stub.add_response("batch_write_item", {"UnprocessedItems": {"t": delete}})
        # WHEN the items are deleted with forget's defaults
        with pytest.raises(DropletsError, match="1 index item\\(s\\) still unprocessed after 8 attempts"):
            delete_index_items(dynamodb, "t", keys, sleep=sleeps.append)
        # THEN it made eight calls, waiting (0.05 s doubled each time, jitter aside) between them
        stub.assert_no_pending_responses()
    assert sleeps and all(0.05 * 2 ** n / 2 <= wait <= 0.05 * 2 ** n for n, wait in enumerate(sleeps))


def test_object_delete_errors_are_not_reported_as_done():
    from droplets.erase import ObjectVersion, delete_objects

    s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(s3) as stub:
        stub.add_response("delete_objects", {"Errors": [{"Key": "events/k", "Code": "AccessDenied", "Message": "no"}]})
        with pytest.raises(DropletsError, match="could not delete 1 object version\\(s\\), e.g. events/k: AccessDenied"):
            delete_objects(s3, "b", [ObjectVersion("events/k", "v1")])


def test_object_versions_are_deleted_in_batches_of_a_thousand_and_all_counted():
    from droplets.erase import ObjectVersion, delete_objects

    # GIVEN 2,500 object versions (DeleteObjects takes 1,000 at most)
    versions = [ObjectVersion(f"events/k{n}", f"v{n}") for n in range(2500)]
    s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    done = []
    with Stubber(s3) as stub:
        for start, end in ((0, 1000), (1000, 2000), (2000, 2500)):
            stub.add_response("delete_objects", {}, {"Bucket": "b", "Delete": {"Objects": [
                {"Key": v.key, "VersionId": v.version_id} for v in versions[start:end]], "Quiet": True}})
        # WHEN they are deleted
        deleted = delete_objects(s3, "b", versions, on_done=done.append)
        # THEN three calls took them in order, and every version is counted
        stub.assert_no_pending_responses()
    assert deleted == 2500 and done == [1000, 1000, 500]


def test_an_object_delete_error_without_a_message_is_named_by_its_code_alone():
    # GIVEN S3 refusing a delete with an error entry that carries no Message (the API does
    # not promise one)
    from droplets.erase import ObjectVersion, delete_objects

    s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(s3) as stub:
        stub.add_response("delete_objects", {"Errors": [{"Key": "events/k", "VersionId": "v1", "Code": "AccessDenied"}]})
        # WHEN the version is deleted  THEN the error names the key and the code, and no "None"
        with pytest.raises(DropletsError) as error:
            delete_objects(s3, "b", [ObjectVersion("events/k", "v1")])
    assert str(error.value).startswith("could not delete 1 object version(s), e.g. events/k: AccessDenied")
    assert "None" not in str(error.value)


# --- bad rows -------------------------------------------------------------------------------

def _record_payload(session_id: str | None, **fields) -> str:
    """An SQS body that is a record of ``session_id`` but invalid (so it becomes a bad row)."""
    record = make_record(new_event_id=True, session_id=session_id, **fields)
    record["request"]["method"] = 42
    return json.dumps(record)


def add_bad_row(lake, payload: str, received_at: str = "2026-02-01T10:00:00.000Z") -> str:
    """Run ``payload`` through the real chain and store its bad row as the consumer does."""
    result = chain("keys").run(payload, received_at)
    assert isinstance(result, Bad), result
    key, document = result.row(received_at)
    lake.s3.put_object(Bucket=lake.bucket, Key=key, Body=encode(document), ContentType="application/json")
    return key


def _bad_versions(lake) -> dict[str, int]:
    """Bad-row key -> how many versions and delete markers it has left."""
    counts: dict[str, int] = {}
    for key, _ in lake.object_versions():
        if key.startswith(contract.BAD_PREFIX):
            counts[key] = counts.get(key, 0) + 1
    return counts


# payload -> whether forgetting VICTIM erases its bad row
BAD_ROWS = {
    "json session_id": (_record_payload(VICTIM), True),
    "json session_id spelt with a \\u escape": (_record_payload(VICTIM).replace(f'"{VICTIM}"', '"\\u0073' + VICTIM[1:] + '"'), True),
    "json, the session only in a header": (_record_payload(None, request={"headers": {"x-session-id": VICTIM}}), True),
    # (not under `sid`/`session`: those are credentials, redacted before the row is written)
    "not json, mentions the session": (f"garbage <x-session-id: {VICTIM}; theme=dark>", True),
    "json array holding the session": (json.dumps([1, {"sessionId": VICTIM}]), True),
    "json of another session": (_record_payload(KEEP), False),
    "json of a session the victim's ID is a prefix of": (_record_payload(VICTIM + "-2"), False),
    "not json, only longer IDs around the victim's": (f"visit={VICTIM}-2 ref=x{VICTIM} {VICTIM}_b", False),
    "not json, no session": ("{{{ truncated", False),
}


@pytest.fixture
def bad_rows(versioned_lake):
    """One bad row per BAD_ROWS case over two days; the victim's JSON one redelivered (two
    versions), and one more of the victim deleted since (only a version and a delete marker)."""
    lake = versioned_lake
    keys = {}
    for n, (name, (payload, _)) in enumerate(BAD_ROWS.items()):
        keys[name] = add_bad_row(lake, payload, f"2026-0{1 + n % 2}-2{n}T10:00:00.000Z")
    add_bad_row(lake, BAD_ROWS["json session_id"][0], "2026-01-20T10:00:00.000Z")
    keys["deleted, json session_id"] = add_bad_row(lake, _record_payload(VICTIM), "2026-03-01T00:00:00.000Z")
    lake.s3.delete_object(Bucket=lake.bucket, Key=keys["deleted, json session_id"])
    lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    lake.add_event(KEEP, "2026-02-01T09:00:00.000Z")
    return lake, keys


def test_forget_erases_every_version_of_the_bad_rows_that_hold_the_session(bad_rows, cli, api_calls):
    # GIVEN bad rows of the victim (JSON, escaped, in a header, not JSON), of others, and of
    # IDs that merely start or end with the victim's, in a versioned bucket
    lake, keys = bad_rows
    victims = {keys[name] for name, (_, erased) in BAD_ROWS.items() if erased} | {keys["deleted, json session_id"]}
    kept = {keys[name] for name, (_, erased) in BAD_ROWS.items() if not erased}
    before = _bad_versions(lake)
    assert before[keys["json session_id"]] == 2 and before[keys["deleted, json session_id"]] == 2
    api_calls.clear()
    # WHEN the session is forgotten
    result = cli("forget", VICTIM, "--yes", "--json")
    # THEN every version and delete marker of the victim's bad rows is gone, the rest untouched
    assert result.exit_code == 0, result.stderr
    after = _bad_versions(lake)
    assert set(after) == kept, {name: key in after for name, key in keys.items()}
    assert all(after[key] == before[key] for key in kept)
    summary = result.json()
    assert (summary["bad_rows"], summary["bad_row_versions"], summary["bad_row_delete_markers"]) == (6, 7, 1)
    assert sorted(summary["bad_row_keys"]) == sorted(victims)
    assert (summary["objects"], summary["index_items"], summary["removed"]) == (1, 1, True)
    # AND each bad row cost one GET, whatever its number of versions
    assert sum(1 for call in api_calls if call == ("s3", "GetObject")) == len(before)
    # AND running it again finds none
    again = cli("forget", VICTIM, "--yes", "--json").json()
    assert (again["removed"], again["bad_rows"]) == (False, 0)
    assert _bad_versions(lake) == after


def test_a_session_with_only_bad_rows_is_erased_and_the_output_counts_them(lake, cli):
    # GIVEN a session whose every message was rejected: bad rows, no events, no index items
    json_row = add_bad_row(lake, _record_payload(VICTIM))
    text_row = add_bad_row(lake, f"not json {VICTIM}", "2026-04-02T00:00:00.000Z")
    other = add_bad_row(lake, _record_payload(KEEP))
    # WHEN it is forgotten
    result = cli("forget", VICTIM, "--yes")
    # THEN its two bad rows are removed, counted and listed, the other session's is kept
    assert result.exit_code == 0, result.stderr
    assert (f"removed 0 object(s) (0 version(s), 0 delete marker(s)), 0 index item(s) and 2 bad row(s) "
            f"(2 version(s), 0 delete marker(s)) of session {VICTIM}") in result.stdout
    assert json_row in result.stdout and text_row in result.stdout and other not in result.stdout
    assert set(_bad_versions(lake)) == {other}
    # AND a second run erases no bad row and says so
    again = cli("forget", VICTIM, "--yes")
    assert again.exit_code == 0, again.stderr
    assert f"nothing stored for session {VICTIM} (already erased?): 0 objects, 0 index items, 0 bad rows" in again.stdout
    assert set(_bad_versions(lake)) == {other}


def test_a_session_never_compacted_is_said_to_be_in_no_compacted_day(lake, cli):
    # GIVEN a session stored as JSON objects only (no day compacted yet)
    lake.add_event(VICTIM, "2026-02-01T09:00:00.000Z")
    # WHEN a dry run is asked THEN it says there is no compacted day to rewrite
    dry = cli("forget", VICTIM, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "would rewrite no compacted day without the session" in dry.stdout
    # AND once forgotten, a second run says nothing is left, compacted days included
    assert cli("forget", VICTIM, "--yes").exit_code == 0
    again = cli("forget", VICTIM, "--yes")
    assert again.exit_code == 0, again.stderr
    assert (f"nothing stored for session {VICTIM} (already erased?): 0 objects, 0 index items, 0 bad rows, "
            "no compacted day, 0 Athena query result(s) to remove") in " ".join(again.stdout.split())


def test_bad_rows_are_listed_by_dry_run_and_kept_when_declined(lake, cli):
    row = add_bad_row(lake, f"not json {VICTIM}")
    dry = cli("forget", VICTIM, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert row in dry.stdout and "would remove 0 object(s)" in dry.stdout and "and 1 bad row(s)" in dry.stdout
    declined = cli("forget", VICTIM, input="n\n")
    assert declined.exit_code == 1
    assert "and 1 bad row(s)" in declined.stderr
    assert set(_bad_versions(lake)) == {row}


def test_a_bad_row_read_failure_is_one_line_without_the_session_or_payload(lake, cli, monkeypatch):
    # GIVEN a bad row the operator may not read
    add_bad_row(lake, f"card 4111111111111111 {VICTIM}")
    original = botocore.client.BaseClient._make_api_call

    def denied(self, operation, params):
        if operation == "GetObject":
            raise botocore.exceptions.ClientError({"Error": {"Code": "AccessDenied", "Message": "Access Denied"}}, operation)
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", denied)
    # WHEN forget runs, THEN it stops before deleting anything, in one line naming the call
    line = assert_one_line_error(cli("forget", VICTIM, "--yes"), "access denied calling GetObject")
    assert "4111" not in line
    assert set(_bad_versions(lake))


def add_raw_bad_row(lake, payload: str, received_at: str = "2026-02-01T10:00:00.000Z") -> str:
    """Store ``payload``'s bad row as a consumer whose operator opted into raw bad rows does
    (``droplets:badRowPayload raw``): the payload byte for byte as sent, escapes included."""
    result = build_chain(plugin_manager(), "keys", bad_row_payload=contract.BAD_ROW_RAW).run(payload, received_at)
    assert isinstance(result, Bad) and result.payload == payload, result
    key, document = result.row(received_at)
    lake.s3.put_object(Bucket=lake.bucket, Key=key, Body=encode(document), ContentType="application/json")
    return key


def _escaped(session_id: str) -> str:
    """``session_id`` as JSON may spell it: its first letter as a \\u escape."""
    return f"\\u{ord(session_id[0]):04x}{session_id[1:]}"


# payload -> whether forgetting VICTIM erases its (raw) bad row
ESCAPED_BAD_ROWS = {
    "a header, \\u-escaped": ('{"v": 1, "request": {"headers": {"x-session-id": "' + _escaped(VICTIM) + '"}}}', True),
    "a list, \\u-escaped": ('["/cart", "' + _escaped(VICTIM) + '"]', True),
    "a URL, percent-encoded": (json.dumps({"v": 1, "request": {"headers": {
        "referer": f"https://shop.example/login?next=%2Fsessions%2F{VICTIM}%2Fcart"}}}), True),
    "a URL in text that is not JSON": (f"GET /login?next=%2Fsessions%2F{VICTIM}%2Fcart HTTP/1.1", True),
    "a header, a longer ID \\u-escaped": ('{"request": {"headers": {"x-session-id": "' + _escaped(VICTIM + "-2") + '"}}}', False),
    "a list, a longer ID \\u-escaped": ('["' + _escaped(VICTIM) + '-2", "x' + VICTIM + '"]', False),
    "a URL, a longer ID percent-encoded": (f"GET /login?next=%2Fsessions%2F{VICTIM}%2D2%2Fcart", False),
}


def test_forget_finds_a_session_id_escaped_in_a_header_a_url_or_a_list(lake, cli):
    # GIVEN raw bad rows (the operator's opt-in) naming the victim's session only through an
    # escape: a \\u escape in a header and in a list, percent-encoding in a URL; and rows
    # naming, the same ways, a longer ID that merely starts with the victim's
    keys = {name: add_raw_bad_row(lake, payload, f"2026-02-{n + 1:02d}T10:00:00.000Z")
            for n, (name, (payload, _)) in enumerate(ESCAPED_BAD_ROWS.items())}
    assert len(set(keys.values())) == len(keys)
    # WHEN the session is forgotten
    result = cli("forget", VICTIM, "--yes", "--json")
    # THEN exactly the rows that name it are erased
    assert result.exit_code == 0, result.stderr
    erased = {name for name, (_, held) in ESCAPED_BAD_ROWS.items() if held}
    assert sorted(result.json()["bad_row_keys"]) == sorted(keys[name] for name in erased)
    assert set(_bad_versions(lake)) == {keys[name] for name in ESCAPED_BAD_ROWS if name not in erased}


def test_a_bad_row_that_is_not_utf8_is_still_read_and_erased(lake, cli):
    # GIVEN a bad row whose bytes are not UTF-8 (a payload cut inside a character, or a row
    # another tool wrote) that names the victim's session, and one that names another session
    held = f"{contract.BAD_PREFIX}dt=2026-02-01/latin1-victim.json"
    kept = f"{contract.BAD_PREFIX}dt=2026-02-01/latin1-other.json"
    for key, session in ((held, VICTIM), (kept, KEEP)):
        body = b'{"payload": "caf\xe9 \xff", "session_id": "' + session.encode() + b'"}'
        lake.s3.put_object(Bucket=lake.bucket, Key=key, Body=body, ContentType="application/json")
    # WHEN the session is forgotten
    result = cli("forget", VICTIM, "--yes", "--json")
    # THEN the row that names it is found through the undecodable bytes and erased, the other kept
    assert result.exit_code == 0, result.stderr
    assert result.json()["bad_row_keys"] == [held]
    assert set(_bad_versions(lake)) == {kept}


@pytest.mark.parametrize("versioned", [False, True], ids=["unversioned", "versioned"])
def test_a_bad_row_removed_between_the_listing_and_its_read_is_skipped(aws_env, cli, monkeypatch, versioned):
    # GIVEN two bad rows of the victim and one of another session; one of the victim's was
    # written twice (two versions in a versioned bucket)
    from tests.cli.conftest import _lake
    from moto import mock_aws

    with mock_aws():
        lake = _lake(aws_env, versioning=versioned)
        payload = _record_payload(VICTIM, request={"path": "/doomed"})
        doomed = add_bad_row(lake, payload)
        assert add_bad_row(lake, payload) == doomed
        kept = add_bad_row(lake, f"not json {VICTIM}")
        other = add_bad_row(lake, _record_payload(KEEP))
        newest = lake.s3.list_object_versions(Bucket=lake.bucket, Prefix=doomed)["Versions"][0]["VersionId"]
        # AND something (the lifecycle rule, another erase) removing the doomed row's newest
        # version, or the whole row when unversioned, after forget listed it and before it reads it
        original = botocore.client.BaseClient._make_api_call
        reads: list[dict] = []

        def remove_then_read(self, operation, params):
            if operation == "GetObject" and params["Key"] == doomed:
                reads.append(dict(params))
                if len(reads) == 1:
                    removal = {"VersionId": newest} if versioned else {}
                    original(self, "DeleteObject", {"Bucket": lake.bucket, "Key": doomed, **removal})
            return original(self, operation, params)

        monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", remove_then_read)
        # WHEN the session is forgotten
        result = cli("forget", VICTIM, "--yes", "--json")
        # THEN it succeeds: unversioned, the row is gone and not counted; versioned, its older
        # version is read instead, and the row is erased with it
        assert result.exit_code == 0, result.stderr
        summary = result.json()
        if versioned:
            assert [read.get("VersionId") for read in reads] == [newest, reads[1]["VersionId"]]
            assert reads[1]["VersionId"] != newest
            assert sorted(summary["bad_row_keys"]) == sorted([doomed, kept])
        else:
            assert len(reads) == 1
            assert summary["bad_row_keys"] == [kept]
        assert set(_bad_versions(lake)) == {other}


def _stored_bad_row(payload: str, received_at: str = "2026-02-01T10:00:00.000Z") -> tuple[str, bytes]:
    """The key and the stored bytes of ``payload``'s bad row, as the consumer writes them."""
    result = chain("keys").run(payload, received_at)
    assert isinstance(result, Bad), result
    key, document = result.row(received_at)
    return key, encode(document)


def _listed(key: str, version_id: str, *, marker: bool = False) -> dict:
    """One entry of a ListObjectVersions page (a version, or a delete marker)."""
    entry = {"Key": key, "VersionId": version_id, "IsLatest": marker,
             "LastModified": datetime(2026, 2, 1, 10, tzinfo=timezone.utc)}
    return entry if marker else {**entry, "ETag": '"e"', "Size": 10, "StorageClass": "STANDARD"}


def _body(data: bytes) -> StreamingBody:
    return StreamingBody(io.BytesIO(data), len(data))


def test_a_bad_row_whose_delete_marker_ends_a_listing_page_is_read_through_its_version_on_the_next():
    # GIVEN a bad row of the victim whose newest entry is a delete marker, and a listing
    # whose first page (S3 pages at 1,000 entries, versions and markers together) ends on
    # that marker, its readable version opening the next page
    key, data = _stored_bad_row(_record_payload(VICTIM))
    s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(s3) as stub:
        stub.add_response("list_object_versions", {
            "IsTruncated": True, "NextKeyMarker": key, "NextVersionIdMarker": "marker1",
            "DeleteMarkers": [_listed(key, "marker1", marker=True)]}, {"Bucket": "b", "Prefix": contract.BAD_PREFIX})
        stub.add_response("list_object_versions", {"IsTruncated": False, "Versions": [_listed(key, "v1")]},
                          {"Bucket": "b", "Prefix": contract.BAD_PREFIX, "KeyMarker": key, "VersionIdMarker": "marker1"})
        stub.add_response("get_object", {"Body": _body(data)}, {"Bucket": "b", "Key": key, "VersionId": "v1"})
        # WHEN forget looks for the victim's bad rows
        from droplets.erase import find_bad_rows

        found = find_bad_rows(s3, "b", VICTIM, workers=1)
        # THEN the row is found through its version (a marker only hides it), marker and
        # version both listed for deletion
        assert sorted((v.key, v.version_id, v.delete_marker) for v in found) == [(key, "marker1", True), (key, "v1", False)]
        stub.assert_no_pending_responses()


@pytest.mark.parametrize("code", ["NoSuchKey", "NoSuchVersion"])
def test_a_bad_row_version_gone_since_the_listing_is_read_through_the_next(code):
    # GIVEN a bad row of the victim with two versions, the newest of which S3 no longer has
    # when forget reads it (answered 404 with either code GetObject documents)
    key, data = _stored_bad_row(_record_payload(VICTIM))
    s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(s3) as stub:
        stub.add_response("list_object_versions", {"IsTruncated": False, "Versions": [_listed(key, "v2"), _listed(key, "v1")]},
                          {"Bucket": "b", "Prefix": contract.BAD_PREFIX})
        stub.add_client_error("get_object", service_error_code=code, http_status_code=404,
                              expected_params={"Bucket": "b", "Key": key, "VersionId": "v2"})
        stub.add_response("get_object", {"Body": _body(data)}, {"Bucket": "b", "Key": key, "VersionId": "v1"})
        # WHEN forget looks for the victim's bad rows
        from droplets.erase import find_bad_rows

        found = find_bad_rows(s3, "b", VICTIM, workers=1)
        stub.assert_no_pending_responses()
    # THEN the older version is read and the row found, both versions listed for deletion
    assert sorted(v.version_id for v in found) == ["v1", "v2"]


def test_a_bad_row_gone_since_the_listing_does_not_stop_the_look_at_the_next():
    # GIVEN two bad rows listed: first (an earlier day) one removed (lifecycle, another
    # erase) before forget reads it, then the victim's
    gone, _ = _stored_bad_row(_record_payload(KEEP), "2026-01-31T10:00:00.000Z")
    key, data = _stored_bad_row(_record_payload(VICTIM), "2026-02-01T10:00:00.000Z")
    assert gone < key
    s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(s3) as stub:
        stub.add_response("list_object_versions", {"IsTruncated": False, "Versions": [_listed(gone, "v1"), _listed(key, "v1")]},
                          {"Bucket": "b", "Prefix": contract.BAD_PREFIX})
        stub.add_client_error("get_object", service_error_code="NoSuchVersion", http_status_code=404,
                              expected_params={"Bucket": "b", "Key": gone, "VersionId": "v1"})
        stub.add_response("get_object", {"Body": _body(data)}, {"Bucket": "b", "Key": key, "VersionId": "v1"})
        # WHEN forget looks for the victim's bad rows
        from droplets.erase import find_bad_rows

        found = find_bad_rows(s3, "b", VICTIM, workers=1)
        # THEN the look goes on past the missing row, and finds the victim's
        assert [v.key for v in found] == [key]
        stub.assert_no_pending_responses()


def test_session_id_characters_are_the_contracts():
    # The whole-token match is bounded by exactly the characters a session ID may hold.
    inside = {c for c in map(chr, range(32, 127)) if re.fullmatch(f"[{SESSION_ID_CHARS}]", c)}
    assert inside == {c for c in map(chr, range(32, 127)) if contract.SESSION_ID_RE.fullmatch(c * 8)}


def test_help_says_bad_rows_are_scanned_at_one_get_each(cli):
    result = cli("forget", "--help")
    assert result.exit_code == 0
    assert "bad/" in result.stdout and "one GET per bad row" in " ".join(result.stdout.split())


def test_a_second_look_reads_only_new_bad_rows_and_reports_its_progress(versioned_lake):
    # GIVEN four bad rows: one of the victim already known to hold it (two versions), one
    # already read and known not to, and two new ones, of the victim and of another session
    from droplets.erase import ObjectVersion, delete_objects, find_bad_rows

    lake = versioned_lake
    redelivered = _record_payload(VICTIM, request={"path": "/held"})
    held = add_bad_row(lake, redelivered)
    assert add_bad_row(lake, redelivered) == held
    skipped = add_bad_row(lake, _record_payload(KEEP, request={"path": "/skipped"}))
    new = add_bad_row(lake, f"not json {VICTIM}")
    other = add_bad_row(lake, _record_payload(KEEP, request={"path": "/other"}))
    listed, progress, read = [], [], set()
    # WHEN the bad rows are looked through again, knowing what the first look found
    found = find_bad_rows(lake.s3, lake.bucket, VICTIM, workers=2, on_listed=listed.append, on_read=progress.append,
                          skip={skipped}, held={held}, read=read)
    # THEN the known row comes back with its two versions unread, the new row of the victim
    # is found; only the two new rows were listed to read, each read once and noted
    assert sorted(v.key for v in found) == sorted([held, held, new])
    assert all(not v.delete_marker and v.version_id for v in found)
    assert (listed, progress, read) == ([2], [1, 1], {new, other})
    # AND deleting what was found reports each batch's count as it goes
    done: list[int] = []
    assert delete_objects(lake.s3, lake.bucket, found, on_done=done.append) == 3
    assert done == [3]
    assert set(_bad_versions(lake)) == {skipped, other}
    assert delete_objects(lake.s3, lake.bucket, [], on_done=done.append) == 0 and done == [3]
    assert delete_objects(lake.s3, lake.bucket, [ObjectVersion(other, None)]) == 1
