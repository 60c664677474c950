"""The erasure entry: what ``droplets forget`` leaves behind so an erased session stays erased.

``forget`` writes one item per erased session in the index table, *before* it deletes
anything; the consumer drops every record of a session that has one, and the indexer never
indexes its objects. So a DLQ redrive, a late retry or an S3 notification still in flight
cannot bring the session back.

The item lives in the index table (no new infrastructure), in a partition of its own:

    session_id = "_erased#<64 hex digits>"    sk = "_erased"    erased_at = <time>

- ``#`` is outside the session-ID alphabet (``SESSION_ID_RE``), so the partition can never be
  a session's (nor ``_nosession``), and IAM can grant exactly it (``dynamodb:LeadingKeys``
  like ``_erased#*``).
- No ``day`` attribute: the ``by-day`` GSI, which every report reads, never sees it. No TTL
  attribute: it does not expire, since a copy of the session's data can come back at any
  time (an operator redriving a DLQ weeks later).

The digest is SHA-256 of the session ID under a label used for nothing else, not a keyed
HMAC. Why that resists guessing: the session IDs droplets makes (the browser snippet) are
``crypto.randomUUID()``, 122 random bits, so recovering one from its digest means a search
over 2^122 values. Anyone who can read the table can already read every live session ID in
the clear (they are the index's partition keys); what the digest hides is which *erased*
sessions existed, and that holds for any ID not guessable itself. An app that supplies its
own guessable session IDs (``user-42``) would let a reader of the table confirm a guess;
a keyed hash would not, but it would tie every erasure to a secret: rotating the secret
would silently bring erased sessions back, and the operator's CLI and both Lambdas would
need to read it. The table never holds the ID of an erased session: whoever checks a record
derives the key from the session ID the record carries.

Everything here is standard library only: this module ships to Lambda with the contract.
"""

from __future__ import annotations

import hashlib
from typing import Any

from droplets import contract

#: The partition prefix of erasure entries; ``#`` keeps it apart from every session ID.
ERASED_PREFIX = "_erased#"
#: The IAM ``dynamodb:LeadingKeys`` pattern of the erasure partition.
ERASED_LEADING_KEYS = ERASED_PREFIX + "*"
#: Every erasure entry has this sort key (one item per erased session).
ERASED_SORT_KEY = "_erased"
#: When the session was first erased (``contract.format_time``).
ERASED_AT = "erased_at"
#: Domain separation: this digest means "erased session" and nothing else; a new derivation
#: would get a new label (and old entries would have to be rewritten).
DIGEST_LABEL = b"droplets:erased-session:v1\x00"
#: BatchGetItem's limit of keys per call.
BATCH_GET_LIMIT = 100


def erased_digest(session_id: str) -> str:
    """The pseudonymous digest of a session ID (64 hex digits)."""
    if not contract.is_valid_session_id(session_id):
        raise ValueError("not a session ID that can be erased")
    return hashlib.sha256(DIGEST_LABEL + session_id.encode("ascii")).hexdigest()


def erased_partition(session_id: str) -> str:
    return ERASED_PREFIX + erased_digest(session_id)


def is_erased_partition(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(ERASED_PREFIX)


def erased_key(session_id: str) -> dict[str, dict[str, str]]:
    """The primary key of a session's erasure entry, in DynamoDB's typed form."""
    return {
        contract.INDEX_PK: {"S": erased_partition(session_id)},
        contract.INDEX_SK: {"S": ERASED_SORT_KEY},
    }


def erased_item(session_id: str, erased_at: str) -> dict[str, dict[str, str]]:
    """The whole erasure entry (typed form): its key and when it was written. Nothing else,
    and no ``day`` or TTL attribute (see the module docstring)."""
    return {**erased_key(session_id), ERASED_AT: {"S": erased_at}}


def session_of_key(key: dict[str, Any], digests: dict[str, str]) -> str | None:
    """The session (among ``digests``: digest -> session ID) whose entry ``key`` is, or None."""
    partition = (key.get(contract.INDEX_PK) or {}).get("S", "")
    if not is_erased_partition(partition):
        return None
    return digests.get(partition[len(ERASED_PREFIX):])
