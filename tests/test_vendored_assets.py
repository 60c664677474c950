"""The chart libraries the HTML reports inline: vendored from npm unchanged, with their
licences, listed in droplets/assets/vendored.json, and shipped in the droplets package."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "droplets" / "assets"
MANIFEST = json.loads((ASSETS / "vendored.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", MANIFEST["files"], ids=[e["package"] for e in MANIFEST["files"]])
def test_each_vendored_file_is_the_npm_release_the_manifest_names(entry):
    # GIVEN a file vendored by scripts/vendor-charts
    data = (ASSETS / entry["file"]).read_bytes()
    # THEN it is byte for byte the file recorded (no local edits), its banner names the
    # package version the manifest says, and its MIT licence is next to it
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert f"v{entry['version']}" in data[:400].decode("utf-8")
    licence = (ASSETS / entry["licence"]).read_text(encoding="utf-8")
    assert "MIT License" in licence and "Permission is hereby granted" in licence


def test_nothing_unlisted_is_in_the_assets():
    # Every file is vendored (listed with its licence) or ours (the script that draws the charts)
    listed = {e["file"] for e in MANIFEST["files"]} | {e["licence"] for e in MANIFEST["files"]}
    assert {p.name for p in ASSETS.iterdir()} == listed | {"vendored.json", "charts.js"}


def test_the_droplets_wheel_ships_the_assets(tmp_path):
    # GIVEN a copy of the project's Python sources (a wheel built in place would leave build/)
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("droplets", "transforms", "handlers"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    # WHEN the wheel is built
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
                           str(tmp_path / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "dist").glob("droplets-*.whl")
    # THEN every asset is in it, so an installed `droplets report ... --html` can inline them
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in ASSETS.iterdir():
        assert f"droplets/assets/{path.name}" in names
