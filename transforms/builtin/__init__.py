"""The built-in transforms, registered by :func:`transforms.manager.get_plugin_manager`."""

BUILTIN_PLUGINS = (
    "transforms.builtin.pii",
    "transforms.builtin.enrich",
    "transforms.builtin.keys",
)
