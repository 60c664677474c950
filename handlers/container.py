"""What a Lambda container of either function builds once and every invocation reuses.

Both functions run a batch's AWS calls in a thread pool (:func:`handlers.batch.in_pool`),
with clients whose connection pools are sized to match, and both drop the data of sessions
``droplets forget`` erased (:mod:`handlers.erasures`). Each function's own state (the
consumer's chain, the indexer's TTL) is a dataclass deriving from :class:`Container`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from handlers import aws, erasures


@dataclass(frozen=True)
class Container:
    s3: Any
    dynamodb: Any
    pool: ThreadPoolExecutor
    #: The erasure entries ``droplets forget`` writes in the index table.
    erased: erasures.ErasedSessions

    @staticmethod
    def parts(table: str, *, concurrency: int, thread_name_prefix: str, logger: Any,
              s3: Any = None, dynamodb: Any = None) -> dict[str, Any]:
        """The fields above, for ``cls(**parts, ...)``: ``s3`` and ``dynamodb`` replace the
        default clients (tests, benchmarks); ``table`` holds the erasure entries."""
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        dynamodb = dynamodb if dynamodb is not None else aws.client("dynamodb", pool_size=concurrency)
        return {
            "s3": s3 if s3 is not None else aws.client("s3", pool_size=concurrency),
            "dynamodb": dynamodb,
            "pool": ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix=thread_name_prefix),
            "erased": erasures.ErasedSessions(dynamodb, table, logger=logger),
        }
