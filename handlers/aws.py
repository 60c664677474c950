"""AWS clients for the handlers, configured for a Lambda that must answer inside its timeout.

Standard retry mode with few attempts: a throttled or failing call is retried briefly by
botocore, then the message is reported as failed and SQS redelivers it later (and finally
moves it to the DLQ), which is a better place to wait than a Lambda billed by the
millisecond. Timeouts are kept well under the function timeout for the same reason.

boto3 is imported here, on first use, not when a handler module is imported: it costs
about 150 ms that a cold start without a message to process does not need to pay.
"""

from __future__ import annotations

import logging
from typing import Any, Mapping, TypeVar

from droplets import contract
from transforms import ConfigError

E = TypeVar("E", bound=contract.LambdaEnv)

CONNECT_TIMEOUT_S = 2
READ_TIMEOUT_S = 5
MAX_ATTEMPTS = 3


def client(service: str, *, pool_size: int = 10) -> Any:
    """A boto3 client for ``service`` with droplets' timeouts and retries.

    ``pool_size`` must be at least the number of threads sharing the client, or urllib3
    discards connections and warns.
    """
    import boto3
    from botocore.config import Config

    _quiet_sdk_logs()
    config = Config(
        connect_timeout=CONNECT_TIMEOUT_S,
        read_timeout=READ_TIMEOUT_S,
        retries={"mode": "standard", "max_attempts": MAX_ATTEMPTS},
        max_pool_connections=pool_size,
    )
    return boto3.session.Session().client(service, config=config)


def _quiet_sdk_logs() -> None:
    """botocore logs every request's parameters, whole records included, at DEBUG. Keep
    the SDK's loggers at INFO or above even when the function runs at DEBUG, so turning
    up the log level to look at droplets never puts a body in CloudWatch."""
    for name in ("botocore", "boto3", "urllib3", "s3transfer"):
        log = logging.getLogger(name)
        if log.getEffectiveLevel() < logging.INFO:
            log.setLevel(logging.INFO)


def error_code(exc: BaseException) -> str:
    """A log-safe name for an AWS failure: the service's error code (``SlowDown``,
    ``ParameterNotFound``), also when wrapped by powertools, else the exception class
    (``ReadTimeoutError``). Never the message: it can echo a key, so a session ID."""
    seen: BaseException | None = exc
    while seen is not None:
        response = getattr(seen, "response", None)
        if isinstance(response, dict) and (response.get("Error") or {}).get("Code"):
            return str(response["Error"]["Code"])
        seen = seen.__cause__ or seen.__context__
    return type(exc).__name__


def read_env(spec: type[E], environ: Mapping[str, str] | None = None) -> E:
    """The function's environment (``spec``: a :class:`droplets.contract.LambdaEnv`) from
    ``environ`` (default: ``os.environ``); a bad variable is a ConfigError naming it."""
    try:
        return spec.from_env(environ)
    except contract.EnvError as exc:
        raise ConfigError(str(exc)) from None
