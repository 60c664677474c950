"""The record-transform plugin system of droplets (pluggy project ``droplets``).

A plugin is a module or object with functions marked ``@hookimpl``; see
:mod:`transforms.hookspecs` for the contract and :mod:`transforms.testing` for testing one.
"""

import pluggy

PROJECT_NAME = "droplets"
ENTRY_POINT_GROUP = "droplets.transforms"

#: The one marker plugins use: ``@hookimpl def droplets_transforms(): ...``
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class ConfigError(ValueError):
    """Bad transform configuration: an unknown name, a bad option, a module that won't load.

    Raised when the chain is built, which the Pulumi program does at ``pulumi preview``.
    """


__all__ = ["ENTRY_POINT_GROUP", "PROJECT_NAME", "ConfigError", "hookimpl"]
