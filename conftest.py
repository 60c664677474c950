"""What every test process shares: botocore's data loader.

The CLI, the handlers and the local stack each open a new boto3 session, as a process of
their own would, and a new session reads and parses the JSON models of every service it
makes a client for again (about half a second for S3 and DynamoDB on these machines). In a
test process that opens thousands of them, that parsing was a third of the suite's CPU
time. The models are read-only once loaded (one session already shares them between its
clients), so every session of a test process shares one loader per data path.
"""

from __future__ import annotations

import functools

import botocore.loaders
import botocore.session

botocore.session.create_loader = functools.lru_cache(maxsize=None)(botocore.loaders.create_loader)
