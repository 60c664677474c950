"""The Lambda bundle's size, per architecture, as the Pulumi program builds it.

    .venv/bin/python bench/bundle.py

Prints a Markdown table (zipped and unzipped size, file count) and the largest parts of
the bundle. The aim is under 5 MiB zipped (the Lambda console still shows the code, and a
small zip uploads and cold-starts faster).
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components.bundle import PLATFORMS, RUNTIME, BundleSpec, build_bundle, runtime_python_version  # noqa: E402

MIB = 1024 * 1024


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    date = subprocess.run(["date", "-u", "+%Y-%m-%d"], capture_output=True, text=True).stdout.strip()
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print(f"{date}, {nproc} x {cpu_model()} ({platform.machine()}), runtime {RUNTIME}\n")
    print("| architecture | platform | files | zipped | unzipped | build, empty cache | build, cached |")
    print("|---|---|---|---|---|---|---|")
    parts: Counter[str] = Counter()
    cache = Path(tempfile.mkdtemp(prefix="droplets-bundle-bench-"))
    for architecture, tag in PLATFORMS.items():
        spec = BundleSpec(architecture=architecture, python_version=runtime_python_version())
        timings = []
        for _ in range(2):  # the first builds (pip), the second finds it in the cache
            started = time.perf_counter()
            bundle = build_bundle(spec, cache_dir=cache)
            timings.append(time.perf_counter() - started)
        print(f"| {architecture} | {tag} | {len(bundle.files)} | {bundle.zipped_bytes / MIB:.2f} MiB "
              f"| {bundle.unzipped_bytes / MIB:.2f} MiB | {timings[0]:.1f} s | {timings[1]:.2f} s |")
        if architecture == "arm64":
            with zipfile.ZipFile(bundle.path) as zf:
                for info in zf.infolist():
                    parts[info.filename.split("/", 1)[0]] += info.compress_size
    print("\nLargest parts of the arm64 bundle (compressed):\n")
    for name, size in parts.most_common(6):
        print(f"- `{name}`: {size / 1024:.0f} KiB")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
