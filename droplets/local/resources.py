"""What the local stack keeps of the program's Lambda functions and their SQS triggers.

moto cannot run Lambda code, so :mod:`droplets.local.mocks` records these two resources
instead of creating them, and :mod:`droplets.local.runner` plays Lambda's part with what
was recorded: it polls each mapping's queue and invokes its function's handler.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FunctionSpec:
    """A Lambda function as the program declared it (``aws:lambda/function:Function``)."""

    name: str
    arn: str
    handler: str
    runtime: str | None = None
    timeout: int = 3
    memory: int = 128
    environment: dict[str, str] = field(default_factory=dict)
    architectures: list[str] = field(default_factory=list)


@dataclass
class MappingSpec:
    """An SQS event source mapping (``aws:lambda/eventSourceMapping:EventSourceMapping``)."""

    uuid: str
    event_source_arn: str
    function: str  # name or ARN, as the program passed it
    batch_size: int = 10
    batching_window: float = 0.0
    report_batch_item_failures: bool = False
    enabled: bool = True
    maximum_concurrency: int | None = None
