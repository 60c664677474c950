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

    def lose_time(options):
        """The default key is built from occurred_at: without it (or with a number) there is none."""
        def step(record):
            if record["request"]["path"] == "/lose-time":
                del record["occurred_at"]
            elif record["request"]["path"] == "/numeric-time":
                record["occurred_at"] = 1764128465
            return record

        return step

    def not_a_record(options):
        return lambda record: "not a record" if record["request"]["path"] == "/garbage" else record

    def raw_path_key(options):
        """Puts the raw path in the key: a hostile path makes a key droplets must refuse."""
        def step(record):
            record["pipeline"]["key"] = "events/" + record["request"]["path"]
            return record

        return step

    return {"explode": explode, "drop_health": drop_health, "add_nan": add_nan, "lose_time": lose_time,
            "not_a_record": not_a_record, "raw_path_key": raw_path_key}
