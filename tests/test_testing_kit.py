"""``transforms.testing``: the helpers plugin authors test with must themselves be right."""

from __future__ import annotations

import copy
import re
import uuid
from pathlib import Path

import pytest

from droplets import contract
from transforms import ConfigError, hookimpl
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


# --- what the kit exports ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
_IMPORT_RE = re.compile(r"from transforms\.testing import \(?([\w\s,]+?)\)?\s*$", re.M)


def _documented_imports() -> dict[str, set[str]]:
    """Every name a ``from transforms.testing import ...`` line imports, in the manual's pages,
    the example plugin and the kit's own docstring: what a plugin author copies."""
    import transforms.testing as kit

    sources = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
               for pattern in ("README.md", "docs/*.md", "examples/**/*.py", "examples/**/*.md")
               for path in ROOT.glob(pattern)}
    sources["transforms/testing.py (docstring)"] = kit.__doc__
    found = {}
    for where, text in sources.items():
        for match in _IMPORT_RE.finditer(text):
            found.setdefault(where, set()).update(n.strip() for n in match.group(1).split(",") if n.strip())
    return found


def test_every_name_the_docs_import_from_the_kit_is_exported():
    # GIVEN every `from transforms.testing import ...` a reader may copy
    documented = _documented_imports()
    assert "README.md" in documented or any(w.startswith("docs/") for w in documented), documented
    import transforms.testing as kit

    # THEN each name is exported by the kit (in __all__) and importable
    for where, names in documented.items():
        missing = sorted(n for n in names if n not in kit.__all__ or not hasattr(kit, n))
        assert not missing, f"{where} imports {missing} from transforms.testing, which does not export them"


def test_the_kit_exports_the_results_and_the_option_helper_of_the_chain():
    import transforms
    import transforms.chain
    from transforms.testing import Bad, ConfigError, Dropped, Result, Stored, reject_unknown_options

    # The very classes the chain returns (isinstance works on what run_chain gives back)
    assert (Bad, Dropped, Stored, Result) == (transforms.chain.Bad, transforms.chain.Dropped,
                                              transforms.chain.Stored, transforms.chain.Result)
    assert ConfigError is transforms.ConfigError and reject_unknown_options is transforms.reject_unknown_options
    # AND every name in __all__ exists
    import transforms.testing as kit

    assert all(hasattr(kit, name) for name in kit.__all__)


def test_a_plugin_test_written_with_one_import_line_works():
    # GIVEN a plugin whose factory rejects unknown options with the kit's helper
    from transforms.testing import Bad, ConfigError, Dropped, Stored, make_record, reject_unknown_options, run_chain

    class Geo:
        @hookimpl
        def droplets_transforms(self):
            def make_geo(options):
                reject_unknown_options(options, ("country",))

                def geo(record):
                    if record["request"]["path"] == "/internal":
                        return None
                    if record["request"]["ip"] is None:
                        raise LookupError("no IP to locate")
                    record.setdefault("enrichment", {})["country"] = options.get("country", "FR")
                    return record

                return geo

            return {"geo": make_geo}

    # WHEN the chain runs records the plugin stores, drops and cannot handle
    kept = run_chain(make_record(), ["pii", "geo", "keys"], {"geo": {"country": "DE"}}, plugins=[Geo()])
    dropped = run_chain(make_record(request={"path": "/internal"}), ["geo"], plugins=[Geo()])
    bad = run_chain(make_record(request={"ip": None}), ["geo"], plugins=[Geo()])
    # THEN each outcome is one of the kit's result classes
    assert isinstance(kept, Stored) and kept.record["enrichment"]["country"] == "DE"
    assert isinstance(dropped, Dropped) and dropped.step == "geo"
    assert isinstance(bad, Bad) and bad.step == "geo" and "no IP to locate" in bad.error
    # AND a misspelt option fails building the chain, naming it and the option meant
    with pytest.raises(ConfigError, match=r"transform 'geo': unknown option 'contry' \(did you mean 'country'\?\)"):
        run_chain(make_record(), ["geo"], {"geo": {"contry": "DE"}}, plugins=[Geo()])


# --- reject_unknown_options -----------------------------------------------------------------------


def test_reject_unknown_options_accepts_known_and_absent_options():
    from transforms import reject_unknown_options

    assert reject_unknown_options({}, ("a", "b")) is None
    assert reject_unknown_options({"a": 1}, ("a", "b")) is None
    assert reject_unknown_options({}, ()) is None


@pytest.mark.parametrize(
    ("options", "known", "message"),
    [
        ({"path": ["/x"]}, ("paths", "methods"), "unknown option 'path' (did you mean 'paths'?); known: paths, methods"),
        ({"zzz": 1, "methds": []}, ("paths", "methods"),
         "unknown options 'methds' (did you mean 'methods'?), 'zzz'; known: paths, methods"),
        ({"value": 1}, (), "takes no options, got 'value'"),
    ],
)
def test_reject_unknown_options_names_each_unknown_option(options, known, message):
    from transforms import ConfigError, reject_unknown_options

    with pytest.raises(ConfigError) as info:
        reject_unknown_options(options, known)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("name", "options", "typo"),
    [
        ("pii", {"mdoe": "hash"}, "'mdoe' (did you mean 'mode'?)"),
        ("enrich", {"ua_cache": 10}, "'ua_cache' (did you mean 'ua_cache_size'?)"),
        ("keys", {"layout": "x"}, "takes no options, got 'layout'"),
        ("drop_paths", {"path": ["/x"]}, "'path' (did you mean 'paths'?)"),
        ("sample", {"rate": 0.5, "keep_error": True}, "'keep_error' (did you mean 'keep_errors'?)"),
    ],
)
def test_the_built_ins_and_the_example_plugin_reject_a_misspelt_option(name, options, typo):
    # GIVEN a misspelt option of a built-in or of the example plugin (installed by make setup)
    # WHEN the chain is built  THEN it fails naming the transform and the option
    with pytest.raises(ConfigError) as info:
        chain([name], {name: options})
    assert str(info.value).startswith(f"transform {name!r}: ")
    assert typo in str(info.value)
