"""Mutation scores per module (and per function with --functions) from the results mutmut
left in ``mutants/`` (bench/README.md, "mutation").

mutmut prints one total for every module it ran; the issue asks for a score per module, so
this reads the ``*.py.meta`` files mutmut writes next to each mutated module and classifies
each mutant with mutmut's own table of exit codes (``mutmut.stats.status_by_exit_code``).
Mutants not run yet are "not checked" and are not counted in a score.

    .venv/bin/python bench/mutation_scores.py [--functions] [--survivors] [PATTERN ...]

PATTERN (fnmatch, default every mutant) restricts the count, e.g. ``"handlers.indexer.*"``.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
from collections import Counter, defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

MUTANTS = Path(__file__).resolve().parent.parent / "mutants"


def results(patterns: list[str]) -> dict[str, str]:
    """Mutant name -> status, for every mutant of every mutated module matching ``patterns``."""
    found = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if not patterns or any(fnmatch.fnmatch(name, p) for p in patterns):
                found[name] = status_by_exit_code[code]
    return found


def group_of(name: str, by_function: bool) -> str:
    function = name.rsplit("__mutmut_", 1)[0]
    if by_function:
        return function
    module, _, _ = function.rpartition(".")
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*")
    parser.add_argument("--functions", action="store_true", help="one row per function, not per module")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args()
    statuses = results(args.patterns)
    groups: dict[str, Counter] = defaultdict(Counter)
    for name, status in statuses.items():
        groups[group_of(name, args.functions)][status] += 1
    print(f"| {'function' if args.functions else 'module'} | killed | survived | timeout | checked | not checked | killed/checked |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for group, counts in sorted(groups.items()):
        checked = sum(n for status, n in counts.items() if status != "not checked")
        killed = counts["killed"] + counts["timeout"]  # a mutant that hangs the tests is caught
        score = f"{100 * killed / checked:.1f}%" if checked else "-"
        print(f"| {group} | {counts['killed']} | {counts['survived']} | {counts['timeout']} | {checked} "
              f"| {counts['not checked']} | {score} |")
    if args.survivors:
        for name, status in sorted(statuses.items()):
            if status not in ("killed", "timeout", "not checked"):
                print(f"{status}: {name}")


if __name__ == "__main__":
    main()
