"""The Lambda bundle: what is in it, that it is reproducible, and that it runs on its own.

Building needs pip (the wheels come from the package index, or its local cache); results
are cached under ``.bundle-cache/`` like the program's, so a second run is quick.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import sys
import sysconfig
import uuid
import zipfile
from pathlib import Path
from urllib.parse import quote_plus

import boto3
import pytest

from components import bundle as bundle_module
from components.bundle import PROJECT_ROOT, BundleSpec, build_bundle, runtime_python_version
from droplets import contract
from tests.lake_tables import create_index_table
from transforms.testing import make_record

HERE = Path(__file__).resolve().parent
#: What must never be shipped: test code, the CLI and local-stack side, Pulumi, the SDK the
#: runtime provides, the operator's tools.
FORBIDDEN_TOP_LEVEL = {
    "tests", "examples", "components", "bench", "middleware", "pulumi", "pulumi_aws", "boto3", "botocore",
    "s3transfer", "typer", "rich", "duckdb", "moto", "pytest", "_pytest", "scrubadub", "playwright", "plotly",
    "grpc", "yaml", "bin",
}
LAMBDA_PYTHONS = ("3.13", "3.12")


@pytest.fixture(scope="module")
def lambda_bundle():
    """The bundle the program deploys with its defaults (arm64, the functions' runtime)."""
    return build_bundle(BundleSpec(architecture="arm64", python_version=runtime_python_version()))


def top_levels(files) -> set[str]:
    return {f.split("/", 1)[0] for f in files}


def test_bundle_holds_the_lambda_code_and_nothing_else(lambda_bundle):
    files = set(lambda_bundle.files)
    # THEN the project code the handlers run is there, by exact path
    for required in ("handlers/__init__.py", "handlers/consumer.py", "handlers/indexer.py", "transforms/__init__.py",
                     "transforms/chain.py", "transforms/manager.py", "transforms/hookspecs.py",
                     "transforms/builtin/pii.py", "transforms/builtin/enrich.py", "transforms/builtin/keys.py",
                     "droplets/__init__.py", "droplets/contract/__init__.py", f"droplets/contract/{contract.SCHEMA_FILE}"):
        assert required in files, required
    # AND the runtime dependencies, with the metadata entry-point discovery reads
    tops = top_levels(files)
    for package in ("pluggy", "fastjsonschema", "aws_lambda_powertools", "ua_parser", "ua_parser_builtins"):
        assert package in tops, package
    for dist in ("pluggy", "fastjsonschema", "aws_lambda_powertools", "ua_parser", "ua_parser_builtins"):
        from importlib.metadata import version

        assert f"{dist}-{version(dist)}.dist-info/METADATA" in files, dist  # pinned to what runs here
    # AND the compiled ones built for the functions' platform, not this machine's
    assert f"ahocorasick_rs/ahocorasick_rs.cpython-{runtime_python_version().replace('.', '')}-aarch64-linux-gnu.so" in files
    # AND nothing else of the project: no tests, CLI, local stack, Pulumi code, plugin test kit
    droplets_files = {f for f in files if f.startswith("droplets/")}
    shipped = {p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "droplets" / "contract").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert droplets_files == {"droplets/__init__.py"} | shipped
    assert "transforms/testing.py" not in files
    assert not tops & FORBIDDEN_TOP_LEVEL, tops & FORBIDDEN_TOP_LEVEL
    assert not any(f.endswith(".dist-info/METADATA") and f.split("-")[0].lower() in {"boto3", "botocore", "pulumi"} for f in files)
    assert not [f for f in files if "__pycache__" in f or f.endswith((".pyc", "/RECORD", "/INSTALLER", "/direct_url.json"))]
    # AND it is small
    assert lambda_bundle.zipped_bytes < 5 * 1024 * 1024


def test_bundle_entries_are_normalised(lambda_bundle):
    with zipfile.ZipFile(lambda_bundle.path) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert not [i for i in infos if i.is_dir()]


def test_bundle_is_reproducible_and_cached(tmp_path, monkeypatch):
    spec = BundleSpec(architecture="x86_64", python_version=runtime_python_version())
    # GIVEN two empty caches WHEN the same bundle is built in each
    first = build_bundle(spec, cache_dir=tmp_path / "a")
    second = build_bundle(spec, cache_dir=tmp_path / "b")
    # THEN the bytes are identical (Pulumi sees no change, nothing is re-uploaded)
    assert first.path.name == second.path.name
    assert hashlib.sha256(first.path.read_bytes()).digest() == hashlib.sha256(second.path.read_bytes()).digest()

    # AND a second build with unchanged inputs comes from the cache, without pip
    def no_pip(*args, **kwargs):
        raise AssertionError("pip ran although the bundle is cached")

    monkeypatch.setattr(bundle_module, "_pip_install", no_pip)
    assert build_bundle(spec, cache_dir=tmp_path / "a").path == first.path


def test_digest_follows_sources_architecture_and_python(tmp_path):
    # GIVEN a project tree
    root = tmp_path / "project"
    (root / "handlers").mkdir(parents=True)
    (root / "handlers" / "consumer.py").write_text("A = 1\n")
    (root / "transforms").mkdir()
    (root / "transforms" / "testing.py").write_text("# plugin authors' kit\n")
    (root / "handlers" / "__pycache__").mkdir()
    (root / "handlers" / "__pycache__" / "consumer.cpython-311.pyc").write_bytes(b"\0")
    sources = bundle_module._project_sources(root)
    assert list(sources) == ["handlers/consumer.py"]  # no testing kit, no caches

    def digest(spec, srcs):
        return bundle_module._digest(spec, ["pluggy==1.7.0"], [], srcs, [])

    base = digest(BundleSpec("arm64", "3.13"), sources)
    assert digest(BundleSpec("arm64", "3.13"), sources) == base
    assert digest(BundleSpec("x86_64", "3.13"), sources) != base
    assert digest(BundleSpec("arm64", "3.12"), sources) != base
    # WHEN a source changes THEN the digest changes
    (root / "handlers" / "consumer.py").write_text("A = 2\n")
    assert digest(BundleSpec("arm64", "3.13"), bundle_module._project_sources(root)) != base


def _tree(directory: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(directory).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size if p.is_file() else 0)
            for p in sorted(directory.rglob("*"))}


def test_a_local_plugin_is_built_without_touching_its_source_tree(tmp_path):
    # GIVEN the example plugin, installed from its directory (make setup: pip install -e)
    source = bundle_module._local_source("droplets-traffic-filter")
    assert source is not None and (source / "pyproject.toml").is_file()
    before = _tree(source)
    # WHEN the program's bundle is built with it (a fresh cache: really built, not reused)
    built = build_bundle(BundleSpec(architecture="arm64", python_version=runtime_python_version(),
                                    plugin_packages=("droplets-traffic-filter",)), cache_dir=tmp_path / "cache")
    # THEN the bundle holds the plugin
    assert "droplets_traffic_filter/__init__.py" in built.files
    # AND the plugin's tree is exactly as it was: no build/ folder, no egg-info touched
    after = _tree(source)
    assert not (source / "build").exists()
    assert after == before, sorted(set(after.items()) ^ set(before.items()))


def test_shipped_modules_are_the_project_files_the_bundle_takes():
    # GIVEN the project WHEN asked which of its modules the bundle holds
    shipped = bundle_module.shipped_modules()
    # THEN the handlers, the transforms and the contract package, as the Lambda imports them
    assert {"handlers.consumer", "transforms", "transforms.builtin.pii", "droplets", "droplets.contract",
            "droplets.contract.env"} <= shipped
    # AND nothing the bundle leaves out: the testing kit, the CLI, the components
    assert not shipped & {"transforms.testing", "droplets.cli", "droplets.sql", "components.bundle", "tests.plugins.shout"}


def test_runtime_version_and_unknown_architecture():
    assert runtime_python_version("python3.13") == "3.13"
    with pytest.raises(bundle_module.BundleError):
        runtime_python_version("nodejs20.x")
    with pytest.raises(bundle_module.BundleError, match="unknown architecture 'sparc'"):
        build_bundle(BundleSpec(architecture="sparc"))


# --- the bundle on its own, as in the Lambda runtime ------------------------------------------


def lambda_like_python() -> Path:
    """A Python of the Lambda runtime's version if this machine has one, else ours."""
    for version in LAMBDA_PYTHONS:
        for candidate in sorted(Path.home().glob(f".pyenv/versions/{version}*/bin/python"), reverse=True):
            return candidate
    return Path(sys.executable)


@pytest.fixture(scope="module")
def moto_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_handlers_run_from_the_bundle_alone_in_a_clean_virtualenv(tmp_path, moto_server, monkeypatch):
    # GIVEN the bundle built for this machine and the Lambda runtime's Python version
    python = lambda_like_python()
    version = subprocess.run([str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    architecture = {"x86_64": "x86_64", "AMD64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}[platform.machine()]
    built = build_bundle(BundleSpec(architecture=architecture, python_version=version))
    task = tmp_path / "task"
    with zipfile.ZipFile(built.path) as zf:
        zf.extractall(task)
    # AND a clean virtualenv holding only what the Lambda runtime provides: boto3
    venv = tmp_path / "venv"
    subprocess.run([str(python), "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    ours = Path(sysconfig.get_paths()["purelib"])
    for name in ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py"):
        (site / name).symlink_to(ours / name)

    # AND a lake bucket and index table on the emulator, and one message for each handler
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    region = "eu-west-1"
    bucket, table = f"lake-{uuid.uuid4().hex[:8]}", f"index-{uuid.uuid4().hex[:8]}"
    s3 = boto3.client("s3", region_name=region, endpoint_url=moto_server)
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    dynamodb = boto3.client("dynamodb", region_name=region, endpoint_url=moto_server)
    create_index_table(dynamodb, table)
    record = make_record(new_event_id=True)
    key = contract.object_key(contract.normalize(dict(record)))
    events = {
        "consumer": {"Records": [_sqs_message(json.dumps(record), "arn:aws:sqs:eu-west-1:123456789012:events")]},
        "indexer": {"Records": [_sqs_message(json.dumps(_s3_created(bucket, key)), "arn:aws:sqs:eu-west-1:123456789012:indexing")]},
    }
    events_file = tmp_path / "events.json"
    events_file.write_text(json.dumps(events))

    # WHEN the clean interpreter imports and runs both handlers from the bundle
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": region,
        "AWS_ENDPOINT_URL": moto_server,
        **contract.ConsumerEnv(bucket=bucket, table=table).to_env(),
        **contract.IndexerEnv(table=table, retention_days=30).to_env(),
    }
    probe = subprocess.run([str(venv / "bin" / "python"), "-I", str(HERE / "lambda_probe.py"), str(task), str(events_file)],
                           capture_output=True, text=True, env=env, timeout=120)
    assert probe.returncode == 0, probe.stderr[-3000:]
    report = json.loads(probe.stdout.strip().splitlines()[-1])

    # THEN it ran on the chosen Python, from the bundle, with nothing from outside it
    assert report["python"].startswith(version)
    assert report["outside"] == []
    assert all(path.startswith(str(task)) for path in report["where"].values()), report["where"]
    # AND both handlers processed their message: the object stored, then indexed
    assert report["responses"] == {"consumer": {"batchItemFailures": []}, "indexer": {"batchItemFailures": []}}
    stored = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    assert stored["event_id"] == record["event_id"] and stored["pipeline"]["transforms"] == list(contract.DEFAULT_TRANSFORMS)
    item = dynamodb.get_item(TableName=table, Key={
        contract.INDEX_PK: {"S": record["session_id"]},
        contract.INDEX_SK: {"S": contract.index_sort_key(record["occurred_at"], record["event_id"])},
    })["Item"]
    assert item["s3_key"] == {"S": key}


def _sqs_message(body: str, queue_arn: str) -> dict:
    return {
        "messageId": str(uuid.uuid4()),
        "receiptHandle": "AQEB-probe",
        "body": body,
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1795660865481",
                       "SenderId": "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp": "1795660865500"},
        "messageAttributes": {},
        "md5OfBody": hashlib.md5(body.encode()).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": "eu-west-1",
    }


def _s3_created(bucket: str, key: str) -> dict:
    return {"Records": [{
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": "eu-west-1",
        "eventTime": "2026-11-26T03:41:06.000Z",
        "eventName": "ObjectCreated:Put",
        "userIdentity": {"principalId": "AWS:AROAEXAMPLE:droplets-consumer"},
        "requestParameters": {"sourceIPAddress": "10.0.0.1"},
        "responseElements": {"x-amz-request-id": "EXAMPLE", "x-amz-id-2": "EXAMPLE"},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "droplets-index",
            "bucket": {"name": bucket, "ownerIdentity": {"principalId": "EXAMPLE"}, "arn": f"arn:aws:s3:::{bucket}"},
            "object": {"key": quote_plus(key, safe="/"), "size": 1024, "eTag": "0123456789abcdef", "sequencer": "0066F1A2B3C4D5E6F7"},
        },
    }]}


def test_each_architecture_s_platform_tag_names_the_machine_as_the_machine_names_itself():
    # the import check of a prebuilt bundle swaps compiled packages only when the functions'
    # machine is not this one: the tag must read as platform.machine() would say it
    from components.bundle import PLATFORMS, _machine

    assert {arch: _machine(tag) for arch, tag in PLATFORMS.items()} == {"arm64": "aarch64", "x86_64": "x86_64"}
