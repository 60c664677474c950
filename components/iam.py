"""IAM policy documents: the one place that writes their envelope (version and statements)."""

from __future__ import annotations

from typing import Any

import pulumi

#: The policy language version every droplets document uses.
POLICY_VERSION = "2012-10-17"


def policy_document(statements: Any) -> pulumi.Output[str]:
    """A policy document (identity, resource or trust) holding ``statements`` (a list of
    statements whose values may be Outputs), as JSON once every Output is known."""
    return pulumi.Output.json_dumps({"Version": POLICY_VERSION, "Statement": statements})
