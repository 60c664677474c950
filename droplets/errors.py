"""The operator's errors, and the one-line explanation of anything the CLI can hit.

The query library raises :class:`DropletsError` (or lets botocore/duckdb errors through);
the CLI turns every one of them into a single line on stderr with :func:`explain`, so an
operator never sees a stack trace for a wrong date, a missing table or a dead endpoint.
"""

from __future__ import annotations

from typing import Any


class DropletsError(Exception):
    """Something the operator can fix; ``str()`` is the one-line message."""


class TargetError(DropletsError):
    """Where the lake is cannot be worked out (no bucket/table, bad local.json, no Pulumi)."""


class DateError(DropletsError):
    """A --since/--until value that is not a date, or a range that is backwards."""


class NotFound(DropletsError):
    """The thing asked for does not exist (e.g. a session with no events)."""


def one_line(text: Any) -> str:
    return " ".join(str(text).split())


_DYNAMODB_OPERATIONS = {
    "Query", "Scan", "GetItem", "PutItem", "DeleteItem", "UpdateItem", "BatchGetItem",
    "BatchWriteItem", "DescribeTable",
}
_DEPLOY_HINT = "deploy the stack (`pulumi up`) or start the local stack (`droplets dev`)"


def explain(exc: BaseException, *, table: str | None = None, bucket: str | None = None, where: str = "") -> str | None:
    """The one-line message for ``exc``, or None when it is not an error we expected.

    ``table``, ``bucket`` and ``where`` (the endpoint or region) name the target in
    messages about missing resources.
    """
    import botocore.exceptions as bx

    at = f" at {where}" if where else ""
    if isinstance(exc, DropletsError):
        return one_line(exc)
    if isinstance(exc, (bx.NoCredentialsError, bx.PartialCredentialsError)):
        return (
            "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
            " (or start the local stack, which needs none)"
        )
    if isinstance(exc, bx.NoRegionError):
        return "no AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, or a region in your AWS profile)"
    if isinstance(exc, (bx.EndpointConnectionError, bx.ConnectTimeoutError, bx.ProxyConnectionError)):
        url = getattr(exc, "kwargs", {}).get("endpoint_url", "") or "the AWS endpoint"
        return one_line(f"cannot reach {url}: is the endpoint up (local stack: `droplets dev`)?")
    if isinstance(exc, bx.ReadTimeoutError):
        return one_line(f"timed out waiting for {exc.kwargs.get('endpoint_url', 'AWS')}")
    if isinstance(exc, bx.ClientError):
        error = exc.response.get("Error", {})
        code = error.get("Code", "")
        message = error.get("Message", "")
        operation = getattr(exc, "operation_name", "")
        if code == "ResourceNotFoundException" and operation in _DYNAMODB_OPERATIONS:
            return one_line(f"table '{table or '?'}' not found{at}: {_DEPLOY_HINT}")
        if code == "NoSuchBucket" or (code == "404" and operation in ("HeadBucket", "ListObjectsV2")):
            return one_line(f"bucket '{bucket or '?'}' not found{at}: {_DEPLOY_HINT}")
        if code in ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation"):
            return one_line(f"access denied calling {operation}: {message}")
        if code in ("ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException"):
            return one_line(f"AWS rejected the credentials ({code}): refresh them and retry")
        return one_line(f"{operation or 'AWS call'} failed: {code}: {message}")
    if isinstance(exc, bx.ParamValidationError):
        return one_line(f"invalid request: {exc}")
    if isinstance(exc, bx.BotoCoreError):
        return one_line(exc)
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is in the cli extra
        duckdb = None
    if duckdb is not None and isinstance(exc, duckdb.Error):
        return one_line(f"sql: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    if isinstance(exc, OSError):
        return one_line(exc)
    return None
