"""What every command shares: its app type (which adds the error handling), the options
several commands take, and the target (bucket, table, queues) a command works on.

- :class:`Commands` is the ``typer.Typer`` of a command module. Its ``command()`` wraps
  each command in :func:`handles_errors`, so no command can forget it.
- The ``Annotated`` aliases (``AsJson``, ``Stack``, ``Since``...) are the options several
  commands take, defined once so their flags and help read the same everywhere. A command's
  own options stay next to it. :func:`reads_index` adds the three every index-reading command
  ends with (``--table``, ``--stack``, ``--page-size``) as one :class:`IndexOptions`.
- :func:`target_for` resolves the target (:mod:`droplets.target`) and remembers it for the
  running command only, so an error about a missing table or bucket names it.
"""

from __future__ import annotations

import functools
import inspect
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Any, Callable, Optional

import typer

from droplets.console import fail
from droplets.errors import explain
from droplets.target import Target, resolve_target
from droplets.timerange import HELP as TIME_HELP

# --- options several commands take --------------------------------------------------------

Bucket = Annotated[Optional[str], typer.Option("--bucket", help="Lake bucket (else DROPLETS_BUCKET, --stack, .droplets/local.json).", show_default=False)]
IndexTable = Annotated[Optional[str], typer.Option("--table", help="Index table (else DROPLETS_TABLE, --stack, .droplets/local.json).", show_default=False)]
Stack = Annotated[Optional[str], typer.Option("--stack", help="Read bucket/table from this Pulumi stack's outputs (needs the pulumi CLI).", show_default=False)]
#: ``--stack`` of the commands that need the queue URLs (only stack outputs name them).
QueueStack = Annotated[Optional[str], typer.Option("--stack", help="Read the queue URLs from this Pulumi stack's outputs (needs the pulumi CLI); default: the local stack.", show_default=False)]
AsJson = Annotated[bool, typer.Option("--json", help="Machine output: NDJSON lines (JSON for summaries).")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
Since = Annotated[str, typer.Option("--since", help=f"Start, inclusive: {TIME_HELP}.")]
Until = Annotated[Optional[str], typer.Option("--until", help="End, exclusive (a date means the end of that day). Default: now.", show_default=False)]
PageSize = Annotated[Optional[int], typer.Option("--page-size", min=1, hidden=True, help="DynamoDB Query page size (Limit).")]


@dataclass(frozen=True)
class IndexOptions:
    """Where a command that reads the index finds it (``--table``, ``--stack``) and the page
    size of its Queries (``--page-size``): the options every such command ends with."""

    table: str | None = None
    stack: str | None = None
    page_size: int | None = None

    def target(self, *needs: str, **more: Any) -> Target:
        """:func:`target_for` with this table and stack (``more``: ``bucket=`` and the like)."""
        return target_for(*needs, table=self.table, stack=self.stack, **more)


_INDEX_OPTIONS = [
    inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None, annotation=option)
    for name, option in (("table", IndexTable), ("stack", Stack), ("page_size", PageSize))
]


def reads_index(command: Callable) -> Callable:
    """A command that reads the index gets ``--table``, ``--stack`` and ``--page-size`` after its
    own options, defined here once, and receives them as ``index`` (:class:`IndexOptions`).
    Typer reads a command's options from its signature, so the signature it sees is the
    command's own without ``index``, followed by the three."""
    signature = inspect.signature(command, eval_str=True)
    own = [parameter for name, parameter in signature.parameters.items() if name != "index"]

    @functools.wraps(command)
    def with_index_options(*args: Any, table: str | None = None, stack: str | None = None,
                           page_size: int | None = None, **kwargs: Any) -> Any:
        return command(*args, index=IndexOptions(table, stack, page_size), **kwargs)

    with_index_options.__signature__ = signature.replace(parameters=[*own, *_INDEX_OPTIONS])  # type: ignore[attr-defined]
    return with_index_options

def parsed(parse: Callable[[], Any], option: str = "") -> Any:
    """``parse()``, or a usage error: one line (naming ``option``) and exit 2, as for any
    option Typer itself rejects. For values the command reads itself (a step, ``30m``)."""
    from droplets.errors import DropletsError

    try:
        return parse()
    except DropletsError as exc:
        fail(f"{option}: {exc}" if option else str(exc), 2)


# --- the target and the errors about it --------------------------------------------------

#: The target of the command running in this context. :func:`handles_errors` opens it empty
#: for each run and restores it after, so nothing carries over from one run to the next.
_target: ContextVar[Target | None] = ContextVar("droplets_command_target", default=None)


def target_for(*needs: str, bucket=None, table=None, stack=None, workgroup=None, database=None) -> Target:
    """The target from flags, environment, ``--stack`` or local.json; fails with a one-line
    hint unless every attribute in ``needs`` is known."""
    target = resolve_target(bucket=bucket, table=table, stack=stack, workgroup=workgroup, database=database)
    _target.set(target)
    return target.need(*needs)


def handles_errors(func: Callable) -> Callable:
    """Turn every expected failure into one line on stderr (never a stack trace); anything
    :func:`droplets.errors.explain` does not know is a bug and is raised as it is."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        run = _target.set(None)
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except Exception as exc:  # noqa: BLE001 - anything unexpected is re-raised below
            target = _target.get() or Target()
            message = explain(exc, table=target.table, bucket=target.bucket, where=target.where)
            if message is None:
                raise
            fail(message)
        finally:
            _target.reset(run)

    return wrapper


# --- the app type of a command module -----------------------------------------------------


class Commands(typer.Typer):
    """The commands of one module. Without a name they sit at the top level (``droplets
    session``); with one they form a group (``droplets report api``), which shows its help
    when called alone. Every command is wrapped in :func:`handles_errors`."""

    def __init__(self, name: str | None = None, *, help: str | None = None):
        super().__init__(name=name, help=help, no_args_is_help=name is not None)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable], Callable]:
        register = super().command(*args, **kwargs)
        return lambda func: register(handles_errors(func))
