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

#: Well-known public DNS resolvers (Google, Cloudflare, Quad9, OpenDNS, AdGuard, Level 3):
#: anycast addresses of a service, named in configuration and health checks, never a person's.
PUBLIC_RESOLVERS = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "8.8.8.8", "8.8.4.4", "2001:4860:4860::8888", "2001:4860:4860::8844",
        "1.1.1.1", "1.0.0.1", "1.1.1.2", "1.0.0.2", "1.1.1.3", "1.0.0.3",
        "2606:4700:4700::1111", "2606:4700:4700::1001", "2606:4700:4700::1112", "2606:4700:4700::1002",
        "9.9.9.9", "149.112.112.112", "2620:fe::fe", "2620:fe::9",
        "208.67.222.222", "208.67.220.220", "2620:119:35::35", "2620:119:53::53",
        "94.140.14.14", "94.140.15.15", "4.2.2.1", "4.2.2.2",
    )
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
