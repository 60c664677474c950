"""The stack outputs, and the local stack's state file that carries them to the CLI.

The Pulumi program exports exactly :data:`STACK_OUTPUTS` (the pipeline component registers
them, ``__main__.py`` loops over them); ``pulumi stack output`` shows them, ``droplets dev``
writes them into :data:`LOCAL_STATE_FILE`, and the CLI reads either to find the lake.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTPUT_QUEUE_URL = "queueUrl"
OUTPUT_QUEUE_ARN = "queueArn"
OUTPUT_DLQ_URL = "dlqUrl"
OUTPUT_BUCKET = "bucketName"
OUTPUT_TABLE = "tableName"
OUTPUT_INDEX_QUEUE_URL = "indexQueueUrl"
OUTPUT_INDEX_DLQ_URL = "indexDlqUrl"
OUTPUT_PRODUCER_POLICY_ARN = "producerPolicyArn"
#: The managed policy for the operators' roles (droplets:readerRoleArns): what the CLI does.
OUTPUT_OPERATOR_POLICY_ARN = "operatorPolicyArn"
OUTPUT_GLUE_DATABASE = "glueDatabase"
OUTPUT_GLUE_TABLE = "glueTable"
OUTPUT_ATHENA_WORKGROUP = "athenaWorkgroup"
OUTPUT_REGION = "region"

#: Every output of the program, in the order it exports them.
STACK_OUTPUTS = (
    OUTPUT_QUEUE_URL,
    OUTPUT_QUEUE_ARN,
    OUTPUT_DLQ_URL,
    OUTPUT_BUCKET,
    OUTPUT_TABLE,
    OUTPUT_INDEX_QUEUE_URL,
    OUTPUT_INDEX_DLQ_URL,
    OUTPUT_PRODUCER_POLICY_ARN,
    OUTPUT_OPERATOR_POLICY_ARN,
    OUTPUT_GLUE_DATABASE,
    OUTPUT_GLUE_TABLE,
    OUTPUT_ATHENA_WORKGROUP,
    OUTPUT_REGION,
)


# --- the local stack's state file -------------------------------------------------------------

#: The local stack's folder in the project directory (its state, function logs, the demo's).
LOCAL_DIR = Path(".droplets")
#: Where ``droplets dev`` writes the local stack's state, relative to the project directory;
#: the CLI looks for it in the working directory and its parents when given no target.
LOCAL_STATE_FILE = LOCAL_DIR / "local.json"


@dataclass(frozen=True)
class LocalState:
    """The state file: the stack's outputs (secret ones masked, as ``pulumi stack output``
    masks them), and the emulator's endpoint and region. No endpoint: the clients talk to
    whatever AWS stand-in runs in-process (tests)."""

    outputs: dict[str, Any]
    endpoint: str | None = None
    region: str | None = None
    stack: str | None = None
    _TEXT_FIELDS = ("endpoint", "region", "stack")

    def to_json(self) -> str:
        document = {"endpoint": self.endpoint, "region": self.region, "stack": self.stack, "outputs": self.outputs}
        return json.dumps(document, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "LocalState":
        """Raises ValueError for anything that is not a state file (the message says why)."""
        document = json.loads(text)
        if not isinstance(document, dict) or not isinstance(document.get("outputs"), dict):
            raise ValueError('has no "outputs" object')
        for name in cls._TEXT_FIELDS:
            if not isinstance(document.get(name), (str, type(None))):
                raise ValueError(f'has a "{name}" that is not a string')
        return cls(document["outputs"], **{name: document.get(name) for name in cls._TEXT_FIELDS})

    def write(self, path: Path | str = LOCAL_STATE_FILE) -> Path:
        """Write the file whole or not at all (a reader never sees half of it)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(path)
        return path
