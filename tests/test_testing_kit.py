"""``transforms.testing``: the helpers plugin authors test with must themselves be right."""

from __future__ import annotations

import copy
import uuid

import pytest

from droplets import contract
from transforms import hookimpl
from transforms.chain import Bad, Dropped, Stored
from transforms.testing import chain, make_record, plugin_manager, run_chain, run_transform, stored


class Tagger:
    """A plugin offering ``tag`` (adds an enrichment field), ``drop`` and ``explode``."""

    @hookimpl
    def droplets_transforms(self):
        def tag(options):
            def step(record):
                record.setdefault("enrichment", {})["tag"] = options.get("value", "tagged")
                return record

            return step

        def explode(options):
            def step(record):
                raise LookupError("no such customer")

            return step

        return {"tag": tag, "drop": lambda options: lambda record: None, "explode": explode}


# --- make_record ---------------------------------------------------------------------------


def test_make_record_is_a_valid_record():
    assert contract.validate(make_record())


def test_overrides_merge_into_nested_objects_and_replace_everything_else():
    # WHEN nested and top-level fields are overridden
    record = make_record(request={"path": "/x", "query": {"a": "1"}}, session_id=None, response={"status": 418})
    # THEN nested objects are merged (other request fields stay), scalars replaced
    assert record["request"]["path"] == "/x"
    assert record["request"]["method"] == "GET"
    assert record["request"]["query"] == {"a": "1"}
    assert record["session_id"] is None
    assert record["response"]["status"] == 418
    assert record["response"]["headers"] == {"content-type": "application/json"}


def test_an_empty_object_override_replaces_instead_of_merging():
    assert make_record(request={"headers": {}})["request"]["headers"] == {}


def test_records_share_nothing():
    # GIVEN two records and an override object
    override = {"body": {"items": [1, 2]}}
    first, second = make_record(request=override), make_record(request=override)
    # WHEN one is changed deep down
    first["request"]["body"]["items"].append(3)
    first["request"]["headers"]["x"] = "y"
    # THEN neither the other record, the override nor the next record changed
    assert second["request"]["body"]["items"] == [1, 2]
    assert override == {"body": {"items": [1, 2]}}
    assert "x" not in make_record()["request"]["headers"]


def test_new_event_id_gives_each_record_its_own_valid_id():
    ids = {make_record(new_event_id=True)["event_id"] for _ in range(5)}
    assert len(ids) == 5
    assert all(uuid.UUID(i).version == 4 for i in ids)
    assert make_record(new_event_id=True, event_id="11111111-1111-4111-8111-111111111111")["event_id"].startswith("1111")


def test_an_invalid_override_fails_at_once_naming_the_field():
    with pytest.raises(contract.RecordError) as info:
        make_record(request={"method": "get"})
    assert info.value.field == "request.method"


# --- plugin_manager and chain --------------------------------------------------------------------


def test_each_plugin_manager_is_fresh():
    # GIVEN a plugin registered in one manager
    tagger = Tagger()
    with_plugin = plugin_manager([tagger])
    # THEN the next manager knows nothing of it, but has the built-ins
    fresh = plugin_manager()
    assert with_plugin is not fresh
    assert with_plugin.is_registered(tagger)
    assert not fresh.is_registered(tagger)
    assert fresh.has_plugin("transforms.builtin.pii")


def test_plugin_manager_registers_modules_by_name():
    assert plugin_manager(modules=["tests.plugins.shout"]).has_plugin("tests.plugins.shout")


def test_chain_defaults_to_the_default_chain_and_takes_options():
    assert chain().names == list(contract.DEFAULT_TRANSFORMS)
    built = chain(["tag"], {"tag": {"value": 7}}, plugins=[Tagger()])
    assert stored(built.run_record(make_record())).record["enrichment"]["tag"] == 7


# --- run_chain and run_transform --------------------------------------------------------------


def test_run_chain_returns_each_outcome_and_leaves_the_input_alone():
    record = make_record()
    before = copy.deepcopy(record)
    plugins = [Tagger()]
    assert isinstance(run_chain(record, ["tag", "keys"], plugins=plugins), Stored)
    assert run_chain(record, ["tag", "drop"], plugins=plugins) == Dropped("drop", record["event_id"])
    bad = run_chain(record, ["explode"], plugins=plugins)
    assert isinstance(bad, Bad) and (bad.step, bad.error) == ("explode", "LookupError: no such customer")
    assert record == before


def test_run_transform_prepares_the_record_like_the_chain():
    # GIVEN a record with an invalid session ID
    record = make_record(session_id="bad id!")
    # WHEN one transform runs
    out = run_transform("tag", record, {"value": "x"}, plugins=[Tagger()])
    # THEN it saw a normalized record with its pipeline field, and only it ran
    assert out["session_id"] is None and out["session_invalid"] is True
    assert out["pipeline"]["transforms"] == ["tag"]
    assert out["pipeline"]["received_at"]
    assert out["enrichment"] == {"tag": "x"}
    assert record["session_id"] == "bad id!"  # the caller's record is untouched


def test_run_transform_returns_none_for_a_drop_and_lets_exceptions_through():
    assert run_transform("drop", make_record(), plugins=[Tagger()]) is None
    with pytest.raises(LookupError, match="no such customer"):
        run_transform("explode", make_record(), plugins=[Tagger()])


def test_run_transform_rejects_an_invalid_record_as_the_consumer_would():
    record = make_record()
    record["duration_ms"] = "slow"
    with pytest.raises(contract.RecordError) as info:
        run_transform("keys", record)
    assert info.value.field == "duration_ms"


def test_stored_unwraps_a_stored_result_and_explains_anything_else():
    result = run_chain(make_record())
    assert stored(result) is result
    with pytest.raises(AssertionError, match="expected the record to be stored, got Dropped"):
        stored(Dropped("drop", None))
