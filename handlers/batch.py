"""The SQS partial-batch runner both handlers share.

powertools' ``AsyncBatchProcessor`` runs every record's handler as a coroutine and builds
the ``batchItemFailures`` response from the ones that raised. Blocking AWS calls go to a
thread pool (:func:`in_pool`) whose size bounds how many run at once: the batch's calls
overlap instead of queueing one after another, and never more than ``pool size`` hit the
service together.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from concurrent.futures import Executor
from functools import partial
from typing import Any, Awaitable, Callable

from aws_lambda_powertools.utilities.batch import AsyncBatchProcessor, EventType
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

#: Outcome label of a message the handler raised on (it goes to batchItemFailures).
FAILED = "failed"


class RetryableError(Exception):
    """This message failed in a way a later delivery may not: report it in
    ``batchItemFailures`` so SQS redelivers it, and after maxReceiveCount moves it to the
    DLQ intact. The text must be safe to log (no keys, bodies or AWS messages)."""


async def in_pool(pool: Executor, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a blocking call in ``pool`` and wait for it without blocking the event loop."""
    return await asyncio.get_running_loop().run_in_executor(pool, partial(fn, *args, **kwargs))


def process(
    event: dict[str, Any],
    record_handler: Callable[[SQSRecord], Awaitable[str]],
) -> tuple[PartialItemFailureResponse, Counter[str]]:
    """Run ``record_handler`` on every message of an SQS event.

    The handler returns an outcome label (``"stored"``, ``"bad"``, ...) or raises, which
    puts that message, and only it, in ``batchItemFailures``. When every message fails the
    response lists them all instead of raising: the effect on the queue is the same, and
    the batch still ends with one summary log line.

    Returns the Lambda response and the count of each outcome (``FAILED`` for raised).
    """
    processor = AsyncBatchProcessor(EventType.SQS, raise_on_entire_batch_failure=False)
    with processor(records=event.get("Records") or [], handler=record_handler):
        results = processor.async_process()
    outcomes = Counter(result if status == "success" else FAILED for status, result, _ in results)
    return processor.response(), outcomes
