"""``enrich``: derived facts about a call, added under ``record["enrichment"]``.

================  =========================================================================
field             value
================  =========================================================================
``lag_ms``        ``pipeline.received_at`` - ``occurred_at`` in whole milliseconds (how far
                  behind the pipeline runs; negative means the producer's clock is ahead)
``user_agent``    ``{"browser", "browser_major", "os", "device", "is_bot"}`` from the
                  ``user-agent`` request header, or null when there is none
``route``         only when the producer sent no ``request.route``: the path as a template
                  (see :func:`route_template`); ``droplets.contract.effective_route`` and
                  the index read it
``status_class``  ``"2xx"``... from ``response.status`` (null below 100: no response)
``day``           the UTC day of ``occurred_at``, ``YYYY-MM-DD``
================  =========================================================================

User agents are parsed with ua-parser 1.x (the maintained uap-core rules) and cached in
an LRU: a service sees few distinct user agents, and an uncached parse with the pure-Python
resolver costs about half a millisecond. The rules load lazily (``load_lazy_builtins``):
the first parse compiles only the expressions it tries, which measured faster for a cold
start than compiling all of them up front (numbers in ``bench/README.md``). If the native
``ua-parser-rs`` accelerator is installed, ua-parser picks it up by itself.

``is_bot`` is true for what uap-core calls a ``Spider`` device (crawlers, link
expanders, uptime monitors), for headless and scripted browsers, and for command-line and
library HTTP clients (curl, Wget, python-requests, Go-http-client...): traffic that is
not a person at a browser. App HTTP stacks (okhttp, axios, Postman) are not bots.

Options: ``ua_cache_size`` (distinct user agents kept parsed, default 4096, 0 disables).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache, lru_cache
from typing import Any, Mapping

from droplets import contract
from transforms import ConfigError, hookimpl, reject_unknown_options

NAME = "enrich"
OPTIONS = ("ua_cache_size",)
DEFAULT_UA_CACHE_SIZE = 4096
#: Longer user agents are cut before parsing: real ones are far shorter, and the
#: parser's expressions must not run over a hostile megabyte.
MAX_UA_LENGTH = 512
MAX_ROUTE_LENGTH = 1024

#: uap-core browser families of headless browsers and scripted HTTP clients.
AUTOMATION_FAMILIES = frozenset(
    {
        "HeadlessChrome", "PhantomJS", "Python Requests", "Python-urllib", "python-httpx",
        "aiohttp", "curl", "Wget", "Go-http-client", "Scrapy", "libwww-perl",
        "Apache-HttpClient", "Java",
    }
)
_AUTOMATION_RE = re.compile(
    r"headless|phantomjs|selenium|puppeteer|playwright|lighthouse|crawler|spider|scraper"
    r"|python-requests|python-urllib|python-httpx|aiohttp|go-http-client|^curl/|^wget/|\bbot\b",
    re.IGNORECASE,
)

# --- route templates ------------------------------------------------------------------

_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_HEX_RE = re.compile(r"(?=[a-fA-F]*[0-9])[0-9a-fA-F]{16,}")
_TOKEN_RE = re.compile(r"(?=[A-Za-z]*[0-9])(?=[0-9]*[A-Za-z])[A-Za-z0-9]{20,}")
#: What ``pii`` leaves in a path: ``[email]`` (mask mode) or ``email:3f9a...`` (hash mode).
_PII_RE = re.compile(r"\[([a-z_]+)\]|([a-z_]+):[0-9a-f]{16}")


def template_segment(segment: str) -> str:
    if segment.isdecimal() and segment.isascii():
        return ":id"
    if len(segment) == 36 and _UUID_RE.fullmatch(segment):
        return ":uuid"
    if _HEX_RE.fullmatch(segment):
        return ":hex"
    if _TOKEN_RE.fullmatch(segment):
        return ":token"
    found = _PII_RE.fullmatch(segment)
    if found:
        return f":{found[1] or found[2]}"
    return segment


@lru_cache(maxsize=8192)
def route_template(path: str) -> str:
    """``/courses/42`` -> ``/courses/:id``.

    Placeholders, per path segment: ``:id`` (digits), ``:uuid`` (a UUID), ``:hex`` (16 or
    more hex digits, e.g. an ObjectId or a hash), ``:token`` (20 or more letters and digits
    mixed, an opaque ID), ``:<kind>`` (a value ``pii`` replaced, e.g. ``:email``). Other
    segments, slugs included, are kept. The query string is dropped.
    """
    path = path.split("?", 1)[0].split("#", 1)[0] or "/"
    return "/".join(map(template_segment, path.split("/")))[:MAX_ROUTE_LENGTH]


# --- user agents ------------------------------------------------------------------------


@cache
def _resolver():
    """Built on first use, once per process (a Lambda container's cold start)."""
    import ua_parser

    return ua_parser.BestAvailableResolver(ua_parser.load_lazy_builtins())


def parse_user_agent(ua: str) -> dict[str, Any]:
    from ua_parser import Domain

    result = _resolver()(ua[:MAX_UA_LENGTH], Domain.ALL).complete().with_defaults()
    browser, os, device = result.user_agent, result.os, result.device
    return {
        "browser": browser.family,
        "browser_major": browser.major,
        "os": os.family,
        "device": device.family,
        "is_bot": device.family == "Spider"
        or browser.family in AUTOMATION_FAMILIES
        or _AUTOMATION_RE.search(ua[:MAX_UA_LENGTH]) is not None,
    }


def _header(headers: Any, name: str) -> str | None:
    """A request header as a string, whatever case and shape the producer sent."""
    if not isinstance(headers, dict):
        return None
    value = headers.get(name)
    if value is None:
        value = next((v for k, v in headers.items() if isinstance(k, str) and k.lower() == name), None)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return value.strip() or None if isinstance(value, str) else None


# --- the transform ---------------------------------------------------------------------


def _millis_between(start: Any, end: Any) -> int | None:
    try:
        delta = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    except (TypeError, ValueError):
        return None
    return round(delta.total_seconds() * 1000)


def status_class(status: Any) -> str | None:
    if isinstance(status, int) and not isinstance(status, bool) and 100 <= status <= 999:
        return f"{status // 100}xx"
    return None


class Enrich:
    def __init__(self, options: Mapping[str, Any]):
        reject_unknown_options(options, OPTIONS)
        size = options.get("ua_cache_size", DEFAULT_UA_CACHE_SIZE)
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ConfigError(f"option 'ua_cache_size' must be a whole number >= 0, got {size!r}")
        self.user_agent = lru_cache(maxsize=size)(parse_user_agent) if size else parse_user_agent

    def __call__(self, record: dict[str, Any]) -> dict[str, Any]:
        enrichment = record.get("enrichment")
        if not isinstance(enrichment, dict):
            enrichment = record["enrichment"] = {}
        occurred_at = record["occurred_at"]
        pipeline = record.get("pipeline") or {}
        request = record.get("request") or {}
        response = record.get("response") or {}

        enrichment["lag_ms"] = _millis_between(occurred_at, pipeline.get("received_at"))
        ua = _header(request.get("headers"), "user-agent")
        # A copy: the cached dict is shared by every record with this user agent.
        enrichment["user_agent"] = dict(self.user_agent(ua)) if ua else None
        if not request.get("route") and isinstance(request.get("path"), str):
            enrichment["route"] = route_template(request["path"])
        enrichment["status_class"] = status_class(response.get("status"))
        enrichment["day"] = contract.day_of(occurred_at)
        return record


def make_enrich(options: Mapping[str, Any]) -> Enrich:
    return Enrich(options)


@hookimpl
def droplets_transforms():
    return {NAME: make_enrich}
