"""``droplets transform``: NDJSON records in, one NDJSON line out per record.

Through the installed console script (a subprocess, as a user runs it) and through Typer's
CliRunner for the finer cases.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from droplets import contract
from droplets.cli import app
from transforms.testing import make_record

DROPLETS = Path(sys.executable).with_name("droplets")
EMAIL = "frank.miller@example.com"


def droplets_transform(*args: str, stdin: str | bytes = b"") -> subprocess.CompletedProcess:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([str(DROPLETS), "transform", *args], input=data, capture_output=True, timeout=60)


def ndjson(*records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def output_lines(done) -> list[dict]:
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def login():
    return make_record(
        new_event_id=True,
        request={"method": "POST", "path": "/api/login", "route": None, "headers": {"authorization": "Bearer s3cr3tT0ken1"},
                 "body": {"email": EMAIL, "password": "hunter2"}},
    )


def test_the_console_script_writes_one_line_per_record_in_order():
    # GIVEN a stored-to-be record, a blank line, a line that is not JSON, an invalid record,
    # and a line that is not even UTF-8
    good = login()
    invalid = login()
    del invalid["occurred_at"]
    stdin = ndjson(good).encode() + b"\n" + b"{not json\n" + ndjson(invalid).encode() + b"\xff\xfe{}\r\n"
    # WHEN the installed command runs the default chain
    done = droplets_transform(stdin=stdin)
    # THEN it succeeds, with one line per non-blank input line, in order
    assert done.returncode == 0, done.stderr
    stored, not_json, not_valid, not_utf8 = output_lines(done)
    # the record is stored under its default key, cleaned and enriched
    assert stored["key"] == contract.object_key(good)
    assert stored["record"]["pipeline"]["transforms"] == ["pii", "enrich", "keys"]
    assert stored["record"]["request"]["body"] == {"email": "[email]", "password": "[redacted]"}
    assert stored["record"]["enrichment"]["route"] == "/api/login"
    # the bad lines are bad rows naming the step, with the payload kept, scrubbed
    assert not_json == {"bad": {"step": "parse", "error": not_json["bad"]["error"]}, "payload": "{not json"}
    assert not_json["bad"]["error"].startswith("not JSON")
    assert not_valid["bad"]["step"] == "validate"
    assert "occurred_at" in not_valid["bad"]["error"]
    kept = json.loads(not_valid["payload"])
    assert kept["session_id"] == invalid["session_id"] and kept["event_id"] == invalid["event_id"]
    assert kept["request"]["body"] == {"email": "[email]", "password": "[redacted]"}
    assert not_utf8["bad"]["step"] == "parse"
    # AND no personal data or credential reached the output, bad rows included
    out = done.stdout.decode()
    for secret in (EMAIL, "hunter2", "s3cr3tT0ken1"):
        assert secret not in out
    assert done.stderr == b""


def test_transforms_option_chooses_the_chain():
    # GIVEN a record with personal data  WHEN only keys runs
    record = login()
    done = droplets_transform("--transforms", "keys", stdin=ndjson(record))
    # THEN it is stored as sent (no pii, no enrich): the chain is what the option says
    (line,) = output_lines(done)
    assert line["record"]["request"]["body"]["email"] == EMAIL
    assert "enrichment" not in line["record"]
    assert line["record"]["pipeline"]["transforms"] == ["keys"]


def test_config_file_sets_plugin_options(tmp_path: Path):
    # GIVEN pii options in hash mode in a config file
    config = tmp_path / "options.json"
    key = "0123456789abcdef0123456789abcdef-local"
    config.write_text(json.dumps({"pii": {"mode": "hash", "hash_key": key}}))
    # WHEN two calls of one journey run through the chain
    done = droplets_transform("--config", str(config), stdin=ndjson(login(), login()))
    # THEN both carry the same pseudonym for the same e-mail, and neither e-mail nor key is printed
    first, second = output_lines(done)
    pseudonym = first["record"]["request"]["body"]["email"]
    assert pseudonym.startswith("email:")
    assert second["record"]["request"]["body"]["email"] == pseudonym
    assert EMAIL not in done.stdout.decode()
    assert key not in done.stdout.decode() + done.stderr.decode()


def test_a_dropped_record_is_reported_with_the_step(tmp_path: Path):
    # GIVEN a plugin module that drops health checks, named on the command line
    (tmp_path / "no_health.py").write_text(
        "from transforms import hookimpl\n"
        "@hookimpl\n"
        "def droplets_transforms():\n"
        "    return {'no_health': lambda options: lambda r: None if r['request']['path'] == '/health' else r}\n"
    )
    health = make_record(new_event_id=True, request={"path": "/health"})
    # WHEN the chain includes it
    done = subprocess.run(
        [str(DROPLETS), "transform", "-t", "no_health,keys", "-p", "no_health"],
        input=ndjson(health, login()).encode(), capture_output=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    # THEN the health check is reported as dropped by it, and the other line is stored
    assert done.returncode == 0, done.stderr
    dropped, kept = output_lines(done)
    assert dropped == {"dropped_by": "no_health", "event_id": health["event_id"]}
    assert "key" in kept


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--transforms", "pii,nope,keys"], "unknown transform(s) 'nope'; known transforms: "),
        (["--transforms", "pii,pii"], "listed twice"),
        (["--config", "/nonexistent/options.json"], "cannot read --config"),
        (["-p", "no_such_plugin_module"], "--plugin-module: plugin module 'no_such_plugin_module' could not be imported"),
        # an installed plugin (the example, through its entry point) named again
        (["-p", "droplets_traffic_filter"], "--plugin-module: plugin module 'droplets_traffic_filter' is already "
                                            "registered as 'traffic_filter' (the entry point of the installed package "
                                            "droplets-traffic-filter): leave it out"),
    ],
)
def test_configuration_errors_are_one_line_exit_2_no_traceback(args, needle):
    # WHEN the command is misconfigured
    done = droplets_transform(*args, stdin=ndjson(login()))
    # THEN it exits 2 with one clear line and no traceback, and processes nothing
    err = done.stderr.decode()
    assert done.returncode == 2
    assert err.startswith("droplets: error: ") and needle in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert done.stdout == b""


# --- finer cases with CliRunner ---------------------------------------------------------------


runner = CliRunner()


@pytest.mark.parametrize(
    ("config_text", "needle"),
    [
        ("{not json", "transform options are not valid JSON"),
        ('["pii"]', "must be a JSON object"),
        ('{"enrich": {"ua_cache_size": -1}}', "transform 'enrich': option 'ua_cache_size'"),
        ('{"pii": {"mode": "hash"}}', "transform 'pii': option 'hash_key'"),
        ('{"sample": {"rate": 0.5}}', "not in the chain"),
        (b"\xff\xfe", "cannot read --config"),
    ],
)
def test_bad_config_files_are_one_line_errors(tmp_path: Path, config_text, needle):
    config = tmp_path / "options.json"
    config.write_bytes(config_text if isinstance(config_text, bytes) else config_text.encode())
    result = runner.invoke(app, ["transform", "--config", str(config)], input="")
    assert result.exit_code == 2
    assert needle in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_unknown_name_error_lists_the_known_transforms():
    result = runner.invoke(app, ["transform", "-t", "geo"], input="")
    assert result.exit_code == 2
    known = result.stderr.split("known transforms: ", 1)[1].strip().split(", ")
    assert {"pii", "enrich", "keys"} <= set(known)


def test_plugin_module_option_registers_a_module():
    # GIVEN the test plugin module that upper-cases routes
    result = runner.invoke(app, ["transform", "-t", "shout,keys", "-p", "tests.plugins.shout"], input=ndjson(make_record()))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["record"]["request"]["route"] == "/COURSES/:ID"


def test_crlf_blank_lines_and_a_missing_final_newline_are_fine():
    record = make_record()
    text = "\r\n" + json.dumps(record) + "\r\n\r\n   \n" + json.dumps(make_record(new_event_id=True))
    result = runner.invoke(app, ["transform"], input=text)
    assert result.exit_code == 0, result.stderr
    assert [("key" in json.loads(line)) for line in result.stdout.splitlines()] == [True, True]


def test_a_message_nested_deeper_than_the_parser_goes_is_a_bad_row():
    result = runner.invoke(app, ["transform"], input="[" * 100_000 + "\n" + json.dumps(make_record()) + "\n")
    assert result.exit_code == 0, result.stderr
    deep, good = map(json.loads, result.stdout.splitlines())
    assert deep["bad"] == {"step": "parse", "error": "not JSON: nested too deeply"}
    assert "key" in good


def test_a_transform_that_raises_is_a_bad_row_naming_it_and_the_rest_goes_on(tmp_path: Path, monkeypatch):
    (tmp_path / "fragile.py").write_text(
        "from transforms import hookimpl\n"
        "def make(options):\n"
        "    def fragile(record):\n"
        "        if record['request']['path'] == '/boom':\n"
        "            raise KeyError('geo')\n"
        "        return record\n"
        "    return fragile\n"
        "@hookimpl\n"
        "def droplets_transforms():\n"
        "    return {'fragile': make}\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    lines = ndjson(make_record(new_event_id=True, request={"path": "/boom"}), make_record(new_event_id=True))
    result = runner.invoke(app, ["transform", "-t", "pii,fragile,enrich,keys", "-p", "fragile"], input=lines)
    assert result.exit_code == 0, result.stderr
    bad, good = map(json.loads, result.stdout.splitlines())
    assert bad["bad"] == {"step": "fragile", "error": "KeyError: 'geo'"}
    assert "key" in good


def test_a_body_that_is_not_utf8_is_read_with_replacement_characters():
    # GIVEN a record whose route holds a Latin-1 byte, and a line that is not JSON nor UTF-8
    record = make_record(request={"route": "/caf\u00e9s/:id"})
    latin1 = json.dumps(record, ensure_ascii=False).encode("latin-1")
    # WHEN they are run through the chain in-process
    result = runner.invoke(app, ["transform", "-t", "keys"], input=latin1 + b"\n" + b"\xff\xfe{ caf\xe9\n")
    # THEN the record is stored, the byte it could not decode replaced (never a crash)...
    assert result.exit_code == 0, result.stderr
    stored, bad = map(json.loads, result.stdout.splitlines())
    assert stored["key"] == contract.object_key(record)
    assert stored["record"]["request"]["route"] == "/caf\ufffds/:id"
    # ...and the other line is a bad row of the parse step holding the whole line, decoded
    # the same way
    assert bad == {"bad": {"step": "parse", "error": bad["bad"]["error"]}, "payload": "\ufffd\ufffd{ caf\ufffd"}
    assert bad["bad"]["error"].startswith("not JSON: ")
