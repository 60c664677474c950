"""The record-transform plugin system of droplets (pluggy project ``droplets``).

A plugin is a module or object with functions marked ``@hookimpl``; see
:mod:`transforms.hookspecs` for the contract and :mod:`transforms.testing` for testing one.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable, Mapping

import pluggy

PROJECT_NAME = "droplets"
ENTRY_POINT_GROUP = "droplets.transforms"

#: The one marker plugins use: ``@hookimpl def droplets_transforms(): ...``
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class ConfigError(ValueError):
    """Bad transform configuration: an unknown name, a bad option, a module that won't load.

    Raised when the chain is built, which the Pulumi program does at ``pulumi preview``.
    """


def reject_unknown_options(options: Mapping[str, Any], known: Iterable[str]) -> None:
    """Raise :class:`ConfigError` naming every option in ``options`` that is not ``known``.

    The first line of every factory: ``reject_unknown_options(options, ("paths", "methods"))``.
    A misspelt option would otherwise be ignored and its default used silently; checked
    here, ``{"path": [...]}`` fails ``pulumi preview`` (and ``droplets transform --config``)
    with ``unknown option 'path' (did you mean 'paths'?); known: paths, methods``.
    """
    known = tuple(known)
    unknown = sorted(str(name) for name in options if name not in known)
    if not unknown:
        return
    if not known:
        raise ConfigError(f"takes no options, got {', '.join(map(repr, unknown))}")
    hints = []
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hints.append(f"{name!r} (did you mean {close[0]!r}?)" if close else repr(name))
    label = "option" if len(unknown) == 1 else "options"
    raise ConfigError(f"unknown {label} {', '.join(hints)}; known: {', '.join(known)}")


__all__ = ["ENTRY_POINT_GROUP", "PROJECT_NAME", "ConfigError", "hookimpl", "reject_unknown_options"]
