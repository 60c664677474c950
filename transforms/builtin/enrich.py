"""``enrich``: placeholder while the real transform is written (see issue 2)."""

from transforms import hookimpl


def make_enrich(options):
    def enrich(record):
        return record

    return enrich


@hookimpl
def droplets_transforms():
    return {"enrich": make_enrich}
