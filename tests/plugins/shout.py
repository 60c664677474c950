"""A plugin loaded by module name in tests: upper-cases the route."""

from transforms import hookimpl


@hookimpl
def droplets_transforms():
    def make(options):
        def shout(record):
            record["request"]["route"] = (record["request"].get("route") or "").upper() or None
            return record

        return shout

    return {"shout": make}
