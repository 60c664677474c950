"""Truncating client IP addresses: IPv4 to its /24, IPv6 to its /48.

The truncated address still tells the network (for abuse analysis and rough geography)
but no longer the household. An IPv4-mapped IPv6 address (``::ffff:203.0.113.7``, what
Node reports on a dual-stack socket) is truncated as the IPv4 address it holds.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache

#: Headers that carry client addresses (``forwarded`` as in RFC 7239).
IP_HEADERS = frozenset(
    {
        "x-forwarded-for", "x-real-ip", "x-client-ip", "x-cluster-client-ip",
        "x-original-forwarded-for", "x-envoy-external-address", "cf-connecting-ip",
        "true-client-ip", "fastly-client-ip", "forwarded",
    }
)

#: Address-like runs inside a header value (``for="[2001:db8::1]:4711"``, ``1.2.3.4:80``).
#: Bounded, and anchored after a non-address character, so hostile values scan linearly.
_CANDIDATE_RE = re.compile(
    r"(?<![0-9A-Za-z.:%])[0-9A-Fa-f:.%]{0,48}[.:][0-9A-Fa-f:.%]{0,48}[0-9A-Fa-f](?![0-9A-Za-z])"
)


@lru_cache(maxsize=4096)
def truncate(value: str) -> str | None:
    """The truncated form of the address ``value``, or None if it is not an address."""
    text = value.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1:text.index("]")]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        host, sep, port = text.rpartition(":")  # v4:port
        if not sep or not port.isdigit() or ":" in host:
            return None
        try:
            address = ipaddress.IPv4Address(host)
        except ValueError:
            return None
    if address.version == 6 and address.ipv4_mapped is not None:
        return f"::ffff:{_network(address.ipv4_mapped, 24)}"
    return _network(address, 24 if address.version == 4 else 48)


def _network(address, prefix: int) -> str:
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def truncate_in(text: str) -> str:
    """Truncate every address inside a header value; other text is left to the scrubber."""
    return _CANDIDATE_RE.sub(lambda m: truncate(m[0]) or m[0], text)


def replace_in(text: str, replace) -> str:
    """Replace every address inside ``text`` by ``replace(address)``; other text is kept."""
    return _CANDIDATE_RE.sub(lambda m: m[0] if truncate(m[0]) is None else replace(m[0]), text)
