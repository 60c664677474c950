"""The commands of the ``droplets`` CLI, one module per command or group of commands.

Every module has the same shape: ``app = Commands()`` (its commands sit at the top level,
``droplets session``) or ``app = Commands("name", help=...)`` (a group, ``droplets report
api``), and each command is a function under ``@app.command()``. :class:`~droplets.commands.
shared.Commands` wraps every command in the CLI's error handling (expected failures become
one line on stderr), and :mod:`droplets.commands.shared` holds the options several commands
take (``--json``, ``--stack``, ``--since``...) and :func:`~droplets.commands.shared.target_for`,
which finds the bucket, table and queues. Output goes through :mod:`droplets.console`
(NDJSON, notes, progress) and :mod:`droplets.render` (the tables).

To add a command:

- a new command or group: a module here of that shape, added to ``COMMANDS`` in
  :mod:`droplets.cli` where ``droplets --help`` should list it;
- one more command of an existing group (``droplets report funnel``): one more
  ``@app.command("funnel")`` function in that group's module.

Keep the imports of a module light (boto3, DuckDB, moto, Pulumi load inside the command):
every ``droplets`` invocation imports all of them.
"""
