"""The handler of the local stack's probe program (tests/e2e/program): behaviour on demand.

A record's body says what to do: ``ok`` succeeds, ``fail`` is reported in
``batchItemFailures``, ``raise`` raises (the whole batch fails), ``sleep:<s>`` sleeps.
Every invocation appends one JSON line (the event, the context, the environment the
handler saw) to the file named by ``PROBE_LOG``.
"""

import json
import os
import time


def handler(event, context):
    failures = []
    bodies = [r["body"] for r in event["Records"]]
    with open(os.environ["PROBE_LOG"], "a", encoding="utf-8") as out:
        out.write(json.dumps({
            "event": event,
            "context": {
                "function_name": context.function_name,
                "memory_limit_in_mb": context.memory_limit_in_mb,
                "aws_request_id": context.aws_request_id,
                "remaining_ms": context.get_remaining_time_in_millis(),
                "invoked_function_arn": context.invoked_function_arn,
            },
            "env": {k: os.environ.get(k) for k in ("BUCKET", "KEY_PARAM", "SECRET_THING", "AWS_ENDPOINT_URL",
                                                  "AWS_LAMBDA_FUNCTION_NAME", "EXTRA")},
            "pid": os.getpid(),
        }) + "\n")
    for record, body in zip(event["Records"], bodies):
        if body == "raise":
            raise RuntimeError("probe asked to raise")
        if body.startswith("sleep:"):
            time.sleep(float(body.split(":", 1)[1]))
        if body == "fail":
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
