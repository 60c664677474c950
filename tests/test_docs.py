"""The documentation stays a map of the code: the README a front page, every relative link
pointing at something that exists, the architecture page's contract table naming files that
exist, the README's layout table naming every folder, and the commands and imports the
pages show being ones the code has.

These read the Markdown as text (no renderer): links are ``[text](target)`` outside code,
tables are ``|``-separated lines between the marker comments the pages carry.
"""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
ARCHITECTURE = DOCS / "architecture.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
README_MAX_LINES = 250

FENCE_RE = re.compile(r"^```.*?^```[ \t]*$", re.S | re.M)
CODE_SPAN_RE = re.compile(r"`[^`\n]*`")
LINK_RE = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING_RE = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
#: What the layout check leaves out: hidden folders and what tools create (.gitignore).
GENERATED_DIRS = {"__pycache__", "node_modules", "build", "dist"}
#: A code span without a ``/`` names a file only with one of these (``Bad.row`` is code).
FILE_SUFFIXES = {".py", ".json", ".js", ".mjs", ".ts", ".md", ".yaml", ".yml", ".toml", ".txt"}


def page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


def prose(text: str) -> str:
    """The page without fenced code blocks and with inline code spans blanked: what is left
    holds the links (a link's text may itself be code, so the span becomes a placeholder)."""
    return CODE_SPAN_RE.sub("code", FENCE_RE.sub("", text))


def links(page: Path) -> list[str]:
    return LINK_RE.findall(prose(page.read_text(encoding="utf-8")))


def is_external(target: str) -> bool:
    return re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) is not None


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes."""
    text = heading.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {slug(h) for h in HEADING_RE.findall(FENCE_RE.sub("", page.read_text(encoding="utf-8")))}


def table_rows(text: str, begin: str, end: str = "") -> list[list[str]]:
    """The body rows of the Markdown table after the line starting with ``begin`` (up to
    the line starting with ``end``, or the first line that is not a table row)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(begin))
    rows = []
    for line in lines[start + 1:]:
        if (end and line.startswith(end)) or not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    assert len(rows) > 2, f"no table after {begin!r}"
    return rows[2:]  # header and separator


def backticked_paths(cell: str) -> list[str]:
    """The code spans of a cell that name a repository path (a folder or a file)."""
    spans = re.findall(r"`([^`]+)`", cell)
    return [s for s in spans if re.fullmatch(r"[\w.-]+(/[\w.-]*)*", s) and ("/" in s or Path(s).suffix in FILE_SUFFIXES)]


# --- the README is a front page ------------------------------------------------------------


def test_readme_stays_a_front_page():
    # GIVEN the README WHEN its lines are counted THEN it is short enough to read first
    count = len(README.read_text(encoding="utf-8").splitlines())
    assert count < README_MAX_LINES, f"README.md has {count} lines; move reference text to docs/"


def test_readme_links_every_docs_page():
    # GIVEN the pages under docs/ WHEN the README's links are read THEN each page is reachable from it
    linked = {(README.parent / target.split("#", 1)[0]).resolve() for target in links(README) if not is_external(target)}
    missing = [page_id(p) for p in sorted(DOCS.glob("*.md")) if p.resolve() not in linked]
    assert not missing, f"README.md does not link {missing}"


# --- links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_relative_link_points_to_a_file_that_exists(page):
    # GIVEN a page's links WHEN each relative one is resolved from the page's folder
    # THEN its file exists, and a #fragment into a Markdown page is one of its headings
    broken = []
    for target in links(page):
        if is_external(target):
            continue
        path, _, fragment = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            broken.append(target)
        elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
            broken.append(target)
    assert not broken, f"{page_id(page)}: broken links {broken}"


def test_the_link_check_sees_a_broken_link(tmp_path):
    # GIVEN a page with a good link, a broken one, one inside code and an external one
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# There\n", encoding="utf-8")
    page.write_text(
        "[ok](there.md) [`gone`](missing.md) `[x](in-code.md)` [web](https://example.com)\n"
        "```\n[y](in-fence.md)\n```\n",
        encoding="utf-8",
    )
    # WHEN its links are read THEN only the prose links are, external ones told apart
    assert links(page) == ["there.md", "missing.md", "https://example.com"]
    assert [t for t in links(page) if not is_external(t) and not (tmp_path / t).exists()] == ["missing.md"]


def test_slugs_are_githubs():
    assert slug("The `pii` hash key") == "the-pii-hash-key"
    assert slug("IAM") == "iam"
    assert slug("Which lake") == "which-lake"
    assert slug("1. The hook, the factory, the transform") == "1-the-hook-the-factory-the-transform"


# --- the architecture page's contract map --------------------------------------------------


def contract_rows() -> list[list[str]]:
    return table_rows(ARCHITECTURE.read_text(encoding="utf-8"), "<!-- contracts", "<!-- /contracts")


def test_each_contract_names_one_defining_file_that_exists():
    # GIVEN the contract table of docs/architecture.md
    rows = contract_rows()
    assert len(rows) >= 10
    for contract, defined_in, *_ in rows:
        # WHEN its "defined in" cell is read THEN it is one link to the file it names, which exists
        found = re.findall(r"\[`([^`]+)`\]\(([^)]+)\)", defined_in)
        assert len(found) == 1, f"{contract}: 'defined in' must be exactly one linked file, got {defined_in!r}"
        (named, target), = found
        assert (ARCHITECTURE.parent / target).resolve() == (ROOT / named).resolve(), f"{contract}: {named} links {target}"
        assert (ROOT / named).is_file(), f"{contract}: {named} does not exist"


def test_every_path_the_contract_table_names_exists():
    # GIVEN every path named in the contract table (definitions, users, copies, tests)
    paths = {p for row in contract_rows() for cell in row[1:] for p in backticked_paths(cell)}
    assert paths
    # THEN each is a file or folder of the repository
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"


def test_every_file_of_the_contract_package_is_on_the_map():
    # GIVEN the files of droplets/contract/ WHEN the contract table is read
    named = {p for row in contract_rows() for cell in row[1:] for p in backticked_paths(cell)}
    package = ROOT / "droplets" / "contract"
    files = {page_id(f) for f in package.iterdir() if f.is_file() and f.name != "__init__.py" and f.suffix in {".py", ".json"}}
    # THEN each one is named there: a new contract module cannot go unmapped
    assert not files - named, f"not in docs/architecture.md's contract table: {sorted(files - named)}"


# --- the README's layout table -------------------------------------------------------------


def test_readme_layout_table_matches_the_folders():
    # GIVEN the README's layout table
    rows = table_rows(README.read_text(encoding="utf-8"), "<!-- layout")
    named = {p for row in rows for p in backticked_paths(row[0])}
    # THEN every path it names exists
    assert not [p for p in named if not (ROOT / p).exists()], named
    # AND every top-level folder of the repository is in it
    folders = {
        f"{d.name}/" for d in ROOT.iterdir()
        if d.is_dir() and not d.name.startswith(".") and d.name not in GENERATED_DIRS and not d.name.endswith(".egg-info")
    }
    assert not folders - named, f"README.md's layout table lacks {sorted(folders - named)}"


# --- what the pages show is what the code has -----------------------------------------------


def code_blocks(language: str) -> list[tuple[Path, str]]:
    pattern = re.compile(rf"^```{language}[ \t]*\n(.*?)^```", re.S | re.M)
    return [(page, block) for page in PAGES for block in pattern.findall(page.read_text(encoding="utf-8"))]


def test_python_examples_import_names_that_exist():
    # GIVEN every `from droplets... / transforms... import` line of the pages' Python examples
    imports = [
        (page, module, names)
        for page, block in code_blocks("python")
        for module, names in re.findall(r"^\s*from ((?:droplets|transforms)[\w.]*) import ([\w, ]+)", block, re.M)
    ]
    assert imports
    # WHEN each is imported THEN the module has every name
    for page, module, names in imports:
        loaded = importlib.import_module(module)
        for name in (n.strip() for n in names.split(",") if n.strip()):
            assert hasattr(loaded, name), f"{page_id(page)}: {module} has no {name}"


def droplets_invocations() -> list[tuple[Path, list[str]]]:
    """Each ``droplets ...`` command line of the pages' shell examples, as its arguments."""
    found = []
    for page, block in code_blocks("bash"):
        for line in block.replace("\\\n", " ").splitlines():
            first = line.split(maxsplit=1)
            if not first or Path(first[0]).name != "droplets":
                continue
            words = shlex.split(line, comments=True)
            cut = next((i for i, w in enumerate(words) if w in {"|", "<", ">", "&&", ";"}), len(words))
            found.append((page, words[1:cut]))
    return found


def test_cli_examples_use_commands_and_options_that_exist():
    import typer

    from droplets.cli import app

    root = typer.main.get_command(app)
    invocations = droplets_invocations()
    assert len(invocations) > 10
    for page, args in invocations:
        # GIVEN a `droplets ...` line of a page WHEN its command is looked up
        command, rest = root, list(args)
        while hasattr(command, "commands") and rest and not rest[0].startswith("-"):  # a group
            name = rest.pop(0)
            assert name in command.commands, f"{page_id(page)}: no command {name!r} in `droplets {' '.join(args)}`"
            command = command.commands[name]
        # THEN every option it passes is one of that command's
        known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
        for word in rest:
            if word.startswith("-") and word != "-" and not re.fullmatch(r"-\d.*", word):
                assert word.split("=", 1)[0] in known, f"{page_id(page)}: `droplets {' '.join(args)}`: no option {word}"
