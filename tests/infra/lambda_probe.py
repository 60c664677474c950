"""Run inside a clean virtualenv, as the Lambda runtime would: the extracted bundle first on
``sys.path``, boto3 (the runtime's own) in site-packages, nothing else.

    python -I lambda_probe.py <task dir> <events json file>

Imports both handlers, invokes each with the event given for it (the environment carries
their configuration and ``AWS_ENDPOINT_URL``), and prints one JSON line: the responses,
and every imported module whose file is outside the bundle, site-packages and the
standard library (there must be none). Imports nothing from the project itself.
"""

import json
import sys
import sysconfig


def main() -> None:
    task, events_file = sys.argv[1], sys.argv[2]
    sys.path.insert(0, task)  # /var/task comes first in the Lambda runtime too
    events = json.loads(open(events_file, encoding="utf-8").read())

    class Context:  # what powertools' inject_lambda_context reads
        function_name = "droplets-probe"
        memory_limit_in_mb = 128
        invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:droplets-probe"
        aws_request_id = "00000000-0000-4000-8000-000000000001"

    import handlers.consumer
    import handlers.indexer

    responses = {
        "consumer": handlers.consumer.handler(events["consumer"], Context()),
        "indexer": handlers.indexer.handler(events["indexer"], Context()),
    }
    allowed = (task, sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"])
    outside = sorted(
        name for name, module in list(sys.modules.items())
        if getattr(module, "__file__", None) and not module.__file__.startswith(allowed)
        and name not in ("__main__", "__mp_main__")  # this probe
    )
    where = {name: sys.modules[name].__file__ for name in ("handlers", "transforms", "droplets.contract", "pluggy", "aws_lambda_powertools", "ua_parser")
             if name in sys.modules}
    print(json.dumps({"responses": responses, "outside": outside, "where": where, "python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
