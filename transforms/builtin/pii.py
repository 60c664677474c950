"""``pii``: placeholder while the real transform is written (see issue 2)."""

from transforms import hookimpl


def make_pii(options):
    def pii(record):
        return record

    return pii


@hookimpl
def droplets_transforms():
    return {"pii": make_pii}
