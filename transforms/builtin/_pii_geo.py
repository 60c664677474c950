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
from transforms.builtin._pii_literals import Literals
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


#: A mail server's note of the client it received from, ``(p5dd2c1a4.dip0.t-ipconnect.de
#: [93.210.193.164])``: the reverse-DNS name of a public address is as personal as the address
#: (an access provider's names embed it).
_RECEIVED_HOST_RE = re.compile(r"\((?P<host>[A-Za-z0-9][A-Za-z0-9.-]{0,252}+)[ ]\[(?P<ip>[0-9]{1,3}(?:\.[0-9]{1,3}){3})\]")


def _received_host(match: re.Match[str], replace: Replace) -> str:
    try:
        address = ipaddress.IPv4Address(match["ip"])
    except ValueError:
        return match[0]
    if not _is_client_v4(address) or "." not in match["host"]:
        return match[0]
    host = match["host"]
    return "(" + replace("ip", host.lower(), host) + match[0][1 + len(host):]


def scrub_ips(text: str, replace: Replace) -> str:
    if " [" in text and "(" in text:
        text = _RECEIVED_HOST_RE.sub(lambda m: _received_host(m, replace), text)
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
    if _VERSION_BEFORE_RE.search(before) is not None and _PORT_AFTER_RE.match(match.string, match.end()) is None:
        return value  # Chrome/126.0.0.0; but a version has no port: ".../203.0.113.87:61234" is a client's
    return replace("ip", str(address), value)


_PORT_AFTER_RE = re.compile(r":[0-9]{1,5}(?![0-9.])")


def _ipv6(match: re.Match[str], replace: Replace) -> str:
    value = match[0]
    try:
        address = ipaddress.IPv6Address(value)
    except ValueError:
        return value
    return replace("ip", str(address), value) if _is_client(address) else value


_DOC6 = ipaddress.ip_network("2001:db8::/32")


def names_a_machine(value: str) -> bool:
    """Is ``value`` an address no person is behind, as the text detectors judge one: a private,
    loopback, link-local or reserved address, or a public DNS resolver (``8.8.8.8``)?"""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return False
    return not _is_client(address)


def _is_client(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Could a person be behind ``address``? A public one, or one of the documentation ranges
    that stand for one; an IPv4-mapped IPv6 address as the IPv4 address it holds."""
    if address.version == 4:
        return _is_client_v4(address)
    mapped = address.ipv4_mapped
    if mapped is not None:
        return _is_client_v4(mapped)
    return (address.is_global or address in _DOC6) and address not in PUBLIC_RESOLVERS

# --- coordinates ----------------------------------------------------------------------

_PAIR_RE = re.compile(
    r"[-0-9](?<![A-Za-z0-9._-][-0-9])-?[0-9]{0,2}\.[0-9]{4,15}[ ]{0,2}[,;][ ]{0,2}[ ]?-?[0-9]{1,3}\.[0-9]{4,15}"
    r"(?![0-9]|\.[0-9])"
)
_GEO_URI_RE = re.compile(r"geo:(?<![A-Za-z0-9]geo:)-?[0-9]{1,2}(?:\.[0-9]{1,15})?,-?[0-9]{1,3}(?:\.[0-9]{1,15})?(?:,-?[0-9.]{1,15})?")
_NAMED_RE = re.compile(
    r"(?P<name>" + cased("latitude|longitude|lat|lng|lon|long|mlat|mlon") + r")\"?[ ]{0,2}[=:][ ]{0,2}\"?"
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


#: Other notations of a precise place: a what3words address (``///filled.count.soap``), an
#: Open Location Code (plus code, ``8FVC9G8F+6X``, short ``9G8F+6X``), a map link's centre
#: (``#map=19/52.51623/13.37770``), a pair written with decimal commas (``48,137154;
#: 11,576124``), a geohash or an OSGB grid reference after its word (``geohash u33dc1v7q``,
#: ``grid ref TQ 30080 80995``).
_W3W_RE = re.compile(r"(?:///|(?:what3words\.com|w3w\.co)/)[^\W\d_]{1,24}+\.[^\W\d_]{1,24}+\.[^\W\d_]{1,24}+")
_OLC = "23456789CFGHJMPQRVWX"
_PLUS_CODE_RE = re.compile(
    f"(?<![A-Za-z0-9+])(?:[{_OLC}]{{2}}){{2,4}}\\+[{_OLC}]{{2,3}}(?![A-Za-z0-9+])"
)
_MAP_CENTRE_RE = re.compile(r"map=[0-9]{1,2}/(-?[0-9]{1,2}\.[0-9]{3,15})/(-?[0-9]{1,3}\.[0-9]{3,15})(?![0-9])")
_COMMA_PAIR_RE = re.compile(
    r"(?<![0-9.,;])-?[0-9]{1,2},[0-9]{5,15}[ ]{0,2}[;/][ ]{0,2}-?[0-9]{1,3},[0-9]{5,15}(?![0-9]|[ ]{0,2};)"
)
_GEO_WORD_RE = re.compile(
    r"(?P<word>" + cased("geohash|grid ref|grid reference|os grid ref|os grid reference|ngr") + r")"
    r"[ :=#]{1,3}(?P<value>[0-9b-hjkmnp-z]{6,12}+(?![0-9A-Za-z])|[HNOST][A-HJ-Z][ ]?[0-9]{3,5}[ ]?[0-9]{3,5}(?![0-9]))"
)


def _plus_code(match: re.Match[str], replace: Replace) -> str:
    code = match[0]
    head = code.split("+")[0]
    if not (any(c.isdigit() for c in code) and any(c.isalpha() for c in code)):
        return code
    if len(head) == 8 and not (code[0] in _OLC[:9] and code[1] in _OLC[:18]):
        return code  # the first pair is a latitude below 180 and a longitude below 360 degrees
    return replace("location", code, code)


def _geo_word(match: re.Match[str], replace: Replace) -> str:
    value = match["value"]
    if not match["word"].lower().startswith("geo"):
        if value[0].islower():
            return match[0]
        digits = value[2:].replace(" ", "")
        if len(digits) % 2:
            return match[0]
    elif not any(c.isdigit() for c in value):
        return match[0]  # a word
    start = match.start("value") - match.start()
    return match[0][:start] + replace("location", value.replace(" ", "").upper() if value[0].isupper() else value, value)


def _comma_pair(match: re.Match[str], replace: Replace) -> str:
    lat, lon = re.split(r"[ ]{0,2}[;/][ ]{0,2}", match[0])
    a, b = float(lat.replace(",", ".")), float(lon.replace(",", "."))
    if not _a_place(a, b) or (abs(a) < 2 and abs(b) < 2):
        return match[0]
    return replace("location", f"{_number(lat.replace(',', '.'))},{_number(lon.replace(',', '.'))}", match[0])


#: The finest H3 resolution kept: a cell of resolution 9 is about 0.1 km², a block.
_H3_FINE = 9


def h3_cell(value: str) -> bool:
    """Is ``value`` (15 lower-case hex digits) a valid H3 cell index of resolution 9 or finer
    (``8f2830828052d25``)? Its mode is 1, its base cell below 122, its digits up to its
    resolution 0-6 and 7 after it."""
    try:
        number = int(value, 16)
    except ValueError:
        return False
    if (number >> 59) & 0xF != 1 or (number >> 56) & 0x7 or (number >> 45) & 0x7F >= 122:
        return False
    resolution = (number >> 52) & 0xF
    if resolution < _H3_FINE:
        return False
    for i in range(1, 16):
        digit = (number >> (45 - 3 * i)) & 0x7
        if (digit == 7) != (i > resolution):
            return False
    return True


#: Still more notations: degrees and decimal minutes (geocaching's ``N 52° 31.204 E 013° 24.297``),
#: aviation's degrees, minutes and seconds without signs (``N51 30 26.5 W000 07 39.1``), a UTM
#: reference after its word (``UTM 33U 389456 5819734``), Bing Maps' ``47.613862~-122.319174``.
_DDM = r"[NSns][ ]?[0-9]{1,2}°[ ]?[0-9]{1,2}\.[0-9]{3,4}['′]?"
_DDM_RE = re.compile(_DDM + r"[ ,]{1,3}" + _DDM.replace("[NSns]", "[EWew]").replace("{1,2}°", "{1,3}°"))
_AVIATION_RE = re.compile(
    r"(?<![A-Za-z0-9])[NS][0-9]{2}[ ]?[0-5][0-9][ ]?[0-5][0-9](?:\.[0-9]{1,2})?[ ,/]{0,3}[EW][0-9]{3}[ ]?[0-5][0-9][ ]?[0-5][0-9]"
    r"(?:\.[0-9]{1,2})?(?![0-9])"
)
_UTM_RE = re.compile(r"(?<![A-Za-z])(?:UTM|utm)[ :]{1,3}[0-9]{1,2}[ ]?[C-HJ-NP-X][ ][0-9]{6}[ ][0-9]{7}(?![0-9])")
_TWO_DIGITS_RE = re.compile(r"[0-9]{2}")
_DIGIT_RE = re.compile(r"[0-9]")
_TILDE_PAIR_RE = re.compile(r"(?<![0-9.])(-?[0-9]{1,2}\.[0-9]{4,15})~(-?[0-9]{1,3}\.[0-9]{4,15})(?![0-9])")
#: A post office box, an address of its own: ``PO Box 4471``, ``Postfach 10 12 34``, ``Apartado de
#: Correos 1234``, ``BP 123``, ``ص.ب 12345``.
_PO_BOX_RE = re.compile(
    r"(?<![\w])(?:(?i:p\.?[ ]?o\.?[ ]?box|post office box|postfach|apartado de correos|apartado postal|apdo\.|boîte postale"
    r"|boite postale|casilla de correo|caixa postal|postbus|postboks)|ص\.ب\.?|ص ب)[ ]?[0-9]{1,7}(?:[ ][0-9]{2}){0,2}(?![0-9])"
)
_PO_BOX_SCAN = Literals(["box", "Box", "BOX", "postfach", "Postfach", "apartado", "Apartado", "Apdo", "oîte postale",
                         "oite postale", "asilla de correo", "aixa postal", "ostbus", "ostboks", "ص.ب", "ص ب"])


def scrub_places(text: str, replace: Replace) -> str:
    """The other notations of a place (:data:`_W3W_RE`...), each behind its literal."""
    if "°" in text:
        text = _DDM_RE.sub(lambda m: replace("location", " ".join(m[0].split()), m[0]), text)
    if ("N" in text or "S" in text) and ("E" in text or "W" in text) and _TWO_DIGITS_RE.search(text) is not None:
        text = _AVIATION_RE.sub(lambda m: replace("location", m[0], m[0]), text)
    if "UTM" in text or "utm" in text:
        text = _UTM_RE.sub(lambda m: replace("location", m[0], m[0]), text)
    if "~" in text:
        text = _TILDE_PAIR_RE.sub(lambda m: m[0] if not _a_place(float(m[1]), float(m[2])) else replace(
            "location", f"{_number(m[1])},{_number(m[2])}", m[0]), text)
    if _DIGIT_RE.search(text) is not None and _PO_BOX_SCAN.found_in(text):
        text = _PO_BOX_RE.sub(lambda m: replace("address", " ".join(m[0].lower().split()), m[0]), text)
    if "///" in text or "w3w.co" in text or "what3words" in text:
        text = _W3W_RE.sub(lambda m: replace("location", m[0].lower(), m[0]), text)
    if "+" in text:
        text = _PLUS_CODE_RE.sub(lambda m: _plus_code(m, replace), text)
    if "map=" in text:
        text = _MAP_CENTRE_RE.sub(lambda m: m[0] if not _a_place(float(m[1]), float(m[2])) else (
            m[0][:m.start(1) - m.start()] + replace("location", f"{_number(m[1])},{_number(m[2])}", m[0][m.start(1) - m.start():])), text)
    if "," in text and (";" in text or "/" in text):  # decimal commas, the pair's ";" or "/" between
        text = _COMMA_PAIR_RE.sub(lambda m: _comma_pair(m, replace), text)
    if "eohash" in text or "EOHASH" in text or "rid ref" in text or "RID REF" in text or "NGR" in text:
        text = _GEO_WORD_RE.sub(lambda m: _geo_word(m, replace), text)
    return text


def scrub_locations(text: str, replace: Replace) -> str:
    if "(" in text and ("POINT" in text or "oint" in text):
        text = _WKT_POINT_RE.sub(lambda m: _wkt_point(m, replace), text)
    if "$" in text and "," in text:
        text = _nmea(text, replace)
    if "°" in text:
        text = _DMS_RE.sub(lambda m: replace("location", " ".join(m[0].split()), m[0]), text)
    if "geo:" in text:
        text = _GEO_URI_RE.sub(lambda m: _geo_uri(m, replace), text)
    if "," in text or ";" in text:  # "48.1371079;11.5753822", a Geo-Position header's pair
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
    as a string) within range and with fewer than :data:`NAMED_DECIMALS` decimals; or a pair of
    them written "lat,lon"."""
    if isinstance(value, str):
        if value.count(",") == 1 and "." in value:  # "25.20,55.28": a pair, each coarse
            lat, _, lon = value.partition(",")
            return lat.strip() != "" and coarse_coordinate(lat.strip()) and coarse_coordinate(lon.strip())
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
    lat, lon = match[0].replace(";", ",").split(",")
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
