"""The shared contract: record validation, the session-ID rule, keys, index items."""

import json
from decimal import Decimal

import pytest

from droplets import contract
from transforms.testing import make_record


def test_valid_record_passes_validation():
    # GIVEN the canonical record  WHEN validated  THEN it is returned unchanged
    record = make_record()
    assert contract.validate(record) is record


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda r: r.pop("event_id"), "event_id"),
        (lambda r: r.update(event_id="not-a-uuid"), "event_id"),
        (lambda r: r.update(v=2), "v"),
        (lambda r: r.update(occurred_at="2026-11-26 03:41:05"), "occurred_at"),
        (lambda r: r.update(duration_ms="fast"), "duration_ms"),
        (lambda r: r["request"].update(method="get"), "request.method"),
        (lambda r: r["request"].pop("path"), "request.path"),
        (lambda r: r["response"].update(status="200"), "response.status"),
        (lambda r: r.update(request=[]), "request"),
    ],
)
def test_invalid_record_error_names_the_field(change, field):
    # GIVEN a record broken in one field
    record = make_record()
    change(record)
    # WHEN validated  THEN the error names that field
    with pytest.raises(contract.RecordError) as info:
        contract.validate(record)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")


def test_non_object_payload_is_rejected():
    with pytest.raises(contract.RecordError):
        contract.validate(["a", "list"])


@pytest.mark.parametrize(
    "sid",
    ["../../etc/passwd", "a" * 10_000, "sessión-ünicode", "", "short", "has space 12345", "_nosession", "a/b/c/d/e/f/g"],
)
def test_hostile_session_ids_become_null_and_flagged(sid):
    # GIVEN a record whose session ID breaks the rule
    record = make_record(session_id=sid)
    # WHEN normalized  THEN the ID is gone and the record says so
    contract.normalize(record)
    assert record["session_id"] is None
    assert record["session_invalid"] is True
    # AND the key falls back to the no-session partition
    assert "/_nosession/" in contract.object_key(record)


def test_valid_session_id_is_kept():
    record = contract.normalize(make_record(session_id="b9c3e7a2-1f4d-4c6e-9a8b-0d2e4f6a8c1e"))
    assert record["session_id"] == "b9c3e7a2-1f4d-4c6e-9a8b-0d2e4f6a8c1e"
    assert "session_invalid" not in record


def test_default_key_layout_matches_design():
    record = make_record(session_id="sess_12345678")
    key = contract.object_key(record)
    assert key == (
        "events/dt=2026-11-26/sess_12345678/2026-11-26T03:41:05.481Z_00000000-0000-4000-8000-000000000000.json"
    )
    assert contract.parse_event_key(key) == {
        "day": "2026-11-26",
        "session": "sess_12345678",
        "occurred_at": "2026-11-26T03:41:05.481Z",
        "event_id": "00000000-0000-4000-8000-000000000000",
    }
    assert contract.is_safe_key(key)


@pytest.mark.parametrize(
    "key", ["bad/x.json", "events/../bad/x.json", "events/a b.json", "events/é.json", "", None, "events/" + "a" * 2000,
            "events/", "events", "events//x.json", "events/dt=2026-11-26//x.json", "events/x/", "events/./x.json",
            "events/x/.", "/events/x.json", "events\nx", "events/x.json\n"]
)
def test_unsafe_keys_are_refused(key):
    assert not contract.is_safe_key(key)


@pytest.mark.parametrize("key", ["events/x.json", "events/tenant=a/dt=2026-11-26/x.y.json", "events/a/.hidden", "events/" + "a" * 1017])
def test_keys_of_the_allowed_form_are_accepted(key):
    assert contract.is_safe_key(key)


def test_bad_key_is_deterministic_per_payload_and_day():
    a = contract.bad_key("{oops", "2026-11-26T10:00:00.000Z")
    assert a == contract.bad_key("{oops", "2026-11-26T23:59:59.999Z")
    assert a != contract.bad_key("{oops!", "2026-11-26T10:00:00.000Z")
    assert a.startswith("bad/dt=2026-11-26/")


def test_index_item_shape():
    # GIVEN a stored record whose route came from enrichment
    record = make_record(session_id=None, request={"route": None}, enrichment={"route": "/courses/:id"})
    # WHEN its index item is built with a retention
    item = contract.index_item(record, "events/k.json", 512, retention_days=30, shards=4)
    # THEN the keys and report fields follow docs/architecture.md
    assert item["session_id"] == contract.NO_SESSION
    assert item["sk"] == "2026-11-26T03:41:05.481Z#00000000-0000-4000-8000-000000000000"
    assert item["day"] == "2026-11-26#" + str(contract.day_shard(record["event_id"], 4))
    assert item["occurred_at"] == "2026-11-26T03:41:05.481Z"
    assert item["route"] == "/courses/:id"
    assert (item["method"], item["status"], item["size"]) == ("GET", 200, 512)
    assert item["duration_ms"] == Decimal("12.4")
    assert item["expires_at"] == int(contract.parse_time("2026-12-26T03:41:05.481Z").timestamp())


def test_time_format_round_trips():
    text = "2026-02-28T23:59:59.999Z"
    assert contract.format_time(contract.parse_time(text)) == text


@pytest.mark.parametrize(("value", "days"), [(None, None), ("", None), ("  ", None), ("30", 30), (400, 400)])
def test_retention_days_parse(value, days):
    assert contract.parse_retention_days(value) == days


@pytest.mark.parametrize("value", ["0", "-3", "soon", "1.5"])
def test_retention_days_reject_non_positive_or_non_integer(value):
    with pytest.raises(ValueError, match="whole number of days >= 1"):
        contract.parse_retention_days(value)


def test_index_key_of_a_default_layout_key_and_of_a_custom_one():
    record = make_record(session_id="sess_12345678")
    key = contract.object_key(record)
    assert contract.index_key_of(key) == (
        "sess_12345678", "2026-11-26T03:41:05.481Z#00000000-0000-4000-8000-000000000000"
    )
    assert contract.index_key_of("events/custom/layout.json") is None


def test_stored_index_item_reads_an_object_and_refuses_what_is_not_a_record():
    record = make_record()
    item = contract.stored_index_item(json.dumps(record).encode(), "events/k.json", 99, shards=3)
    assert item == contract.index_item(record, "events/k.json", 99, shards=3)
    for data in (b"not json", b"[]", b'{"occurred_at": "yesterday", "event_id": "x"}', b'{"occurred_at": "2026-11-26T03:41:05.481Z"}'):
        with pytest.raises(contract.RecordError, match="not a stored record"):
            contract.stored_index_item(data, "events/k.json", 1, shards=1)


# --- the Lambda environment -----------------------------------------------------------------


def test_consumer_env_round_trips_through_its_variables():
    # GIVEN a consumer's configuration with every variable set
    env = contract.ConsumerEnv(
        bucket="lake", table="index", transforms=("pii", "keys"), transform_options={"pii": {"mode": "hash"}, "keys": {}},
        plugin_modules=("my.plugin", "other.plugin"), pii_key_param="/droplets/dev/pii-hash-key",
    )
    # WHEN it is encoded as the Pulumi program configures it
    variables = env.to_env()
    # THEN each variable has its documented encoding, and decoding gives the same configuration
    assert variables == {
        contract.ENV_BUCKET: "lake", contract.ENV_TABLE: "index", contract.ENV_TRANSFORMS: "pii,keys",
        contract.ENV_TRANSFORM_CONFIG: '{"keys":{},"pii":{"mode":"hash"}}',
        contract.ENV_PLUGIN_MODULES: "my.plugin,other.plugin", contract.ENV_PII_KEY_PARAM: "/droplets/dev/pii-hash-key",
    }
    assert contract.ConsumerEnv.from_env(variables) == env
    assert set(variables) <= set(contract.VARIABLES)


def test_unset_variables_are_left_out_and_read_back_as_the_defaults():
    # GIVEN only the required variables
    env = contract.ConsumerEnv(bucket="lake", table="index")
    # THEN the chain and its (empty) options are still written, nothing else
    assert env.to_env() == {contract.ENV_BUCKET: "lake", contract.ENV_TABLE: "index",
                            contract.ENV_TRANSFORMS: ",".join(contract.DEFAULT_TRANSFORMS), contract.ENV_TRANSFORM_CONFIG: "{}"}
    # AND blank values decode to the defaults, a comma list is trimmed
    decoded = contract.ConsumerEnv.from_env({contract.ENV_BUCKET: " lake ", contract.ENV_TABLE: "index",
                                             contract.ENV_TRANSFORMS: " , ", contract.ENV_PLUGIN_MODULES: " a.b , ,c ",
                                             contract.ENV_PII_KEY_PARAM: "  "})
    assert decoded == contract.ConsumerEnv(bucket="lake", table="index", plugin_modules=("a.b", "c"))
    assert contract.IndexerEnv.from_env({contract.ENV_TABLE: "index"}) == contract.IndexerEnv(
        table="index", retention_days=None, index_shards=contract.DEFAULT_INDEX_SHARDS)
    # the shard count is always written: the deployed configuration says where items go
    assert contract.IndexerEnv(table="index", retention_days=30).to_env() == {
        contract.ENV_TABLE: "index", contract.ENV_RETENTION_DAYS: "30", contract.ENV_INDEX_SHARDS: str(contract.DEFAULT_INDEX_SHARDS)}


@pytest.mark.parametrize(("spec", "variables", "variable"), [
    (contract.ConsumerEnv, {contract.ENV_TABLE: "index"}, contract.ENV_BUCKET),
    (contract.ConsumerEnv, {contract.ENV_BUCKET: "lake", contract.ENV_TABLE: "  "}, contract.ENV_TABLE),
    (contract.ConsumerEnv, {contract.ENV_BUCKET: "lake", contract.ENV_TABLE: "index", contract.ENV_TRANSFORM_CONFIG: "{nope"}, contract.ENV_TRANSFORM_CONFIG),
    (contract.ConsumerEnv, {contract.ENV_BUCKET: "lake", contract.ENV_TABLE: "index", contract.ENV_TRANSFORM_CONFIG: "[]"}, contract.ENV_TRANSFORM_CONFIG),
    (contract.IndexerEnv, {contract.ENV_TABLE: "index", contract.ENV_RETENTION_DAYS: "-1"}, contract.ENV_RETENTION_DAYS),
])
def test_a_bad_variable_is_an_error_naming_it(spec, variables, variable):
    with pytest.raises(contract.EnvError) as info:
        spec.from_env(variables)
    assert info.value.variable == variable and variable in str(info.value)


def test_lists_of_names_read_the_same_from_text_or_a_list():
    assert contract.split_names("pii, enrich,,keys ") == contract.split_names([" pii", "enrich", "", "keys"]) == ("pii", "enrich", "keys")
    assert contract.split_names(contract.join_names(contract.DEFAULT_TRANSFORMS)) == contract.DEFAULT_TRANSFORMS


# --- the local stack's state file -----------------------------------------------------------


def test_local_state_file_round_trips(tmp_path):
    # GIVEN the state of a local stack
    state = contract.LocalState({contract.OUTPUT_BUCKET: "lake", contract.OUTPUT_QUEUE_URL: "http://q"},
                                endpoint="http://127.0.0.1:4566", region="eu-west-1", stack="dev")
    # WHEN it is written where the CLI looks for it
    path = state.write(tmp_path / contract.LOCAL_STATE_FILE)
    # THEN reading it gives it back, and nothing is left half-written
    assert path == tmp_path / ".droplets" / "local.json"
    assert contract.LocalState.from_json(path.read_text()) == state
    assert list(path.parent.iterdir()) == [path]


@pytest.mark.parametrize("text", ["[]", '{"endpoint": "x"}', '{"outputs": []}', '{"outputs": {}, "region": 5}'])
def test_a_file_that_is_not_a_local_state_is_refused(text):
    with pytest.raises(ValueError):
        contract.LocalState.from_json(text)



def test_the_bad_row_payload_is_written_only_when_the_operator_opted_in():
    # GIVEN the consumer's environment as the pipeline and the preview's size check build it
    scrubbed = contract.ConsumerEnv(bucket="lake", table="index", bad_row_payload=contract.BAD_ROW_SCRUBBED)
    raw = contract.ConsumerEnv(bucket="lake", table="index", bad_row_payload=contract.BAD_ROW_RAW)
    # THEN scrubbed, the default, is not written; raw is, and both read back as they mean
    assert contract.ENV_BAD_ROW_PAYLOAD not in scrubbed.to_env()
    assert raw.to_env()[contract.ENV_BAD_ROW_PAYLOAD] == contract.BAD_ROW_RAW
    assert contract.ConsumerEnv.from_env(scrubbed.to_env()).bad_row_payload is None
    assert contract.ConsumerEnv.from_env(raw.to_env()).bad_row_payload == contract.BAD_ROW_RAW
