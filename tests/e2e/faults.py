"""An S3 that throttles on demand: a small HTTP proxy in front of the emulator.

moto never fails a request, so to see the consumer's retry path end to end, the consumer
function (and only it) is pointed at this proxy through the AWS SDK's own per-service
setting ``AWS_ENDPOINT_URL_S3``. The proxy forwards every request to moto unchanged,
except a ``PUT`` whose path contains a string the test chose: that one gets S3's
``503 SlowDown``, as real S3 answers when throttling. botocore retries it as it would on
AWS; when its attempts run out the handler reports the message in ``batchItemFailures``.
"""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

SLOW_DOWN = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
    b"<RequestId>DROPLETSFAULT</RequestId></Error>"
)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class ThrottlingProxy:
    def __init__(self, upstream: str | None = None):
        self.upstream: tuple[str, int] | None = None
        if upstream:
            self.forward_to(upstream)
        self._rules: dict[str, bool] = {}  # path fragment -> active
        self._lock = threading.Lock()
        self.throttled: dict[str, int] = {}  # path fragment -> 503s sent
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fragment = proxy._match(self.command, unquote(self.path))
                if fragment is not None:
                    self.send_response(503)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(SLOW_DOWN)))
                    self.end_headers()
                    self.wfile.write(SLOW_DOWN)
                    return
                conn = http.client.HTTPConnection(*proxy.upstream, timeout=30)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                    conn.request(self.command, self.path, body=body, headers=headers)
                    response = conn.getresponse()
                    data = response.read()
                finally:
                    conn.close()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="s3-fault-proxy", daemon=True)

    def forward_to(self, upstream: str) -> None:
        target = urlsplit(upstream)
        self.upstream = (target.hostname, target.port)

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def throttle(self, fragment: str) -> None:
        """Answer 503 SlowDown to every PUT whose path contains ``fragment``."""
        with self._lock:
            self._rules[fragment] = True
            self.throttled.setdefault(fragment, 0)

    def heal(self, fragment: str) -> None:
        with self._lock:
            self._rules[fragment] = False

    def _match(self, method: str, path: str) -> str | None:
        if method != "PUT":
            return None
        with self._lock:
            for fragment, active in self._rules.items():
                if active and fragment in path:
                    self.throttled[fragment] += 1
                    return fragment
        return None

    def start(self) -> "ThrottlingProxy":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
