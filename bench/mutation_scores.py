"""Mutation scores per module (and per function with --functions) from the results mutmut
left in ``mutants/`` (bench/README.md, "mutation").

mutmut prints one total for every module it ran; the issue asks for a score per module, so
this reads the ``*.py.meta`` files mutmut writes next to each mutated module and classifies
each mutant with mutmut's own table of exit codes (``mutmut.stats.status_by_exit_code``).
Mutants not run yet are "not checked" and are not counted in a score.

    .venv/bin/python bench/mutation_scores.py [--functions] [--survivors] [PATTERN ...]
    .venv/bin/python bench/mutation_scores.py --answers ANSWERS.tsv --sample SAMPLE.txt [--mutants DIR]

PATTERN (fnmatch, default every mutant) restricts the count, e.g. ``"handlers.indexer.*"``.

With ``--answers`` (a survivor's name, a tab, and ``killed-new``, ``equivalent`` or
``removed``: killed by a test written for it, no observable difference, or its code removed
as dead or redundant) the table gives each module's score over the checked mutants that are
not equivalent. With ``--sample`` (the names of a seeded random sample of the mutants a run
had not reached) it also estimates the mutants never run: the sample's share killed by the
run itself (equivalents left out), with its 95% Wilson interval.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
from collections import Counter, defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

MUTANTS = Path(__file__).resolve().parent.parent / "mutants"


def results(patterns: list[str], mutants: Path = MUTANTS) -> dict[str, str]:
    """Mutant name -> status, for every mutant of every mutated module matching ``patterns``."""
    found = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
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


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion."""
    if not trials:
        return (0.0, 1.0)
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    denominator = 1 + z * z / trials
    return ((centre - spread) / denominator, (centre + spread) / denominator)


def scores(statuses: dict[str, str], answers: dict[str, str], sample: set[str]) -> None:
    """One row per module: what was checked, how each survivor was answered, the score."""
    print("| module | mutants | checked | of them in the random sample | killed by the run | survived "
          "| killed by a new test | equivalent | code removed | open | score (killed / not equivalent) "
          "| sample: killed by the run / not equivalent (95% interval) | whole module, estimated (95% lower bound) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    modules: dict[str, list[str]] = defaultdict(list)
    for name in statuses:
        modules[group_of(name, False)].append(name)
    for module, names in sorted(modules.items()):
        checked = [n for n in names if statuses[n] != "not checked"]
        caught = [n for n in checked if statuses[n] in ("killed", "timeout")]
        survived = [n for n in checked if n not in caught]
        answer = Counter(answers.get(n, "open") for n in survived)
        not_equivalent = len(checked) - answer["equivalent"] - answer["removed"]
        killed = len(caught) + answer["killed-new"]
        score = f"{100 * killed / not_equivalent:.1f}% ({killed}/{not_equivalent})" if not_equivalent else "-"
        in_sample = [n for n in checked if n in sample]
        sample_caught = sum(1 for n in in_sample if statuses[n] in ("killed", "timeout"))
        sample_trials = sum(1 for n in in_sample if answers.get(n) not in ("equivalent", "removed"))
        low, high = wilson(sample_caught, sample_trials)
        estimate = (f"{100 * sample_caught / sample_trials:.1f}% ({sample_caught}/{sample_trials}; "
                    f"{100 * low:.1f}-{100 * high:.1f}%)" if sample_trials else "-")
        # the mutants never run, as the sample says: its share of equivalents, and of the
        # rest its share killed by the run (the interval's low end for the bound)
        unchecked = len(names) - len(checked)
        whole = "-"
        if not unchecked:
            whole = score.split(" ")[0]
        elif sample_trials:
            expected = unchecked * sample_trials / len(in_sample)
            point = (killed + expected * sample_caught / sample_trials) / (not_equivalent + expected)
            bound = (killed + expected * low) / (not_equivalent + expected)
            whole = f"{100 * point:.1f}% ({100 * bound:.1f}%)"
        print(f"| {module} | {len(names)} | {len(checked)} | {len(in_sample)} | {len(caught)} | {len(survived)} "
              f"| {answer['killed-new']} | {answer['equivalent']} | {answer['removed']} | {answer['open']} "
              f"| {score} | {estimate} | {whole} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*")
    parser.add_argument("--functions", action="store_true", help="one row per function, not per module")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--answers", type=Path, help="TSV: survivor, then killed-new, equivalent or removed")
    parser.add_argument("--sample", type=Path, help="the names of a random sample, one a line")
    parser.add_argument("--mutants", type=Path, default=MUTANTS, help="mutmut's mutants/ folder")
    args = parser.parse_args()
    statuses = results(args.patterns, args.mutants)
    if args.answers:
        answers = dict(line.split("\t")[:2] for line in args.answers.read_text().splitlines() if "\t" in line)
        sample = set(args.sample.read_text().split()) if args.sample else set()
        scores(statuses, answers, sample)
        return
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
