"""``droplets transform``: run NDJSON records through a transform chain, as the consumer
Lambda would (for trying a chain or a plugin on sample data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from droplets.commands.shared import Commands
from droplets.console import fail

app = Commands()


@app.command()
def transform(
    transforms: Optional[str] = typer.Option(
        None, "--transforms", "-t", help="Chain to run, in order (default: pii,enrich,keys)."
    ),
    config: Optional[Path] = typer.Option(
        None, "--config", "-c", help="JSON file of plugin options: {\"pii\": {...}, ...}."
    ),
    plugin_module: list[str] = typer.Option(
        [], "--plugin-module", "-p", help="Extra module to register as a plugin (repeatable)."
    ),
) -> None:
    """Run NDJSON records from stdin through a transform chain, one NDJSON line out per line in.

    Each output line is {"key", "record"}, {"dropped_by", "event_id"} or {"bad", "payload"}.
    """
    from transforms import ConfigError
    from transforms.chain import build_chain, parse_options
    from transforms.manager import get_plugin_manager

    try:
        options = parse_options(config.read_text(encoding="utf-8")) if config else {}
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read --config: {exc}", 2)
    except ConfigError as exc:
        fail(f"--config {config}: {exc}", 2)
    try:
        pm = get_plugin_manager(plugin_module)
    except ConfigError as exc:
        fail(f"--plugin-module: {exc}", 2)
    try:
        chain = build_chain(pm, transforms, options)
    except ConfigError as exc:
        fail(str(exc), 2)
    out = sys.stdout
    for raw in sys.stdin.buffer:  # bytes: a line that is not UTF-8 becomes a bad row, not a crash
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        result = chain.run(line)
        out.write(json.dumps(result.to_line(), ensure_ascii=False, default=str) + "\n")
    out.flush()
