"""What the tests of the installed ``droplets`` executable share: a moto server over the
wire, a lake on it, the ``.droplets/local.json`` the local stack would write for it, and the
environment the subprocess runs in. One definition, so that the executable tests (one-shot
commands, ``tail``) set up their world alike."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

from droplets.target import LOCAL_TARGET_FILE
from tests.cli.conftest import AWS_SETTINGS
from tests.cli.lake import Lake, create_bucket, create_table

DROPLETS = Path(sys.executable).parent / "droplets"
REGION = "us-east-1"


@pytest.fixture(scope="module")
def moto_server():
    """A moto server on 127.0.0.1 (port 0: other suites run at the same time); its URL."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def wire_lake(endpoint: str, bucket: str, table: str) -> Lake:
    """A lake whose clients talk to the moto server at ``endpoint``, its bucket and table made."""

    def client(service):
        return boto3.client(service, endpoint_url=endpoint, region_name=REGION,
                            aws_access_key_id="x", aws_secret_access_key="x")

    lake = Lake(client("s3"), client("dynamodb"), bucket=bucket, table=table)
    create_bucket(lake.s3, bucket, REGION)
    create_table(lake.dynamodb, table)
    return lake


def write_local_target(project: Path, endpoint: str, outputs: dict[str, str]) -> None:
    """The project's .droplets/local.json, as the local stack writes it, pointing at ``endpoint``."""
    path = project / LOCAL_TARGET_FILE
    path.parent.mkdir()
    path.write_text(json.dumps({"endpoint": endpoint, "region": REGION, "outputs": outputs}))


def executable_env(cwd: Path, **extra: str) -> dict[str, str]:
    """The subprocess's environment: nothing from the developer's AWS settings, so that
    local.json alone says where the lake is."""
    env = {k: v for k, v in os.environ.items() if k not in AWS_SETTINGS}
    env.update(AWS_CONFIG_FILE=str(cwd / "none"), AWS_SHARED_CREDENTIALS_FILE=str(cwd / "none"),
               AWS_EC2_METADATA_DISABLED="true", **extra)
    return env
