"""What a cold start builds (handlers.aws, handlers.container): clients that give up inside
the Lambda's timeout, a thread pool sized like their connection pools, SDK loggers that never
print a request at DEBUG, and log-safe names for AWS failures."""

from __future__ import annotations

import logging
import threading

import pytest
from botocore.exceptions import ClientError, ReadTimeoutError

from handlers import aws, consumer, indexer

from .conftest import TABLE

SDK_LOGGERS = ("botocore", "boto3", "urllib3", "s3transfer")


@pytest.mark.parametrize("function, prefix, logger", [(consumer.Consumer, "put", consumer.logger),
                                                      (indexer.Indexer, "index", indexer.logger)])
@pytest.mark.usefixtures("aws")
def test_a_cold_start_builds_clients_that_give_up_inside_the_lambda_timeout(aws_env, function, prefix, logger):
    # GIVEN a function's environment and no client handed in (what a Lambda cold start has;
    # the indexer registers its shard count in the index at cold start, hence moto)
    # WHEN its container is built with a concurrency of 3
    app = function.from_env(concurrency=3)
    try:
        # THEN S3 and DynamoDB clients time out and retry briefly (botocore counts the first
        # call in total_max_attempts), with a connection per thread of the batch
        for client, service in ((app.s3, "s3"), (app.dynamodb, "dynamodb")):
            assert client.meta.service_model.service_name == service
            config = client.meta.config
            assert (config.connect_timeout, config.read_timeout) == (aws.CONNECT_TIMEOUT_S, aws.READ_TIMEOUT_S)
            assert config.retries == {"mode": "standard", "total_max_attempts": aws.MAX_ATTEMPTS + 1}
            assert config.max_pool_connections == 3
        # AND the batch's calls run on 3 threads named for the function
        names = set(app.pool.map(lambda _: threading.current_thread().name, range(30)))
        assert app.pool._max_workers == 3
        assert names and all(name.startswith(f"{prefix}_") for name in names)
        # AND the erasure entries are read from the index table with the same client, and
        # an unanswered lookup is logged by the function's own logger
        assert (app.erased.dynamodb, app.erased.table, app.erased.logger) == (app.dynamodb, TABLE, logger)
    finally:
        app.pool.shutdown()


@pytest.mark.usefixtures("aws")
def test_a_cold_start_reads_the_pii_hash_key_with_a_client_that_gives_up_inside_the_lambda_timeout(aws_env, monkeypatch):
    # GIVEN the pii hash key as an SSM SecureString and no SSM client handed in (a cold start)
    import boto3
    import botocore.client

    from droplets import contract

    boto3.client("ssm").put_parameter(Name="/droplets/pii-key", Value="k3y-" + "Zq9" * 12, Type="SecureString")
    aws_env.setenv(contract.ENV_PII_KEY_PARAM, "/droplets/pii-key")
    configs = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self, operation, params):
        if operation == "GetParameter":
            configs.append(self.meta.config)
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    # WHEN the consumer's container is built
    app = consumer.Consumer.from_env()
    app.pool.shutdown()
    # THEN the key was read once, by a client with droplets' timeouts and retries (not
    # powertools' default client, which would wait botocore's 60 s on a stalled SSM)
    assert len(configs) == 1
    assert (configs[0].connect_timeout, configs[0].read_timeout) == (aws.CONNECT_TIMEOUT_S, aws.READ_TIMEOUT_S)
    assert configs[0].retries == {"mode": "standard", "total_max_attempts": aws.MAX_ATTEMPTS + 1}


def test_a_batchs_aws_calls_run_on_the_containers_own_threads(aws, context, monkeypatch):
    # GIVEN a batch of three records for the consumer, then the notifications of the three
    # objects for the indexer, and every AWS call's thread noted
    import botocore.client

    from transforms.testing import make_record

    from .conftest import body_of, s3_notification, sqs_event

    threads: dict[str, set[str]] = {}
    original = botocore.client.BaseClient._make_api_call

    def noting(self, operation, params):
        threads.setdefault(operation, set()).add(threading.current_thread().name)
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", noting)
    records = [make_record(new_event_id=True, session_id=f"sess-thread-{n:04d}") for n in range(3)]
    # (the last spells its session with a JSON escape: the batch's pattern misses it, so its
    # session is looked up on its own, per record)
    bodies = [body_of(r) for r in records]
    bodies[2] = bodies[2].replace('"sess-thread-0002"', '"\\u0073ess-thread-0002"')
    # WHEN each function handles its batch
    assert consumer.handler(sqs_event(bodies), context) == {"batchItemFailures": []}
    keys = aws.keys()
    notifications = [s3_notification("ObjectCreated:Put", key) for key in keys]
    assert indexer.handler(sqs_event(notifications), context) == {"batchItemFailures": []}
    # THEN the writes and reads ran on each container's pool (its bound on concurrent
    # calls), not on asyncio's default executor
    assert len(keys) == 3 and len(aws.items()) == 3
    assert threads["PutObject"] and all(name.startswith("put_") for name in threads["PutObject"])
    # (the batch's one lookup runs before the batch, on the invocation's thread)
    assert any(name.startswith("put_") for name in threads["BatchGetItem"]), threads["BatchGetItem"]
    assert all(name.startswith("put_") or name == "MainThread" for name in threads["BatchGetItem"])
    for operation in ("GetObject", "PutItem"):
        assert threads[operation] and all(name.startswith("index_") for name in threads[operation]), (operation, threads)


@pytest.mark.parametrize("function", [consumer.Consumer, indexer.Indexer])
@pytest.mark.usefixtures("aws")
def test_a_container_given_clients_uses_them_for_everything(aws_env, function):
    # GIVEN S3 and DynamoDB clients made by the caller (a benchmark, a test's Stubber)
    import boto3

    from .conftest import REGION

    s3, dynamodb = boto3.client("s3", region_name=REGION), boto3.client("dynamodb", region_name=REGION)
    # WHEN a container is built with them
    app = function.from_env(s3=s3, dynamodb=dynamodb)
    app.pool.shutdown()
    # THEN it holds those very clients, and reads erasure entries with the DynamoDB one
    assert app.s3 is s3 and app.dynamodb is dynamodb and app.erased.dynamodb is dynamodb


@pytest.mark.usefixtures("aws")
def test_a_container_given_an_environment_reads_it_not_the_process_environment(aws_env):
    # GIVEN a process environment naming the lake, and a mapping naming another bucket and
    # table (how a caller builds a container for a stack it is not deployed in)
    from droplets import contract

    environ = {contract.ENV_BUCKET: "other-lake", contract.ENV_TABLE: TABLE, contract.ENV_RETENTION_DAYS: "7"}
    # WHEN each function's container is built from that mapping
    app = consumer.Consumer.from_env(environ)
    index = indexer.Indexer.from_env(environ)
    # THEN they use what the mapping says
    assert app.bucket == "other-lake" and index.retention_days == 7
    app.pool.shutdown()
    index.pool.shutdown()


@pytest.mark.parametrize("concurrency", [0, -1])
def test_a_concurrency_below_one_is_refused(aws_env, concurrency):
    # GIVEN a concurrency that would leave no thread for the batch's calls
    # WHEN a container is built with it  THEN it is refused, saying the floor
    with pytest.raises(ValueError) as error:
        indexer.Indexer.from_env(concurrency=concurrency)
    assert str(error.value) == "concurrency must be at least 1"


@pytest.mark.usefixtures("aws")  # the indexer registers its shard count at cold start
def test_a_concurrency_of_one_is_enough(aws_env):
    # GIVEN the smallest concurrency  WHEN a container is built  THEN it runs one call at a time
    app = indexer.Indexer.from_env(concurrency=1)
    assert app.pool._max_workers == 1 and app.s3.meta.config.max_pool_connections == 1
    app.pool.shutdown()


@pytest.fixture
def sdk_levels():
    """The SDK loggers' and the root logger's levels, restored after the test."""
    loggers = [logging.getLogger(name) for name in (*SDK_LOGGERS, None)]
    saved = [log.level for log in loggers]
    yield
    for log, level in zip(loggers, saved):
        log.setLevel(level)


def test_building_a_client_keeps_the_sdk_loggers_at_info_or_above(aws_env, sdk_levels):
    # GIVEN the function logging at DEBUG: the SDK loggers at DEBUG, but for s3transfer,
    # which is at WARNING; the root logger at INFO
    logging.getLogger().setLevel(logging.INFO)
    for name in SDK_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING if name == "s3transfer" else logging.DEBUG)
    # WHEN a client is built
    aws.client("s3")
    # THEN every SDK logger is at INFO (they would print whole requests at DEBUG), the one
    # above INFO is left alone, and the root logger is untouched
    levels = {name: logging.getLogger(name).level for name in SDK_LOGGERS}
    assert levels == {"botocore": logging.INFO, "boto3": logging.INFO, "urllib3": logging.INFO,
                      "s3transfer": logging.WARNING}
    assert logging.getLogger().level == logging.INFO


def test_an_sdk_logger_that_already_follows_info_is_left_to_follow_it(aws_env, sdk_levels):
    # GIVEN SDK loggers without a level of their own, under a root logger at INFO
    logging.getLogger().setLevel(logging.INFO)
    for name in SDK_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)
    # WHEN a client is built  THEN they keep following the root logger
    aws.client("dynamodb")
    assert {logging.getLogger(name).level for name in SDK_LOGGERS} == {logging.NOTSET}


@pytest.mark.parametrize("name", SDK_LOGGERS)
@pytest.mark.usefixtures("aws")
def test_a_cold_start_raises_each_sdk_logger_set_to_debug_to_info(aws_env, sdk_levels, name):
    # GIVEN one SDK logger set to DEBUG by the function's log level, the others following
    # the root logger at INFO
    logging.getLogger().setLevel(logging.INFO)
    for other in SDK_LOGGERS:
        logging.getLogger(other).setLevel(logging.NOTSET)
    logging.getLogger(name).setLevel(logging.DEBUG)
    # WHEN the consumer's container is built (a cold start: it builds its clients)
    app = consumer.Consumer.from_env()
    app.pool.shutdown()
    # THEN that logger is at INFO: at DEBUG it would print whole requests, records included
    assert logging.getLogger(name).level == logging.INFO


def client_error(code: str, message: str = "the key events/dt=2026-01-01/sess-secret/x.json") -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message}}, "PutObject")


def raised_from(outer: Exception, inner: BaseException, *, implicitly: bool = False) -> Exception:
    """``outer`` raised while handling ``inner``: ``raise outer from inner``, or implicitly
    (only ``__context__`` set)."""
    try:
        try:
            raise inner
        except BaseException:
            if implicitly:
                raise outer
            raise outer from inner
    except Exception as exc:
        return exc


@pytest.mark.parametrize(
    "exc, name",
    [
        (client_error("SlowDown"), "SlowDown"),
        (raised_from(RuntimeError("wrapped"), client_error("ParameterNotFound")), "ParameterNotFound"),
        (raised_from(RuntimeError("wrapped"), client_error("Throttling"), implicitly=True), "Throttling"),
        (raised_from(RuntimeError("a"), raised_from(KeyError("b"), client_error("AccessDenied"))), "AccessDenied"),
        (ClientError({"Error": {"Message": "no code"}}, "GetObject"), "ClientError"),
        (ClientError({}, "GetObject"), "ClientError"),
        (ReadTimeoutError(endpoint_url="https://s3.eu-west-1.amazonaws.com/sess-secret"), "ReadTimeoutError"),
        (raised_from(ValueError("sess-secret"), KeyError("x")), "ValueError"),
    ],
    ids=["client-error", "cause", "context", "two-deep", "no-code", "no-error", "timeout", "no-aws"],
)
def test_an_aws_failure_is_named_by_its_code_never_its_message(exc, name):
    # GIVEN a failure of an AWS call, maybe wrapped (powertools wraps SDK errors)
    # WHEN it is named for a log line  THEN the name is the service's code, else the class
    assert aws.error_code(exc) == name


def test_an_error_code_found_only_as_a_cause_is_found():
    # GIVEN an exception whose cause was attached by hand (no context to fall back on)
    outer = RuntimeError("wrapped")
    outer.__cause__ = client_error("SlowDown")
    # WHEN it is named  THEN the cause's code is found
    assert outer.__context__ is None and aws.error_code(outer) == "SlowDown"
