"""Components and config rules on their own (the program tests cover them wired together)."""

from __future__ import annotations

import pulumi
import pytest

from components.catalog import PARTITION, event_columns, glue_name, hive_type
from components.config import KEYS, Settings, load_settings, visibility_timeout_for
from droplets import contract
from tests.infra.harness import RecordingMocks
from transforms.testing import make_record

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_defaults_when_nothing_is_configured():
    # GIVEN no droplets:* setting at all WHEN the settings are read
    settings = load_settings(lambda key: None, is_secret=lambda key: False)
    # THEN every documented default applies
    defaults = {k.name: k.default for k in KEYS}
    assert settings.transforms == contract.DEFAULT_TRANSFORMS
    assert settings.retention_days == defaults["retentionDays"]
    assert settings.batch_size == defaults["batchSize"] and settings.batching_window_seconds == defaults["batchingWindowSeconds"]
    assert settings.architecture == "arm64"
    assert (settings.consumer.timeout_seconds, settings.indexer.timeout_seconds) == (
        defaults["consumerTimeoutSeconds"], defaults["indexerTimeoutSeconds"])
    assert settings.alarms is True and settings.alarm_email is None
    assert settings.deletion_protection is True and settings.force_destroy is False
    assert settings.pii_hash_key is None
    assert isinstance(settings, Settings)


def test_lists_read_as_yaml_lists_or_comma_strings():
    for raw in ('["pii", "keys"]', "pii, keys", " pii,keys, "):
        settings = load_settings({"droplets:transforms": raw}.get, is_secret=lambda key: False)
        assert settings.transforms == ("pii", "keys")


def test_visibility_timeout_rule():
    assert visibility_timeout_for(60, 5) == 365
    assert visibility_timeout_for(900, 300) <= 12 * 3600  # the largest allowed still fits SQS


@pulumi.runtime.test
def test_function_refuses_a_queue_whose_visibility_is_too_short():
    from components.function import PipelineFunction, PipelineFunctionArgs
    from components.queue import QueueWithDeadLetter, QueueWithDeadLetterArgs

    pulumi.runtime.set_mocks(RecordingMocks("eu-west-1"), project="droplets", stack="unit", preview=False)
    # GIVEN a queue sized for a 10 s function
    queue = QueueWithDeadLetter("q", QueueWithDeadLetterArgs(
        function_timeout_seconds=10, batching_window_seconds=0, max_receive_count=3, message_retention_seconds=3600))
    assert queue.visibility_timeout_seconds == 60
    # WHEN a 60 s function is attached to it THEN the component refuses
    with pytest.raises(ValueError, match=r"visibility timeout \(60s\) must be at least 6x the function timeout \(60s\)"):
        PipelineFunction("f", PipelineFunctionArgs(
            function_name="droplets-unit-f", role_name="droplets-unit-f", handler="handlers.consumer.handler",
            code=pulumi.AssetArchive({}), trigger=queue, architecture="arm64", memory_mb=128, timeout_seconds=60,
            batch_size=10, batching_window_seconds=0, log_retention_days=7, maximum_concurrency=2))
    return queue.urn


@pulumi.runtime.test
def test_queue_refuses_retention_the_dlq_cannot_outlive():
    from components.queue import QueueWithDeadLetter, QueueWithDeadLetterArgs

    pulumi.runtime.set_mocks(RecordingMocks("eu-west-1"), project="droplets", stack="unit", preview=False)
    with pytest.raises(ValueError, match="must be below the DLQ's 1209600s"):
        QueueWithDeadLetter("q", QueueWithDeadLetterArgs(
            function_timeout_seconds=10, batching_window_seconds=0, max_receive_count=3,
            message_retention_seconds=14 * 24 * 3600))


def test_catalog_partition_is_the_key_layouts_day():
    # the Glue table's partition column is the dt=<day> directory of the default key layout
    record = contract.normalize(make_record())
    key = contract.object_key(record)
    assert key.startswith(f"{contract.EVENTS_PREFIX}{PARTITION}={contract.day_of(record['occurred_at'])}/")


def test_catalog_columns_follow_the_record_schema():
    columns = {c["name"]: c["type"] for c in event_columns()}
    assert list(columns)[: len(contract.schema()["properties"])] == list(contract.schema()["properties"])
    assert columns["v"] == "int"
    assert columns["session_id"] == "string" and columns["session_invalid"] == "boolean"
    assert columns["source"] == "struct<service:string,env:string,host:string>"
    assert columns["error"] == "struct<type:string,message:string,aborted:boolean>"
    # free-form JSON (query, headers, bodies) is kept as JSON text
    assert "query:string,headers:string" in columns["request"] and "body:string" in columns["request"]
    assert hive_type({"type": ["array", "null"]}) == "string"
    assert hive_type({}) == "string"


def test_glue_names():
    assert glue_name("droplets-my.stack") == "droplets_my_stack"
