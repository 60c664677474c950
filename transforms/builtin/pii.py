"""``pii``: strip personal data and credentials from a record before it is stored.

What it does, in order of bluntness:

1. **Credential headers are removed** from request and response headers (compared
   case-insensitively): ``authorization``, ``cookie``, ``set-cookie``,
   ``proxy-authorization``, ``x-api-key``, ``x-amz-security-token`` and option
   ``extra_headers``.
2. **Values under sensitive field names are masked**, at any depth of the query, the
   headers and both bodies (dicts and lists), and in ``name=value`` / ``"name": "value"``
   text inside strings: ``password``, ``secret``, ``token``, ``api_key``, ``card_number``,
   ``cvv``, ``ssn``... and option ``extra_fields``. Matching is by normalised name (see
   :mod:`transforms.builtin._pii_names`): ``apiKey``, ``api-key`` and ``x_api_key`` all
   match; ``token_count`` or ``max_tokens`` do not. A masked value becomes
   ``"[redacted]"`` whatever its type (booleans and nulls carry no secret and are kept).
3. **Personal data is replaced wherever it appears in a string** (path, query values,
   header values, string bodies, nested body strings, ``error.message``): e-mail
   addresses, phone numbers, Luhn-valid card numbers, US SSNs, checksum-valid IBANs,
   JWTs, ``Bearer``/``Basic`` credentials and AWS access key IDs (rules in
   :mod:`transforms.builtin._pii_text`). Numbers that are JSON numbers are never
   pattern-matched: they are prices, counts and IDs.
4. **Client IPs are truncated**, IPv4 to /24 and IPv6 to /48, in ``request.ip`` and in
   ``x-forwarded-for``-style headers. A ``request.ip`` that is not an address becomes null.

Modes (option ``mode``):

- ``mask`` (default): each finding becomes ``[<kind>]``: ``[email]``, ``[phone]``,
  ``[card]``, ``[ssn]``, ``[iban]``, ``[jwt]``, ``[bearer]``, ``[basic]``, ``[aws_key]``.
- ``hash``: personal identifiers (email, phone, card, ssn, iban) become a stable
  pseudonym ``<kind>:<16 hex>``, the HMAC-SHA256 of the canonical value under option
  ``hash_key``: the whole e-mail address lower-cased, card and SSN digits, the IBAN in
  capitals without spaces, a phone number as ``+`` and digits when written with its
  country code (``+44 20 7946 0958``, ``+442079460958``, ``+44 (0)20 7946-0958`` and
  ``0044 20 7946 0958`` are one number; a North American number after its ``1``,
  ``1-555-123-4567``, is ``+1 555 123 4567``) or as its digits when national
  (``(555) 123-4567``, ``555-123-4567``, ``555.123.4567``). The same person gets the same pseudonym in every record and every
  way of writing it, so a journey stays joinable, and without the key nobody can test a
  guess against it (unlike a plain hash). Credentials and sensitive-name values are
  still masked: a pseudonym of a password helps nobody. ``hash_key`` (at least 32
  characters) is required; in the Lambda it is read at cold start from the SSM
  SecureString named by ``DROPLETS_PII_KEY_PARAM``, never from plain configuration.

  A national number and the same number with its country code (``020 7946 0958`` and
  ``+44 20 7946 0958``) get different pseudonyms unless option ``phone_country_code``
  (``"44"``, ``"1"``...) says which country national numbers are from: then those written
  with its trunk prefix (``0`` in most countries; ``1`` or none in North America, ``06``
  in Hungary, none in Italy) are pseudonymised as ``+<code><number>``. Without it there
  is no telling: ``06 12 34 56 78`` is French, ``06-12345678`` Dutch.

Never touched: ``event_id``, ``session_id``, ``occurred_at``, ``duration_ms``,
``request.method``, ``request.route``, ``response.status``, ``source``, ``pipeline`` and
``enrichment``. Run ``pii`` first in the chain so later steps only see clean data.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from functools import lru_cache
from typing import Any, Callable, Mapping

from transforms import ConfigError, hookimpl
from transforms.builtin._pii_ip import IP_HEADERS, truncate, truncate_in
from transforms.builtin._pii_names import NameRule
from transforms.builtin._pii_text import IDENTIFIERS, PSEUDONYM_HEX, TextScrubber, with_country_code

NAME = "pii"
#: Option names other parts set: the Pulumi config checks the mode, and the consumer
#: Lambda fills the hash key in from SSM at cold start.
MODE_OPTION = "mode"
HASH_MODE = "hash"
HASH_KEY_OPTION = "hash_key"
MODES = ("mask", HASH_MODE)
REDACTED = "[redacted]"
MIN_HASH_KEY_LENGTH = 32
#: Strings up to this length have their scrubbed form cached.
SHORT_STRING = 256

CREDENTIAL_HEADERS = frozenset(
    {"authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key", "x-amz-security-token"}
)
PHONE_COUNTRY_CODE_OPTION = "phone_country_code"
OPTIONS = (MODE_OPTION, HASH_KEY_OPTION, PHONE_COUNTRY_CODE_OPTION, "extra_headers", "extra_fields")
_COUNTRY_CODE_RE = re.compile(r"\+?([1-9][0-9]{0,2})")


def _string_list(options: Mapping[str, Any], name: str) -> list[str]:
    value = options.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"option {name!r} must be a list of non-empty strings")
    return [v.strip() for v in value]


def _country_code(options: Mapping[str, Any]) -> str | None:
    value = options.get(PHONE_COUNTRY_CODE_OPTION)
    if value is None:
        return None
    # An integer is accepted too: YAML and JSON configuration turn 44 into one.
    text = str(value) if type(value) is int else value
    match = _COUNTRY_CODE_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ConfigError(
            f"option {PHONE_COUNTRY_CODE_OPTION!r} must be a country calling code of 1-3 digits "
            f"such as \"44\" or \"1\", got {value!r}"
        )
    return match[1]


class Pii:
    """The configured transform; one per Lambda container."""

    def __init__(self, options: Mapping[str, Any]):
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise ConfigError(f"unknown option(s) {', '.join(map(repr, unknown))}; known: {', '.join(OPTIONS)}")
        mode = options.get(MODE_OPTION, "mask")
        if mode not in MODES:
            raise ConfigError(f"option 'mode' must be one of {', '.join(MODES)}, got {mode!r}")
        self.country_code = _country_code(options)
        self.drop_headers = CREDENTIAL_HEADERS | {h.lower() for h in _string_list(options, "extra_headers")}
        names = NameRule(_string_list(options, "extra_fields"))
        self.is_sensitive: Callable[[str], bool] = lru_cache(maxsize=16384)(names.is_sensitive)
        replace = self._mask
        if mode == HASH_MODE:
            key = options.get(HASH_KEY_OPTION)
            if not isinstance(key, str) or len(key) < MIN_HASH_KEY_LENGTH:
                raise ConfigError(
                    f"option 'hash_key' must be a string of at least {MIN_HASH_KEY_LENGTH} characters in hash mode"
                )
            self._key = key.encode("utf-8")
            replace = self._pseudonym
        self.text = TextScrubber(replace, self.is_sensitive, names.stems(), REDACTED)
        # Short strings repeat a lot (header values, user agents, enum-like body values):
        # remembering their scrubbed form halves the cost of a typical record.
        self._scrub_short = lru_cache(maxsize=16384)(self.text.scrub)
        # Keys and header names repeat even more: classify each once.
        self.key_rule = lru_cache(maxsize=16384)(self._key_rule)
        self.header_rule = lru_cache(maxsize=4096)(self._header_rule)

    def scrub(self, text: str) -> str:
        return self._scrub_short(text) if len(text) <= SHORT_STRING else self.text.scrub(text)

    # --- replacements ------------------------------------------------------------------

    @staticmethod
    def _mask(kind: str, value: str, text: str) -> str:
        return f"[{kind}]"

    def _pseudonym(self, kind: str, value: str, text: str) -> str:
        if kind not in IDENTIFIERS:
            return f"[{kind}]"
        if kind == "phone" and self.country_code is not None:
            value = with_country_code(value, self.country_code)
        digest = hmac.new(self._key, f"{kind}:{value}".encode("utf-8"), hashlib.sha256).hexdigest()
        return f"{kind}:{digest[:PSEUDONYM_HEX]}"

    # --- the record --------------------------------------------------------------------

    def __call__(self, record: dict[str, Any]) -> dict[str, Any]:
        request = record.get("request")
        if isinstance(request, dict):
            if isinstance(request.get("path"), str):
                request["path"] = self.scrub(request["path"])
            if "query" in request:
                request["query"] = self.clean(request["query"])
            self.headers(request.get("headers"))
            if "ip" in request:
                request["ip"] = truncate(request["ip"]) if isinstance(request["ip"], str) else None
            if "body" in request:
                request["body"] = self.clean(request["body"])
        response = record.get("response")
        if isinstance(response, dict):
            self.headers(response.get("headers"))
            if "body" in response:
                response["body"] = self.clean(response["body"])
        error = record.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            error["message"] = self.scrub(error["message"])
        return record

    def _key_rule(self, key: str) -> tuple[bool, str] | None:
        """None for the usual key (not sensitive, no personal data in it), else
        (is the value under this key sensitive, the key itself cleaned)."""
        sensitive, clean_key = self.is_sensitive(key), self.text.scrub(key)
        return (sensitive, clean_key) if sensitive or clean_key != key else None

    def _header_rule(self, name: str) -> str:
        lowered = name.lower()
        if lowered in self.drop_headers:
            return "drop"
        if lowered in IP_HEADERS:
            return "ip"
        return "mask" if self.is_sensitive(name) else "scrub"

    def _scrub_ip_header(self, value: str) -> str:
        return self.scrub(truncate_in(value))

    def headers(self, headers: Any) -> None:
        if not isinstance(headers, dict):
            return
        for name in list(headers):
            rule = self.header_rule(name)
            value = headers[name]
            if rule == "drop":
                del headers[name]
            elif rule == "mask":
                headers[name] = self._masked(value)
            else:
                fn = self.scrub if rule == "scrub" else self._scrub_ip_header
                if isinstance(value, str):
                    headers[name] = fn(value)
                elif isinstance(value, list):
                    headers[name] = [fn(v) if isinstance(v, str) else v for v in value]

    @staticmethod
    def _masked(value: Any) -> Any:
        return value if value is None or isinstance(value, bool) else REDACTED

    def clean(self, value: Any) -> Any:
        """Clean any JSON value in place (containers) or by replacement (strings).

        Iterative, not recursive: a body nested as deep as the JSON parser allows must not
        hit the recursion limit here.
        """
        if isinstance(value, str):
            return self.scrub(value)
        if not isinstance(value, (dict, list)):
            return value
        # The hot loop of the transform: locals, exact type checks and no store when a
        # string comes back unchanged (the usual case).
        scrub_short, scrub_long, key_rule, masked = self._scrub_short, self.text.scrub, self.key_rule, self._masked
        stack: list[dict | list] = [value]
        while stack:
            node = stack.pop()
            if type(node) is dict:
                renamed = False
                for key, item in node.items():
                    rule = key_rule(key)
                    if rule is not None:
                        sensitive, clean_key = rule
                        renamed = renamed or clean_key != key
                        if sensitive:
                            node[key] = masked(item)
                            continue
                    kind = type(item)
                    if kind is str:
                        new = scrub_short(item) if len(item) <= SHORT_STRING else scrub_long(item)
                        if new is not item:
                            node[key] = new
                    elif kind is dict or kind is list:
                        stack.append(item)
                if renamed:  # keys can be personal data too ({"alice@example.com": {...}})
                    items = list(node.items())
                    node.clear()
                    node.update(((key_rule(k) or (False, k))[1], v) for k, v in items)
            else:
                for i, item in enumerate(node):
                    kind = type(item)
                    if kind is str:
                        new = scrub_short(item) if len(item) <= SHORT_STRING else scrub_long(item)
                        if new is not item:
                            node[i] = new
                    elif kind is dict or kind is list:
                        stack.append(item)
        return value


def make_pii(options: Mapping[str, Any]) -> Pii:
    return Pii(options)


@hookimpl
def droplets_transforms():
    return {NAME: make_pii}


def with_hash_key(options: Mapping[str, Any], key: str) -> dict[str, Any]:
    """The chain's transform options with ``key`` as pii's hash key, next to its other
    options. The key is a secret, never in the stack's configuration: the consumer reads
    it from SSM at cold start, and the Pulumi preview adds it the same way to check the
    chain exactly as the Lambda builds it. Options of pii that are not an object are left
    as they are, for the chain builder to reject."""
    own = options.get(NAME) or {}
    if not isinstance(own, Mapping):
        return dict(options)
    return {**options, NAME: {**own, HASH_KEY_OPTION: key}}
