"""``droplets bundle build``: the Lambda bundle, built ahead of a deploy.

Where ``pulumi up`` runs without the package index (a locked-down deploy runner), build the
bundle in a job that has it, hand the zip over, and set ``droplets:bundle`` to its path: the
program then checks it (components.bundle.verify_bundle) and deploys it byte for byte.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from droplets.commands.shared import Commands
from droplets.console import fail

app = Commands("bundle", help="The Lambda bundle: build it ahead, for a deploy without the package index.")

ARCHITECTURES = ("arm64", "x86_64")


@app.command("build")
def build(
    arch: Annotated[Optional[str], typer.Option("--arch", help="arm64 or x86_64 (default: the stack's droplets:architecture, else arm64).", show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", dir_okay=False, help="Where to write the zip (default: dist/droplets-<arch>-py<version>.zip).", show_default=False)] = None,
    stack: Annotated[Optional[str], typer.Option("--stack", help="Take architecture and plugin packages from Pulumi.<stack>.yaml.", show_default=False)] = None,
    plugin_package: Annotated[list[str], typer.Option("--plugin-package", help="A plugin distribution installed here to add (repeatable; with --stack, added to its droplets:pluginPackages).")] = [],
    project_dir: Annotated[Path, typer.Option("--project-dir", file_okay=False, help="The Pulumi project (repository root).")] = Path("."),
) -> None:
    """Build the bundle the stack deploys (handlers, transforms, their pinned dependencies, a manifest) into one zip.

    Prints the zip's path, SHA-256 and size. Then: pulumi config set droplets:bundle <path>.
    """
    project_dir = project_dir.resolve()
    if not (project_dir / "components" / "bundle.py").is_file():
        fail(f"{project_dir} is not the droplets project (no components/bundle.py); run from the repository root or pass --project-dir", 2)
    sys.path.insert(0, str(project_dir))
    from components.bundle import BundleError, BundleSpec, build_bundle, runtime_python_version
    from components.config import NAMESPACE, SettingsError

    packages: list[str] = []
    if stack:
        config = _stack_config(project_dir, stack)
        arch = arch or config.get(f"{NAMESPACE}:architecture")
        try:
            from components.config import KEY

            packages = list(KEY["pluginPackages"].kind.parse(f"{NAMESPACE}:pluginPackages", config.get(f"{NAMESPACE}:pluginPackages") or ""))
        except SettingsError as exc:
            fail(f"Pulumi.{stack}.yaml: {exc}", 2)
    arch = arch or "arm64"
    if arch not in ARCHITECTURES:
        fail(f"--arch must be one of {', '.join(ARCHITECTURES)}, got {arch!r}", 2)
    packages = list(dict.fromkeys([*packages, *plugin_package]))
    spec = BundleSpec(architecture=arch, python_version=runtime_python_version(), plugin_packages=tuple(packages))
    try:
        built = build_bundle(spec)
    except BundleError as exc:
        fail(f"building the bundle: {exc}")
    target = out or project_dir / "dist" / f"droplets-{arch}-py{spec.python_version}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".tmp")
    shutil.copyfile(built.path, staged)
    staged.replace(target)  # whole or not at all
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    typer.echo(f"{target}")
    typer.echo(f"sha256 {digest}  {built.zipped_bytes} bytes, {len(built.files)} files, {arch}, python{spec.python_version}"
               + (f", plugins: {', '.join(packages)}" if packages else ""))
    typer.echo(f"deploy it with: pulumi config set {NAMESPACE}:bundle {target}")


def _stack_config(project_dir: Path, stack: str) -> dict[str, str]:
    from droplets.local.stack import StackError, read_stack_config

    try:
        return read_stack_config(project_dir, stack).config
    except StackError as exc:
        fail(str(exc), 2)
