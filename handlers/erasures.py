"""Is this session erased? What the consumer and the indexer ask before writing anything.

``droplets forget`` leaves an erasure entry per session in the index table
(:mod:`droplets.contract.erasure`). The consumer drops every record of an erased session
(a redriven DLQ message, a late retry) and the indexer never indexes one of its objects.

Reads are strongly consistent: an entry ``forget`` has written is seen by every batch that
starts after it. Positives are cached for the container's life (an erasure is never
undone); negatives never are, so a fresh erasure takes effect on the very next batch.

The consumer checks a whole batch with one BatchGetItem per 100 distinct sessions: before
the batch runs, the session IDs are picked out of the raw bodies with a cheap pattern (no
JSON parsing). A record whose session the pattern missed (an ID written with ``\\u``
escapes, say) is looked up on its own when it gets there, so the pattern only saves calls
and never decides. A session whose entry could not be read (throttling, unprocessed keys
after the retries) makes its messages fail, to be redelivered: a record is never written
without an answer.

Session IDs and their digests are never logged.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from droplets import contract
from droplets.contract import erasure
from handlers import aws
from handlers.batch import RetryableError

#: Attempts of one BatchGetItem call with unprocessed keys left, and the first backoff.
MAX_ATTEMPTS = 5
BASE_DELAY_S = 0.05
#: Session-like values picked out of one message for the batch lookup: a record carries one,
#: a packed message a few; a hostile body full of "session_id" fields buys no more calls.
MAX_CANDIDATES_PER_MESSAGE = 10

#: ``"session_id": "<id>"``, ``"x-session-id":"<id>"``, ``session_id=<id>``: where a raw
#: body names a session (the record's own field, a header, a query string).
SESSION_MENTION_RE = re.compile(
    r"""session[_-]?id["']?\s*[:=]\s*["']?([A-Za-z0-9_-]{8,128})(?![A-Za-z0-9_-])""",
    re.IGNORECASE,
)


def candidates(text: str, limit: int = MAX_CANDIDATES_PER_MESSAGE) -> list[str]:
    """The distinct valid session IDs a raw message names, at most ``limit`` of them."""
    found: list[str] = []
    for match in SESSION_MENTION_RE.finditer(text):
        value = match.group(1)
        if value not in found and contract.is_valid_session_id(value):
            found.append(value)
            if len(found) >= limit:
                break
    return found


class ErasedSessions:
    """The erasure entries of one table, as one container sees them (thread-safe)."""

    def __init__(self, dynamodb: Any, table: str, *, max_attempts: int = MAX_ATTEMPTS,
                 base_delay: float = BASE_DELAY_S, sleep: Callable[[float], None] = time.sleep,
                 logger: Any = None):
        self.dynamodb = dynamodb
        self.logger = logger
        self.table = table
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.sleep = sleep
        self._erased: set[str] = set()  # positives only, for the container's life
        self._lock = threading.Lock()

    def cached(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self._erased

    def lookup(self, session_ids: Iterable[str]) -> "Lookup":
        """Read the entries of ``session_ids`` (strongly consistent, 100 keys a call,
        unprocessed keys retried with backoff). Never raises: a session whose entry could
        not be read is in ``unknown``."""
        wanted = sorted({s for s in session_ids if contract.is_valid_session_id(s)})
        result = Lookup()
        pending = []
        for session_id in wanted:
            if self.cached(session_id):
                result.erased.add(session_id)
            else:
                pending.append(session_id)
        for start in range(0, len(pending), erasure.BATCH_GET_LIMIT):
            self._read(pending[start:start + erasure.BATCH_GET_LIMIT], result)
        with self._lock:
            self._erased.update(result.erased)
        if result.unknown and self.logger is not None:
            self.logger.warning("erasure entries could not be read; their messages are left for redelivery",
                                sessions=len(result.unknown), error=result.error_codes())
        return result

    def _read(self, session_ids: list[str], result: "Lookup") -> None:
        digests = {erasure.erased_digest(s): s for s in session_ids}
        keys = [erasure.erased_key(s) for s in session_ids]
        request = {self.table: {"Keys": keys, "ConsistentRead": True,
                                "ProjectionExpression": "#pk", "ExpressionAttributeNames": {"#pk": contract.INDEX_PK}}}
        left = set(session_ids)
        for attempt in range(self.max_attempts):
            try:
                response = self.dynamodb.batch_get_item(RequestItems=request)
            except Exception as exc:  # throttled, denied, unreachable: the answer is unknown
                result.errors[aws.error_code(exc)] = result.errors.get(aws.error_code(exc), 0) + 1
                break
            for item in (response.get("Responses") or {}).get(self.table, []):
                session_id = erasure.session_of_key(item, digests)
                if session_id is not None:
                    result.erased.add(session_id)
            unprocessed = ((response.get("UnprocessedKeys") or {}).get(self.table) or {}).get("Keys") or []
            still = {erasure.session_of_key(key, digests) for key in unprocessed} - {None}
            result.clear.update(left - still - result.erased)
            left = still
            if not left:
                return
            if attempt + 1 < self.max_attempts:
                request = {self.table: {**request[self.table], "Keys": unprocessed}}
                self.sleep(self.base_delay * (2 ** attempt) * (0.5 + random.random() / 2))
        result.unknown.update(left)

    def is_erased(self, session_ids: Iterable[str]) -> bool:
        """Whether any of ``session_ids`` is erased, reading what is not cached. Raises
        :class:`RetryableError` when an entry cannot be read (the message is redelivered)."""
        found = self.lookup(session_ids)
        if found.erased:
            return True
        if found.unknown:
            raise RetryableError(f"cannot read erasure entries ({found.error_codes()})")
        return False

    def for_batch(self, bodies: Iterable[str]) -> "BatchErasures":
        """Look up every session the batch's raw bodies name, in one go."""
        names: list[str] = []
        for body in bodies:
            if isinstance(body, str):
                names.extend(candidates(body))
        return self.for_sessions(names)

    def for_sessions(self, session_ids: Iterable[str]) -> "BatchErasures":
        """Look up these sessions in one go (the indexer: the sessions its keys name)."""
        return BatchErasures(self, self.lookup(session_ids))


@dataclass
class Lookup:
    erased: set[str] = field(default_factory=set)
    clear: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)
    #: Error code -> calls that failed with it (log-safe).
    errors: dict[str, int] = field(default_factory=dict)

    def error_codes(self) -> str:
        return ", ".join(sorted(self.errors)) or "unprocessed keys"


@dataclass
class BatchErasures:
    """What one batch knows: the answers of its up-front lookup. Negatives live only as
    long as the batch."""

    sessions: ErasedSessions
    lookup: Lookup

    def known(self, session_ids: Iterable[str]) -> bool | None:
        """True if any is erased, False if none is, None when one needs a lookup of its own."""
        answer: bool | None = False
        for session_id in session_ids:
            if session_id in self.lookup.erased or self.sessions.cached(session_id):
                return True
            if session_id not in self.lookup.clear:
                answer = None
        return answer

    def is_erased(self, session_ids: Iterable[str]) -> bool:
        """The batch's answer, else a lookup of what the batch did not ask (blocking).
        Raises :class:`RetryableError` for a session the batch could not get an answer for
        (asking again per message would only add load to a throttled table)."""
        ids = [s for s in session_ids if contract.is_valid_session_id(s)]
        answer = self.known(ids)
        if answer is not None:
            return answer
        if any(s in self.lookup.unknown for s in ids):
            raise RetryableError(f"cannot read erasure entries ({self.lookup.error_codes()})")
        missing = [s for s in ids if s not in self.lookup.clear]
        return self.sessions.is_erased(missing)


def sessions_of_payload(payload: str) -> list[str]:
    """The sessions a raw payload names, for one about to be stored as a bad row: its
    ``session_id`` when it parses as a JSON object, and any session it names
    (:func:`candidates`). Bad rows are rare, so parsing once more here costs little."""
    found = candidates(payload)
    try:
        parsed = json.loads(payload)
    except (ValueError, RecursionError):
        parsed = None
    if isinstance(parsed, dict) and contract.is_valid_session_id(parsed.get("session_id")):
        found.insert(0, parsed["session_id"])
    return found


def sessions_of(result: Any) -> list[str]:
    """The sessions a chain result would write data of: a stored record's ``session_id``
    (the chain validated it and transforms never change it), or every session a bad row's
    raw payload names."""
    from transforms.chain import Bad, Stored

    if isinstance(result, Stored):
        session_id = result.record.get("session_id")
        return [session_id] if contract.is_valid_session_id(session_id) else []
    if isinstance(result, Bad):
        return sessions_of_payload(result.payload)
    return []


async def suppressed(result: Any, batch: BatchErasures, pool: Any) -> bool:
    """Whether ``result`` (of the chain) belongs to an erased session and must not be
    written. Answers from the batch's lookup when it can, else reads in ``pool``; raises
    :class:`RetryableError` when the entry cannot be read."""
    from handlers.batch import in_pool

    sessions = sessions_of(result)
    if not sessions:
        return False
    answer = batch.known(sessions)
    if answer is None:
        answer = await in_pool(pool, batch.is_erased, sessions)
    return answer
