"""The Lambda bundle: the handlers, the transforms and their runtime dependencies, one zip.

Built by the Pulumi program for the configured architecture and the functions' Python
runtime, and cached by content hash under ``.bundle-cache/``: the same sources and the
same pinned dependencies always give the same bytes, so an unchanged program never
re-uploads its code (Pulumi compares the archive's hash).

What goes in, and only that:

- the runtime dependencies of ``pyproject.toml`` (``[project].dependencies``), pinned to
  the exact versions installed where the program runs, with their own dependencies, as
  wheels for the Lambda platform (``pip install --platform manylinux2014_<arch>
  --only-binary=:all:``); boto3 is not among them, the Lambda runtime provides it;
- the plugin packages named in ``droplets:pluginPackages`` (pinned the same way; a package
  installed from a local directory is built into a wheel first);
- ``handlers/``, ``transforms/`` (without ``transforms/testing.py``, a helper for plugin
  authors' tests), ``droplets/__init__.py`` and the folder ``droplets/contract/`` whole.

No tests, no CLI or local-stack code, no Pulumi code, no ``__pycache__``, no console
scripts, and of each dependency's ``*.dist-info`` only what ``importlib.metadata`` reads
(``METADATA``, ``entry_points.txt`` for plugin discovery, ``top_level.txt``) and its licences.

Every bundle carries a manifest (:data:`MANIFEST`, at the zip's root): what it was built for
(architecture, Python), its plugin packages and their versions, its pinned requirements,
and the SHA-256 of each project source file. A bundle built ahead (``droplets bundle build``,
in a CI job with access to the package index) is deployed with ``droplets:bundle``; the
program then builds nothing and fetches nothing, and :func:`verify_bundle` checks it first:
a sound zip, built for this architecture and runtime, from these sources, with exactly the
configured plugin packages, whose handlers import (and whose chain's transforms are found)
from the bundle alone, in a Python without site-packages. A compiled dependency (the
Aho-Corasick scanner of ``pii``), built for the functions' architecture and Python, cannot
load on a machine of another: for that check alone it is replaced by this machine's
installation of the same version, or the check fails saying which is missing.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

#: The functions' runtime; the bundle's wheels are chosen for this Python.
RUNTIME = "python3.13"
PLATFORMS = {"arm64": "manylinux2014_aarch64", "x86_64": "manylinux2014_x86_64"}
#: Bump when what goes into the zip changes, so cached bundles are rebuilt.
BUILDER_VERSION = "2"
#: The manifest's name in the zip, and its format's version.
MANIFEST = "droplets-bundle.json"
MANIFEST_FORMAT = 1

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = PROJECT_ROOT / ".bundle-cache"
#: Cached bundles kept (newest first); older ones are removed after a build.
CACHE_KEEP = 8

#: The project's own files in the bundle (globs from the project root), less SOURCES_EXCLUDED:
#: the one list of what ships; the config check asks :func:`shipped_modules`.
SOURCES = ("handlers/**/*.py", "transforms/**/*.py", "transforms/builtin/person-names.txt", "transforms/builtin/field-names.tsv",
           "transforms/builtin/cue-words.tsv", "transforms/builtin/secret-words.tsv", "transforms/builtin/conditions.tsv",
           "transforms/builtin/address-labels.tsv", "transforms/builtin/dwelling-units.tsv", "transforms/builtin/person-nouns.tsv",
           "transforms/builtin/login-words.tsv", "transforms/builtin/public-figures.tsv",
           "droplets/__init__.py",
           "droplets/contract/**/*.py", "droplets/contract/*.json")
SOURCES_EXCLUDED = frozenset({"transforms/testing.py"})
#: What the Lambda Python runtime already provides: never bundled.
RUNTIME_PROVIDED = frozenset({"boto3", "botocore", "s3transfer"})
#: Of a ``*.dist-info`` directory, what importlib.metadata and the licences need.
_DIST_INFO_KEEP = re.compile(r"^(METADATA|entry_points\.txt|top_level\.txt|LICEN[CS]E.*|COPYING.*|NOTICE.*|licenses/.*)$", re.I)

#: Fixed zip metadata, so equal inputs give equal bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_ZIP_MODE = 0o100644 << 16


class BundleError(RuntimeError):
    """The bundle cannot be built (pip failed, a package is missing, a name clashes)."""


@dataclass(frozen=True)
class BundleSpec:
    """What to build for."""

    architecture: str = "arm64"
    python_version: str = "3.13"  # major.minor of the runtime
    plugin_packages: tuple[str, ...] = ()

    @property
    def platform(self) -> str:
        try:
            return PLATFORMS[self.architecture]
        except KeyError:
            raise BundleError(f"unknown architecture {self.architecture!r}; known: {', '.join(PLATFORMS)}") from None


@dataclass(frozen=True)
class Bundle:
    path: Path
    digest: str
    files: tuple[str, ...]
    zipped_bytes: int
    unzipped_bytes: int


def runtime_python_version(runtime: str = RUNTIME) -> str:
    """``python3.13`` -> ``3.13``."""
    match = re.fullmatch(r"python(\d+\.\d+)", runtime)
    if not match:
        raise BundleError(f"not a Python runtime: {runtime!r}")
    return match.group(1)


def build_bundle(spec: BundleSpec, *, cache_dir: Path = CACHE_DIR, root: Path = PROJECT_ROOT) -> Bundle:
    """The bundle for ``spec``: from the cache when its inputs are unchanged, else built."""
    requirements, local_plugins = _requirements(spec, root)
    constraints = _constraints()
    sources = _project_sources(root)
    digest = _digest(spec, requirements, constraints, sources, local_plugins)
    path = cache_dir / f"droplets-{spec.architecture}-py{spec.python_version}-{digest[:16]}.zip"
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="build-", dir=cache_dir) as tmp:
            work = Path(tmp)
            site = work / "site"
            wheels = [_build_wheel(d, work / "wheels") for d in local_plugins]
            _pip_install(spec, requirements + [str(w) for w in wheels], constraints, site, work)
            files = _dependency_files(site)
            for arcname, source in sources.items():
                if arcname in files:
                    raise BundleError(f"{arcname} is both project code and part of a dependency")
                files[arcname] = source
            manifest = work / MANIFEST
            manifest.write_text(json.dumps(_manifest(spec, requirements, sources), indent=2, sort_keys=True) + "\n",
                                encoding="utf-8")
            files[MANIFEST] = manifest
            staged = work / "bundle.zip"
            _write_zip(staged, files)
            os.replace(staged, path)  # atomic: concurrent builders of the same digest agree
        _prune(cache_dir, keep=path)
    return describe(path, digest)


def describe(path: Path, digest: str = "") -> Bundle:
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    return Bundle(
        path=path,
        digest=digest,
        files=tuple(i.filename for i in infos),
        zipped_bytes=path.stat().st_size,
        unzipped_bytes=sum(i.file_size for i in infos),
    )


def _manifest(spec: BundleSpec, requirements: list[str], sources: dict[str, Path]) -> dict:
    return {
        "format": MANIFEST_FORMAT,
        "builder": BUILDER_VERSION,
        "architecture": spec.architecture,
        "python": spec.python_version,
        "platform": spec.platform,
        "plugin_packages": {_normalize(name): _installed_version(name, "a plugin package") for name in spec.plugin_packages},
        "requirements": requirements,
        "sources": {arcname: hashlib.sha256(path.read_bytes()).hexdigest() for arcname, path in sources.items()},
    }


# --- a bundle built ahead: verified before it is deployed ------------------------------------

#: Run in a Python without site-packages (``-I -S``), with the unpacked bundle first on its
#: path: the handlers import from the bundle alone, and the configured chain is found there.
_IMPORT_CHECK = """
import json, sys
sys.path.insert(0, sys.argv[1])
modules, names = json.loads(sys.argv[2]), json.loads(sys.argv[3])
import handlers.consumer, handlers.indexer
from transforms.chain import available_transforms
from transforms.manager import get_plugin_manager
known = available_transforms(get_plugin_manager(modules))
missing = [n for n in names if n not in known]
if missing:
    sys.exit("the bundle has no transform " + ", ".join(missing) + " (found: " + ", ".join(sorted(known)) + ")")
outside = sorted(m for m in ("handlers", "transforms", "droplets", "pluggy", "aws_lambda_powertools")
                 if not (getattr(sys.modules.get(m), "__file__", "") or "").startswith(sys.argv[1]))
if outside:
    sys.exit("imported from outside the bundle: " + ", ".join(outside))
"""


def read_manifest(path: Path) -> dict:
    """The manifest of the bundle at ``path``. Raises :class:`BundleError`."""
    if not zipfile.is_zipfile(path):
        raise BundleError("not a zip file")
    with zipfile.ZipFile(path) as zf:
        bad = zf.testzip()
        if bad is not None:
            raise BundleError(f"the zip is damaged ({bad} fails its CRC check)")
        try:
            manifest = json.loads(zf.read(MANIFEST))
        except KeyError:
            raise BundleError(f"no {MANIFEST} in it: not made by `droplets bundle build`") from None
        except ValueError:
            raise BundleError(f"its {MANIFEST} is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise BundleError(f"its {MANIFEST} is of an unknown format (this program reads format {MANIFEST_FORMAT})")
    return manifest


def verify_bundle(path: Path, spec: BundleSpec, *, transforms: tuple[str, ...], plugin_modules: tuple[str, ...] = (),
                  root: Path = PROJECT_ROOT) -> Bundle:
    """Check a prebuilt bundle against what the program would build and deploy; the
    :class:`Bundle` of the file itself (its bytes are deployed unchanged). Raises
    :class:`BundleError` saying what does not match."""
    manifest = read_manifest(path)
    for field, wanted in (("architecture", spec.architecture), ("python", spec.python_version)):
        if manifest.get(field) != wanted:
            raise BundleError(f"built for {field} {manifest.get(field)!r}, the functions run {wanted!r}")
    configured = {_normalize(name): _installed_version(name, "a plugin package") for name in spec.plugin_packages}
    bundled = manifest.get("plugin_packages") or {}
    if set(bundled) != set(configured):
        raise BundleError(
            f"its plugin packages ({', '.join(sorted(bundled)) or 'none'}) are not droplets:pluginPackages "
            f"({', '.join(sorted(configured)) or 'none'}); build it again with the stack's plugins"
        )
    for name, version in configured.items():
        if bundled[name] != version:
            raise BundleError(f"it holds {name} {bundled[name]}, but {version} is installed here (and was checked)")
    sources = {arcname: hashlib.sha256(p.read_bytes()).hexdigest() for arcname, p in _project_sources(root).items()}
    recorded = manifest.get("sources") or {}
    changed = sorted(set(sources) ^ set(recorded) | {a for a in sources if recorded.get(a) != sources[a]})
    if changed:
        raise BundleError(f"built from other sources than these ({', '.join(changed[:5])}{' ...' if len(changed) > 5 else ''} "
                          "differ); build it from this checkout")
    with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory(prefix="droplets-bundle-") as tmp:
        for arcname, digest in recorded.items():
            try:
                content = zf.read(arcname)
            except KeyError:
                raise BundleError(f"{arcname} is in its manifest but not in the zip") from None
            if hashlib.sha256(content).hexdigest() != digest:
                raise BundleError(f"{arcname} in the zip is not the file its manifest names")
        zf.extractall(tmp)
        if (_machine(spec.platform), spec.python_version) != _host_platform():
            _swap_compiled_packages(Path(tmp))
        result = subprocess.run(
            [sys.executable, "-I", "-S", "-c", _IMPORT_CHECK, tmp, json.dumps(list(plugin_modules)), json.dumps(list(transforms))],
            capture_output=True, text=True, timeout=120, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
        )
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise BundleError(f"run on its own (no site-packages), it fails: {lines[-1] if lines else f'exit {result.returncode}'}")
    return describe(path, digest=hashlib.sha256(path.read_bytes()).hexdigest())


def _machine(platform_tag: str) -> str:
    """The architecture of a manylinux tag as this machine names its own (``manylinux2014_x86_64``
    -> ``x86_64``, ``manylinux2014_aarch64`` -> ``aarch64``)."""
    return platform_tag.split("_", 1)[1]


def _host_platform() -> tuple[str, str]:
    """(architecture, Python major.minor) of this machine."""
    return platform.machine(), f"{sys.version_info.major}.{sys.version_info.minor}"


def _swap_compiled_packages(tree: Path) -> None:
    """Make an extracted bundle built for another platform importable here, for the import
    check: each top-level package holding a compiled module (built for the functions'
    architecture and Python, which this machine cannot load) is replaced by this machine's
    installation of the same distribution at the same version. The bundle's own code and
    its pure-Python dependencies are still what the check imports. Raises
    :class:`BundleError` when this machine has no such installation to check with."""
    compiled = sorted({path.relative_to(tree).parts[0] for path in tree.rglob("*.so")})
    bundled = {}
    for info in tree.glob("*.dist-info"):
        name, version = info.name[: -len(".dist-info")].rsplit("-", 1)
        bundled[_normalize(name)] = version
    owners = importlib.metadata.packages_distributions()  # of this machine's installation
    for package in compiled:
        name = next((d for d in owners.get(package, ()) if _normalize(d) in bundled), None)
        if name is None:
            raise BundleError(f"it holds {package}, compiled for the functions' platform; to check the bundle's code "
                              f"this machine needs the same distribution installed, and has none that provides {package}")
        version, here = bundled[_normalize(name)], importlib.metadata.version(name)
        if here != version:
            raise BundleError(f"it holds {name} {version}, compiled for the functions' platform; to check the bundle's "
                              f"code this machine needs that version installed, and has {here}")
        found = importlib.util.find_spec(package)
        if found is None or not found.submodule_search_locations:
            raise BundleError(f"{name} {version} is installed here but its package {package} is not found")
        shutil.rmtree(tree / package)
        shutil.copytree(next(iter(found.submodule_search_locations)), tree / package,
                        ignore=shutil.ignore_patterns("__pycache__"))


# --- inputs ----------------------------------------------------------------------------------


def _dist_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(@]", requirement.strip(), maxsplit=1)[0]


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed_version(name: str, why: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        raise BundleError(f"{name} ({why}) is not installed where the Pulumi program runs") from None


def _local_source(name: str) -> Path | None:
    """The directory a distribution was installed from (``pip install [-e] ./dir``), if any."""
    text = importlib.metadata.distribution(name).read_text("direct_url.json")
    if not text:
        return None
    info = json.loads(text)
    url = info.get("url", "")
    if "dir_info" in info and url.startswith("file://"):
        return Path(url[len("file://"):])
    return None


def _requirements(spec: BundleSpec, root: Path) -> tuple[list[str], list[Path]]:
    """Pinned requirements (``name==version``) and local plugin source directories."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = []
    for requirement in project["dependencies"]:
        name = _dist_name(requirement)
        if _normalize(name) in RUNTIME_PROVIDED:
            continue
        pinned.append(f"{name}=={_installed_version(name, 'a runtime dependency')}")
    local = []
    for name in spec.plugin_packages:
        version = _installed_version(name, "a plugin package")
        source = _local_source(name)
        if source is not None:
            local.append(source)
        else:
            pinned.append(f"{name}=={version}")
    return sorted(pinned), sorted(local)


def _constraints() -> list[str]:
    """Every distribution installed here, pinned: dependencies of dependencies resolve to
    the versions the program (and the tests) ran with, not whatever is newest today."""
    pins = set()
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name and _normalize(name) != "droplets":
            pins.add(f"{_normalize(name)}=={dist.version}")
    return sorted(pins)


def shipped_modules(root: Path = PROJECT_ROOT) -> frozenset[str]:
    """The project's modules the bundle holds, as dotted names (``transforms.builtin.pii``;
    a package by its ``__init__.py``): all the Lambda can import of this project."""
    names = set()
    for arcname in _project_sources(root):
        if arcname.endswith(".py"):
            parts = arcname[: -len(".py")].split("/")
            names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return frozenset(names)


def _project_sources(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for pattern in SOURCES:
        for path in root.glob(pattern):
            arcname = path.relative_to(root).as_posix()
            if path.is_file() and "__pycache__" not in path.parts and arcname not in SOURCES_EXCLUDED:
                found[arcname] = path
    return dict(sorted(found.items()))


#: What a plugin's source tree holds that is not its source: build output, caches, VCS.
_NOT_SOURCE = frozenset({"__pycache__", ".git", "build", "dist", "node_modules", ".pytest_cache", ".venv", ".tox"})


def _is_source(rel: Path) -> bool:
    return not (set(rel.parts) & _NOT_SOURCE) and not any(p.endswith(".egg-info") for p in rel.parts)


def _tree_digest(directory: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory)
        if path.is_file() and _is_source(rel):
            h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _digest(spec, requirements, constraints, sources, local_plugins) -> str:
    h = hashlib.sha256()
    h.update(json.dumps({
        "builder": BUILDER_VERSION,
        "architecture": spec.architecture,
        "python": spec.python_version,
        "requirements": requirements,
        "constraints": constraints,
        "plugins": {str(d): _tree_digest(d) for d in local_plugins},
    }, sort_keys=True).encode())
    for arcname, path in sources.items():
        h.update(arcname.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


# --- building --------------------------------------------------------------------------------


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BundleError(f"{what} failed (exit {result.returncode}):\n{result.stderr[-4000:]}")


def _build_wheel(directory: Path, out: Path) -> Path:
    """A wheel of the plugin package in ``directory``, built from a copy of its source.

    setuptools builds in place: ``pip wheel <dir>`` leaves ``build/`` and ``*.egg-info`` in
    the plugin author's tree (and a stale ``build/lib`` can even end up in the next wheel).
    A copy of the source files alone, in the build's own temporary directory, keeps their
    tree as it was and the wheel made of what the digest hashed."""
    out.mkdir(parents=True, exist_ok=True)
    copy = Path(tempfile.mkdtemp(prefix="source-", dir=out.parent)) / directory.name
    shutil.copytree(directory, copy, ignore=lambda folder, names: [
        n for n in names if not _is_source(Path(folder, n).relative_to(directory))])
    before = set(out.glob("*.whl"))
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(copy)],
         f"building a wheel of the plugin package in {directory}")
    (wheel,) = set(out.glob("*.whl")) - before
    return wheel


def _pip_install(spec: BundleSpec, requirements: list[str], constraints: list[str], target: Path, work: Path) -> None:
    constraints_file = work / "constraints.txt"
    constraints_file.write_text("\n".join(constraints) + "\n", encoding="utf-8")
    _run([
        sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input",
        "--no-compile", "--target", str(target),
        "--platform", spec.platform, "--implementation", "cp", "--python-version", spec.python_version,
        "--only-binary=:all:", "--constraint", str(constraints_file),
        *requirements,
    ], f"pip install for {spec.platform} / Python {spec.python_version}")
    provided = [p.name for p in target.glob("*.dist-info") if _normalize(p.name.split("-")[0]) in RUNTIME_PROVIDED]
    if provided:
        raise BundleError(f"a dependency pulled in what the Lambda runtime provides: {', '.join(provided)}")


def _dependency_files(site: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site)
        parts = rel.parts
        if parts[0] == "bin" or "__pycache__" in parts or path.suffix == ".pyc":
            continue
        if parts[0].endswith(".dist-info") and not _DIST_INFO_KEEP.match("/".join(parts[1:])):
            continue
        files[rel.as_posix()] = path
    return files


def _write_zip(path: Path, files: dict[str, Path]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for arcname in sorted(files):
            info = zipfile.ZipInfo(arcname, date_time=_ZIP_DATE)
            info.external_attr = _ZIP_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the mode above is honoured on every platform
            zf.writestr(info, files[arcname].read_bytes(), compresslevel=9)


def _prune(cache_dir: Path, keep: Path) -> None:
    bundles = sorted(cache_dir.glob("droplets-*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in bundles[CACHE_KEEP:]:
        if old != keep:
            old.unlink(missing_ok=True)
    for stale in cache_dir.glob("build-*"):
        try:
            abandoned = time.time() - stale.stat().st_mtime > 3600  # left by a killed build
        except FileNotFoundError:
            continue
        if abandoned:
            shutil.rmtree(stale, ignore_errors=True)
