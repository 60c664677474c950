"""What every test process shares: botocore's data loader.

The CLI, the handlers and the local stack each open a new boto3 session, as a process of
their own would, and a new session reads and parses the JSON models of every service it
makes a client for again (about half a second for S3 and DynamoDB on these machines). In a
test process that opens thousands of them, that parsing was a third of the suite's CPU
time. The models are read-only once loaded (one session already shares them between its
clients), so every session of a test process shares one loader per data path.

And Ctrl-C: the tests that interrupt a CLI (``droplets dev``, ``droplets tail``) need it to
reach the child. A suite started in the background by a non-interactive shell runs with
SIGINT ignored, which every child inherits, so those CLIs would never stop: the default
handler is put back.
"""

from __future__ import annotations

import functools
import signal

import botocore.loaders
import botocore.session

botocore.session.create_loader = functools.lru_cache(maxsize=None)(botocore.loaders.create_loader)

if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
