"""The session-ID rule has one source, ``droplets/contract/session-id.json``: the Python
contract builds its regexes from it, and the two JavaScript copies (the Express middleware,
which ships as its own npm package, and the browser snippet, a dependency-free file a page
includes) must accept exactly the session IDs it accepts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from droplets import contract

ROOT = Path(__file__).resolve().parents[1]
EXPRESS_SESSION = ROOT / "middleware" / "express" / "lib" / "session.js"
BROWSER_SNIPPET = ROOT / "middleware" / "browser" / "droplets-session.js"

#: Every printable ASCII character and a few others, inside an ID of valid length; the
#: length bounds; the no-session partition; line breaks around a valid ID.
CANDIDATES = [
    *(f"abcdefg{c}" for c in map(chr, range(32, 127))),
    *(f"abcdefg{c}" for c in ("é", "İ", "\u00a0", "\t", "\u2028", "٣")),
    "a" * (contract.SESSION_ID_MIN_LENGTH - 1), "a" * contract.SESSION_ID_MIN_LENGTH,
    "a" * contract.SESSION_ID_MAX_LENGTH, "a" * (contract.SESSION_ID_MAX_LENGTH + 1),
    "", contract.NO_SESSION, "abcdefgh\n", "\nabcdefgh", "b9c3e7a2-1f4d-4c6e-9a8b-0d2e4f6a8c1e",
]

EXPRESS_PROBE = """
const session = require(process.argv[1]);
const candidates = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify({
  source: session.SESSION_ID_RE.source,
  flags: session.SESSION_ID_RE.flags,
  noSession: session.NO_SESSION,
  valid: candidates.map((id) => session.isValidSessionId(id)),
}));
"""

# The snippet keeps a stored session ID only when it is valid (else it starts a new one):
# install it on a fake window whose storage holds each candidate, fresh, and see which stay.
BROWSER_PROBE = """
const snippet = require(process.argv[1]);
const { webcrypto } = require('node:crypto');
const candidates = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const kept = candidates.map((id) => {
  const stored = new Map([['droplets.session', JSON.stringify({ id, last: Date.now() })]]);
  const win = {
    crypto: webcrypto,
    localStorage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => stored.set(k, String(v)) },
  };
  const handle = snippet.install({ window: win });
  const now = handle.sessionId();
  handle.uninstall();
  return now === id;
});
console.log(JSON.stringify({ kept }));
"""


def run_node(probe: str, module: Path) -> dict:
    node = shutil.which("node")
    assert node, "node is needed to check the JavaScript copies of the session-ID rule (make setup)"
    done = subprocess.run([node, "-e", probe, str(module)], input=json.dumps(CANDIDATES),
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_python_regexes_are_built_from_the_rule_file():
    # GIVEN the rule file
    rule = json.loads((ROOT / "droplets" / "contract" / "session-id.json").read_text(encoding="utf-8"))
    # THEN the contract's regex, its no-session partition and the key layout follow it
    assert contract.SESSION_ID_RE.pattern == f"^[{rule['alphabet']}]{{{rule['min_length']},{rule['max_length']}}}$"
    assert contract.NO_SESSION == rule["no_session"]
    key = contract.object_key(contract.normalize({"session_id": "a" * rule["max_length"], "event_id": "0" * 36,
                                                 "occurred_at": "2026-11-26T03:41:05.481Z"}))
    assert contract.parse_event_key(key)["session"] == "a" * rule["max_length"]
    assert contract.parse_event_key(key.replace("a" * rule["max_length"], "a" * (rule["max_length"] + 1))) is None
    # AND "#" (the erasure entries' separator) is outside the alphabet
    assert not contract.SESSION_ID_RE.fullmatch("#" * rule["min_length"])


def test_express_middleware_copy_accepts_exactly_the_contracts_session_ids():
    # WHEN the middleware's rule judges every candidate
    seen = run_node(EXPRESS_PROBE, EXPRESS_SESSION)
    # THEN its regex is the contract's, and it accepts and refuses the same IDs
    assert (seen["source"], seen["flags"], seen["noSession"]) == (contract.SESSION_ID_RE.pattern, "", contract.NO_SESSION)
    expected = [contract.is_valid_session_id(c) for c in CANDIDATES]
    assert seen["valid"] == expected
    assert True in expected and False in expected


def test_browser_snippet_copy_keeps_exactly_the_contracts_session_ids():
    # GIVEN the snippet's own copy of the pattern, written as a regex literal
    assert f"/{contract.SESSION_ID_RE.pattern}/" in BROWSER_SNIPPET.read_text(encoding="utf-8")
    # WHEN it finds each candidate stored as the current session
    seen = run_node(BROWSER_PROBE, BROWSER_SNIPPET)
    # THEN it keeps exactly the IDs the contract's pattern accepts (the snippet only ever
    # makes UUIDs, so it needs no word on the no-session partition)
    assert seen["kept"] == [contract.SESSION_ID_RE.fullmatch(c) is not None for c in CANDIDATES]

