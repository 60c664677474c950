"""What the benches share: a moto server in a child process (so its request handling never
competes with the timed client for the GIL) and a line naming the machine a run was on."""

from __future__ import annotations

import logging
import multiprocessing
import os
import platform
import time
from pathlib import Path


def serve(latency_s: float, conn) -> None:
    """Child process: a ThreadedMotoServer on 127.0.0.1, port chosen by the OS, each request
    delayed by ``latency_s`` (S3's round trip) when > 0. Sends the port, then serves until
    the parent sends anything."""
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    class Delayed:
        def __init__(self, app):
            self.app = app

        def __call__(self, environ, start_response):
            time.sleep(latency_s)
            return self.app(environ, start_response)

    class DelayedMotoServer(ThreadedMotoServer):
        # Same as ThreadedMotoServer._server_entry, with the app wrapped.
        def _server_entry(self) -> None:
            app = DomainDispatcherApplication(create_backend_app)
            self._server = make_server(self._ip_address, self._port, Delayed(app) if latency_s > 0 else app,
                                       True, request_handler=MotoRequestHandler)
            self._server_ready_event.set()
            self._server.serve_forever()

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = DelayedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    conn.send(server.get_host_and_port()[1])
    conn.recv()
    server.stop()


class MotoProcess:
    """``with MotoProcess(latency_ms) as endpoint:`` a fresh moto server for the block."""

    def __init__(self, latency_ms: float = 0.0):
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=serve, args=(latency_ms / 1000, child), daemon=True)

    def __enter__(self) -> str:
        self.process.start()
        if not self.conn.poll(60):
            raise RuntimeError("moto server did not start")
        return f"http://127.0.0.1:{self.conn.recv()}"

    def __exit__(self, *exc) -> None:
        self.conn.send("stop")
        self.process.join(10)
        if self.process.is_alive():
            self.process.terminate()


def machine() -> str:
    """Cores, architecture and CPU model, for the line a bench prints before its figures."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {platform.machine()}, {model}"
