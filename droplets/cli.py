"""The ``droplets`` command line (also ``python -m droplets``).

The commands are in :mod:`droplets.commands`, one module each (its docstring says how to
add one); this module only mounts them, in the order ``droplets --help`` lists them.
"""

from __future__ import annotations

import sys

import typer

from droplets.commands import bundle, compact, dlq, events, export, forget, local, reindex, report, session, sql, tail, transform

#: The command modules, in the order ``droplets --help`` lists their commands.
COMMANDS = (transform, session, events, tail, sql, export, compact, reindex, forget, local, report, dlq, bundle)

app = typer.Typer(
    name="droplets",
    help="droplets: a small data lake for your API's calls. Try `droplets demo`.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """droplets: a small data lake for your API's calls."""


for module in COMMANDS:
    app.add_typer(module.app)


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # `droplets events --json | head`: the reader left; that is not an error.
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    main()
