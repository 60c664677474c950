"""Importing a handler needs no environment, no credentials and makes no AWS call."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import socket, sys

def no_network(*args, **kwargs):
    raise AssertionError("network access at import time")

socket.socket.connect = no_network
socket.create_connection = no_network
socket.getaddrinfo = no_network

import handlers.consumer, handlers.indexer

# No client can exist without boto3, and nothing was built for the container yet.
assert "boto3" not in sys.modules, "boto3 imported at import time"
assert handlers.consumer.consumer.cache_info().currsize == 0
assert handlers.indexer.indexer.cache_info().currsize == 0
assert callable(handlers.consumer.handler) and callable(handlers.indexer.handler)
print("imported")
"""


def test_handlers_import_with_an_empty_environment():
    # GIVEN a process with no AWS or droplets environment at all (not even a region)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    # WHEN it imports both handler modules with the network cut off
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    # THEN the imports succeed without touching AWS
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "imported"
