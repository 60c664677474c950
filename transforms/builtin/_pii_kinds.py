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
