"""The AWS emulator of the local stack: moto's server, bound to 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import socket
import threading
import urllib.request
from dataclasses import dataclass, field
from typing import Any

#: The port AWS emulators customarily use (``droplets dev --port``).
DEFAULT_PORT = 4566
DEFAULT_REGION = "us-east-1"
#: moto's account: every ARN the emulator hands out carries it.
ACCOUNT_ID = "123456789012"

#: Credentials for the emulator. moto accepts any; these are always used for what talks to
#: it, so a real account's keys never sign a request of the local stack.
EMULATOR_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "droplets-local", "AWS_SECRET_ACCESS_KEY": "droplets-local"}

#: moto keeps what its servers hold in this process's memory, one store for all of them: a
#: server started after another has stopped would find the first one's queues and roles.
_live = 0
_live_lock = threading.Lock()


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


@dataclass
class Emulator:
    """A running moto server. ``endpoint`` is what ``AWS_ENDPOINT_URL`` points at."""

    region: str
    host: str
    port: int
    _server: Any = field(repr=False, default=None)

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"

    def env(self) -> dict[str, str]:
        """Environment for a process (SDK for Python or JavaScript) that should talk to it."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_REGION": self.region,
            "AWS_DEFAULT_REGION": self.region,
            **EMULATOR_CREDENTIALS,
        }

    def client(self, service: str, **kwargs: Any):
        import boto3

        return boto3.session.Session().client(
            service,
            endpoint_url=self.endpoint,
            region_name=self.region,
            aws_access_key_id=EMULATOR_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=EMULATOR_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            **kwargs,
        )

    def stop(self) -> None:
        global _live
        if self._server is not None:
            self._server.stop()
            self._server = None
            with _live_lock:
                _live -= 1

    def __enter__(self) -> "Emulator":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def start(port: int = DEFAULT_PORT, region: str = DEFAULT_REGION) -> Emulator:
    """Start moto's server on 127.0.0.1:``port`` (0 = any free port) in this process.

    Raises ``OSError`` with a readable message when the port is taken.
    """
    global _live
    import logging

    from moto.moto_server.threaded_moto_server import ThreadedMotoServer

    # One line per request would drown everything else; errors still show.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    if port and not port_is_free(port):
        raise OSError(f"port {port} on 127.0.0.1 is in use (another emulator?); pick one with --port")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    host, bound = server.get_host_and_port()
    with _live_lock:
        if _live == 0:
            # The first emulator of the moment starts empty, whatever an earlier one held.
            urllib.request.urlopen(urllib.request.Request(f"http://{host}:{bound}/moto-api/reset", method="POST"), timeout=30).close()
        _live += 1
    return Emulator(region=region, host=host, port=bound, _server=server)
