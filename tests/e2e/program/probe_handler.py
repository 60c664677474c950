"""The handler of the local stack's probe program (tests/e2e/program): behaviour on demand.

A record's body is ``<verb>`` or ``<verb>#<tag>``: ``ok`` succeeds, ``fail`` is reported in
``batchItemFailures``, ``raise`` raises (the whole batch fails), ``sleep:<seconds>`` sleeps
then succeeds. Every invocation appends one JSON line (the event, the context and the
environment the handler saw) to the file named by ``PROBE_LOG``, if set.
"""

import json
import os
import time


def handler(event, context):
    log = os.environ.get("PROBE_LOG")
    with open(log or os.devnull, "a", encoding="utf-8") as out:
        out.write(json.dumps({
            "event": event,
            "context": {
                "function_name": context.function_name,
                "memory_limit_in_mb": context.memory_limit_in_mb,
                "aws_request_id": context.aws_request_id,
                "remaining_ms": context.get_remaining_time_in_millis(),
                "invoked_function_arn": context.invoked_function_arn,
                "log_group_name": context.log_group_name,
            },
            "env": {k: os.environ.get(k) for k in ("BUCKET", "KEY_PARAM", "SECRET_THING", "AWS_ENDPOINT_URL",
                                                  "AWS_LAMBDA_FUNCTION_NAME", "EXTRA")},
            "pid": os.getpid(),
        }) + "\n")
    failures = []
    for record in event["Records"]:
        verb = record["body"].split("#", 1)[0]
        if verb == "raise":
            raise RuntimeError("probe asked to raise")
        if verb.startswith("sleep:"):
            time.sleep(float(verb.split(":", 1)[1]))
        if verb == "fail":
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
