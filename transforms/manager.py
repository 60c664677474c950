"""The plugin manager: built-ins, installed entry points, and modules named in config."""

from __future__ import annotations

import importlib
from typing import Iterable

import pluggy

from transforms import ENTRY_POINT_GROUP, PROJECT_NAME, ConfigError, hookspecs
from transforms.builtin import BUILTIN_PLUGINS


def get_plugin_manager(modules: Iterable[str] = ()) -> pluggy.PluginManager:
    """A new plugin manager with every plugin droplets can find registered.

    ``modules`` are importable module names (stack config ``droplets:pluginModules``,
    ``DROPLETS_PLUGIN_MODULES`` in the Lambda) registered as plugins, for code that is not
    an installed package with an entry point.
    """
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for name in modules:
        name = name.strip()
        if not name or pm.has_plugin(name):
            continue
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise ConfigError(f"plugin module {name!r} could not be imported: {exc}") from exc
        if pm.is_registered(module):
            # pluggy would raise "Plugin already registered under a different name" with a
            # traceback; an installed package's plugin loads by itself, so naming it is a mistake.
            raise ConfigError(
                f"plugin module {name!r} is already registered as {pm.get_name(module)!r} "
                f"({_origin(pm, module)}): leave it out"
            )
        pm.register(module, name=name)
    pm.check_pending()
    return pm


def _origin(pm: pluggy.PluginManager, plugin: object) -> str:
    for registered, dist in pm.list_plugin_distinfo():
        if registered is plugin:
            return f"the entry point of the installed package {dist.project_name}"
    return "a built-in"
