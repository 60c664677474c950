"""Transforms the handler tests load through DROPLETS_PLUGIN_MODULES, as an operator would."""

from transforms import hookimpl


class Explode(RuntimeError):
    pass


@hookimpl
def droplets_transforms():
    def explode(options):
        def step(record):
            if record["request"]["path"].startswith("/explode"):
                # The message echoes user data, as real exceptions do: it must never be logged.
                raise Explode(f"cannot handle {record['request']['path']} for {record['session_id']}")
            return record

        return step

    def drop_health(options):
        return lambda record: None if record["request"]["path"] == "/health" else record

    def add_nan(options):
        def step(record):
            record.setdefault("enrichment", {})["score"] = float("nan")  # JSON cannot hold it
            return record

        return step

    return {"explode": explode, "drop_health": drop_health, "add_nan": add_nan}
