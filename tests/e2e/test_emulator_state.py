"""An emulator starts empty even when another ran before it in the same process.

moto keeps every server's state in one in-process store: without a reset, the second local
stack of a process (the test suite's, or a long-lived `droplets` process's) would find the
first one's queues and roles and refuse to create them again.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    from droplets.local import emulator

    first = emulator.start(port=0)
    first.client("sqs").create_queue(QueueName="left-behind")
    # a second emulator while the first runs shares its state (nothing is reset under it)
    second = emulator.start(port=0)
    shared = second.client("sqs").list_queues().get("QueueUrls", [])
    second.stop()
    still = first.client("sqs").list_queues().get("QueueUrls", [])
    first.stop()
    # one started after both stopped begins empty
    third = emulator.start(port=0)
    fresh = third.client("sqs").list_queues().get("QueueUrls", [])
    third.stop()
    print(len(shared), len(still), len(fresh))
    """
)


def test_an_emulator_started_after_another_stopped_begins_empty():
    # GIVEN a process that runs two emulators at once, then a third after both stopped
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    shared, still, fresh = map(int, out.stdout.split())
    # THEN the running ones shared their queue and kept it; the third found none
    assert (shared, still, fresh) == (1, 1, 0)
