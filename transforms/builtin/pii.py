"""``pii``: strip personal data and credentials from a record before it is stored.

**The walk.** Every string and every field name of the record is scanned, wherever it sits
(bodies, query, headers whose value is a string, a list or an object, ``error``,
``source``, fields the schema does not name such as ``record.user``), except what the
record contract owns: ``v``, ``event_id``, ``session_id``, ``occurred_at``, ``duration_ms``,
``pipeline`` and ``request.method``, ``response.status``. ``request.route`` is scanned
like a path: a pattern (``/users/:id``) has nothing to find, a route that holds an
e-mail is scrubbed. The walk is iterative (no recursion limit) and linear in the input.

**Credentials**, named in ``droplets/contract/credentials.json`` (the list the Express
middleware loads too) and option ``extra_headers`` / ``extra_fields``, are always masked:

- credential headers are removed from request and response;
- a value under a credential field name becomes ``"[redacted]"`` whatever its type
  (booleans and nulls carry no secret and are kept), as does a ``name=value`` pair in text;
- credential formats found in text (JWTs, ``Bearer``/``Basic`` credentials, key formats)
  become ``[<kind>]``.

**Personal data** belongs to a class (``transforms/builtin/_pii_kinds.py``): ``name``,
``contact``, ``address``, ``birth_date``, ``government_id``, ``bank_account``,
``payment_card``, ``location``, ``ip``, ``device``, ``health``. It is found two ways:

- by field name (:mod:`transforms.builtin._pii_names`): ``firstName``, ``date_of_birth``,
  ``postal-code``, ``Telefonnummer``, ``passport``, ``iban``, ``lat``, ``client_ip``...
  in the usual cases and languages of the EU. The value under such a field is personal
  whatever its type (``dob: 19900412``); under an object or a list, every value is, field
  by field, except those that say too little to find anyone (an address's ``city`` and
  ``country``, a card's ``brand`` and ``last4``, any ``type`` or ``id``): the structure and
  the coarse facts stay useful, nothing precise is kept, and a sub-field this module never
  heard of is masked rather than kept. A bare ``name`` is a person's unless its context
  says it names a thing (``product_name``, ``course.name``, the top of a ``/courses``
  body): see :mod:`transforms.builtin._pii_names`;
- in text, by the detectors of :mod:`transforms.builtin._pii_text` (e-mails, phone
  numbers, checksum-valid identifiers...), each finding of a kind that maps to a class.

Each class has an **action**: ``mask`` (the default; the value becomes ``[<kind>]``, e.g.
``[name]``, ``[birth_date]``, ``[email]``), ``hash`` (a keyed pseudonym ``<kind>:<16 hex>``,
see below), ``keep`` (left as it is; the text detectors still run on it, so an e-mail inside
a kept name is still masked), ``drop`` (the field is removed; a finding inside a longer text
is masked, as a string cannot lose a piece and still read right). ``ip`` also has
``truncate``, its default: IPv4 to /24, IPv6 to /48 (``request.ip`` that is not an address
becomes null). Credentials are always masked.

Options:

- ``mode``: ``mask`` (default) or ``hash``, the action of every class ``classes`` does not
  set (``ip`` keeps ``truncate``);
- ``classes``: ``{"<class>": "<action>"}``, e.g. ``{"name": "hash", "ip": "keep"}``;
- ``fields``: ``{"<path>": "<action or class>"}`` per field path, e.g.
  ``{"request.body.user.nickname": "keep", "response.body.items[].owner": "name"}``. A path
  is the keys from the record's top joined by dots; ``[]`` after a key means every item of
  its list, ``*`` any one key. A class makes the field that class (with its action), an
  action applies to the field whatever class its name says;
- ``hash_key``: the HMAC key (32+ characters), needed when anything hashes. In the Lambda it
  is read at cold start from the SSM SecureString named by ``DROPLETS_PII_KEY_PARAM``;
- ``phone_country_code``: the country of national phone numbers, for ``hash`` (below);
- ``extra_headers``, ``extra_fields``: more credential header and field names.

``hash`` gives ``<kind>:<16 hex>``, the HMAC-SHA256 of the kind and the value's canonical
form under ``hash_key``: an e-mail lower-cased, card, SSN and national phone digits, an IBAN
or ID in capitals without separators, a phone number with its country code as ``+`` and
digits (``+44 20 7946 0958``, ``+44 (0)20 7946-0958`` and ``0044 20 7946 0958`` are one),
a name or address with case and spacing folded. The same value gets the same pseudonym in
every record, whether found by its field name or in text, so a journey stays joinable; and
without the key nobody can test a guess against it. A national number and the same number
with its country code (``020 7946 0958``, ``+44 20 7946 0958``) differ unless
``phone_country_code`` (``"44"``, ``"1"``...) says which country national numbers are from:
then those written with its trunk prefix (``0`` mostly; ``1`` or none in North America,
``06`` in Hungary, none in Italy) are pseudonymised as ``+<code><number>``.

Run ``pii`` first in the chain so later steps only see clean data. The same scrubbing,
:meth:`Pii.scrub_payload`, cleans the payload of a bad row before it is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from functools import lru_cache, partial
from typing import Any, Callable, Mapping

from droplets import contract
from transforms import ConfigError, hookimpl, reject_unknown_options
from transforms.builtin import _pii_asked
from transforms.builtin._pii_bare_ids import MAY_START as ID_MAY_START, identifier_shaped, names_business
from transforms.builtin._pii_ids import card_number_like
from transforms.builtin._pii_geo import coarse_coordinate, names_a_machine, precise_point
from transforms.builtin._pii_health import (is_a_condition, may_name_a_condition, names_someone,
                                            scrub_conditions_in_a_record_about_someone)
from transforms.builtin._pii_special import is_an_orientation
from transforms.builtin._pii_ip import IP_HEADERS, replace_in, truncate, truncate_in
from transforms.builtin._pii_locality import ADDRESS_MASK, masked_address
from transforms.builtin._pii_logins import (
    LOGIN_KEY_WORDS, MADE_UP_LOGIN_KEY_WORDS, OWN_ID_KEY_WORDS, USER_ID_KEY_WORDS, WRITER_KEY_WORDS, is_a_shared_login,
    reads_as_login, reads_as_user_id,
)
from transforms.builtin._pii_kinds import (
    ACTIONS, CLASSES, DEFAULT_ACTIONS, FIXED, KIND_CLASS, TRUNCATE, actions_of, class_of,
)
from transforms.builtin._pii_names import (
    AMBIGUOUS, CREDENTIAL_HEADERS, DICOM_TAGS, IDENTIFIER_TYPE_CODES, NameRule, PersonOnly, names_a_search,
    not_a_secret, personal_names, words,
)
from transforms.builtin._pii_people import (
    HANDLE_KEY_WORDS, is_a_name_alone, names_a_street_kind, reads_as_handle, reads_as_machine_login, reads_as_name,
    reads_as_organisation, INSTITUTION_WORDS,
)
from transforms.builtin._pii_prose_names import scrub_search_names
from transforms.builtin._pii_text import (
    AMBIGUOUS_NAME, PSEUDONYM_HEX, TextScrubber, as_encoded, percent_decoded, percent_decoded_mapped, phone_key, with_country_code,
)
from transforms.builtin._pii_phones import toll_free
from transforms.builtin._pii_commands import random_looking
from transforms.builtin._pii_seeds import MIN_WORDS as MIN_SEED_WORDS, is_phrase
from transforms.builtin._pii_tokens import JWK_PRIVATE_MEMBERS, password_shapes_redacted, scrub_cookie, url_param_is_credential, url_param_needs_check
from transforms.builtin._pii_secret_words import asks_a_security_question

NAME = "pii"
#: Option names other parts set: the Pulumi config checks what needs a hash key, and the
#: consumer Lambda fills the hash key in from SSM at cold start.
MODE_OPTION = "mode"
HASH_MODE = "hash"
HASH_KEY_OPTION = "hash_key"
CLASSES_OPTION = "classes"
FIELDS_OPTION = "fields"
MODES = ("mask", HASH_MODE)
REDACTED = "[redacted]"
MIN_HASH_KEY_LENGTH = 32
#: Strings up to this length have their scrubbed form cached.
SHORT_STRING = 256
#: How a string holding a JSON object or array starts (``{"a": ...``, ``[{...``, ``["a", ...``).
_JSON_STARTS = frozenset({'{"', "{ ", "{\n", "{}", "[{", '["', "[[", "[ ", "[\n"})

PHONE_COUNTRY_CODE_OPTION = "phone_country_code"
OPTIONS = (
    MODE_OPTION, CLASSES_OPTION, FIELDS_OPTION, HASH_KEY_OPTION, PHONE_COUNTRY_CODE_OPTION,
    "extra_headers", "extra_fields",
)
_COUNTRY_CODE_RE = re.compile(r"\+?([1-9][0-9]{0,2})")
#: ``request.body.items[].owner``: keys joined by dots, ``[]`` for the items of a list.
_PATH_RE = re.compile(r"[^.\[\]\s]+(?:\[\])*(?:\.[^.\[\]\s]+(?:\[\])*)*")
_SEGMENT_RE = re.compile(r"([^.\[\]]+)((?:\[\])*)")

MASK, HASH, KEEP, DROP = ACTIONS
_DROPPED = object()  # what an entry of the walk returns for a field to remove
#: A field's name written as data: ``{"name": "phone", "value": "..."}``, ``{"key":
#: "password", "value": ...}`` (custom fields, properties, settings, form answers) and
#: ``[["email", "..."], ...]`` (pairs as lists). The label is judged as a field name and
#: the value gets what a field of that name gets.
_LABEL_KEYS = ("name", "key", "field", "label", "attribute", "property", "param", "parameter", "type",
               # AWS's {Name, Value} (Cognito's UserAttributes), HubSpot's {propertyName, propertyValue}
               "Name", "Key", "Field", "propertyName", "attributeName", "fieldName", "field_name", "property_name",
               # CloudFormation's {ParameterKey, ParameterValue}, Beanstalk's {OptionName, Value}, a form's question
               "ParameterKey", "parameterKey", "parameter_key", "OptionName", "optionName", "question", "prompt",
               # FHIR's identifier {system: ".../nhs-number", value}, a travel document {documentType, number}
               "system", "documentType", "document_type", "idType", "id_type",
               # a form plugin's field (Elementor's {"id": "name", "title": "Ihr Name", "value": ...})
               "title", "id",
               # a proxy's or a webhook's extra header ({"header_name": "X-Api-Key", "header_value": ...})
               "header_name", "headerName", "HeaderName", "header",
               # JSON Patch's {"op": "replace", "path": "/password", "value": ...}
               "path")
_VALUE_KEYS = frozenset({"value", "values", "val", "answer", "Value", "Values", "propertyValue", "attributeValue",
                         "fieldValue", "field_value", "property_value", "ParameterValue", "parameterValue",
                         "parameter_value", "number", "raw_value", "rawValue", "header_value", "headerValue",
                         "HeaderValue"})
#: Labels that say the value beside them is a secret, whatever they name it (Azure's
#: ``listKeys``: ``{"keyName": "key1", "value": ...}``; ``{"secretName": "db", "value": ...}``).
_SECRET_LABEL_KEYS = ("keyName", "key_name", "KeyName", "secretName", "secret_name", "SecretName", "tokenName",
                      "token_name")
#: Keys of a form's answer whose value sits under the key its ``type`` names (Typeform's
#: ``{"type": "text", "text": "...", "field": {"ref": "q_name"}}``), labelled in ``field``.
_ANSWER_LABEL_KEYS = ("ref", "name", "key", "label", "id")
#: A ``number`` is a labelled value only under a type's label (``{"documentType": "PASSPORT",
#: "number": ...}``, ``{"type": "mobile", "number": ...}``): under a ``name`` it is a player's,
#: a room's, and the name (``{"name": "Jane Long", "number": 7}``) is a person's, not a label.
_NUMBER_LABEL_KEYS = ("type", "system", "documentType", "document_type", "idType", "id_type", "idDocType", "docType",
                      "doc_type", "documentKind")
#: A route's parameter as the whole segment: ``:token``, ``:id(\\d+)``.
_PARAMETER_RE = re.compile(r":([A-Za-z_][A-Za-z0-9_]*)(?:\(.*\))?")
_SORT_ORDERS = frozenset({"asc", "desc", "ascending", "descending"})
#: Keys that make an object a field's definition (a form's, an API's parameter, a schema's).
_DEFINITION_KEYS = frozenset({"placeholder", "required", "label", "in", "schema", "input_type", "inputType", "widget"})
#: A label that reads as a field's name: ``custom:plan``, ``dealstage``, ``utm_source``.
_FIELD_NAME_RE = re.compile(r"[a-z][a-z0-9]{0,63}|[A-Za-z][A-Za-z0-9]{0,63}(?:[_:.-][A-Za-z0-9]{1,63}){1,6}")
#: A label longer than this is text, not a field's name.
_LABEL_MAX = 64


#: Headers whose cookies are judged one by one (the other credential headers are removed).
_COOKIE_HEADERS = frozenset({"cookie", "set-cookie"})
#: JSON-RPC services and methods whose third argument is a password (Odoo's).
_RPC_SERVICES = frozenset({"object", "common"})
_RPC_METHODS = frozenset({"execute_kw", "execute", "login", "authenticate"})
#: An argument passed a variable in a GraphQL document: ``pass: $p``.
_GRAPHQL_ARGUMENT_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]{0,63})[ \t]*:[ \t]*\$([A-Za-z_][A-Za-z0-9_]{0,63})")
#: A field called with arguments in a GraphQL document: ``cambiarClave(actual: $actual, nueva: $nueva)``.
_GRAPHQL_CALL_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]{0,63})[ \t]*\(([^()]{0,2048})\)")
#: Words of a field's name that make it a password's change: every plain argument it takes is one.
_PASSWORD_CALL_WORDS = frozenset("""password passwort clave contrasena contrasenya senha motdepasse mot passe wachtwoord
    haslo parola heslo jelszo salasana losenord passord adgangskode sifre kennwort passcode""".split())
#: JSON-RPC methods whose positional ``params`` hold a password, a passphrase or a private key,
#: by position: Bitcoin Core's wallet calls, geth's ``personal_*``, Deluge's and Transmission-
#: like ``auth.login``.
_RPC_SECRET_PARAMS = {
    "walletpassphrase": (0,), "walletpassphrasechange": (0, 1), "encryptwallet": (0,), "importprivkey": (0,),
    "personal_unlockAccount": (1,), "personal_importRawKey": (0, 1), "personal_newAccount": (0,),
    "personal_sendTransaction": (1,), "personal_signTransaction": (1,), "personal_sign": (2,),
    "auth.login": (0,), "web.login": (0,), "daemon.login": (1,),
}
#: Field names that hold a credential only when the value reads as generated
#: (``"key": "35b4be53..."``; ``"key": "Enter"`` and ``"key": "checkout.title"`` stay).
_BARE_KEY_NAMES = frozenset({"key", "Key", "KEY", "keys", "Keys"})
#: A header's name as written (``Content-Type``, ``x-request-id``): no header's value.
_HEADER_NAME_RE = re.compile(r"[A-Z][a-z]{0,31}(?:-[A-Z][a-z]{0,31}){0,7}|[a-z]{1,32}(?:-[a-z]{1,32}){0,7}")
#: Keys only a product, an offer or a listing has: an object holding one is a thing.
_PRODUCT_KEYS = frozenset({"sku", "gtin", "ean", "upc", "mpn", "isbn", "asin", "product_id", "productId", "variant_id",
                           "variantId", "list_price", "listPrice", "unit_price", "unitPrice", "msrp", "in_stock",
                           "inStock", "stock", "brand"})
#: Headers named ``...-key`` whose value is no secret however random it looks.
_KEY_HEADERS_NOT_SECRET = frozenset({"idempotency-key", "x-idempotency-key", "sec-websocket-key", "x-request-key"})
#: Names that hold a secret in some systems and a plain word in others: masked, like a bare
#: ``key``, when the value reads as generated (PagerDuty's ``routing_key`` is a key,
#: RabbitMQ's ``orders.created`` is not; Vault's ``secret_id`` is, ``prod/db`` names one).
_GENERATED_KEY_NAMES = frozenset({("routing", "key"), ("encrypt",), ("secret", "id"), ("secret", "ids")})


def _redact(value: Any) -> Any:
    """A credential field's value masked; an identifier of a known format under a
    credential's name (Twilio's ``CallSid``, a Stripe ``tok_`` under ``card_token``) is kept."""
    return value if type(value) is str and not_a_secret(value) else REDACTED


def _ignore(_: Any) -> None:
    """A walk's push for a value that is never a container."""


# --- options ---------------------------------------------------------------------------


def _string_list(options: Mapping[str, Any], name: str) -> list[str]:
    value = options.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"option {name!r} must be a list of non-empty strings, got {value!r}")
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


def _class_actions(options: Mapping[str, Any]) -> dict[str, str]:
    """The action of every class: ``classes``, else ``mode``, else the class's default."""
    mode = options.get(MODE_OPTION, "mask")
    if mode not in MODES:
        raise ConfigError(f"option 'mode' must be one of {', '.join(MODES)}, got {mode!r}")
    configured = options.get(CLASSES_OPTION, {})
    if not isinstance(configured, Mapping):
        raise ConfigError(
            f"option {CLASSES_OPTION!r} must be an object mapping a class to an action, got {configured!r}"
        )
    actions = {}
    for cls in CLASSES:
        default = FIXED.get(cls) or (HASH if mode == HASH_MODE and cls not in DEFAULT_ACTIONS else None)
        actions[cls] = default or DEFAULT_ACTIONS.get(cls, MASK)
    for cls, action in configured.items():
        if cls not in CLASSES:
            raise ConfigError(
                f"option '{CLASSES_OPTION}' names {cls!r}, not a class; classes: {', '.join(CLASSES)}"
            )
        allowed = actions_of(cls)
        if action not in allowed:
            if cls in FIXED:
                raise ConfigError(
                    f"option '{CLASSES_OPTION}.{cls}' cannot be set ({action!r}): {cls} values are always "
                    f"{FIXED[cls]}ed"
                )
            raise ConfigError(f"option '{CLASSES_OPTION}.{cls}' must be one of {', '.join(allowed)}, got {action!r}")
        actions[cls] = action
    return actions


def _field_overrides(options: Mapping[str, Any], credential: Callable[[str], bool]) -> dict[str, str]:
    value = options.get(FIELDS_OPTION, {})
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"option {FIELDS_OPTION!r} must be an object mapping a field path to an action or a class, got {value!r}"
        )
    out = {}
    for path, what in value.items():
        where = f"option '{FIELDS_OPTION}.{path}'"
        if not isinstance(path, str) or not _PATH_RE.fullmatch(path):
            raise ConfigError(
                f"option {FIELDS_OPTION!r}: {path!r} is not a field path (keys joined by dots, [] for the items "
                "of a list, * for any key: request.body.items[].owner)"
            )
        if what not in ACTIONS and what not in CLASSES:
            raise ConfigError(
                f"{where} must be an action ({', '.join(ACTIONS)}) or a class ({', '.join(CLASSES)}), got {what!r}"
            )
        first = _SEGMENT_RE.match(path)[1]
        segments = [m[1] for m in _SEGMENT_RE.finditer(path)]
        if first in _OWNED_TOP or segments[:2] in (["request", "method"], ["response", "status"]):
            raise ConfigError(f"{where}: the field belongs to the record contract and is never scrubbed")
        if what in (KEEP, HASH) and credential(segments[-1]):
            raise ConfigError(f"{where} cannot be {what!r}: {segments[-1]!r} names a credential, always masked")
        out[path] = what
    return out


def needs_hash_key(options: Mapping[str, Any]) -> bool:
    """Whether ``options`` make pii hash anything (so ``hash_key`` is required). Options
    the factory would reject count as not hashing: the factory names what is wrong."""
    try:
        actions = _class_actions(options)
        fields = options.get(FIELDS_OPTION, {})
        fields = fields if isinstance(fields, Mapping) else {}
    except ConfigError:
        return False
    return HASH in actions.values() or any(v == HASH or actions.get(v) == HASH for v in fields.values())


# --- fields and paths --------------------------------------------------------------------


#: Keys of a licence object that say a state issued it to a driver (a package's licence has
#: a name, a key, a URL).
_LICENCE_ISSUER_KEYS = frozenset({"state", "issuing_state", "issuingState", "jurisdiction", "issuing_country",
                                  "class", "license_class", "expiration", "expiration_date", "expirationDate",
                                  "expiry", "expiry_date", "dob", "endorsements", "restrictions"})


class Field:
    """What happens to the values of one kind of personal data: ``apply`` replaces a
    value that is not null, a boolean or a container."""

    __slots__ = ("cls", "kind", "action", "apply")

    def __init__(self, cls: str, kind: str, action: str, apply: Callable[[Any], Any]):
        self.cls, self.kind, self.action, self.apply = cls, kind, action, apply


class KeyRule:
    """What a field name says of its value, cached per name: its scrubbed form, whether
    it names a credential, the personal data under it (``ambiguous``: only where the
    context is not a thing's; with ``person_only``, only where it is a person's). The
    context a key gives the fields under it is cached apart (``Pii.context``): it only
    matters for objects and lists."""

    __slots__ = ("key", "credential", "field", "ambiguous", "person_only", "person", "leaf", "party", "client",
                 "evidence", "ui", "reference", "question", "verification", "login", "handle", "user_id", "own_id")

    def __init__(self, key: str, credential: bool = False, field: Field | None = None, ambiguous: Field | None = None,
                 person_only: bool = False, person: bool = False):
        self.key, self.credential, self.field, self.ambiguous = key, credential, field, ambiguous
        self.person_only = person_only
        #: The key names a person (``customer``, ``author``, ``participants``): a string
        #: under it that reads as a name is that person's name.
        self.person = person
        #: The key names a login itself (``X-Login``, ``bruker``): one word alone under it is one too.
        self.login = False
        #: The key holds a login (``actor``, ``X-Usuario``): one people made up is a person's too.
        self.handle = False
        #: The key holds the ID a service keeps for a user (``distinct_id``, ``X-Customer-Id``) or a
        #: message's sender: a login the user made up is theirs; with ``own_id`` (the user's own:
        #: ``userId``), one word alone too.
        self.user_id = self.own_id = False
        #: What a string or number under this key becomes wherever it is (outside a
        #: personal container and any path override): the walk's shortcut, or None.
        self.leaf: Callable[[Any], Any] | None = None
        #: The key names a party of a call or message (``from``, ``to``): digits under it are a phone number.
        self.party = False
        #: A ``client_name``: a person's, unless its object is an OAuth client's registration.
        self.client = False
        #: What only a person has (a date of birth, a national ID, a first or last name): an
        #: object holding it is a person's, whatever the key above it says.
        self.evidence = False
        #: A credential's name that names a text about it (``forgot_password``,
        #: ``password.label``, ``token.expired``): a sentence under it is a catalogue's text.
        self.ui = False
        #: A credential's name that names where a credential is kept (``existingSecret``,
        #: ``secretKeyRef``, ``adminPasswordKey``): a resource's name under it is no secret.
        self.reference = False
        #: The key names a security question: the answer beside it is a credential.
        self.question = False
        #: The key names a verification (``verificacion_id``, ``otp_channel``): a code of digits beside
        #: it is a one-time code, a credential.
        self.verification = False


#: JSON numbers are counts, prices and IDs, never pattern-matched; but one of 13-19 digits
#: with a card scheme's prefix and length that passes Luhn is a card number stored as a
#: number (an EAN-13 is not one). Smaller numbers skip the check at the cost of a compare.
#: A key that names an identifier (``id``, ``order_id``, ``userId``) keeps its number: ~10% of
#: long numeric IDs pass Luhn by chance, and no API files a card number under an ID's name.
_CARD_MIN = 10**12 - 1


_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: A BCP 47 language tag (``en``, ``zh-Hant-TW``, ``pt-BR``): under ``lng``, i18next's language.
_LANGUAGE_TAG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3}(?:-(?:[A-Z]{2}|[0-9]{3}))?|-(?:[A-Z]{2}|[0-9]{3}))")


_NOT_AN_ADDRESS = frozenset("""true false yes no none null n/a - print sms email e-mail mail post letter phone app push
    hidden private public optional required verified unverified pending invalid unknown on off enabled disabled""".split())


def _could_be(kind: str, value: str) -> bool:
    """Could ``value`` be a phone number (a digit, but not Sec-CH-UA-Mobile's ``?0``) or an e-mail
    address (anything but a flag or a channel's word)? A field holding neither holds a flag."""
    if kind == "phone":  # a split number's "+34" is a part of one; "?0" is a Client Hint's flag
        return any(c.isdigit() for c in value) and value not in ("?0", "?1")
    return value.strip().lower() not in _NOT_AN_ADDRESS  # "jane.doe" alone may be one's local part


def _reads_as_sentence(value: str) -> bool:
    """Five words or more, two of them in lower case and no particle of a name: an incident's,
    a ticket's or a document's title ("Elevated errors on API key creation"), no one's name."""
    if value.count(" ") < 4 or len(value) > 300:
        return False
    lower = [w for w in value.split(" ") if w[:1].islower() and w not in _NAME_PARTICLES]
    return len(lower) >= 2


_NAME_PARTICLES = frozenset("van von de der den del della di da das dos do du la le ter ten bin ibn al el zu y e".split())


def _names_an_id(key: str) -> bool:
    """Is ``id`` the last word of ``key`` (split as every field name is)?"""
    return words(key)[-1:] == ("id",)


#: Keys of a product's or a part's code: a value of an identifier's shape under them is that
#: code, never a phone number or a card (``{"sku": "030-1234-5678"}``, ``{"part_number":
#: "0800-555-1234-X"}``).
_PRODUCT_CODE_TERMS = frozenset({
    ("sku",), ("part", "number"), ("part", "no"), ("part", "id"), ("model", "number"), ("model", "no"), ("model",),
    ("product", "code"), ("article", "number"), ("item", "number"), ("upc",), ("ean",), ("gtin",), ("isbn",),
    ("mpn",), ("asin",), ("catalog", "number"), ("catalogue", "number"), ("artikelnummer",),
    ("batch",), ("batch", "number"), ("batch", "no"), ("lot",), ("lot", "number"), ("lot", "no"), ("chargennummer",),
    # a shipment's documents: an air waybill's "020-58889456" is no phone number
    ("awb",), ("mawb",), ("hawb",), ("waybill",), ("air", "waybill"), ("awb", "number"), ("awb", "no"),
    ("luftfrachtbrief",), ("frachtbrief",), ("ldv",), ("tracking", "number"), ("tracking", "no"), ("sendungsnummer",),
})
#: A code's shape: letters, digits and the separators codes use, no space, no "@".
_CODE_VALUE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/#-]{0,47}")


@lru_cache(maxsize=4096)
def _names_a_code(key: str) -> str | None:
    """What kind of identifier ``key`` names: ``"id"`` (its last word is id: ``order_id``),
    ``"product"`` (a product's or a part's code: ``sku``, ``part_number``), or None."""
    parts = words(key)
    if parts[-1:] == ("id",) and parts[-2:] != ("part", "id"):
        return "id"
    return "product" if parts[-2:] in _PRODUCT_CODE_TERMS or parts[-1:] in _PRODUCT_CODE_TERMS else None


def _an_identifier(key: str, value: str) -> bool:
    """Is ``value`` an identifier that ``key`` names? A string of digits under an ID's name
    (``"account_id": "4111111111111111"``: about one long numeric ID in ten passes Luhn), or a
    code's shape under a product code's name. Keys of personal IDs (``national_id``) have a
    class of their own and never get here."""
    names = _names_a_code(key)
    if names == "id":
        return value.isdigit()
    return names == "product" and _CODE_VALUE_RE.fullmatch(value) is not None

#: The key of a person's object that holds the ID a feature-flag SDK keeps for them ({"user": {"key": ...}}):
#: the login the person made up, often (an "id" is a resource's as often: a FHIR Patient's "example-8812").
_OWN_ID_KEYS = frozenset(("key", "Key"))

#: Person nouns that say whose the fields under them are, but whose own string value is a
#: place, a date or an address as often as a name.
_RELATION_WORDS = frozenset(
    "to from by cc bcc next kin billing shipping delivery me self userinfo whoami identity emergency profile subject"
    .split()
)
#: Words before ``by`` that make ``<word>_by`` a clause, not who did something: ``sort_by``
#: names a field, where ``created_by``, ``canceled_by`` name a person.
_FOR_WHOM = frozenset("requested ordered booked reserved prescribed issued registered made bought opened created "
                      "raised submitted".split())
_NOT_AGENT_BY = frozenset("sort order group filter partition split index cluster distribute aggregate rank pivot "
                          "pay due ship deliver".split())
#: Keys of the parties of a call or a message (``{"from": "233241234567"}``, WhatsApp's and
#: Vonage's numbers in E.164 without their ``+``): a run of digits under them is a phone number.
_PARTY_WORDS = frozenset("from to sender caller callee originator destination".split())
#: E.164 digits without the ``+``, not an epoch (10 digits starting with 1 are seconds, 13
#: milliseconds) nor a compact timestamp (``2026120109``, ``20261201093000``: a valid date and time).
_MSISDN_RE = re.compile(
    r"\+?(?!1[0-9]{9}$|1[0-9]{12}$)"
    r"(?!(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:[01][0-9]|2[0-3])(?:[0-5][0-9]){0,2}$)"
    r"[1-9][0-9]{9,14}"
)
#: Keys where an object says what it is (``{"object": "customer"}``, ``{"type": "User"}``,
#: FHIR's ``resourceType``): its own word for itself outweighs the key it sits under.
_TYPE_KEYS = ("type", "object", "kind", "resourceType", "@type", "_type", "objectType", "object_type",
              "entityType", "entity_type",
              # a CRM's partner or party: Odoo's {"company_type": "person"}, {"partyType": "individual"}
              "company_type", "companyType", "partner_type", "partnerType", "party_type", "partyType")
#: A FHIR reference to a person's resource (``{"reference": "RelatedPerson/rp-9", "display":
#: "Jane Doe (mother)"}``): its display is that person's name.
_PERSON_REFERENCE_RE = re.compile(r"(?:.*/)?(?:Patient|Practitioner|RelatedPerson|Person|PractitionerRole)/[^/]{1,64}")
#: Classes only a person's object holds (a company has a name, an e-mail and a tax ID too).
_PERSON_EVIDENCE = frozenset({"birth_date", "government_id"})
_NOT_PERSON_EVIDENCE = frozenset({"tax_id", "vehicle_id"})
#: Keys of an OAuth client's registration (RFC 7591, OIDC, Auth0's logs): its ``client_name``
#: names software, not a lawyer's client.
_SOFTWARE_CLIENT_KEYS = frozenset(
    "redirect_uris redirect_uri grant_types response_types token_endpoint_auth_method jwks_uri jwks client_uri "
    "logo_uri application_type app_type connection audience callbacks allowed_origins web_origins software_id "
    "software_statement".split()
)

#: Nouns of the people a payment, a transfer or a booking names, in ``name=value`` pairs of a URL or a
#: form: their value is a person's name ("payer=Chea+Sopheap").
_PARTY_NOUNS = frozenset((noun,) for noun in """payer payee beneficiary recipient receiver remitter cardholder passenger
    guest patient tenant""".split())  # (as words() ends: a one-word tuple)
#: More of them, as the whole name only: a care plan's "Klient" column, a waybill's "consignatario=", a
#: log's "beteg=" (not "codice_destinatario", an e-invoice's code of the office that receives it).
_PARTY_NAMES = frozenset((noun,) for noun in """consignee insured policyholder enrollee
    klient klientin paciente paziente pacient pacjent beteg asthenis pasien pasient potilas
    consignatario consignataire destinatario destinataire empfaenger empfanger mottagare modtager mottaker""".split())

#: Containers whose bare ``name`` is always a person's (see ``Pii._key_context``).
_PERSON_CONTAINERS = frozenset({"query", "queryParams", "query_params", "searchParams", "search_params"})


class _Node:
    """A node of the tree of paths the walk treats specially: the record contract's own
    fields (``skip``: True, or a check the value must pass to be left alone), headers
    (``headers``), a forced field (``field``) or action (``action``) from the options."""

    __slots__ = ("keys", "items", "skip", "headers", "field", "action", "plain", "url_params")

    def __init__(self) -> None:
        self.keys: dict[str, _Node] = {}
        self.items: _Node | None = None
        self.skip: Any = None
        self.headers = False
        self.field: Field | None = None
        self.action: str | None = None
        self.plain = False  # nothing but a way to the nodes under it (set once the tree is built)
        #: The parameters of a URL (``request.query``): ``code``, ``token``, ``sig``... are
        #: credentials by their name when their value looks like one, as in a URL's text.
        self.url_params = False

    def finish(self) -> "_Node":
        for node in (*self.keys.values(), *([self.items] if self.items is not None else [])):
            node.finish()
        self.plain = self.skip is None and self.field is None and self.action is None and not self.url_params
        return self

    def at(self, key: str) -> "_Node":
        return self.keys.setdefault(key, _Node())

    def list_items(self) -> "_Node":
        if self.items is None:
            self.items = _Node()
        return self.items


_OWNED_TOP = ("v", "event_id", "session_id", "occurred_at", "duration_ms", "pipeline")
_EVENT_ID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_OCCURRED_AT_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")
_METHOD_RE = re.compile(r"[A-Z]{1,16}")


def _number(value: Any) -> bool:
    return type(value) in (int, float)


#: In a bad row nothing is known to be valid: the contract's fields are left alone only
#: when they have the contract's shape (so ``forget`` finds the session ID), else scanned.
_BAD_ROW_CHECKS: dict[tuple[str, ...], Callable[[Any], bool]] = {
    ("v",): lambda v: v == 1 and type(v) is int,
    ("event_id",): lambda v: isinstance(v, str) and _EVENT_ID_RE.fullmatch(v) is not None,
    ("session_id",): lambda v: isinstance(v, str) and contract.SESSION_ID_RE.fullmatch(v) is not None,
    ("occurred_at",): lambda v: isinstance(v, str) and _OCCURRED_AT_RE.fullmatch(v) is not None,
    ("duration_ms",): _number,
    ("request", "method"): lambda v: isinstance(v, str) and _METHOD_RE.fullmatch(v) is not None,
    ("response", "status"): lambda v: type(v) is int,
}

#: A session ID inside a payload that is not JSON (a truncated record): kept, so that
#: ``droplets forget`` still finds the bad row.
_SESSION_IN_TEXT_RE = re.compile(r'"session_id"[ \t]{0,8}:[ \t]{0,8}"([A-Za-z0-9_-]{8,128})"')

#: Route segments that name no resource (``/api/...``, ``/rest/...``).
_ROUTE_PREFIXES = frozenset("api apis rest graphql rpc public internal private external www json".split())
#: Route segments that name what is done to the resource before them, whose body is that
#: resource (``/collections/import``, ``/users/bulk``, ``/people/search``).
_ROUTE_VERBS = frozenset("import export create update upsert edit new add save bulk batch sync copy clone duplicate "
                         "search find list query filter".split())

_NON_ALNUM_RE = re.compile(r"[\W_]+")
#: Two letters in a row: a login or a name, not a date or a timestamp.
_WORDLIKE_RE = re.compile(r"[^\W\d_]{2}")
_LETTER_RE = re.compile(r"[^\W\d_]")
_DIGIT_RE = re.compile(r"[0-9]")
#: The last word of a field's name whose value is personal by what it says: a ``condition`` or an
#: ``Erkrankung`` that names one (:func:`is_a_condition`) is health data, a product's state otherwise;
#: a dating profile's ``orientation`` that names one (:func:`is_an_orientation`) is a special
#: category's, a page's ``landscape`` is not.
_JUDGED_KEYS: dict[str, tuple[str, str, Callable[[str], bool]]] = {
    **dict.fromkeys(
        """condition conditions disease diseases illness illnesses sickness ailment ailments krankheit erkrankung
        enfermedad padecimiento maladie malattia doenca doença choroba ziekte aandoening sjukdom sairaus betegseg
        betegség заболевание болезнь""".split(), ("health", "health", is_a_condition)),
    **dict.fromkeys(
        """orientation orientations orientierung orientacion orientación orientacao orientação orientamento
        orientatie oriëntatie orientacja orientace orientering suuntautuminen yonelim yönelim ориентация орієнтація
        取向 指向 지향 seeking lookingfor""".split(), ("special_category", "sexual_orientation", is_an_orientation)),
}
#: Keys by which an object names the company it is about (its own name, not a person's). A person's
#: object names where they work with "company" too: :meth:`Pii._a_companys` asks that no person's
#: word or data stands beside it.
_COMPANY_KEYS = frozenset(
    """razon_social razonSocial razao_social razaoSocial raison_sociale raisonSociale ragione_sociale societe société
    legal_name legalName business_name businessName registered_name registeredName supplier supplier_name
    supplierName vendor vendor_name vendorName merchant_name merchantName seller_name sellerName firmenname
    bedrijfsnaam nazwa_firmy 企业名称 公司名称 商号 会社名 회사명 상호 company company_name companyName entity entity_name
    tvrtka foretak foretaksnavn foretagsnamn uznemums yritys ettevote ettevõte imone įmonė firma empresa podjetje
    obchodni_firma spolecnost společnost spolocnost spoločnost ceg cég sirket şirket unvan ünvan
    предузеће preduzece preduzeće подузеће предприятие підприємство przedsiebiorstwo przedsiębiorstwo компания
    компанія фирма фірма организация організація perusahaan kampuni kumpanya entreprise foretag företag
    bedrijf unternehmen azienda επωνυμία επωνυμια εταιρεία εταιρεια ድርጅት कम्पनी कंपनी 公司 企业 企業 会社 회사 شركة
    شرکت חברה fyrirtaeki fyrirtæki badan_usaha""".split()
)
_SOMEONES_CLASSES = frozenset({"name", "birth_date", "contact"})
#: Classes whose field, masked, says the record is about a person (their conditions elsewhere in it are theirs).
_A_PERSONS_CLASSES = _SOMEONES_CLASSES | {"government_id"}
#: A person's field as the walk leaves it: its mask, or its pseudonym in hash mode.
_A_PERSONS_MASK_RE = re.compile(r"\[(?:%s)\]|(?:%s):[0-9a-f]{16}" % (
    ("|".join(k for k, c in KIND_CLASS.items() if c in _A_PERSONS_CLASSES and k not in ("cnpj", "tax_id")),) * 2))  # a company's too
_CJK_COMPANY_RE = re.compile(r"有限公司|股份|集团|集團|株式会社|有限会社|会社|주식회사|\(주\)|㈜")
#: Field names of a company's registration number (their words, as words() writes them): its value,
#: digits and capitals, is the company's, whatever shape a person's ID would share with it.
_COMPANY_ID_KEYS = frozenset(words(key) for key in (
    "organisasjonsnummer", "organisationsnummer", "org nr", "orgnr", "acn", "abn", "kvk", "kvk nummer", "siren", "siret",
    "numero entreprise", "numero d'entreprise", "ondernemingsnummer", "handelsregisternummer", "hrb", "sec reg no",
    "sec registration number", "uen", "company number", "company registration number", "company reg no", "code naf",
    "code ape", "edrpou", "єдрпоу", "ogrn", "огрн", "kpp", "кпп", "krs"))
_COMPANY_ID_RE = re.compile(r"[0-9A-Z][0-9A-Z .\-/]{2,30}")
#: The last word of a field's name that holds a version: dotted numbers under it are a build's
#: ("2.0.17.4", which reads as an IPv4 address anywhere else).
_VERSION_KEYS = frozenset(
    last for key in """version versions ver vers build release firmware fw sw revision rev verze versao versione versie
    wersja versio verzio verzija versiune версия версія 版本 バージョン 버전""".split() for last in words(key)[-1:]
)  # as words() writes them (it decomposes Hangul)
_DOTTED_VERSION_RE = re.compile(r"v?[0-9]{1,6}(?:\.[0-9]{1,6}){1,4}(?:[-+][0-9A-Za-z.-]{1,40})?")
#: A security question's field name (its :func:`words`, which drop marks, joined by spaces): the field
#: beside it named "answer" in any of these languages holds the answer, a credential
#: (``{"sicherheitsfrage": "Name des ersten Haustiers", "antwort": "..."}``).
_SECURITY_QUESTIONS = (
    "security question", "secret question", "challenge question", "sicherheitsfrage", "geheimfrage", "pregunta secreta",
    "pregunta de seguridad", "pregunta seguridad", "question secrete", "question de securite", "question securite",
    "domanda segreta", "domanda di sicurezza", "domanda sicurezza", "pergunta secreta", "pergunta de seguranca",
    "pergunta seguranca", "beveiligingsvraag", "geheime vraag", "pytanie bezpieczenstwa", "pytanie pomocnicze",
    "контрольныи вопрос", "секретныи вопрос", "秘密の質問", "密保问题", "安全问题", "安全問題", "安全提問", "安全提问",
    "密碼提示問題", "密码提示问题", "보안 질문", "보안질문",
    "guvenlik sorusu", "pertanyaan keamanan", "sakerhetsfraga", "sikkerhedssporgsmal", "sikkerhetssporsmal",
    "turvakysymys", "biztonsagi kerdes", "bezpecnostni otazka", "intrebare de securitate", "سؤال الأمان", "سوال امنیتی",
    # plurals that do not hold the singular: a list of questions, each object with its answer
    "questions securite", "questions de securite", "questions secretes", "preguntas de seguridad", "preguntas seguridad",
    "preguntas secretas", "perguntas de seguranca", "perguntas seguranca", "perguntas secretas", "domande di sicurezza",
    "domande sicurezza", "domande segrete", "sicherheitsfragen", "pytania bezpieczenstwa", "pytania pomocnicze",
    "контрольные вопросы", "секретные вопросы", "intrebari de securitate", "guvenlik sorulari",
    "pregunta seguretat", "pregunta de seguretat", "preguntes de seguretat", "ερωτηση ασφαλειασ", "μυστικη ερωτηση",
    "питання безпеки", "секретне питання", "контрольне питання", "sigurnosno pitanje", "tajno pitanje",
)
#: The last word of a question's field name: a security question when its value asks one.
_QUESTION_WORDS = frozenset(
    """question pregunta frage pergunta domanda vraag pytanie вопрос питання soru pertanyaan ερωτηση kysymys kerdes
    otazka intrebare fraga sporgsmal sporsmal pitanje 質問 问题 問題 질문 سؤال سوال שאלה""".split()
)
#: Words of a field's name that say its object is a verification: a code beside it is a one-time code.
_VERIFICATION_WORDS = frozenset(
    """verification verifications verificacion verificacao verifica verifizierung verifikation verificatie weryfikacja
    overeni overenie verifikacia tarkistus vahvistus otp totp 2fa mfa twofactor sms2fa verify verifying verifikasi
    xacthuc xac thuc dogrulama проверка верификация подтверждение 验证 驗證 認証 인증""".split()
)
#: The last word of a one-time code's field name in such an object ("codigo", "kod", "code").
_CODE_KEY_WORDS = frozenset(
    """code codigo codice kod koodi kood kodas kods koda kodu kode cod код 코드 コード 验证码 驗證碼 番号 번호 رمز""".split()
)
_ONE_TIME_CODE_RE = re.compile(r"[0-9]{4,8}|[0-9]{3}[ -][0-9]{3}")
#: The last word of that answer's field name.
_ANSWER_WORDS = frozenset(
    """answer antwort respuesta reponse resposta risposta antwoord odpowiedz ответ 答え 回答 答案 답변 답 cevap jawaban
    απαντηση відповідь vastaus odgovor yanit jawapan
    svar vastaus valasz odpoved raspuns الإجابة الاجابة جواب پاسخ""".split()
)
#: Words of a credential's name that make it a user interface's text about the credential:
#: an i18n catalogue's ``login.forgot_password``, ``auth.token.expired``, ``password_label``.
_UI_WORDS = frozenset(
    """label labels placeholder hint title text message msg forgot forgotten expired rules help tooltip error
    errors caption description desc prompt heading button btn link cta notice warning info required invalid
    mismatch weak strength show hide toggle instructions""".split()
)
#: A word, a phrase or a sentence (no digits, no symbols a secret is made of): UI text.
_UI_TEXT_RE = re.compile(r"[¿¡]?[^\W\d_](?:[^\W\d_]|[ ,.?!…:;'’-])*+")
#: The members of a JOSE header (a JWT's), public by design.
_JOSE_HEADER_KEYS = frozenset("alg kid typ cty x5t x5t#S256 x5u x5c jku jwk crit enc zip b64".split())
#: The members of an OpenAPI security scheme: where a credential goes, not the credential.
_SCHEME_KEYS = frozenset("type in name scheme bearerFormat description flows openIdConnectUrl".split())
#: A constant's name (``AADHAAR_OKYC``): upper case words joined by underscores.
_ENUM_RE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")


#: The last words of a name for where a credential is kept (Kubernetes, Helm, vaults).
_REFERENCE_ENDS = frozenset({("existing", "secret"), ("secret", "name"), ("password", "key"), ("secret", "keys"),
                             ("key", "ref"), ("secret", "ref")})
_REFERENCE_MEMBERS = frozenset({"name", "key", "optional"})
#: A secret's name is words joined (``payments-db-credentials``); one word only when it names
#: the credential's kind (``password``), never a bare word that could be the secret itself.
_NAME_JOINERS_RE = re.compile(r"[a-z0-9][-._][a-z0-9]")
_CREDENTIAL_KEY_NAMES = frozenset("password passwd token secret key apikey credentials username user".split())
#: A Kubernetes resource's or a secret's key's name (DNS-label-like, lower case).
_K8S_NAME_RE = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,251}[a-z0-9])?")
#: A Mexican RFC of a persona moral: three letters, the date of incorporation, a homoclave.
_COMPANY_RFC_RE = re.compile(r"[A-ZÑ&]{3}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[A-Z0-9]{2}[0-9A]")
#: A chat channel's name (``#alerts-payments``): no one's name.
#: A chat channel (``#alerts``), or a bot's login (GitHub's ``dependabot[bot]``): no one's name.
_CHANNEL_RE = re.compile(r"#[a-z0-9][a-z0-9_.-]{0,79}|[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\[bot\]")
#: A value written as a slug (``oncall-critical``, ``payments_db``): a thing's name, where
#: nothing says the ``name`` above it is a person's.
_SLUG_RE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")
#: Words of a key whose value identifies a request or a message, never a credential's pair
#: ("Idempotency-Key", "X-Correlation-Key").
_IDENTIFYING_WORDS = frozenset("idempotency correlation dedup deduplication tracking trace request".split())
#: An identifier its system prefixes with its type ("acct_1sFTBWH71yPtYR41", "cus_...") or a chain's address ("0x...").
_PREFIXED_ID_RE = re.compile(r"[a-z]{2,6}_|0x")
#: A UUID, with its dashes or without (a username that is one, an identifier beside a credential).
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")
_HEX_RE = re.compile(f"[0-9a-f]{{{PSEUDONYM_HEX}}}")
_NON_DIGIT_RE = re.compile(r"[^0-9]")


#: Cyrillic and Greek letters that look like Latin ones, as a field name mixing scripts uses
#: them to slip past a filter: ``pаsswоrd`` (Cyrillic а and о).
_LOOK_ALIKES = str.maketrans("аеорсухіјѕкмтнвАЕОРСУХІЈЅКМТНВαοριτυνΑΒΕΗΙΚΜΝΟΡΤΥΧ", "aeopcyxijskmtHBAEOPCYXIJSKMTHBaopitunABEHIKMNOPTYX")
_CYRILLIC_OR_GREEK_RE = re.compile("[\u0370-\u03ff\u0400-\u04ff]")
_LATIN_RE = re.compile("[A-Za-z]")


def _unconfused(key: str) -> str:
    """``key`` with look-alike letters written in Latin, when it mixes Latin letters with
    Cyrillic or Greek ones; a name in one script (``пароль``) stays as it is."""
    if key.isascii() or _CYRILLIC_OR_GREEK_RE.search(key) is None or _LATIN_RE.search(key) is None:
        return key
    return key.translate(_LOOK_ALIKES)


def _canonical(kind: str, text: str) -> str:
    """The form of a field's value a pseudonym is made of: equal for every way of writing
    it, and equal to what the text detectors hand over for the same kind."""
    text = text.strip()
    if kind == "email":
        return text.replace("%40", "@").lower()
    if kind == "phone":
        return phone_key(text) if any(ch.isdigit() for ch in text) else ""
    if kind in ("card", "ssn"):
        return _NON_DIGIT_RE.sub("", text)
    if kind in ("name", "address", "location", "birth_date"):
        return " ".join(text.split()).casefold()
    return _NON_ALNUM_RE.sub("", text).upper()  # IDs, IBANs, account numbers, postal codes


#: Words of a key that holds one line or part of an address, not all of it (``street``,
#: ``address_line_1``, ``address1``, ``house_number``): masked whole, no town to keep.
_ADDRESS_PART_WORDS = frozenset("""
    line street strasse straße str calle rue straat straatnaam ulica ulice sokak cadde logradouro via
    house housenumber hausnummer huisnummer number numero nr no building flat apartment apt unit suite floor
    po box postfach apartado name
""".split())


def _names_a_whole_address(key: str) -> bool:
    """Does ``key`` (a field of the address class) hold a whole address (``address``,
    ``shippingAddress``, ``adresse``, ``住所``) rather than one of its lines or parts?"""
    return not any(word in _ADDRESS_PART_WORDS or any(ch.isdigit() for ch in word) for word in words(key))


def _whole_address(field: Field, value: Any) -> Any:
    """What ``field`` (the address class's, masked) makes of a whole address: the mask but for
    its town and region (:func:`._pii_locality.masked_address`); a label it keeps is kept."""
    masked = field.apply(value)
    return masked_address(value) if masked == ADDRESS_MASK and type(value) is str else masked


class Pii:
    """The configured transform; one per Lambda container."""

    def __init__(self, options: Mapping[str, Any]):
        reject_unknown_options(options, OPTIONS)
        self.country_code = _country_code(options)
        self.extra_headers = frozenset(h.lower() for h in _string_list(options, "extra_headers"))
        self.drop_headers = CREDENTIAL_HEADERS | self.extra_headers
        credentials = NameRule(_string_list(options, "extra_fields"))
        self.is_credential: Callable[[str], bool] = lru_cache(maxsize=16384)(credentials.is_sensitive)
        self.actions = _class_actions(options)
        overrides = _field_overrides(options, self.is_credential)
        hashing = HASH in self.actions.values() or any(
            v == HASH or self.actions.get(v) == HASH for v in overrides.values()
        )
        if hashing:
            key = options.get(HASH_KEY_OPTION)
            if not isinstance(key, str) or len(key) < MIN_HASH_KEY_LENGTH:
                raise ConfigError(
                    f"option 'hash_key' must be a string of at least {MIN_HASH_KEY_LENGTH} characters when anything "
                    "is hashed (mode 'hash', or a class or field set to 'hash')"
                )
            self._key = key.encode("utf-8")
        self.names = personal_names()
        self._fields: dict[tuple[str, str, str], Field] = {}
        self._kind_actions: dict[str, str] = {}

        in_text = [cls for cls, action in self.actions.items() if action != KEEP and cls not in ("ip", "credential")]
        self._classes_in_text = frozenset(in_text)
        self.is_sensitive_name: Callable[[str], bool] = lru_cache(maxsize=16384)(self._sensitive_name)
        # The scrubber's quick test before it looks for ``name=value`` pairs is "does the
        # text hold one of these": with hundreds of personal names in a dozen languages,
        # testing each was 4x slower than finding the pairs (a pair needs ``=`` or ``:``)
        # and asking the cached name test about each.
        self.text = TextScrubber(self._replace, self.is_sensitive_name, ("=", ":"), REDACTED)
        # Short strings repeat a lot (header values, user agents, enum-like body values):
        # remembering their scrubbed form halves the cost of a typical record.
        self._scrub_short = lru_cache(maxsize=16384)(self.text.scrub)
        # Keys and header names repeat even more: classify each once.
        self.key_rule = lru_cache(maxsize=16384)(self._key_rule)
        self.header_rule = lru_cache(maxsize=4096)(self._header_rule)
        self._coarse = lru_cache(maxsize=4096)(self.names.is_coarse)
        self._whole_address = lru_cache(maxsize=4096)(_names_a_whole_address)
        self.context = lru_cache(maxsize=16384)(self._key_context)
        self._route_person = lru_cache(maxsize=4096)(self._route_context)
        self._route_parameters = lru_cache(maxsize=4096)(self._parameters_of)
        self._type_says = lru_cache(maxsize=4096)(self._declared_type)
        self._said: tuple[Any, bool | None] = (None, None)  # the last object _object_says read, and its answer
        self._company: tuple[Any, bool] = (None, False)  # the last object _a_companys read, and its answer
        self._someone = False  # did the walk of the record at hand find a person (see _conditions_of_someone)
        self._premises: set[int] = set()  # ids of the record's objects that are a business's premises (see _names_premises)
        self._texts: list[tuple[Any, Any]] = []  # where the walk left free texts (see _conditions_of_someone)
        self._numbers: list[tuple[Any, Any]] = []  # those of them that may be an identifier (see _numbers_of_someone)

        self._a_label = lru_cache(maxsize=4096)(self._label_of_a_field)
        self._name_field = self.field("name", "name")
        # A bare "name" whose context says nothing: a value with a digit in it is a thing's
        # ("Nike Air Zoom Pegasus 41", "v4.0.0 Release Candidate 2"), scanned as text
        named = self._name_field
        self._bare_name_field = Field(named.cls, named.kind, named.action, lambda value: (
            self.scrub(value) if type(value) is str and _DIGIT_RE.search(value) is not None and "%" not in value
            else named.apply(value)))
        ip = self.actions["ip"]
        self._ip_header_field = Field("ip", "ip", ip, self._truncate_header) if ip == TRUNCATE else self.field("ip", "ip")
        self._drop_header_rule = KeyRule("", field=Field("credential", "redacted", DROP, lambda v: v))
        self._tree = self._paths(overrides, bad_rows=False)
        self._bad_row_tree = self._paths(overrides, bad_rows=True)

    def scrub(self, text: str) -> str:
        return self._scrub_short(text) if len(text) <= SHORT_STRING else self.text.scrub(text)

    # --- actions -------------------------------------------------------------------------

    def field(self, cls: str, kind: str, action: str | None = None) -> Field:
        """The (shared) Field of ``kind`` with ``action`` (default: its class's)."""
        action = action or self.actions[cls]
        found = self._fields.get((cls, kind, action))
        if found is None:
            if action == MASK or action == DROP:
                mask = REDACTED if cls == "credential" else f"[{kind}]"
                apply: Callable[[Any], Any] = lambda value, mask=mask: mask
            elif action == HASH:
                apply = partial(self._hash_value, kind)
            elif action == TRUNCATE:
                apply = self._truncate_value
            else:
                apply = lambda value: value  # noqa: E731 (keep: never applied, the walk scans instead)
            if cls == "name" and (action == MASK or action == HASH):
                # a username that is a UUID (Cognito's userName) is an identifier, no one's name, and a
                # service's login (svc-billing, deploy-bot) no one's either; an organisation's name
                # (Vodafone GmbH, AOK Rheinland) and a channel's (#alerts) are no one's
                named = apply
                apply = lambda value, named=named: (  # noqa: E731
                    value if type(value) is str and (_UUID_RE.fullmatch(value) or reads_as_machine_login(value)) else
                    self.scrub(value) if type(value) is str and (
                        reads_as_organisation(value) or _CHANNEL_RE.fullmatch(value)) else named(value))
            if kind == "tax_id" and (action == MASK or action == HASH):
                # a Mexican RFC of 12 characters is a legal entity's (a person's has 13): a company's
                taxed = apply
                apply = lambda value, taxed=taxed: (  # noqa: E731
                    value if type(value) is str and _COMPANY_RFC_RE.fullmatch(value) else taxed(value))
            if kind == "photo" and (action == MASK or action == HASH):
                # a photo's link is the person's face; its width, height and flags say nothing of them
                linked = apply
                apply = lambda value, linked=linked: value if type(value) is not str else linked(value)  # noqa: E731
            if cls == "location" and action != DROP:
                # "lat": 52.52 places no one; the text detectors keep it too; i18next's "lng" is a language
                precise = apply
                apply = lambda value, precise=precise: (  # noqa: E731
                    value if coarse_coordinate(value) or (type(value) is str and _LANGUAGE_TAG_RE.fullmatch(value))
                    else precise(value))
            if cls != "credential" and (action == MASK or action == HASH):
                # a form's or a catalog's label for the field ({"dob": "Date of birth", "iban": "IBAN"}):
                # the name of a personal field, not a person's value (see _label_of_a_field)
                unlabelled = apply
                apply = lambda value, unlabelled=unlabelled: (  # noqa: E731
                    value if type(value) is str and self._a_label(value) else unlabelled(value))
            if kind in ("phone", "email") and (action == MASK or action == HASH):
                # a phone field's "?0" (Sec-CH-UA-Mobile) or "true", an e-mail field's "print" or "none":
                # no number, no address
                contact = apply
                apply = lambda value, contact=contact, kind=kind: (  # noqa: E731
                    value if type(value) is str and not _could_be(kind, value) else contact(value))
            found = self._fields[(cls, kind, action)] = Field(cls, kind, action, apply)
        return found

    def _label_of_a_field(self, value: str) -> bool:
        """Is ``value`` a personal field's label, the whole of a field name (``Date of birth``,
        ``生年月日``, ``Nome completo``, ``IBAN``), rather than a value? Not one Latin word, which may
        be a surname too (``Nascimento``, ``Street``), nothing with a digit."""
        if not 1 < len(value) <= 60 or _DIGIT_RE.search(value) is not None:
            return False
        if not self.names.is_term(value):
            return False  # "Lützner Straße", "Sophie's iPhone", "not-an-email" hold a term, are none
        if len(words(value)) > 1:
            return True  # "Date of birth", "Nome completo"
        # one word: an acronym ("IBAN", "CPF") or a word of a script without Latin letters ("生年月日",
        # "이름"); a Latin word may be a surname as well ("Nascimento", "Street", "Long")
        return (value.isupper() and value.isascii() and len(value) <= 5) or _LATIN_LETTER_RE.search(value) is None

    def _pseudonym(self, kind: str, value: str) -> str:
        digest = hmac.new(self._key, f"{kind}:{value}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
        return f"{kind}:{digest[:PSEUDONYM_HEX]}"

    def _hash_value(self, kind: str, value: Any) -> str:
        text = value if isinstance(value, str) else json.dumps(value)
        if text.startswith(kind + ":") and _HEX_RE.fullmatch(text, len(kind) + 1):
            return text  # already this kind's pseudonym (a record scrubbed twice)
        canonical = _canonical(kind, text)
        if not canonical:
            return f"[{kind}]"
        if kind == "phone" and self.country_code is not None:
            canonical = with_country_code(canonical, self.country_code)
        return self._pseudonym(kind, canonical)

    def _truncate_value(self, value: Any) -> Any:
        if not isinstance(value, str):
            return "[ip]"
        if names_a_machine(value):
            return value  # a load balancer's target 10.0.12.34, a resolver 1.1.1.1: no one's address
        cut = truncate(value)
        return cut if cut is not None else self.scrub(truncate_in(value))

    def _truncate_header(self, value: Any) -> Any:
        return self.scrub(truncate_in(value)) if isinstance(value, str) else "[ip]"

    def _request_ip(self, value: Any) -> Any:
        return truncate(value) if isinstance(value, str) else None

    def _document_number(self, node: dict, kind: str) -> None:
        number = node["number"]
        if type(number) is str and _DOCUMENT_NUMBER_RE.fullmatch(number) is not None:
            node["number"] = self._replace(kind, number, number)  # (not a seat's "12A", a count)

    def _party_id(self, node: dict) -> None:
        kind = _PARTY_ID_KINDS.get(str(node["partyIdType"]).lower())
        party = node.get("partyId")
        if kind is not None and type(party) in (str, int):
            written = str(party)
            node["partyId"] = self._replace(kind, "+" + written if kind == "phone" and written.isdigit() else written, written)

    def _replace(self, kind: str, value: str, text: str) -> str:
        """The text detectors' callback: what a finding in text becomes."""
        action = self._kind_actions.get(kind)
        if action is None:
            cls = class_of(kind)
            action = self._kind_actions[kind] = FIXED.get(cls) or self.actions[cls]
        if action == KEEP or kind == "phone" and toll_free(value or text, text):
            return text  # a toll-free line is a business's, published for anyone to call
        if action == HASH and value:
            if kind == "phone" and self.country_code is not None:
                value = with_country_code(value, self.country_code)
            return self._pseudonym(kind, value)
        if action == TRUNCATE:
            cut = truncate(value or text)
            if cut is not None:
                return cut
        if kind == "address" and action == MASK:
            return masked_address(text)
        return f"[{kind}]"

    def _sensitive_name(self, name: str) -> bool | str:
        """The text detectors' callback for ``name=value`` pairs: True for a credential (the
        value is redacted), the kind for personal data whose class is not kept (the value
        goes through that kind's action: ``email=[email]``, ``lat=[location]``; a bare
        ``name`` is a person's name here), else False."""
        if self.is_credential(name):
            return True
        found = self.names.classify(name)
        if found is None and "name" in self._classes_in_text and (
                words(name)[-1:] in _PARTY_NOUNS or words(name) in _PARTY_NAMES):
            return AMBIGUOUS_NAME  # "payer=Chea+Sopheap", "recipient=...": whom a payment or a booking names
        if found is None or isinstance(found, PersonOnly) or found[0] not in self._classes_in_text:
            return False  # a bare "last=" in text has no person's object around it
        if found is AMBIGUOUS:
            return AMBIGUOUS_NAME
        return found[1] if found[1] in KIND_CLASS else found[0]

    # --- names -----------------------------------------------------------------------------

    def _key_rule(self, key: str) -> KeyRule | None:
        """None for the usual key (nothing in it, nothing under it), else its KeyRule."""
        clean = self.text.scrub(key)
        if clean == key and "@" in key and "," in key and "." not in key:
            # Firebase's keys cannot hold a dot: an e-mail as a key is written with commas
            dotted = key.replace(",", ".")
            if self.text.scrub(dotted) != dotted:
                clean = self.text.scrub(dotted)
        name = _unconfused(key)  # "pasсword" with a Cyrillic с is a password's name
        if self.is_credential(name):
            if clean == key and words(name)[-1:] in (("cookie",), ("cookies",)):
                return self._cookie_rule(key)  # "set-cookie": "sid=...; SameSite=Lax": each cookie judged
            rule = KeyRule(clean, credential=True)
            parts = words(key)
            rule.ui = not _UI_WORDS.isdisjoint(parts)
            rule.reference = parts[-2:] in _REFERENCE_ENDS or parts[-1:] in (("ref",), ("refs",), ("reference",))
            rule.leaf = _redact if clean == key and not rule.ui and not rule.reference else None
            return rule
        if key in _BARE_KEY_NAMES or (clean == key and words(name) in _GENERATED_KEY_NAMES):
            rule = KeyRule(clean)
            rule.leaf = self._generated_key
            return rule
        tag = DICOM_TAGS.get(key) if len(key) == 8 else None  # DICOM JSON: {"00100010": {"vr": "PN", ...}}
        found = self.names.classify(tag or name)
        if found is None and name[:2] in ("X-", "x-", "X_", "x_") and len(name) > 4:
            found = self.names.classify(name[2:])  # a custom header's name: "X-Nombre-Usuario" is "nombre usuario"
        field = ambiguous = None
        if found is AMBIGUOUS:
            ambiguous = self._bare_name_field
        elif isinstance(found, PersonOnly):
            ambiguous = self.field(*found)
        elif found is not None:
            field = self.field(*found)
        parts = words(key)
        # a login's key ("user", "X-Usuario", "actor"): a name, or a login made of one, is a person's
        person = found is None and (self._names_a_person(key) or parts[-1:] != () and parts[-1] in HANDLE_KEY_WORDS
                                    or parts[-1:] == ("id",) and len(parts) >= 2 and parts[-2] in HANDLE_KEY_WORDS)
        # {"login": "ronan.byrne.dub"} outside a person's object: a login as it reads (not a last login's time)
        # a key naming a login itself ("X-Bruker", "nimimerkki"): one word under it is a login too; "login"
        # and "handle" alone are a person's when their value reads as one ({"handle": "blue-mug"} is a product's)
        login = found is None and parts[-1:] != () and parts[-1] in LOGIN_KEY_WORDS and (
            len(parts) == 1 or len(parts) == 2 and parts[0] == "x")
        person = person or login or isinstance(found, PersonOnly) and parts in (("login",), ("handle",), ("x", "login"))
        # a login's key ("X-TradeMe-Member", "actor"), not any person's ("kid", "runner", "tenant", "client_id"):
        # a login people make up is theirs too
        handle = login or found is None and parts[-1:] != () and parts[-1] in MADE_UP_LOGIN_KEY_WORDS
        party = found is None and parts[-1:] != () and parts[-1] in _PARTY_WORDS
        # the ID a service, a tracker or a feature-flag SDK keeps for a user ("distinct_id", "login_id",
        # "X-Customer-Id"), a message's sender: often the login the user made up ("omarodr363", "martin_78")
        user_id = found is None and (len(parts) >= 2 and parts[-1] == "id" and parts[-2] in USER_ID_KEY_WORDS
                                     or parts[-1:] != () and parts[-1] in WRITER_KEY_WORDS or parts == ("uid",))
        client = field is self._name_field and parts[:1] == ("client",)
        question = any(q in " ".join(parts) for q in _SECURITY_QUESTIONS) if parts else False  # words() drops marks
        verification = not _VERIFICATION_WORDS.isdisjoint(parts)
        if clean == key and field is None and ambiguous is None and parts[-1:] != () and parts[-1] in _JUDGED_KEYS:
            rule = KeyRule(clean)  # "condition": "Type 1 diabetes" is a person's; "condition": "used" a product's
            cls, kind, says_it = _JUDGED_KEYS[parts[-1]]
            rule.leaf = partial(self._judged, self.field(cls, kind), says_it)
            return rule
        if clean == key and field is None and ambiguous is None and parts in _COMPANY_ID_KEYS:
            rule = KeyRule(clean)  # "organisasjonsnummer": "914 661 889" is a company's, not a Canadian SIN
            rule.leaf = self._company_id
            return rule
        if clean == key and field is None and ambiguous is None and parts[-1:] != () and parts[-1] in _VERSION_KEYS:
            rule = KeyRule(clean)  # "version": "2.0.17.4" is a build's, not an IP address
            rule.leaf = self._version
            return rule
        if clean == key and field is None and ambiguous is None and not person and not party and not question \
                and not verification and not user_id:
            return None
        rule = KeyRule(clean, field=field, ambiguous=ambiguous, person_only=isinstance(found, PersonOnly), person=person)
        rule.party, rule.client, rule.question, rule.verification = party, client, question, verification
        rule.login, rule.handle = login, handle
        rule.user_id = user_id
        rule.own_id = user_id and (parts == ("uid",) or parts[-2:-1] != () and parts[-2] in OWN_ID_KEY_WORDS)
        rule.evidence = field is not None and (
            (field.cls in _PERSON_EVIDENCE and field.kind not in _NOT_PERSON_EVIDENCE) or self.names.is_name_part(name))
        if clean == key and field is not None and field.action not in (KEEP, DROP) and not client:
            rule.leaf = field.apply
            if field.kind == "name":
                rule.leaf = partial(_unless_a_shared_login, field.apply)
            if field.kind == "address" and field.action == MASK and self._whole_address(key):
                rule.leaf = partial(_whole_address, field)
        return rule

    def _company_id(self, value: Any) -> Any:
        if type(value) is not str or _COMPANY_ID_RE.fullmatch(value) is not None:
            return value
        return self.scrub(value)

    def _version(self, value: Any) -> Any:
        if type(value) is not str or _DOTTED_VERSION_RE.fullmatch(value) is not None:
            return value
        return self.scrub(value)

    def _judged(self, field: Field, says_it: Callable[[str], bool], value: Any) -> Any:
        if type(value) is not str:
            return value
        return field.apply(value) if says_it(value) else self.scrub(value)

    def _cookie_rule(self, key: str) -> KeyRule:
        """A cookie header's or field's: a string's cookies are judged one by one
        (:func:`scrub_cookie`), anything else under it is a credential whole."""
        rule = KeyRule(key, credential=True)
        rule.leaf = self._cookie_value
        return rule

    def _cookie_value(self, value: Any) -> Any:
        if type(value) is not str:
            return REDACTED
        return scrub_cookie(value, REDACTED)

    def _generated_key(self, value: Any) -> Any:
        if type(value) is str:
            return REDACTED if random_looking(value) else self.scrub(value)
        return value

    def _names_a_person(self, key: str) -> bool:
        """``customer``, ``assignee``, ``attendees``: a person noun that is not only a
        relation (``from``, ``to``, ``billing``: ``{"from": "New York"}``); and the text of a
        search (``q``, ``search``), where people type the names of the people they look for."""
        parts = words(key)
        if not parts:
            return False
        if names_a_search(parts):
            return True
        if parts[-1] == "by" and len(parts) > 1:  # created_by, canceled_by: who did it; sort_by is no one
            return parts[-2] not in _NOT_AGENT_BY
        if parts[-1] == "for" and len(parts) > 1:  # requested_for, booked_for: for whom; used_for is nothing
            return parts[-2] in _FOR_WHOM
        return parts[-1] not in _RELATION_WORDS and self.names.context(key) is True

    def _header_rule(self, name: str) -> KeyRule | None:
        lowered = name.lower()
        if lowered in _COOKIE_HEADERS and lowered not in self.extra_headers:
            return self._cookie_rule(name)
        if lowered in self.drop_headers:
            return self._drop_header_rule
        if lowered in IP_HEADERS:
            return KeyRule(name, field=self._ip_header_field)
        rule = self.key_rule(name)
        if rule is None and lowered[-4:] == "-key" and lowered not in _KEY_HEADERS_NOT_SECRET:
            # "x-appwrite-key", "aeg-sas-key": a vendor's API key header, masked when generated
            rule = KeyRule(name)
            rule.leaf = self._generated_key
        return rule

    def _key_context(self, key: str) -> bool | None:
        """What a container's key says of the fields under it (``user`` a person's, ``course``
        a thing's). A query string's bare ``name`` is a person's whatever the route: searching
        people by name is what a ``?name=`` usually does, and query strings travel far
        (logs, Referers); a course filtered by name loses little to a mask."""
        if key in _PERSON_CONTAINERS:
            return True
        return self.names.context(key)

    def _declared_type(self, value: str) -> bool | None:
        """What an object's declared type says of it: ``"contact"``, ``"User"`` a person's,
        ``"organization.admin_api_key"``, ``"Organization"`` a thing's (by its last word)."""
        parts = words(value)
        return self.names.says(parts[-1]) if parts else None

    def _route_context(self, route: str) -> bool | None:
        """What the last resource of a route or path says of its bodies' fields:
        ``/api/courses/:id`` a thing's, ``/users/me`` a person's, ``/courses/:id/enroll``
        nothing (only the last one counts: the fields of an enrolment are not a course's)."""
        for segment in reversed(route.split("?", 1)[0].split("/")):
            if not segment or segment[0] in ":{*(" or any(ch.isdigit() for ch in segment):
                continue  # a parameter, an ID, a version
            parts = words(segment)
            if not parts or parts[-1] in _ROUTE_PREFIXES or (len(parts) == 1 and parts[0] in _ROUTE_VERBS):
                continue
            says = self.names.says(parts[-1])
            return says if says is not None or len(parts) == 1 else self.names.says("".join(parts))  # sign-in
        return None

    def _record_context(self, record: Mapping[str, Any]) -> bool | None:
        request = record.get("request")
        if not isinstance(request, dict):
            return None
        route = request.get("route")
        route = route if isinstance(route, str) and route else request.get("path")
        return self._route_person(route[:1024]) if isinstance(route, str) else None

    # --- paths -------------------------------------------------------------------------------

    def _paths(self, overrides: Mapping[str, str], bad_rows: bool) -> _Node:
        root = _Node()
        for key in _OWNED_TOP:
            if key != "pipeline" or not bad_rows:  # a payload's pipeline came from outside
                root.at(key).skip = _BAD_ROW_CHECKS.get((key,)) if bad_rows else True
        for outer, own in (("request", "method"), ("response", "status")):
            root.at(outer).at(own).skip = _BAD_ROW_CHECKS[(outer, own)] if bad_rows else True
            root.at(outer).at("headers").headers = True
        root.at("request").at("query").url_params = True
        ip = self.actions["ip"]
        root.at("request").at("ip").field = (
            Field("ip", "ip", TRUNCATE, self._request_ip) if ip == TRUNCATE else self.field("ip", "ip")
        )
        for path, what in overrides.items():
            node = root
            for match in _SEGMENT_RE.finditer(path):
                node = node.at(match[1])
                for _ in range(len(match[2]) // 2):
                    node = node.list_items()
            if what in CLASSES:
                node.field = self.field(what, _default_kind(what))
            else:
                node.field, node.action = None, what
        return root.finish()

    # --- the record ----------------------------------------------------------------------

    def __call__(self, record: dict[str, Any]) -> dict[str, Any]:
        person = self._record_context(record)
        self._path_parameters(record, person)
        _one_time_code_of_a_verify_route(record)
        self._someone = False
        self._premises = set()
        texts = self._texts = []
        numbers = self._numbers = []
        self._walk(record, (None, person, self._tree, False))
        if self._someone and texts:
            if numbers:
                self._numbers_of_someone(numbers)
            if self.actions["health"] != KEEP:
                self._conditions_of_someone(texts)
        return record

    def _numbers_of_someone(self, numbers: list[tuple[Any, Any]]) -> None:
        """An identifier's shape under a key no table knows, beside a person's field that was masked
        (``{"full_name": "[name]", "national_no": "03010123456"}``): that person's number, in a
        country whose word for it the tables lack (see :mod:`_pii_bare_ids`). ``numbers``: where the
        walk left a string that may be one, (container, key)."""
        if self.actions["government_id"] == KEEP:
            return
        persons: dict[int, bool] = {}  # id of an object -> does it hold a person's masked field
        for node, key in numbers:
            # (a key that was itself personal data is renamed in its object: {"alice@example.com": ...})
            if type(node) is not dict or type(sent := _still_at(node, key)) is not str:
                continue
            value = percent_decoded(sent) if "%" in sent else sent  # {"rc": "855218%2F3376"}
            if not identifier_shaped(value):
                continue
            if names_business(key) or _names_a_code(key) is not None:
                continue
            holds = persons.get(id(node))
            if holds is None:
                holds = persons[id(node)] = any(
                    type(v) is str and (v[:1] == "[" or ":" in v) and _A_PERSONS_MASK_RE.fullmatch(v) is not None
                    for v in node.values())
            if not holds or not _COMPANY_KEYS.isdisjoint(node) or any(
                    type(v) is str and (reads_as_organisation(v) or _CJK_COMPANY_RE.search(v) is not None)
                    for v in node.values()):
                continue  # no person's field beside it, or a company's object
            node[key] = self._replace("national_id", value, sent)

    def _conditions_of_someone(self, texts: list[tuple[Any, Any]]) -> None:
        """The walk found a person in the record (a name, a way to reach them, a birth date): the
        conditions its free texts name are that person's, in whichever field they sit. ``texts``:
        where the walk left each text no field's name judged, (container, key)."""
        replace = self._replace
        # (a key that was itself personal data is renamed in its object: {"alice@example.com": ...})
        try:
            found = [(node, key, node[key]) for node, key in texts]
        except (KeyError, IndexError, TypeError):  # the slow way, only then
            found = [(node, key, text) for node, key in texts if type(text := _still_at(node, key)) is str]
        if not may_name_a_condition("\n".join(text for _, _, text in found)):
            return  # one scan for the record's texts; most name no condition
        for node, key, text in found:
            new = scrub_conditions_in_a_record_about_someone(text, replace)
            if new != text:
                node[key] = new

    def _path_parameters(self, record: Mapping[str, Any], person: bool | None) -> None:
        """The segments of ``request.path`` that the route names for personal data or a
        credential (``/reset/:token``, ``/people/:fullName``) get that field's action: the
        route's parameter names are field names, and no detector can tell a reset token
        from a commit hash by its look."""
        request = record.get("request")
        if type(request) is not dict:
            return
        route, path = request.get("route"), request.get("path")
        if type(route) is not str or type(path) is not str or ":" not in route:
            return
        named = self._route_parameters(route[:1024])
        if not named:
            return
        path, query = (path.split("?", 1) + [None])[:2]
        parts = path.split("/")
        if len(parts) != named[0]:
            return  # a wildcard or an optional segment: the path does not line up
        for index, name, rule in named[1:]:
            new = self._entry(name, parts[index], rule, None, None, person, _ignore)
            parts[index] = new if type(new) is str else REDACTED  # a dropped or non-text verdict
        request["path"] = "/".join(parts) + ("" if query is None else "?" + query)

    def _parameters_of(self, route: str) -> tuple:
        """(number of segments, then (index, name, rule) of each sensitive parameter) of a
        route pattern, or () when none is."""
        segments = route.split("?", 1)[0].split("/")
        named: list = [len(segments)]
        for index, segment in enumerate(segments):
            match = _PARAMETER_RE.fullmatch(segment)
            if match is None:
                if "*" in segment or "{" in segment or "?" in segment:
                    return ()  # the path's segments would not line up with the route's
                continue
            rule = self._label_rule(match[1])
            if rule is not None:
                named.append((index, match[1], rule))
        return tuple(named) if len(named) > 1 else ()

    def scrub_payload(self, payload: str) -> str:
        """The payload of a bad row, scrubbed: walked as a record when it parses as JSON
        (the contract's fields left alone only when they have the contract's shape), else
        scanned as text (keeping a ``"session_id": "..."`` it holds for ``droplets forget``)."""
        try:
            value = json.loads(payload)
        except (ValueError, RecursionError):
            return self.scrub_text_payload(payload)
        if isinstance(value, dict):
            self._walk(value, (None, self._record_context(value), self._bad_row_tree, False))
        else:
            value = self.clean(value)
        return json.dumps(value, ensure_ascii=False)

    def scrub_text_payload(self, text: str) -> str:
        """A payload that is not JSON, through the text detectors; a ``"session_id": "..."``
        in it (a truncated record) is kept as it is, for ``droplets forget``. With no field
        to say where client IPs are, every address in it gets the ``ip`` class's action."""
        if self.actions["ip"] == TRUNCATE:
            text = truncate_in(text)
        elif self.actions["ip"] != KEEP:
            text = replace_in(text, lambda address: self._replace("ip", address, address))
        out, last = [], 0
        for match in _SESSION_IN_TEXT_RE.finditer(text):
            out.append(self.text.scrub(text[last:match.start(1)]))
            out.append(match[1])
            last = match.end(1)
        out.append(self.text.scrub(text[last:]))
        return "".join(out)

    def clean(self, value: Any) -> Any:
        """Clean any JSON value in place (containers) or by replacement (strings), with no
        context: as if it were a field of unknown meaning."""
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, (dict, list)):
            self._walk(value, (None, None, None, False))
        return value

    def _walk(self, root: dict | list, ctx: tuple) -> None:
        """Scrub ``root`` in place, iteratively: a value nested as deep as the JSON parser
        allows must not hit the recursion limit.

        The stack holds (container, context); a context is (the Field every value in it
        is, from a personal field above; whether it is about a person; the path node of
        special treatment; whether it is a headers object). The hot loop is the plain case:
        no Field, no path node, a key with no rule.
        """
        scrub_short, scrub_long, key_rule, header_rule = self._scrub_short, self.text.scrub, self.key_rule, self.header_rule
        texts, numbers = self._texts, self._numbers
        entry, context = self._entry, self.context
        stack: list[tuple[Any, tuple]] = [(root, ctx)]
        pop, push = stack.pop, stack.append
        while stack:
            node, ctx = pop()
            field, person, paths, headers = ctx
            if type(node) is dict:
                if "kty" in node:
                    _private_key_members(node)
                elif node.get("kind") == "Secret":
                    _secret_data(node)
                if "partyIdType" in node:
                    self._party_id(node)
                elif "number" in node and type(kind := node.get("type")) is str and (
                        kind in _DOCUMENT_TYPES or len(kind) > 2 and kind.upper() in _DOCUMENT_TYPES):
                    self._document_number(node, _DOCUMENT_TYPES[kind.upper()])
                if "grant_type" in node:
                    _oauth_grant(node)
                elif "ciphertext" in node and ("kdf" in node or "cipherparams" in node):
                    node["ciphertext"] = REDACTED  # an Ethereum keystore's encrypted key: its password may travel with it
                elif "payload" in node and type(node["payload"]) is dict and "data" in node["payload"] \
                        and type(version := node.get("name")) is str and "/secrets/" in version:
                    node["payload"]["data"] = REDACTED  # a Secret Manager version's payload is the secret
                label_key = None  # a field's name written as data is no person's name
                if field is None and not _VALUE_KEYS.isdisjoint(node):
                    label_key = self._labelled_value(node, person, push)
                elif field is None and not _DEFINITION_KEYS.isdisjoint(node) and "name" in node:
                    label_key = self._defined_field(node)
                elif field is None and "field" in node and type(node["field"]) is dict:
                    self._answer(node, person, push)
                if "args" in node and field is None and type(service := node.get("service")) is str and service in _RPC_SERVICES:
                    self._rpc_password(node)
                elif "variables" in node and type(node["variables"]) is dict and type(node.get("query")) is str:
                    self._graphql_variables(node)
                elif ("params" in node and type(node["params"]) is list and type(node.get("method")) is str
                      and node["method"] in _RPC_SECRET_PARAMS):
                    params = node["params"]
                    for i in _RPC_SECRET_PARAMS[node["method"]]:
                        if i < len(params) and type(params[i]) is str:
                            params[i] = REDACTED  # {"method": "walletpassphrase", "params": ["...", 60]}
                plain = ctx if paths is None and not headers else (field, person, None, False)
                if paths is not None and paths.url_params and field is None:
                    self._url_credentials(node)
                special = paths.keys.get if paths is not None and paths.keys else None
                wild = paths.keys.get("*") if special is not None else None
                rules = header_rule if headers else key_rule
                changes: dict | None = None
                asked = verifying = False
                credentials: list[str] | None = None  # the credentials' values of this object, as sent
                for key, item in node.items():
                    if key == label_key:
                        if type(item) is str:  # no person's name, but the text detectors still read it
                            node[key] = self.scrub(item)
                        continue
                    sub = None
                    if special is not None:
                        sub = special(key) or wild
                        if sub is not None:
                            if sub.skip is not None and (sub.skip is True or sub.skip(item)):
                                continue
                            if sub.plain and field is None and type(item) is dict and rules(key) is None:
                                push((item, (None, person, sub, sub.headers)))  # request, response, headers
                                continue
                    if key in _OWN_ID_KEYS and type(item) is str and (person is True or node.get("kind") == "user") \
                            and field is None and sub is None and reads_as_user_id(item):
                        # {"user": {"key": "ondra_k88"}}, a feature-flag SDK's {"kind": "user", "key": ...}: the
                        # login a user made up
                        node[key] = self._name_field.apply(item)
                        continue
                    rule = rules(key)
                    if rule is not None and rule.leaf is not None and field is None and sub is None:
                        kind = type(item)  # the common personal field or credential: a leaf
                        if kind is str or kind is int or kind is float:
                            if (kind is str and rule.field is not None and rule.field.cls == "government_id"
                                    and self._a_companys(node)):
                                node[key] = self.scrub(item)  # {"razon_social": "Rappi S.A.S.", "nit": ...}
                                continue
                            if kind is str and rule.field is not None and rule.field.cls == "address" and (
                                    (self._premises and id(node) in self._premises) or _a_venues(key, node)):
                                node[key] = _unless_only_places(item, self.scrub(item))  # a restaurant's, a museum's address
                                continue
                            if kind is str and (decoded := _form_decoded(item)) is not item:
                                # {"destinataire": "Claire%20Mah%C3%A9"}: judged decoded, kept as sent if nothing was found
                                node[key] = new = _as_sent(item, decoded, rule.leaf(decoded))
                            else:
                                node[key] = new = rule.leaf(item)
                            if rule.credential and kind is str and len(item) >= 8 and new != item:
                                # (one it redacted: not {"token": "USDC"}, a coin's, nor a placeholder)
                                credentials = [*(credentials or ()), item]
                            if rule.field is not None and rule.field.cls in _A_PERSONS_CLASSES:
                                self._someone = True
                            continue
                    elif rule is None and field is None and sub is None:
                        kind = type(item)
                        if kind is str:
                            if item[:1].isdigit() and _an_identifier(key, item):
                                continue  # "order_id": "4111111111111111", "sku": "030-1234-5678"
                            if item[:2] in _JSON_STARTS and (new := self._json_text(item, person)) is not None:
                                node[key] = new
                                continue
                            new = scrub_short(item) if len(item) <= SHORT_STRING else scrub_long(item)
                            if new is not item and _names_premises(key):
                                new = _unless_only_places(item, new)  # {"restaurant": "Poilâne, 8 rue du Cherche-Midi, ..."}
                            texts.append((node, key))
                            if 7 < len(new) <= 40 and (new[0] in ID_MAY_START or new[0] == "%"):
                                numbers.append((node, key))
                            if new is not item:
                                node[key] = new
                                if not self._someone and new != item and names_someone(new):
                                    self._someone = True
                        elif kind is dict or kind is list:
                            says = context(key)  # user.name vs course.name
                            if says is False and kind is dict and _names_premises(key):
                                self._premises.add(id(item))  # {"store": {"name": ..., "address": ...}}
                            if kind is list and len(item) == 2 and type(item[0]) is str:
                                self._labelled_pair(item, person, push)  # {"pair": ["password", "..."]}
                            push((item, plain if says is None or says is person else (None, says, None, False)))
                        elif kind is int and item > _CARD_MIN and card_number_like(item) and not _names_an_id(key):
                            node[key] = self._replace("card", str(item), str(item))
                        continue
                    if type(item) is str and item[-1:] in ("?", "？") and (parts := words(key)) and parts[-1] in _QUESTION_WORDS \
                            and asks_a_security_question(item):
                        asked = True  # {"question": "What was the name of your first pet?", "answer": ...}
                    if rule is not None and rule.question:
                        asked = True
                        for asking in (item,) if type(item) is dict else item if type(item) is list else ():
                            if type(asking) is dict:
                                _redact_answers(asking)  # {"security_questions": [{"question": ..., "answer": ...}]}
                    if rule is not None and rule.verification:
                        verifying = True
                    if type(item) is str and field is None and _a_books_author(key, node, item):
                        continue  # {"isbn": "978-0-14-243723-0", "author": "F. Scott Fitzgerald"}: a published book's
                    new = entry(key, item, rule, sub, field, person, push, node)
                    if rule is not None and rule.credential and type(item) is str and len(item) >= 8 and new != item:
                        credentials = [*(credentials or ()), item]
                    if new is not item and not self._someone and type(new) is str and names_someone(new):
                        self._someone = True  # {"customer": "[name]"}, {"dob": "[birth_date]"}
                    if new is _DROPPED:
                        changes = changes if changes is not None else {}
                        changes[key] = None
                        continue
                    if new is not item:
                        node[key] = new
                    if rule is not None and rule.key != key and rule.key:
                        changes = changes if changes is not None else {}
                        changes[key] = rule.key
                if asked:
                    _redact_answers(node)
                if verifying:
                    _redact_codes(node)
                if credentials and len(node) <= _PAIRED_OBJECT_SIZE:
                    _redact_paired_secrets(node, credentials)
                if changes:  # removed fields, and keys that were personal data ({"alice@example.com": ...})

                    if None in changes.values() and len(set(changes.values())) == 1:
                        for k in changes:  # removals only: the order of the rest stays
                            del node[k]
                    else:
                        items = list(node.items())
                        node.clear()
                        for k, v in items:
                            new_key = changes.get(k, k)
                            if new_key is None:
                                continue
                            if new_key in node and k in changes:  # two keys masked alike: both kept
                                n = 2
                                while f"{new_key}#{n}" in node:
                                    n += 1
                                new_key = f"{new_key}#{n}"
                            node[new_key] = v
            else:
                if len(node) == 2 and type(node[0]) is float and type(node[1]) is float and field is None:
                    self._point(node)
                elif len(node) >= 2 and type(node[0]) is dict and field is None and not _MESSAGE_KEYS.isdisjoint(node[0]):
                    _pii_asked.scrub_messages(node, self._replace)  # [{"author": "bot", "text": "Your name?"}, {"text": "Rosa Quispe"}]
                elif len(node) >= MIN_SEED_WORDS and type(node[0]) is str and is_phrase(node):
                    node[:] = [REDACTED] * len(node)  # ["sample", "deny", "parrot", ...]: a wallet's seed phrase
                sub = paths.items if paths is not None else None
                child = ctx if sub is None and paths is None and not headers else (field, person, sub, False)
                for i, item in enumerate(node):
                    kind = type(item)
                    if kind is dict or kind is list:
                        if kind is list and field is None and len(item) == 2 and type(item[0]) is str:
                            self._labelled_pair(item, person, push)
                        push((item, child))
                    elif field is not None:
                        if item is not None and kind is not bool:
                            node[i] = field.apply(item)
                    elif kind is str:
                        if item[:2] in _JSON_STARTS and (new := self._json_text(item, person)) is not None:
                            node[i] = new
                            continue
                        new = scrub_short(item) if len(item) <= SHORT_STRING else scrub_long(item)
                        texts.append((node, i))
                        if new is not item:
                            node[i] = new
                            if not self._someone and new != item and names_someone(new):
                                self._someone = True
                        if item[:2] == "--" and i + 1 < len(node) and self.text.flag_is_credential(item):
                            node[i + 1] = REDACTED  # ["--password", "s3cret"]: a command line's arguments
                        elif (i + 1 < len(node) and not i % 2 and not len(node) % 2 and len(item) <= 64
                              and type(node[i + 1]) is str and item.lower() in CREDENTIAL_HEADERS
                              and _HEADER_NAME_RE.fullmatch(node[i + 1]) is None):
                            # Node's rawHeaders ["X-Api-Key", "K4yL...", ...], not a list of names
                            # (a CORS set-up's ["X-Api-Key", "Content-Type"])
                            node[i + 1] = REDACTED
                        if item[:10] == "-----BEGIN" and "PRIVATE KEY" in item and i + 1 < len(node):
                            self._key_lines(node, i + 1)  # ["-----BEGIN PRIVATE KEY-----", "MIIEv...", ...]
                    elif kind is int and item > _CARD_MIN and card_number_like(item):
                        node[i] = self._replace("card", str(item), str(item))

    @staticmethod
    def _rpc_password(node: dict) -> None:
        """Odoo's JSON-RPC ``{"service": "object", "method": "execute_kw", "args": [db, uid,
        password, ...]}`` (and ``common``'s ``login``/``authenticate``): the password or API key
        is the third argument, whatever it looks like."""
        args = node["args"]
        method = node.get("method")
        if type(args) is list and len(args) > 2 and type(args[2]) is str and type(method) is str and method in _RPC_METHODS:
            args[2] = REDACTED

    def _graphql_variables(self, node: dict) -> None:
        """A GraphQL request's variables named by the arguments they are passed as: ``login(email:
        $e, pass: $p)`` makes ``variables.p`` a password, whatever the variable is called."""
        variables = node["variables"]
        query = node["query"][:16384]
        for argument, variable in _GRAPHQL_ARGUMENT_RE.findall(query):
            if variable in variables and type(variables[variable]) is str and variable != argument:
                rule = self.key_rule(argument)
                if rule is not None and rule.credential:
                    variables[variable] = REDACTED
                elif rule is not None and rule.field is not None:
                    variables[variable] = rule.field.apply(variables[variable])
        # a password's change, whatever its arguments are called: cambiarClave(actual: $a, nueva: $n)
        for field, arguments in _GRAPHQL_CALL_RE.findall(query):
            if _PASSWORD_CALL_WORDS.isdisjoint(words(field)):
                continue
            for argument, variable in _GRAPHQL_ARGUMENT_RE.findall(arguments):
                value = variables.get(variable)
                if type(value) is str and value != REDACTED and self.key_rule(argument) is None and (
                        " " not in value and "@" not in value and 4 <= len(value) <= 128):
                    variables[variable] = REDACTED

    @staticmethod
    def _key_lines(node: list, start: int) -> None:
        """A private key cut into a list's items: every line after its BEGIN line up to its END line."""
        for j in range(start, len(node)):
            line = node[j]
            if type(line) is not str or line[:8] == "-----END":
                return
            node[j] = REDACTED

    def _json_text(self, text: str, person: bool | None) -> str | None:
        """A string that is a JSON object or array (a webhook's ``rawRequest``, an SNS message,
        a stringified ``detail``): walked as the structure it is, its field names judged as
        any body's, and written again if anything changed (``None``: not JSON, scan it as text)."""
        if text[-1:] not in ("}", "]"):
            return None
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return None  # not JSON, or nested past the parser's depth: read as text
        if type(value) is not dict and type(value) is not list:
            return None
        # written back as it was written: compact, or with the usual spaces
        separators = (",", ":") if ": " not in text and ", " not in text else (", ", ": ")
        before = json.dumps(value, ensure_ascii=False, separators=separators)
        self._walk(value, (None, person, None, False))
        after = json.dumps(value, ensure_ascii=False, separators=separators)
        return text if after == before else after

    @staticmethod
    def _url_credentials(params: dict) -> None:
        """``?code=4/0AeaY...&state=...`` parsed: the values URL parameters name as credentials
        (an OAuth code, a signature, a token that looks like one) become ``[redacted]``."""
        for name, value in params.items():
            if type(name) is str and url_param_needs_check(name):
                if type(value) is str and url_param_is_credential(name, value):
                    params[name] = REDACTED
                elif type(value) is list:
                    params[name] = [REDACTED if type(v) is str and url_param_is_credential(name, v) else v for v in value]

    def _point(self, pair: list) -> None:
        """``[51.5033635, -0.1276248]`` under any name (GeoJSON, a map's marker): a precise
        place is masked as a ``location`` field's value would be."""
        if precise_point(pair[0], pair[1]):
            location = self.field("location", "location")
            if location.action != KEEP and location.action != DROP:
                pair[0], pair[1] = location.apply(pair[0]), location.apply(pair[1])
            elif location.action == DROP:
                pair[0] = pair[1] = None

    def _label_rule(self, label: Any) -> KeyRule | None:
        """The rule of a field name written as data, if it says anything of its value."""
        if type(label) is not str or not 0 < len(label) <= _LABEL_MAX:
            return None
        rule = self.key_rule(label)
        if rule is None or not (rule.credential or rule.field is not None or rule.ambiguous is not None):
            return None
        return rule

    @staticmethod
    def _defined_field(node: dict) -> str | None:
        """``{"name": "email", "type": "email", "label": "Work email"}``: a form's or a
        schema's field, whose ``name`` is the field's (kept when it reads as one)."""
        name = node.get("name")
        return "name" if type(name) is str and _FIELD_NAME_RE.fullmatch(name) is not None else None

    def _labelled_value(self, node: dict, person: bool | None, push: Callable) -> str | None:
        """``{"name": "phone", "value": "..."}``: the value is scrubbed as a field named by the
        label. Returns the label's key (its value, a field's name, is left as written). The
        label may also be a FHIR identifier's coded ``type`` (``{"text": "Medical Record
        Number"}``, the code ``MR``) or a DICOM element's value representation (``PN``, a
        person's name)."""
        label_keys = _NUMBER_LABEL_KEYS if _VALUE_KEYS.intersection(node) == {"number"} else _LABEL_KEYS
        for label_key in _SECRET_LABEL_KEYS:
            if type(node.get(label_key)) is str and "number" not in node:
                self._label_values(node, "secret", self.key_rule("secret"), person, push)
                return label_key
        for label_key in label_keys:
            label = node.get(label_key)
            if type(label) is str and label[-1:] in ("?", "？") and asks_a_security_question(label):
                # {"question": "What was the name of your first pet?", "answer": "Tiddles"}
                self._label_values(node, "secret", self.key_rule("secret"), person, push)
                return label_key
            rule = self._label_rule(label)
            if rule is not None:
                self._label_values(node, node[label_key], rule, person, push)
                return label_key
        coded = node.get("type")
        label = _coded_label(coded) if type(coded) is dict else "person name" if node.get("vr") == "PN" else None
        rule = self._label_rule(label)
        if rule is not None:
            self._label_values(node, label, rule, person, push)
            return None
        for label_key in _LABEL_KEYS:  # a field no rule knows: its name, if it reads as one, stays
            label = node.get(label_key)
            if type(label) is str and _FIELD_NAME_RE.fullmatch(label) is not None:
                return label_key
        return None

    def _label_values(self, node: dict, label: str, rule: KeyRule, person: bool | None, push: Callable) -> None:
        for value_key in _VALUE_KEYS.intersection(node):
            value = node[value_key]
            if rule.credential and type(value) is str and value.count(" ") >= 3 and label.rstrip().endswith("?"):
                # a question about a credential answered in a sentence (an FAQ's "How do I reset my
                # password?"): its text is read as text, and a password's shape in it redacted
                node[value_key] = password_shapes_redacted(self.scrub(value), REDACTED)
                continue
            new = self._entry(label, value, rule, None, None, person, push)
            node[value_key] = None if new is _DROPPED else new

    def _answer(self, node: dict, person: bool | None, push: Callable) -> None:
        """A form's answer whose value sits under the key its ``type`` names, labelled by the
        question's field (Typeform's ``{"type": "text", "text": "...", "field": {"ref":
        "q_name"}}``): the value is scrubbed as a field of that name."""
        where = node.get("type")
        if type(where) is not str or where == "field" or where not in node:
            return
        labels = node["field"]
        for label_key in _ANSWER_LABEL_KEYS:
            label = labels.get(label_key)
            rule = self._label_rule(label)
            if rule is not None:
                new = self._entry(label, node[where], rule, None, None, person, push)
                node[where] = None if new is _DROPPED else new
                return

    def _labelled_pair(self, pair: list, person: bool | None, push: Callable) -> None:
        """``["email", "..."]``: the second item is scrubbed as a field named by the first.
        Not a bare ``name`` (``["name", "price"]`` lists columns), a second field name
        (``["email", "phone"]``) or a sort order (``[["email", "asc"]]``); nor a first item that is
        itself a pair (aria2's ``["token:...", [uri]]``: the text detectors read it)."""
        label = pair[0].rstrip(":= ")  # ["Password:", "..."] is a label and its value
        if ":" in label or "=" in label:
            return
        rule = self._label_rule(pair[0])
        value = pair[1]
        if type(value) is str and _ENUM_RE.fullmatch(pair[0]) is not None and _ENUM_RE.fullmatch(value) is not None:
            return  # ["PAN_NSDL", "AADHAAR_OKYC"]: two constants, a list of checks, no label and its value
        if rule is not None and rule.ambiguous is None and not (
            type(value) is str and (value.lower() in _SORT_ORDERS
                                    or (_FIELD_NAME_RE.fullmatch(value) is not None and self.key_rule(value) is not None)
                                    or (pair[0].lower() in CREDENTIAL_HEADERS and _HEADER_NAME_RE.fullmatch(value)))
        ):
            new = self._entry(pair[0], pair[1], rule, None, None, person, push)
            pair[1] = None if new is _DROPPED else new

    def _entry(self, key: str, item: Any, rule: KeyRule | None, sub: _Node | None, field: Field | None,
               person: bool | None, push: Callable, node: dict | None = None) -> Any:
        """One field of an object, off the hot path: what ``item`` becomes (``_DROPPED``:
        remove the field); containers are pushed with the context they get. ``node`` is
        the object holding the field, when there is one."""
        if type(item) is str and (decoded := _form_decoded(item)) is not item:
            # {"payee": "CHAN%20Tai%20Man"}, {"holder": "Hamza+Tariq+Butt"}: judged decoded, kept as
            # sent if nothing was found
            return _as_sent(item, decoded, self._entry(key, decoded, rule, sub, field, person, push, node))
        if rule is not None and rule.credential:
            if item is None or type(item) is bool:
                return item
            if type(item) is str and rule.ui and len(item) <= 300 and _UI_TEXT_RE.fullmatch(item) is not None:
                return self.scrub(item)  # "Passwort vergessen?": a catalogue's text about a password
            if type(item) is dict and item and (item.keys() <= _JOSE_HEADER_KEYS or item.keys() <= _SCHEME_KEYS):
                push((item, (None, person, None, False)))  # a JWT's header, an OpenAPI security scheme
                return item
            if type(item) is dict and item and all(self._refers(k, rule.reference) for k in item):
                # a Kubernetes secretKeyRef {name, key}, Helm's {existingSecret, secretKeys}: where a
                # credential is kept, not the credential (a thing's: its name is no one's)
                push((item, (None, False, None, False)))
                return item
            if type(item) is str and rule.reference and _K8S_NAME_RE.fullmatch(item) is not None and (
                    _NAME_JOINERS_RE.search(item) is not None or item in _CREDENTIAL_KEY_NAMES):
                return item  # "existingSecret": "payments-db-credentials": a secret's name
            return _redact(item)
        own = None
        if rule is not None:
            own = rule.field
            if own is None and rule.ambiguous is not None:
                if node is not None:
                    says = self._object_says(node)
                    person = person if says is None else says  # {"type": "contact", "name": ...}
                if rule.person_only:
                    # an object with a password next to its login is an account: a login form,
                    # a sign-up, whatever its route says; a licence number has digits (a
                    # user's "license": "pro" is a plan), a name has letters
                    numberless = type(item) is str and (
                        _DIGIT_RE.search(item) is None if rule.ambiguous.cls == "government_id"
                        else _LETTER_RE.search(item) is None if rule.ambiguous.cls == "name"  # "£45.00": no one's name
                        else False)  # a person's photo or accessibility needs, digits or none
                    if not numberless and (person is True or (node is not None and type(item) is str
                                                              and _WORDLIKE_RE.search(item)
                                                              and self._holds_credential(node))):
                        own = rule.ambiguous
                    elif type(item) is dict and "number" in item and not _LICENCE_ISSUER_KEYS.isdisjoint(item):
                        own = rule.ambiguous  # {"license": {"state": "FL", "number": ...}}: a driver's
                elif person is not False and not (type(item) is str and (
                        _LETTER_RE.search(item) is None
                        or (person is None and _SLUG_RE.fullmatch(item) and len(words(key)) == 1)
                        or (person is not True and _reads_as_sentence(item)))):
                    own = rule.ambiguous  # ("#1042", an order's name, has no letters: no one's name; nor
                    # "oncall-critical", a slug, where nothing says the object is a person's)
            elif rule.client and node is not None and not _SOFTWARE_CLIENT_KEYS.isdisjoint(node):
                own = None  # an OAuth client's registration: its client_name names an application
            elif rule.party and type(item) is str and _MSISDN_RE.fullmatch(item) is not None:
                own = self.field("contact", "phone")  # {"from": "233241234567"}
        kind = type(item)
        if kind is dict or kind is list:
            says = self.context(key)
            person = person if says is None else says
        if own is None and field is not None:
            if not self._coarse(key, field.cls):
                own = field
            elif kind is dict:
                person = False  # an address's {"city": {"name": "Benito Juárez"}}: a place's name, no one's
        if own is not None and own.cls == "government_id" and kind is str and node is not None and self._a_companys(node):
            own = None  # {"razon_social": "Rappi S.A.S.", "nit": "900538135-0"}: a company's number, scanned as text
        if own is None and field is None and sub is None and rule is not None and rule.user_id and kind is str \
                and reads_as_user_id(item, own=rule.own_id):
            own = self._name_field  # {"distinct_id": "omarodr363"}, {"sender": "martin_78"}
        if own is None and field is None and sub is None and rule is not None and rule.person:
            searched = kind is str and self.text.names_a_search(key)
            if kind is str and (reads_as_name(item) or (not searched and (
                    is_a_name_alone(item) or reads_as_handle(item, initials=True) or _an_at_handle(item)
                    or rule.handle and reads_as_login(item, alone=rule.login)))):
                own = self._name_field  # {"customer": "Jane Doe"}, {"receiver": "黄丽萍"}, {"author": "Marco"}
            elif searched:
                # {"q": "taras квитки"}: names typed in any case, in a search's text; not a street's
                # name ("Karl Johans gate")
                new = self.scrub(item)
                return new if names_a_street_kind(item) else scrub_search_names(new, self._replace)
            elif kind is list:
                self._person_names(item)  # {"participants": ["Jane Doe", "John Smith"]}
        if sub is not None:
            if sub.field is not None:
                own = sub.field
            elif sub.action is not None:
                own = self.field(own.cls, own.kind, sub.action) if own is not None else self._unclassified(sub.action)
        if own is None or own.action == KEEP:
            if kind is str:
                if node is not None and own is None:
                    self._texts.append((node, key))  # {"rut_titular": ...}: a person's word, not a name
                    if 7 < len(item) <= 40 and item[0] in ID_MAY_START:
                        self._numbers.append((node, key))
                return self.scrub(item)
            if kind is dict or kind is list:
                push((item, (None, person, sub, sub is not None and sub.headers)))
            return item
        if own.action == DROP:
            return _DROPPED
        if kind is dict and own.cls == "name" and self._holds_credential(item):
            # {"kakao": {"rest_api_key": ..., "redirect_uri": ...}}: an app's integration, no one's handle
            push((item, (None, False, sub, False)))
            return item
        if kind is dict or kind is list:
            push((item, (own, person, sub, False)))
            return item
        if item is None or kind is bool:
            return item
        if (kind is str and own.kind == "address" and own.action == MASK and rule is not None and rule.field is not None
                and rule.field.kind == "address" and self._whole_address(key)):
            # a whole address keeps its town (_pii_locality); a street line, or a part an address
            # object holds under a name of its own ("detail"), does not
            return _whole_address(own, item)
        return own.apply(item)

    def _a_companys(self, node: dict) -> bool:
        """Does the object name a company as its own (``razon_social``, ``企业名称``, ``supplier``...: an
        organisation's name, with its legal form), so that its tax and registration numbers are the
        company's? A sole trader's "razon_social" is a person's name and says no."""
        if node is self._company[0]:
            return self._company[1]
        answer = False
        # not when the object is a person's too (their name, birth date or contact, or a person's word, beside it)
        someones = any(type(key) is str and (
            (rule := self.key_rule(key)) is not None and (rule.person or rule.field is not None and rule.field.cls in _SOMEONES_CLASSES)
            or self.names.context(key) is True) for key in node)  # {"employee": "Angelica Santos", "company": ...}
        for key in _COMPANY_KEYS.intersection(node) if not someones else ():
            value = node[key]
            if type(value) is str and (reads_as_organisation(value) or _CJK_COMPANY_RE.search(value) is not None):
                answer = True
                break
        self._company = (node, answer)
        return answer

    def _object_says(self, node: dict) -> bool | None:
        """What an object says of itself, before the key it sits under: a person's when it
        holds what only a person has (a date of birth, a national ID, a first or last name: a
        motor vehicle report's subject, an item that is a person); else what its own type says (``{"type": "contact"}``, ``{"object":
        "api_key"}``, FHIR's ``"resourceType": "Patient"``); None when it says nothing. The
        answer for the object at hand is kept: an object with thousands of names is read once."""
        if node is self._said[0]:
            return self._said[1]
        says = self._own_word(node)
        self._said = (node, says)
        return says

    def _own_word(self, node: dict) -> bool | None:
        key_rule = self.key_rule
        for key in node:
            if type(key) is str:
                rule = key_rule(key)
                if rule is not None and rule.evidence:
                    return True
        reference = node.get("reference")
        if type(reference) is str and "/" in reference and _PERSON_REFERENCE_RE.fullmatch(reference) is not None:
            return True
        if not _PRODUCT_KEYS.isdisjoint(node):
            return False  # {"sku": ..., "name": "Nike Air Zoom Pegasus 41", "price": ...}: a product's
        for key in _TYPE_KEYS:
            declared = node.get(key)
            if type(declared) is str and 0 < len(declared) <= _LABEL_MAX:
                says = self._type_says(declared)
                if says is not None:
                    return says
        return None

    def _refers(self, key: Any, members: bool) -> bool:
        """Is ``key`` a member of a reference to a stored credential: a name that says so
        (``secretKeys``, ``existingSecret``), or with ``members`` (under a reference's own
        name, ``secretKeyRef``) ``name``, ``key``, ``optional``?"""
        if members and key in _REFERENCE_MEMBERS:
            return True
        rule = self.key_rule(key) if type(key) is str else None
        return rule is not None and rule.reference

    def _holds_credential(self, node: dict) -> bool:
        key_rule = self.key_rule
        return any((rule := key_rule(key)) is not None and rule.credential for key in node)

    def _person_names(self, items: list) -> None:
        """The strings of a list under a person's key that read as names get the name
        class's action; the rest of the list is walked as usual."""
        name = self._name_field
        if name.action == KEEP:
            return
        for i, item in enumerate(items):
            if type(item) is str and (reads_as_name(item) or is_a_name_alone(item)):
                items[i] = None if name.action == DROP else name.apply(item)

    def _unclassified(self, action: str) -> Field:
        """A field an override gives an action although its name says no class: masked it
        reads ``[redacted]``, hashed ``value:<16 hex>``."""
        return self.field("value", "value", HASH) if action == HASH else self.field("credential", "redacted", action)


#: A route that checks a one-time code: its body's bare ``code`` is that code
#: (``POST /auth/mfa/verify {"code": "830194"}``), not a country's, a promotion's or an error's.
_ONE_TIME_ROUTE_RE = re.compile(
    r"(?i:mfa|2fa|otp|totp|two[-_]?factor|2[-_]?step|verify|verification|challenge|sms[-_]code)(?![a-z])"
)
_ONE_TIME_CODE_RE = re.compile(r"[0-9]{4,10}|[0-9]{3}[ -][0-9]{3}|[A-Za-z0-9]{4,12}")


def _one_time_code_of_a_verify_route(record: dict) -> None:
    request = record.get("request")
    if type(request) is not dict or type(request.get("body")) is not dict:
        return
    route = request.get("route") or request.get("path")
    body = request["body"]
    if "code" not in body or type(route) is not str or _ONE_TIME_ROUTE_RE.search(route[:1024]) is None:
        return
    code = body["code"]
    if type(code) is int and 1000 <= code < 10 ** 10:
        body["code"] = REDACTED
    elif type(code) is str and _ONE_TIME_CODE_RE.fullmatch(code) is not None and any(c.isdigit() for c in code):
        body["code"] = REDACTED


#: What an OAuth token request carries besides the credentials named as such: the
#: authorization code, the PKCE verifier, the device code, a JWT assertion.
_OAUTH_GRANT_SECRETS = ("code", "code_verifier", "device_code", "assertion", "subject_token", "actor_token")


def _oauth_grant(request: dict) -> None:
    """An OAuth token request (``{"grant_type": "authorization_code", "code": "4/0Aea..."}``):
    its ``code`` is a one-time credential that buys tokens, not an error's or a country's; a
    sample's stand-in (``"<authorization-code>"``) is kept."""
    for key in _OAUTH_GRANT_SECRETS:
        if type(request.get(key)) is str:
            request[key] = _redact(request[key])


_AT_HANDLE_RE = re.compile(r"@[A-Za-z0-9][A-Za-z0-9._-]{1,38}[A-Za-z0-9]")


def _an_at_handle(value: str) -> bool:
    """An @handle under a person's key ({"X-Telegram-User": "@alexvolkov_spb"}): someone's account,
    whatever its words, unless a machine's ("@deploy-bot"). A login without its @ goes by the lexicon
    (:func:`reads_as_handle`): "usr_1182", "kasse-07", "lager-bergen" are no one's."""
    return value[:1] == "@" and _AT_HANDLE_RE.fullmatch(value) is not None and not reads_as_machine_login(value[1:])


#: The last words of keys whose random-looking value is an identifier, not a credential's pair.
_IDENTIFIER_KEY_WORDS = frozenset(
    "id ids uuid guid kid ref reference nonce request trace span etag hash sha digest checksum fingerprint thumbprint "
    "commit version build sid".split())


def _unless_a_shared_login(apply: Callable[[Any], Any], value: Any) -> Any:
    """A name's field, unless its value is a shared account's login named for a place or a role
    ({"логин": "sklad-msk"}, {"username": "kasse2"}: a warehouse's, a till's, no one's)."""
    if type(value) is str and is_a_shared_login(value):
        return value
    return apply(value)


def _still_at(node: Any, key: Any) -> Any:
    """What a container holds at ``key`` after the walk, or None where the key was renamed (a key
    that was personal data itself: ``{"alice@example.com": ...}``)."""
    if type(node) is dict:
        return node.get(key)
    return node[key] if type(node) is list and type(key) is int and -len(node) <= key < len(node) else None


#: The most fields of an object whose credential has a pair beside it: a service's settings, a
#: payment provider's keys; not a request's headers, where every value is someone's identifier.
_PAIRED_OBJECT_SIZE = 8
_HEX_DIGEST_RE = re.compile(r"[0-9a-fA-F]{16,128}")


def _redact_paired_secrets(node: dict, credentials: list[str]) -> None:
    """A credential's pair under a name no list has, in the object of a credential ({"HashKey": ...,
    "HashIV": ...}, {"token": ..., "sign": ...}, {"apiKey": ..., "crc": ...}): a random-looking string
    of 16 characters or more beside one is one too; not an identifier's (``merchantId``, ``kid``,
    a UUID) nor a URL, nor a hex digest under ``hash`` (a payment form's {"storekey": ..., "hash":
    "SJZIS...=="} is the request signed with its key). And the same value again, a password's confirmation in any language
    (``"підтвердження": ...``, ``"sisma_ishur": ...``)."""
    for key, value in node.items():
        if type(value) is not str or len(value) < 8:
            continue
        if value in credentials:
            node[key] = REDACTED
        elif (16 <= len(value) <= 4096 and value[0] != "[" and " " not in value and "://" not in value
                and _key_looking(value) and _UUID_RE.fullmatch(value) is None and _PREFIXED_ID_RE.match(value) is None
                and (parts := words(key)) and (parts[-1] not in _IDENTIFIER_KEY_WORDS or parts[-1] == "hash"
                                               and _HEX_DIGEST_RE.fullmatch(value) is None)
                and _IDENTIFYING_WORDS.isdisjoint(parts)):
            node[key] = REDACTED


def _key_looking(value: str) -> bool:
    """:func:`random_looking`, or a shorter key of 16 to 19 letters and digits, hex or of both cases
    ("89d5b01c93685876", "peLiIfGzEQPYi7Ub")."""
    if len(value) >= 20:
        return random_looking(value)
    if not value.isascii() or not value.isalnum() or value.isdigit() or value.isalpha():
        return False
    if all(c in "0123456789abcdef" for c in value):
        return True
    return random_looking(value * 2)  # the same mix of kinds, long enough to be judged


def _redact_codes(node: dict) -> None:
    """A one-time code of digits in the object of a verification (``{"verificacion_id": ...,
    "canal": "sms", "codigo": "482913"}``): a credential, under whatever word for "code"."""
    for key, value in node.items():
        if ((type(value) is str and _ONE_TIME_CODE_RE.fullmatch(value) is not None or type(value) is int and 1000 <= value < 10**8)
                and (parts := words(key)) and parts[-1] in _CODE_KEY_WORDS):
            node[key] = REDACTED


def _redact_answers(node: dict) -> None:
    """The answer to a security question, in the object that asks it: a credential whatever it
    says ("Bello von der Heide")."""
    for key, value in node.items():
        if type(value) in (str, int) and (parts := words(key)) and not _ANSWER_WORDS.isdisjoint(parts):
            node[key] = REDACTED


#: Words of letters joined by "+", as a form encodes the spaces of a value: "Hamza+Tariq+Butt".
_PLUS_JOINED_RE = re.compile(r"[^\W\d_]{2,40}(?:\+[^\W\d_]{1,40}){1,5}")


def _form_decoded(value: str) -> str:
    """``value`` as a form's value reads once decoded ("Claire%20Mah%C3%A9", "Hamza+Tariq+Butt",
    "Ant\\u00f4nio"), or ``value`` itself."""
    if "%" in value:
        return percent_decoded(value)
    if "+" in value and _PLUS_JOINED_RE.fullmatch(value) is not None:
        return value.replace("+", " ")
    if "\\u" in value:  # a header's value escaped as JSON writes it: "Ant\u00f4nio Carlos"
        return _UNICODE_ESCAPE_RE.sub(lambda m: chr(int(m[1], 16)), value)
    return value


_UNICODE_ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _as_sent(value: str, decoded: str, new: Any) -> Any:
    """What a field's form-encoded ``value`` becomes when its ``decoded`` reading became ``new``:
    ``value`` when nothing was found, else ``new`` with what was not found still encoded."""
    if new == decoded:
        return value
    if type(new) is not str or "%" not in value:
        return new
    decoded, spans = percent_decoded_mapped(value)
    return as_encoded(value, decoded, spans, new)


#: The last word of a key whose object or text is a business's premises: its address is published for
#: anyone to find ({"restaurant": {"name": "Pizzeria Da Michele", "adresse": "Kantstraße 12, ..."}}).
_PREMISES_WORDS = frozenset("""store shop restaurant restaurang ristorante restaurante resto cafe café bakery bar
    pharmacy apotheke farmacia clinic hospital hotel venue branch filiale merchant company business outlet
    boutique supermarket magasin tienda loja negocio заклад магазин ресторан аптека""".split())
#: Masks of a place (its street, its postal code), and nothing else.
_ONLY_PLACES_RE = re.compile(r"\[(?!address\]|postal_code\])[a-z_]{2,24}\]|(?<![\w-])(?!address:|postal_code:)[a-z_]{2,24}:[0-9a-f]{%d}(?![\w])"
                             % PSEUDONYM_HEX)


@lru_cache(maxsize=4096)
def _names_premises(key: str) -> bool:
    parts = words(key)
    return bool(parts) and parts[-1] in _PREMISES_WORDS


#: A book's author, beside its ISBN or its publisher ({"isbn": "978-0-14-243723-0", "author": "F. Scott
#: Fitzgerald"}): the name printed on a published book's cover, no user's.
_AUTHOR_WORDS = frozenset("author authors autor autores auteur auteurs autore autori schrijver författare forfatter".split())
_BOOK_WORDS = frozenset("isbn isbn10 isbn13 publisher verlag editorial editeur éditeur editore uitgever förlag forlag".split())
_AUTHORS_NAME_RE = re.compile(r"[^\W\d_][\w.'’ -]{1,80}")


def _a_books_author(key: str, node: dict, value: str) -> bool:
    parts = words(key)
    return (bool(parts) and parts[-1] in _AUTHOR_WORDS and _AUTHORS_NAME_RE.fullmatch(value) is not None
            and any((k_parts := words(k)) and k_parts[-1] in _BOOK_WORDS for k in node if k != key))


#: Keys that name a public place beside its address ({"lugar": "Museo Nacional del Prado", "direccion": ...}),
#: and the words of an address's own key that say whose it is ("venue_address", "store_address").
#: (Not a delivery's "landmark": "opp. Forum Mall gate 2" is where a customer lives.)
_VENUE_WORDS = frozenset("venue venues place lieu lugar luogo poi attraction museum monument sight sede recinto".split())


def _a_venues(key: str, node: dict) -> bool:
    """Is the address under ``key`` a public place's: its key names a venue or a business's premises, or a
    sibling names the place (not "home")?"""
    parts = words(key)
    if any(part in _WHOSE_ADDRESS for part in parts):
        return False  # "home_address", "shipping_address": a person's, whatever the object holds
    if any(part in _VENUE_WORDS or part in _PREMISES_WORDS for part in parts[:-1]):
        return True
    return any((parts := words(k)) and parts[-1] in _VENUE_WORDS and type(v) is str and _names_a_venue(v)
               for k, v in node.items() if k != key)


#: What a public place's name holds: a word for a building, a park, an institution ("Palais de l'Élysée",
#: "Museo Nacional del Prado", "정부서울청사", "外滩观景平台"); a town alone ("Springfield") is none.
_VENUE_NOUNS = frozenset("""palais palace palacio palazzo château castle castillo schloss museo musée museu garden gardens
    jardin jardín park parque parc tower torre tour hall arena centre center centro plaza square platz piazza
    monument monumento memorial cathedral catedral basilica basílica temple templo mosque church iglesia église""".split())
_VENUE_PARTS = ("청사", "궁", "공원", "광장", "박물관", "平台", "公园", "公園", "广场", "廣場", "博物馆", "博物館", "宫", "寺", "塔",
                "中心", "市场", "站", "城", "神社", "駅")


def _names_a_venue(value: str) -> bool:
    if any(part in value for part in _VENUE_PARTS):
        return True
    names = {w.lower().strip(".,'’()–-") for w in value.split()}
    return not names.isdisjoint(_VENUE_NOUNS) or not names.isdisjoint(INSTITUTION_WORDS)


#: Words of an address's key that say it is a person's, whatever object holds it.
_WHOSE_ADDRESS = frozenset("""home private billing shipping delivery residential residence customer user personal
    mailing domicile wohnadresse privatadresse lieferadresse rechnungsadresse domicilio entrega envio facturacion
    livraison facturation""".split())


def _unless_only_places(value: str, scrubbed: str) -> str:
    """``value`` as sent when all the text passes found in it is a place (a business's street and postal
    code), else what they made of it."""
    return value if _ONLY_PLACES_RE.search(scrubbed) is None else scrubbed


def _private_key_members(jwk: dict) -> None:

    """A JSON Web Key's private members (RFC 7518: an EC or OKP key's ``d``, an RSA key's
    primes and exponents, a symmetric key's ``k``), which no field name says are secret."""
    for member in JWK_PRIVATE_MEMBERS:
        if member in jwk and jwk[member] is not None:
            jwk[member] = REDACTED


#: A travel or identity document by its type code beside its number (an airline's passenger
#: ``{"document": {"type": "P", "number": "FW7871748", "nationality": "BE"}}``, ICAO's document codes).
_DOCUMENT_TYPES = {"P": "passport", "PP": "passport", "PASSPORT": "passport", "ID": "national_id", "I": "national_id",
                   "IDCARD": "national_id", "ID_CARD": "national_id", "NATIONAL_ID": "national_id",
                   "IDENTITY_CARD": "national_id", "RESIDENCE_PERMIT": "national_id", "DL": "driving_licence",
                   "DRIVING_LICENCE": "driving_licence", "DRIVING_LICENSE": "driving_licence",
                   "DRIVERS_LICENSE": "driving_licence"}
_DOCUMENT_NUMBER_RE = re.compile(r"(?=(?:[^0-9]*[0-9]){4})[A-Za-z0-9 <-]{6,20}")
#: What a chat's message holds its text under (a list of them is read by _pii_asked).
_MESSAGE_KEYS = frozenset(_pii_asked.MESSAGE_KEYS)
#: MTN MoMo's (and its clones') party: ``{"partyIdType": "MSISDN", "partyId": "233554128876"}``, the
#: id's kind named beside it (an "...Id" key alone is read as a system's identifier).
_PARTY_ID_KINDS = {"msisdn": "phone", "email": "email"}


def _secret_data(secret: dict) -> None:
    """A Kubernetes Secret's ``data`` and ``stringData``: every value is a secret, whatever
    its key (``MY_CONFIG``, ``tls.key``)."""
    for part in ("data", "stringData"):
        values = secret.get(part)
        if type(values) is dict:
            for key, value in values.items():
                if value is not None:
                    values[key] = REDACTED


def _coded_label(coded: dict) -> str | None:
    """The label of a coded type (FHIR's ``{"text": ..., "coding": [{"code": "MR", "display":
    ...}]}``): its text, else its first coding's display, else what its code stands for."""
    text = coded.get("text")
    if type(text) is str:
        return text
    coding = coded.get("coding")
    first = coding[0] if type(coding) is list and coding and type(coding[0]) is dict else coded
    display, code = first.get("display"), first.get("code")
    if type(display) is str:
        return display
    return IDENTIFIER_TYPE_CODES.get(code) if type(code) is str else None


def _default_kind(cls: str) -> str:
    """The kind a field made of class ``cls`` by configuration reads as."""
    return {"contact": "contact", "government_id": "national_id", "payment_card": "card"}.get(cls, cls)


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
