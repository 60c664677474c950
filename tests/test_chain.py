"""Chain semantics: order from config, drop, bad rows naming the step, unknown names."""

import json
from datetime import datetime, timezone

import pluggy
import pytest

from droplets import contract
from transforms import PROJECT_NAME, ConfigError, hookimpl, hookspecs
from transforms.chain import Bad, Dropped, Stored, build_chain
from transforms.testing import chain, make_record, plugin_manager, run_chain, stored


class Recorder:
    """A plugin whose transforms note the order they ran in."""

    def __init__(self):
        self.calls = []

    @hookimpl
    def droplets_transforms(self):
        def make(name):
            def factory(options):
                def step(record):
                    self.calls.append(name)
                    record.setdefault("enrichment", {})[name] = options.get("value", True)
                    return record

                return step

            return factory

        return {"first": make("first"), "second": make("second")}


class Troublemaker:
    @hookimpl
    def droplets_transforms(self):
        def boom(options):
            def step(record):
                raise RuntimeError("geo database missing")

            return step

        def drop_health(options):
            return lambda record: None if record["request"]["path"] == "/health" else record

        def not_a_record(options):
            return lambda record: "oops"

        def picky(options):
            if "level" not in options:
                raise ConfigError("option 'level' is required")
            return lambda record: record

        def bad_key(options):
            def step(record):
                record["pipeline"]["key"] = "events/" + record["request"]["path"]
                return record

            return step

        return {"boom": boom, "drop_health": drop_health, "not_a_record": not_a_record, "picky": picky, "bad_key": bad_key}


def test_order_comes_from_config_not_registration():
    # GIVEN a plugin offering "first" and "second"
    recorder = Recorder()
    # WHEN the chain is configured as second, first
    result = run_chain(make_record(), ["second", "first"], plugins=[recorder])
    # THEN they ran in the configured order, and the record says which ran
    assert recorder.calls == ["second", "first"]
    assert isinstance(result, Stored)
    assert result.record["pipeline"]["transforms"] == ["second", "first"]


def test_options_reach_the_factory():
    result = run_chain(make_record(), ["first"], {"first": {"value": 7}}, plugins=[Recorder()])
    assert result.record["enrichment"]["first"] == 7


def test_default_chain_is_pii_enrich_keys():
    assert chain().names == ["pii", "enrich", "keys"]
    assert chain("").names == ["pii", "enrich", "keys"]


def test_default_chain_stores_under_the_default_key():
    record = make_record()
    result = run_chain(record, "keys")
    assert isinstance(result, Stored)
    assert result.key == contract.object_key(record)
    assert result.record["pipeline"]["key"] == result.key


def test_without_a_key_step_the_default_key_is_used():
    record = make_record()
    result = run_chain(record, ["first"], plugins=[Recorder()])
    assert result.key == contract.object_key(record)


def test_a_transform_can_drop_a_record():
    result = run_chain(make_record(request={"path": "/health"}), ["drop_health", "keys"], plugins=[Troublemaker()])
    assert result == Dropped("drop_health", "00000000-0000-4000-8000-000000000000")
    assert result.to_line() == {"dropped_by": "drop_health", "event_id": "00000000-0000-4000-8000-000000000000"}


def test_an_exception_becomes_a_bad_row_naming_the_transform_and_the_batch_goes_on():
    # GIVEN a chain with a transform that raises
    built = chain(["first", "boom", "keys"], plugins=[Recorder(), Troublemaker()])
    payloads = [json.dumps(make_record(new_event_id=True)) for _ in range(3)]
    # WHEN a batch runs
    results = [built.run(p) for p in payloads]
    # THEN each record is a bad row naming the step, with the payload kept, scrubbed by
    # pii's defaults (the chain has no pii): the client IP truncated, the rest as sent
    assert all(isinstance(r, Bad) and r.step == "boom" for r in results)
    assert results[0].error == "RuntimeError: geo database missing"
    expected = json.loads(payloads[0])
    expected["request"]["ip"] = "203.0.113.0"
    assert json.loads(results[0].payload) == expected


def test_raw_bad_rows_keep_the_payload_as_sent():
    # GIVEN a chain whose operator opted into raw bad rows, and a transform that raises
    built = build_chain(plugin_manager([Recorder(), Troublemaker()]), ["first", "boom"], bad_row_payload="raw")
    payload = json.dumps(make_record(new_event_id=True, request={"body": {"email": "ann@example.com"}}))
    # WHEN a record runs  THEN its bad row holds the payload byte for byte
    result = built.run(payload)
    assert isinstance(result, Bad) and result.payload == payload


def test_a_transform_returning_garbage_is_a_bad_row():
    result = run_chain(make_record(), ["not_a_record"], plugins=[Troublemaker()])
    assert isinstance(result, Bad) and result.step == "not_a_record"


def test_a_key_outside_the_safe_alphabet_is_a_bad_row_naming_the_transform():
    # GIVEN a plugin that puts the raw path in the key  WHEN the path is hostile
    result = run_chain(make_record(request={"path": "../../etc passwd"}), ["bad_key", "enrich"], plugins=[Troublemaker()])
    # THEN nothing is written under that key, and the bad row names the transform that chose it
    assert isinstance(result, Bad) and result.step == "bad_key"
    assert "pipeline.key outside the allowed form" in result.error


class Rewriter:
    """A plugin whose one transform, ``rewrite``, applies the change its options name."""

    @hookimpl
    def droplets_transforms(self):
        def rewrite(options):
            def step(record):
                if options.get("key") is not None:
                    record["pipeline"]["key"] = options["key"]
                for field, value in options.get("set", {}).items():
                    record[field] = value
                for field in options.get("remove", []):
                    del record[field]
                return record

            return step

        def unkey(options):
            def step(record):
                if options["how"] == "remove":
                    del record["pipeline"]["key"]
                else:
                    record["pipeline"]["key"] = None
                return record

            return step

        return {"rewrite": rewrite, "unkey": unkey}


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"set": {"event_id": "11111111-1111-4111-8111-111111111111"}}, "'event_id'"),
        ({"set": {"session_id": "someone-else-42"}}, "'session_id'"),
        ({"set": {"session_id": None}}, "'session_id'"),
        ({"set": {"occurred_at": "2026-11-26T03:41:05.482Z"}}, "'occurred_at'"),
        ({"set": {"duration_ms": 0}}, "'duration_ms'"),
        ({"set": {"duration_ms": "12.4"}}, "'duration_ms'"),  # the same number, as text
        ({"remove": ["event_id"]}, "removed 'event_id'"),
        ({"set": {"pipeline": None}}, "'pipeline'"),
        ({"key": "events//x.json"}, "pipeline.key"),
        ({"key": "events/dt=2026-11-26//x.json"}, "pipeline.key"),
        ({"key": "events/x/"}, "pipeline.key"),
        ({"key": "events/./x.json"}, "pipeline.key"),
        ({"key": "bad/x.json"}, "pipeline.key"),
        ({"key": "events/a b.json"}, "pipeline.key"),
        ({"key": 42}, "pipeline.key"),
    ],
)
def test_a_transform_breaking_the_contract_makes_a_bad_row_naming_it(options, named):
    # GIVEN a chain where a plugin's transform runs between built-ins
    record = make_record(session_id="sess_12345678")
    # WHEN the transform changes what the contract says it never changes, or sets a key
    # outside the allowed form
    result = run_chain(record, ["pii", "rewrite", "enrich", "keys"], {"rewrite": options}, plugins=[Rewriter()])
    # THEN the record is a bad row naming that transform and what it broke (not stored,
    # not blamed on a later step)
    assert isinstance(result, Bad), result
    assert result.step == "rewrite"
    assert named in result.error
    # AND the bad row still holds the session the producer sent (forget finds it)
    assert json.loads(result.payload)["session_id"] == "sess_12345678"


def test_a_transform_replacing_pipeline_is_told_word_for_word_how_to_choose_a_key():
    # GIVEN a plugin's transform that replaces the chain's own `pipeline` field
    # WHEN a record runs through it
    result = run_chain(make_record(), ["rewrite"], {"rewrite": {"set": {"pipeline": "mine"}}},
                       plugins=[Rewriter()])
    # THEN its bad row says what it broke and what to do instead, in these words
    assert isinstance(result, Bad) and result.step == "rewrite"
    assert result.error == ("transform broke the record contract: it replaced 'pipeline', the chain's own field "
                            "(set pipeline.key to choose the key)")


def test_a_transform_may_set_an_allowed_key_and_a_later_one_may_not_break_it():
    # GIVEN a plugin choosing a key of the allowed form
    chosen = "events/tenant=acme/dt=2026-11-26/x.json"
    # WHEN it runs alone, and then followed by `keys`, which sets the default key
    alone = run_chain(make_record(), ["rewrite"], {"rewrite": {"key": chosen}}, plugins=[Rewriter()])
    # THEN the chosen key is used; a later transform choosing another (valid) key wins
    assert stored(alone).key == chosen
    overwritten = run_chain(make_record(), ["rewrite", "keys"], {"rewrite": {"key": chosen}}, plugins=[Rewriter()])
    assert stored(overwritten).key.startswith("events/dt=2026-11-26/")


@pytest.mark.parametrize("how", ["remove", "none"])
def test_a_transform_removing_the_key_an_earlier_one_chose_goes_back_to_the_default_key(how):
    # GIVEN a plugin choosing a key of the allowed form, then one that removes pipeline.key
    # (or sets it to None)
    record = make_record()
    chosen = "events/tenant=acme/dt=2026-11-26/x.json"
    # WHEN a record runs through both
    result = run_chain(record, ["rewrite", "unkey"], {"rewrite": {"key": chosen}, "unkey": {"how": how}},
                       plugins=[Rewriter()])
    # THEN it is stored, under the default key as if no key had been chosen (the record as
    # stored names no key, so it must not sit under the earlier choice), not made a bad row
    assert stored(result).key == contract.object_key(record)
    assert result.record["pipeline"].get("key") is None


def test_a_transform_returning_a_new_record_that_keeps_the_contract_is_stored():
    class Copier:
        @hookimpl
        def droplets_transforms(self):
            return {"copy": lambda options: (lambda record: json.loads(json.dumps(record)) | {"extra": {"a": 1}})}

    result = stored(run_chain(make_record(), ["copy", "keys"], plugins=[Copier()]))
    assert result.record["extra"] == {"a": 1}


@pytest.mark.parametrize(
    ("payload", "step", "needle"),
    [
        ("{not json", "parse", "not JSON"),
        ("", "parse", "not JSON"),
        ('"a string"', "validate", "(record)"),
        ('{"v": 1}', "validate", "event_id"),
    ],
)
def test_malformed_messages_are_bad_rows(payload, step, needle):
    result = chain("keys").run(payload)
    assert isinstance(result, Bad)
    assert result.step == step and needle in result.error
    assert result.payload == payload
    key, row = result.row("2026-11-26T10:00:00.000Z")
    assert key.startswith("bad/dt=2026-11-26/")
    assert row["bad"] == {"step": step, "error": result.error} and row["payload"] == payload


def test_unknown_transform_name_lists_the_known_ones():
    with pytest.raises(ConfigError) as info:
        chain(["pii", "geo"])
    message = str(info.value)
    assert "'geo'" in message
    for known in ("enrich", "keys", "pii"):
        assert known in message


def test_factory_config_error_names_the_transform():
    with pytest.raises(ConfigError, match="transform 'picky': option 'level' is required"):
        chain(["picky"], plugins=[Troublemaker()])


def test_options_for_a_transform_not_in_the_chain_are_an_error():
    with pytest.raises(ConfigError, match="piii"):
        chain(["pii"], {"piii": {"mode": "hash"}})


def test_duplicate_names_across_plugins_are_an_error():
    class Impostor:
        @hookimpl
        def droplets_transforms(self):
            return {"keys": lambda options: (lambda r: r)}

    with pytest.raises(ConfigError, match="offered by two plugins"):
        chain(["keys"], plugins=[Impostor()])


def test_plugin_module_named_in_config_is_registered():
    pm = plugin_manager(modules=["tests.plugins.shout"])
    assert pm.has_plugin("tests.plugins.shout")


def test_plugin_module_that_does_not_exist_is_a_config_error():
    with pytest.raises(ConfigError, match="no_such_module"):
        plugin_manager(modules=["no_such_module"])


def test_invalid_session_id_is_normalized_before_transforms_run():
    seen = {}

    class Spy:
        @hookimpl
        def droplets_transforms(self):
            def factory(options):
                def step(record):
                    seen.update(sid=record["session_id"], flag=record.get("session_invalid"))
                    return record

                return step

            return {"spy": factory}

    result = run_chain(make_record(session_id="../../etc"), ["spy", "keys"], plugins=[Spy()])
    assert seen == {"sid": None, "flag": True}
    assert "/_nosession/" in result.key


# --- configuration errors name exactly what is wrong ---------------------------------------


def bare_plugin_manager(**plugins: object) -> pluggy.PluginManager:
    """A plugin manager holding only ``plugins`` (registered under the given names): no
    built-ins or entry points, so an error can be compared whole."""
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for name, plugin in plugins.items():
        pm.register(plugin, name=name)
    return pm


@pytest.mark.parametrize(
    "names, options, message",
    [
        (["geo", "first", "zip"], None, "unknown transform(s) 'geo', 'zip'; known transforms: bad_key, boom, "
                                        "drop_health, first, not_a_record, picky, second"),
        (["second", "first", "second", "first", "boom"], None, "transform(s) listed twice: first, second"),
        (["first", "second"], {"firsst": {}, "boom": {}}, "options given for transform(s) not in the chain: "
                                                          "boom, firsst (chain: first, second)"),
        (["first", "second"], {"second": ["value", 7]}, "options for transform 'second' must be an object, got list"),
        (["picky"], {"picky": {}}, "transform 'picky': option 'level' is required"),
    ],
    ids=["unknown", "listed-twice", "stray-options", "options-not-an-object", "factory-rejects"],
)
def test_a_bad_chain_configuration_is_one_error_naming_what_is_wrong(names, options, message):
    # GIVEN plugins offering first, second and the troublemakers' transforms
    pm = bare_plugin_manager(recorder=Recorder(), troublemaker=Troublemaker())
    # WHEN a chain is built from a configuration with one mistake
    with pytest.raises(ConfigError) as error:
        build_chain(pm, names, options)
    # THEN the error says exactly which names are at fault, and nothing else
    assert str(error.value) == message


def test_a_transform_offered_by_two_plugins_names_both():
    # GIVEN two plugins that both offer "first"
    pm = bare_plugin_manager(recorder=Recorder(), copycat=Recorder())
    # WHEN any chain is built  THEN the error names the transform and both plugins
    with pytest.raises(ConfigError) as error:
        build_chain(pm, ["second"])
    assert str(error.value) == "transform 'first' is offered by two plugins: 'recorder' and 'copycat'"


def test_empty_options_for_a_transform_in_the_chain_are_no_options():
    # GIVEN options that list a transform of the chain with null or an empty object
    chained = build_chain(bare_plugin_manager(recorder=Recorder()), "first, second", {"first": None, "second": {}})
    # WHEN a record runs  THEN both ran with their defaults, in the configured order
    result = chained.run_record(make_record())
    assert chained.names == ["first", "second"]
    assert result.record["enrichment"] == {"first": True, "second": True}


@pytest.mark.parametrize("mode", ["verbatim", "", None])
def test_an_unknown_bad_row_payload_mode_is_refused(mode):
    # GIVEN a bad-row payload mode that is neither "scrubbed" nor "raw"
    # WHEN a chain is built with it  THEN it is refused, naming the modes it accepts
    with pytest.raises(ConfigError) as error:
        build_chain(bare_plugin_manager(recorder=Recorder()), ["first"], bad_row_payload=mode)
    assert str(error.value) == f"bad row payload must be one of scrubbed, raw, got {mode!r}"


# --- raw bad rows and records handed over already parsed ---------------------------------------


@pytest.mark.parametrize(
    "payload, step, error",
    [
        ("{not json ann@example.com", "parse", "not JSON: Expecting property name enclosed in double quotes: "
                                              "line 1 column 2 (char 1)"),
        ("[" * 100_000, "parse", "not JSON: nested too deeply"),
        ('{"v": 1, "email": "ann@example.com"}', "validate", None),
        (None, "boom", "RuntimeError: geo database missing"),
    ],
    ids=["not-json", "too-deep", "invalid", "transform-raised"],
)
def test_a_raw_bad_row_is_the_step_the_error_and_the_payload_as_sent(payload, step, error):
    # GIVEN a chain whose operator opted into raw bad rows, and a message each step rejects
    built = build_chain(plugin_manager([Troublemaker()]), ["boom"], bad_row_payload="raw")
    payload = payload or json.dumps(make_record(new_event_id=True, request={"body": {"email": "ann@example.com"}}))
    # WHEN it runs
    result = built.run(payload)
    # THEN its bad row names the step and the error, and keeps the payload byte for byte
    assert isinstance(result, Bad)
    assert (result.step, result.payload) == (step, payload)
    if error is None:
        assert result.error.startswith("invalid record: ")
    else:
        assert result.error == error


def test_an_invalid_credential_header_is_named_whole_in_the_bad_row_and_its_value_is_gone():
    # GIVEN a record whose authorization header is an object, which the contract refuses
    record = make_record(new_event_id=True)
    record["request"]["headers"]["authorization"] = {"scheme": "Bearer", "token": "tok_8f7d6a5s4d3f2g1h"}
    # WHEN the chain runs it
    result = build_chain(plugin_manager([]), []).run(json.dumps(record))
    # THEN the error names the field and what is wrong, scrubbed but not mangled (the field's
    # path and the message are no "authorization: <value>" line), and the token is gone
    assert isinstance(result, Bad)
    assert result.error == "invalid record: request.headers.authorization: must be string or array or null"
    assert "tok_8f7d6a5s4d3f2g1h" not in result.payload


def test_a_record_given_parsed_is_kept_in_a_bad_row_as_json_of_what_it_held():
    # GIVEN a record handed over already parsed (the plugin test kit's way), holding text
    # outside ASCII and a value JSON has no type for
    record = make_record(request={"route": "/caf\u00e9s/:id"})
    record["request"]["body"] = {"when": datetime(2026, 1, 2, tzinfo=timezone.utc), "city": "K\u00f6ln"}
    # WHEN a transform fails on it, raw bad rows asked for
    result = build_chain(plugin_manager([Troublemaker()]), ["boom"], bad_row_payload="raw").run_record(record)
    # THEN the bad row holds it as JSON, the text as it is and the value as its text
    assert isinstance(result, Bad) and result.step == "boom"
    assert "/caf\u00e9s/:id" in result.payload and "K\u00f6ln" in result.payload
    assert json.loads(result.payload)["request"]["body"] == {"when": "2026-01-02 00:00:00+00:00", "city": "K\u00f6ln"}


def test_bytes_are_read_as_utf8_with_replacement():
    # GIVEN a record as UTF-8 bytes (and as a bytearray), and a message that is not UTF-8
    record = make_record(new_event_id=True, request={"route": "/caf\u00e9s/:id"})
    body = json.dumps(record, ensure_ascii=False).encode("utf-8")
    built = chain("keys")
    # WHEN they run
    # (one received_at for both: left out, it is the clock's, which moves between the runs)
    received_at = "2026-11-26T03:41:06.000Z"
    stored, stored_again = built.run(body, received_at), built.run(bytearray(body), received_at)
    bad = built.run(b"\xff{not json")
    # THEN the record is stored as text, whatever held its bytes...
    assert isinstance(stored, Stored) and stored.record["request"]["route"] == "/caf\u00e9s/:id"
    assert stored_again == stored
    # ...and the other is a bad row of the parse step, the byte it could not decode replaced
    assert isinstance(bad, Bad) and bad.step == "parse" and bad.payload == "\ufffd{not json"
