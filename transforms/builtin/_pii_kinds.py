"""The classes of personal data ``pii`` knows, and which class each finding belongs to.

A *finding* is what a detector reports: a value in text (``email``, ``iban``, ``jwt``...)
or a field whose name says what it holds (``firstName`` is a ``name``). Each finding has a
*kind* (what it is, and its ``[kind]`` mask) and each kind one *class*; the configured
action of the class (``mask``, ``hash``, ``keep``, ``drop``) decides what is stored.

This module is the one table of kinds and classes: detectors name kinds from it, the
transform maps them to actions through it, and the configuration is validated against it.
"""

from __future__ import annotations

#: Classes of personal data, each with its own configurable action.
CLASSES = (
    "name",            # person names: first, last, full, given, family name, surname...
    "contact",         # e-mail addresses, phone numbers
    "address",         # postal addresses, postal codes
    "birth_date",      # dates of birth
    "government_id",   # national and government identifiers: SSN, NINO, NIR, passport...
    "bank_account",    # IBANs, account, sort-code and routing numbers
    "payment_card",    # card numbers
    "location",        # precise coordinates
    "ip",              # client IP addresses
    "credential",      # passwords, tokens, keys, secrets: never kept, never hashed
)

#: What can be done with a class: replace by ``[kind]`` (``mask``), by a keyed pseudonym
#: (``hash``), leave it (``keep``) or remove the field altogether (``drop``).
ACTIONS = ("mask", "hash", "keep", "drop")

#: Classes whose action is fixed: a pseudonym or a copy of a secret helps nobody.
FIXED = {"credential": "mask"}

#: kind -> class. Detectors only report kinds listed here.
KIND_CLASS: dict[str, str] = {
    "email": "contact",
    "phone": "contact",
    "card": "payment_card",
    "iban": "bank_account",
    "ssn": "government_id",
    "jwt": "credential",
    "bearer": "credential",
    "basic": "credential",
    "aws_key": "credential",
}


def class_of(kind: str) -> str:
    """The class of a finding's kind; unknown kinds count as credentials (the bluntest)."""
    return KIND_CLASS.get(kind, "credential")

# --- kinds of personal-data fields (pii's field classes, transforms/builtin/_pii_names.py) ---
# A field named for personal data reports the kind its name says; kinds the text detectors
# report too (email, phone, card, iban, ssn) are the same kind, so a value gets one mask and
# one pseudonym whether it was found by its field name or in text.
KIND_CLASS.update({
    "name": "name",
    "address": "address",
    "postal_code": "address",
    "birth_date": "birth_date",
    "national_id": "government_id",
    "passport": "government_id",
    "driving_licence": "government_id",
    "tax_id": "government_id",
    "bank_account": "bank_account",
    "location": "location",
    "ip": "ip",
})

#: Actions only some classes have: an IP address can be cut to its network (IPv4 /24, IPv6
#: /48), which still tells the network for abuse analysis and rough geography.
TRUNCATE = "truncate"
CLASS_ACTIONS: dict[str, tuple[str, ...]] = {"ip": (*ACTIONS, TRUNCATE)}
#: The action of a class the configuration does not set: mask, except IP addresses,
#: truncated as pii always did.
DEFAULT_ACTIONS: dict[str, str] = {"ip": TRUNCATE}


def actions_of(cls: str) -> tuple[str, ...]:
    """The actions class ``cls`` accepts."""
    if cls in FIXED:
        return (FIXED[cls],)
    return CLASS_ACTIONS.get(cls, ACTIONS)
