"""Where a person is: client IP addresses and precise coordinates inside text.

- ``ip``: an IPv4 address (four decimal octets, no leading zeros, not part of a longer
  dotted run, not after ``v``/``version``/``build``...) or an IPv6 address, that is a
  public (globally routed) one or one of the documentation ranges that stand for one; the
  private, loopback, link-local, multicast and reserved ranges name machines of a network,
  not people, and are left. The canonical value is the address as :mod:`ipaddress` writes
  it; the transform truncates it (/24, /48) as it does ``request.ip``.
- ``location``: a latitude/longitude pair with at least four decimals each (about 11 m)
  written ``48.85837, 2.29448`` (not both below 1: that is a pair of scores), a
  ``geo:`` URI, or a value named ``lat``/``latitude``/``lng``/``lon``/``longitude`` in a
  form, query or JSON text with at least three decimals, a WKT point (``POINT(lon lat)``,
  four decimals), the fix of an NMEA sentence (``$GPGGA,...,4807.038,N,01131.000,E``).
  Canonical: the numbers as written, without trailing zeros.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Callable

from transforms.builtin._pii_ip import PUBLIC_RESOLVERS
from transforms.builtin._pii_words import cased

Replace = Callable[[str, str, str], str]

_IPV4_RE = re.compile(
    r"[0-9](?<![A-Za-z0-9._-][0-9])(?<![0-9]\.[0-9])[0-9]{0,2}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}"
    r"(?![0-9]|\.[0-9]|[A-Za-z])"
)
#: Global unicast IPv6 (2000::/3) and IPv4-mapped addresses: hex groups and colons, with
#: an optional dotted IPv4 tail. Checked by :mod:`ipaddress`.
_IPV6_RE = re.compile(
    r"[23:](?<![0-9A-Za-z:.][23:])(?:(?<=[23])[0-9A-Fa-f]{0,3}:|(?<=:):[fF]{4}:)"
    r"[0-9A-Fa-f:]{1,40}+(?:(?<=:)[0-9]{1,3}(?:\.[0-9]{1,3}){3})?(?![0-9A-Za-z:.])"
)
_VERSION_BEFORE_RE = re.compile(
    r"(?i:(?:\bv|\bver|version|release|build|firmware|fw|os|ios|android|chrome|firefox|safari|edge|opera|msie"
    r"|windows nt|mac os x|rv|agent)[\s:=/._-]{0,3}|/)$"
)
_NOT_CLIENTS4 = tuple(
    ipaddress.ip_network(n)
    for n in ("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
              "192.168.0.0/16", "224.0.0.0/3", "198.18.0.0/15")
)


def _is_client_v4(address: ipaddress.IPv4Address) -> bool:
    return not any(address in network for network in _NOT_CLIENTS4) and address not in PUBLIC_RESOLVERS


def scrub_ips(text: str, replace: Replace) -> str:
    if "." in text:
        text = _IPV4_RE.sub(lambda m: _ipv4(m, replace), text)
    if ":" in text:
        text = _IPV6_RE.sub(lambda m: _ipv6(m, replace), text)
    return text


def _ipv4(match: re.Match[str], replace: Replace) -> str:
    value = match[0]
    if any(len(part) > 1 and part[0] == "0" for part in value.split(".")):
        return value  # 01.02.03.04: a date or a code, not how addresses are written
    try:
        address = ipaddress.IPv4Address(value)
    except ValueError:
        return value
    if not _is_client_v4(address):
        return value
    before = match.string[max(0, match.start() - 12):match.start()]
    if _VERSION_BEFORE_RE.search(before) is not None:
        return value
    return replace("ip", str(address), value)


def _ipv6(match: re.Match[str], replace: Replace) -> str:
    value = match[0]
    try:
        address = ipaddress.IPv6Address(value)
    except ValueError:
        return value
    mapped = address.ipv4_mapped
    if mapped is not None:
        return replace("ip", str(address), value) if _is_client_v4(mapped) else value
    if (not address.is_global and address not in _DOC6) or address in PUBLIC_RESOLVERS:
        return value
    return replace("ip", str(address), value)


_DOC6 = ipaddress.ip_network("2001:db8::/32")

# --- coordinates ----------------------------------------------------------------------

_PAIR_RE = re.compile(
    r"[-0-9](?<![A-Za-z0-9._-][-0-9])-?[0-9]{0,2}\.[0-9]{4,15}[ ]{0,2},[ ]{0,2}[ ]?-?[0-9]{1,3}\.[0-9]{4,15}"
    r"(?![0-9]|\.[0-9])"
)
_GEO_URI_RE = re.compile(r"geo:(?<![A-Za-z0-9]geo:)-?[0-9]{1,2}(?:\.[0-9]{1,15})?,-?[0-9]{1,3}(?:\.[0-9]{1,15})?(?:,-?[0-9.]{1,15})?")
_NAMED_RE = re.compile(
    r"(?P<name>" + cased("latitude|longitude|lat|lng|lon|long") + r")\"?[ ]{0,2}[=:][ ]{0,2}\"?"
    r"(?P<value>-?[0-9]{1,3}\.[0-9]{3,15})(?![0-9])"
)


def _number(text: str) -> str:
    return text.strip().rstrip("0").rstrip(".") if "." in text else text.strip()


#: A place in degrees, minutes and seconds, as maps and GPS devices write it:
#: ``48°51'30.1"N 2°17'40.2"E`` (seconds place anyone within 30 m).
_DMS = r"[0-9]{1,3}°[ ]?[0-9]{1,2}['′][ ]?[0-9]{1,2}(?:[.,][0-9]{1,6})?(?:\"|″|'')[ ]?[NSEWnsew]"
_DMS_RE = re.compile(_DMS + r"(?:[ ,]{1,3}" + _DMS + ")?")


#: A WKT or EWKT point (``POINT(2.2944813 48.8583701)``, ``SRID=4326;POINT Z (lon lat alt)``):
#: longitude first, then latitude, each with the decimals of a text pair.
_WKT_POINT_RE = re.compile(
    r"(?:POINT|Point|point)[ ]?(?:Z|M|ZM)?[ ]?\([ ]?"
    r"(?P<coords>(?P<x>-?[0-9]{1,3}\.[0-9]{4,15})[ ]{1,2}(?P<y>-?[0-9]{1,3}\.[0-9]{4,15})(?:[ ]{1,2}-?[0-9]{1,9}(?:\.[0-9]{1,9})?){0,2})"
    r"[ ]?\)"
)
#: An NMEA 0183 sentence with a fix (``$GPGGA,123519,4807.038,N,01131.000,E,...``): its
#: latitude and longitude in degrees and minutes are looked for in the fields that follow.
_NMEA_RE = re.compile(r"\$(?:G[PNLAB]|BD|GQ)(?:GGA|RMC|GLL|GNS),")
_NMEA_FIX_RE = re.compile(r"[0-9]{4}\.[0-9]{1,7},[NS],[0-9]{5}\.[0-9]{1,7},[EW]")
#: How far after the sentence's name its fix may start (a time and a status before it).
_NMEA_REACH = 32


def _wkt_point(match: re.Match[str], replace: Replace) -> str:
    x, y = float(match["x"]), float(match["y"])
    if not (_a_place(y, x) or _a_place(x, y)):
        return match[0]
    coords = match["coords"]
    start = match.start("coords") - match.start()
    canonical = f"{_number(match['y'])},{_number(match['x'])}"
    return match[0][:start] + replace("location", canonical, coords) + match[0][start + len(coords):]


def _nmea(text: str, replace: Replace) -> str:
    out: list[str] = []
    pos = 0
    for head in _NMEA_RE.finditer(text):
        if head.start() < pos:
            continue
        fix = _NMEA_FIX_RE.search(text, head.end(), min(len(text), head.end() + _NMEA_REACH + 30))
        if fix is None or fix.start() > head.end() + _NMEA_REACH:
            continue
        out += [text[pos:fix.start()], replace("location", fix[0], fix[0])]
        pos = fix.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def scrub_locations(text: str, replace: Replace) -> str:
    if "(" in text and ("POINT" in text or "oint" in text):
        text = _WKT_POINT_RE.sub(lambda m: _wkt_point(m, replace), text)
    if "$" in text and "," in text:
        text = _nmea(text, replace)
    if "°" in text:
        text = _DMS_RE.sub(lambda m: replace("location", " ".join(m[0].split()), m[0]), text)
    if "geo:" in text:
        text = _GEO_URI_RE.sub(lambda m: _geo_uri(m, replace), text)
    if "," in text:
        text = _PAIR_RE.sub(lambda m: _pair(m, replace), text)
    if "=" in text or ":" in text:
        text = _NAMED_RE.sub(lambda m: _named(m, replace), text)
    return text


def _geo_uri(match: re.Match[str], replace: Replace) -> str:
    lat, lon = match[0][4:].split(",")[:2]
    return match[0] if abs(float(lat)) > 90 or abs(float(lon)) > 180 else replace(
        "location", f"{_number(lat)},{_number(lon)}", match[0]
    )


#: Decimals that make two unnamed numbers a precise place (about 1 m): four, as text
#: pairs need, would take exchange rates and prices quoted to four places for places.
POINT_DECIMALS = 5


def _a_place(a: float, b: float) -> bool:
    """Could ``a, b`` be latitude and longitude (not both below 1: that is a pair of scores)?"""
    return abs(a) <= 90 and abs(b) <= 180 and not (abs(a) < 1 and abs(b) < 1)


def precise_point(a: float, b: float) -> bool:
    """Two JSON numbers that are a precise place, ``[lat, lon]`` or GeoJSON's ``[lon, lat]``,
    each with at least :data:`POINT_DECIMALS` decimals, one of them 2 or more (a pair of
    exchange rates is not a place)."""
    if not (_a_place(a, b) or _a_place(b, a)) or (abs(a) < 2 and abs(b) < 2):
        return False
    return all(_decimals(x) >= POINT_DECIMALS for x in (a, b))


#: Fewer decimals than this, a coordinate under its own name (``lat``, ``lng``) places no
#: one (``52.52``: a kilometre); the same bar as for a named value in text.
NAMED_DECIMALS = 3


def coarse_coordinate(value: object) -> bool:
    """A latitude or longitude too coarse to place anyone: a number (or a number written
    as a string) within range and with fewer than :data:`NAMED_DECIMALS` decimals."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return False
        written = value.strip()
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number, written = value, repr(value)
    else:
        return False
    if not -180 <= number <= 180 or "e" in written.lower() or "n" in written.lower():
        return False
    return "." not in written or len(written) - written.index(".") - 1 < NAMED_DECIMALS


def _decimals(x: float) -> int:
    written = repr(x)
    return 0 if "e" in written else len(written) - written.index(".") - 1


def _pair(match: re.Match[str], replace: Replace) -> str:
    lat, lon = match[0].split(",")
    if not _a_place(float(lat), float(lon)):
        return match[0]
    return replace("location", f"{_number(lat)},{_number(lon)}", match[0])


def _named(match: re.Match[str], replace: Replace) -> str:
    if match.start() and match.string[match.start() - 1].isalnum():
        return match[0]
    value = match["value"]
    limit = 90 if match["name"].lower().startswith("lat") else 180
    if abs(float(value)) > limit:
        return match[0]
    start = match.start("value") - match.start()
    return match[0][:start] + replace("location", _number(value), value)
