"""Tests of the example plugin, written the way a plugin author would: with the helpers of
``transforms.testing`` (a valid record with overrides, one transform or a whole chain run
with a fresh plugin manager), and once through ``droplets transform`` itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import droplets_traffic_filter
from transforms.chain import available_transforms
from transforms.testing import ConfigError, Dropped, chain, make_record, plugin_manager, run_chain, run_transform, stored

PLUGIN_DIR = Path(__file__).resolve().parent.parent
#: The sample the README's "try it" step runs: a health check, a stylesheet, course pages, a
#: sign-up with an e-mail address, a CORS preflight, a 404 with an e-mail in the path, a 500.
RECORDS = PLUGIN_DIR / "records.ndjson"
DROPLETS = Path(sys.executable).with_name("droplets")


def call(path, method="GET", **overrides):
    return make_record(new_event_id=True, request={"path": path, "method": method}, **overrides)


# --- found through the entry point ----------------------------------------------------------


def test_the_installed_package_is_found_through_its_entry_point():
    # GIVEN the package installed (pip install -e examples/transform-plugin)
    # WHEN droplets builds its plugin manager, with no module named in config
    pm = plugin_manager()
    # THEN the plugin is registered under its entry point name, from its distribution,
    # and offers its transforms
    plugin = pm.get_plugin("traffic_filter")
    assert plugin is not None, f"registered plugins: {[name for name, _ in pm.list_name_plugin()]}"
    assert plugin.__name__ == droplets_traffic_filter.__name__
    assert {dist.project_name for p, dist in pm.list_plugin_distinfo() if p is plugin} == {"droplets-traffic-filter"}
    assert {"drop_paths", "sample"} <= set(available_transforms(pm))


# --- drop_paths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/health", "/healthz", "/health/db", "/favicon.ico", "/static/app.css", "/assets/img/logo.png",
             "/app.js", "/app.js.map", "/metrics?format=prometheus"],
)
def test_probes_and_static_assets_are_dropped_by_default(path):
    assert run_transform("drop_paths", call(path)) is None


@pytest.mark.parametrize("path", ["/api/courses/42", "/healthy-recipes", "/api/health-insurance", "/static", "/"])
def test_api_calls_are_kept(path):
    # GIVEN an API call  WHEN drop_paths runs  THEN the record comes back unchanged
    record = call(path)
    out = run_transform("drop_paths", record)
    assert out is not None
    out.pop("pipeline")
    assert out == record


def test_paths_and_methods_are_configurable():
    # GIVEN a service that wants only its own probe and CORS preflights out
    options = {"paths": ["/internal/*"], "methods": ["options"]}
    # THEN exactly those are dropped (the defaults no longer apply)
    assert run_transform("drop_paths", call("/internal/status"), options) is None
    assert run_transform("drop_paths", call("/api/courses", "OPTIONS"), options) is None
    assert run_transform("drop_paths", call("/health"), options) is not None


def test_in_the_chain_a_drop_is_reported_with_the_step_that_dropped():
    # GIVEN the chain a user would configure: pii, drop_paths, enrich, keys
    names = ["pii", "drop_paths", "enrich", "keys"]
    # WHEN a health check and an API call run through it
    dropped = run_chain(call("/healthz"), names)
    kept = stored(run_chain(call("/api/courses/42"), names))
    # THEN the health check is dropped by drop_paths, the call stored by the default key
    assert dropped == Dropped("drop_paths", dropped.event_id)
    assert kept.record["pipeline"]["transforms"] == names
    assert kept.key.startswith("events/dt=2026-11-26/")


# --- sample ---------------------------------------------------------------------------------


def test_sampling_keeps_whole_sessions_and_about_the_configured_share():
    # GIVEN 2,000 sessions with three calls each
    sessions = [f"session-{i:05d}" for i in range(2000)]
    built = chain(["sample"], {"sample": {"rate": 0.25}})
    kept = {}
    for sid in sessions:
        outcomes = {type(built.run_record(call(f"/api/x/{n}", session_id=sid))).__name__ for n in range(3)}
        # THEN a session is kept or dropped as a whole
        assert len(outcomes) == 1
        kept[sid] = outcomes == {"Stored"}
    # AND about a quarter of them is kept
    assert 0.21 < sum(kept.values()) / len(sessions) < 0.29


def test_sampling_keeps_server_errors_whatever_the_rate():
    record = call("/api/checkout", response={"status": 503})
    assert run_transform("sample", record, {"rate": 0}) is not None
    assert run_transform("sample", record, {"rate": 0, "keep_errors": False}) is None


# --- options --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "options", "named"),
    [
        ("drop_paths", {"paths": "/health"}, "paths"),
        ("drop_paths", {"methods": [""]}, "methods"),
        ("drop_paths", {"path": ["/x"]}, "path"),
        ("sample", {}, "rate"),
        ("sample", {"rate": 1.5}, "rate"),
        ("sample", {"rate": 0.5, "keep_errors": "yes"}, "keep_errors"),
    ],
)
def test_bad_options_fail_when_the_chain_is_built(name, options, named):
    # WHEN the chain is built (as at pulumi preview)  THEN the error names transform and option
    with pytest.raises(ConfigError) as info:
        chain([name], {name: options})
    assert f"transform {name!r}" in str(info.value)
    assert repr(named) in str(info.value)


# --- through the command line ---------------------------------------------------------------


def test_droplets_transform_runs_the_plugin(tmp_path: Path):
    # GIVEN NDJSON with a health check and an API call carrying an e-mail
    lines = [json.dumps(call("/healthz")), json.dumps(call("/api/users/ann@example.com", response={"status": 200}))]
    # WHEN the user tries the chain with `droplets transform`
    done = subprocess.run(
        [str(DROPLETS), "transform", "--transforms", "pii,drop_paths,enrich,keys"],
        input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=60,
    )
    # THEN the probe is dropped by the plugin and the call stored without the e-mail
    assert done.returncode == 0, done.stderr
    first, second = map(json.loads, done.stdout.splitlines())
    assert first == {"dropped_by": "drop_paths", "event_id": json.loads(lines[0])["event_id"]}
    assert second["record"]["request"]["path"] == "/api/users/[email]"
    assert "ann@example.com" not in done.stdout


def _transform(*args: str, stdin: Path = RECORDS) -> subprocess.CompletedProcess:
    with stdin.open("rb") as records:
        return subprocess.run([str(DROPLETS), "transform", *args], stdin=records, capture_output=True, text=True, timeout=60)


def test_the_sample_records_through_the_readme_chain():
    # GIVEN the sample records shipped with the plugin, every one a valid record
    lines = RECORDS.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8
    # WHEN the README's "try it" command runs them (the plugin's default options)
    done = _transform("--transforms", "pii,drop_paths,enrich,keys")
    # THEN one line comes out per record: the probe and the stylesheet dropped by drop_paths,
    # the rest stored under the default key, without the e-mail addresses and the phone number
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == len(lines)
    assert [o.get("dropped_by") for o in out[:2]] == ["drop_paths", "drop_paths"]
    assert all(o["key"].startswith("events/dt=2026-11-26/") for o in out[2:])
    for secret in ("ada.lovelace@example.com", "grace.hopper@example.com", "7946 0958"):
        assert secret in RECORDS.read_text(encoding="utf-8")
        assert secret not in done.stdout


def test_the_sample_records_with_the_readme_options(tmp_path: Path):
    # GIVEN the README's options file: drop /internal/* and CORS preflights, keep all sessions
    options = tmp_path / "options.json"
    options.write_text(json.dumps({"drop_paths": {"paths": ["/internal/*"], "methods": ["OPTIONS"]}, "sample": {"rate": 1}}))
    # WHEN the sample runs through pii, drop_paths, sample, enrich, keys
    done = _transform("-t", "pii,drop_paths,sample,enrich,keys", "--config", str(options))
    # THEN only the preflight is dropped (the probe and the stylesheet are no longer matched)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o.get("dropped_by") for o in out] == [None] * 5 + ["drop_paths"] + [None] * 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"drop_paths": {"path": ["/internal/*"]}},
         "transform 'drop_paths': unknown option 'path' (did you mean 'paths'?); known: paths, methods"),
        ({"sample": {"rate": 0.5, "keep_error": False}},
         "transform 'sample': unknown option 'keep_error' (did you mean 'keep_errors'?); known: rate, keep_errors"),
    ],
)
def test_a_misspelt_option_fails_droplets_transform_naming_it(tmp_path: Path, options, message):
    # GIVEN an options file with a typo in one of the plugin's option names
    config = tmp_path / "options.json"
    config.write_text(json.dumps(options))
    # WHEN the chain is tried with it
    done = _transform("-t", "pii,drop_paths,sample,enrich,keys", "--config", str(config))
    # THEN nothing runs: one line names the transform and the option, exit 2
    assert done.returncode == 2
    assert done.stderr == f"droplets: error: {message}\n"
    assert done.stdout == ""
