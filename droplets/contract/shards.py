"""The write shards of the ``by-day`` GSI: which partition an event's item goes to, which
partitions a day's items can be in, and the layout item that tells readers.

One partition key value per day would put every write of the day on one GSI partition,
which takes about 1,000 writes a second; past that the GSI throttles, and a throttled GSI
throttles the table's writes. So an item's ``day`` is ``<YYYY-MM-DD>#<n>``, with ``n`` a
hash of the event ID modulo the stack's shard count (``droplets:indexShards``, given to the
indexer as ``DROPLETS_INDEX_SHARDS``). The hash is of the event ID, not the session, so one
busy session spreads too, and the same event always lands on the same shard (a duplicate
delivery, the indexer and ``reindex`` agree).

Readers must query every partition a day's items can be in, also after the shard count
changed. The **layout item** (one item in the index table, in a partition of its own) holds
every count any writer ever used; a writer adds its count *before* it writes an item under
it, so a reader that reads the layout first always knows every partition that can hold
items. Items indexed before sharding have ``day = <YYYY-MM-DD>`` (no shard): readers always
read that partition too (:meth:`DayLayout.partitions`). Each item has one ``day`` value, so
it is in exactly one partition: the union never doubles an event.

Standard library only: this module ships to Lambda with the contract.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

#: Between the day and the shard number in the GSI's partition key.
SHARD_SEPARATOR = "#"
#: The default shard count: 4 GSI partitions per day take ~4,000 writes a second, as much as
#: a new on-demand table takes at once (4,000 write request units) and above the 3,500 PUTs a
#: second an S3 prefix starts with, so the GSI is not the first limit; each shard costs every
#: day query one more Query request (docs/scale.md).
DEFAULT_INDEX_SHARDS = 4
MAX_INDEX_SHARDS = 64

#: The layout item's key: ``#`` is outside the session-ID alphabet, so no session (nor
#: ``_nosession``) can ever have this partition, and IAM can grant exactly it.
LAYOUT_PARTITION = "_layout#by-day"
LAYOUT_SORT_KEY = "_layout"
#: The count writers use now (the last one registered): what ``reindex`` migrates to.
LAYOUT_SHARDS = "shards"
#: Every count ever registered (a number set): what readers fan out over.
LAYOUT_SHARD_COUNTS = "shard_counts"


def check_shard_count(shards: int) -> int:
    """``shards`` if it is a whole number from 1 to :data:`MAX_INDEX_SHARDS`; ValueError otherwise."""
    if isinstance(shards, bool) or not isinstance(shards, int) or not 1 <= shards <= MAX_INDEX_SHARDS:
        raise ValueError(f"the shard count must be a whole number from 1 to {MAX_INDEX_SHARDS}, got {shards!r}")
    return shards


def parse_index_shards(text: str | int) -> int:
    """``DROPLETS_INDEX_SHARDS``: a whole number from 1 to :data:`MAX_INDEX_SHARDS`. Raises ValueError."""
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ValueError(f"must be a whole number from 1 to {MAX_INDEX_SHARDS}, got {text!r}") from None
    try:
        return check_shard_count(value)
    except ValueError:
        raise ValueError(f"must be a whole number from 1 to {MAX_INDEX_SHARDS}, got {text!r}") from None


def day_shard(event_id: str, shards: int) -> int:
    """The shard of an event: a stable hash of its ID (never Python's ``hash``, which changes
    from process to process) modulo ``shards``."""
    digest = hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % check_shard_count(shards)


def day_partition(day: str, event_id: str, shards: int) -> str:
    """The GSI partition key of an event of ``day``: ``<day>#<shard>``."""
    return f"{day}{SHARD_SEPARATOR}{day_shard(event_id, shards)}"


def day_of_partition(value: str) -> str:
    """The day of a GSI partition key, sharded (``2026-03-01#3``) or not (``2026-03-01``)."""
    return value.split(SHARD_SEPARATOR, 1)[0]


@dataclass(frozen=True)
class DayLayout:
    """What the layout item says: the count writers use now, and every count ever used.

    An empty layout (no item) is a table no sharded writer has written to: its items, if
    any, are all unsharded."""

    shards: int | None = None
    counts: frozenset[int] = field(default_factory=frozenset)

    @property
    def fan_out(self) -> int:
        """How many shards a day query reads: the largest count ever used (the shards of a
        smaller count are among them)."""
        return max(self.counts, default=0)

    def partitions(self, day: str) -> tuple[str, ...]:
        """Every GSI partition key ``day``'s items can have: the unsharded one, then each shard."""
        return (day, *(f"{day}{SHARD_SEPARATOR}{n}" for n in range(self.fan_out)))

    @classmethod
    def from_item(cls, item: Mapping[str, Any] | None) -> "DayLayout":
        """The layout from the item as GetItem returns it (DynamoDB's typed form), or empty."""
        if not item:
            return cls()
        counts = frozenset(int(n) for n in (item.get(LAYOUT_SHARD_COUNTS) or {}).get("NS", ()))
        shards = (item.get(LAYOUT_SHARDS) or {}).get("N")
        return cls(int(shards) if shards is not None else None, counts)


def register_shards(shards: int) -> dict[str, Any]:
    """The UpdateItem arguments (all but the table and key) that add ``shards`` to the
    layout item: ``ADD`` to a set is idempotent and commutes, so writers of different counts
    (during a deploy) never lose each other's registration."""
    check_shard_count(shards)
    return {
        "UpdateExpression": "SET #shards = :shards ADD #counts :counts",
        "ExpressionAttributeNames": {"#shards": LAYOUT_SHARDS, "#counts": LAYOUT_SHARD_COUNTS},
        "ExpressionAttributeValues": {":shards": {"N": str(shards)}, ":counts": {"NS": [str(shards)]}},
    }
