"""A small Pulumi program touching every kind of resource the local stack emulates (those the
project's program creates), and one it does not (a dashboard)."""

import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
max_receive = config.require_int("maxReceiveCount")
batch_size = config.require_int("batchSize")
timeout = config.get_int("timeout") or 10
tags = config.require_object("tags")
account = aws.get_caller_identity().account_id

dlq = aws.sqs.Queue("probe-dlq", message_retention_seconds=1209600, sqs_managed_sse_enabled=True)
queue = aws.sqs.Queue(
    "probe-events",
    visibility_timeout_seconds=60,
    redrive_policy=dlq.arn.apply(lambda arn: json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": max_receive})),
    tags=tags,
)
bucket = aws.s3.Bucket("probe-lake", force_destroy=True)
aws.s3.BucketServerSideEncryptionConfiguration(
    "probe-lake-sse", bucket=bucket.id,
    rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}, "bucket_key_enabled": True}],
)
aws.s3.BucketPublicAccessBlock(
    "probe-lake-pab", bucket=bucket.id, block_public_acls=True, block_public_policy=True,
    ignore_public_acls=True, restrict_public_buckets=True,
)
aws.s3.BucketLifecycleConfiguration(
    "probe-lake-lifecycle", bucket=bucket.id,
    rules=[{"id": "expire-events", "status": "Enabled", "filter": {"prefix": "events/"}, "expiration": {"days": 30}}],
)
aws.s3.BucketPolicy(
    "probe-lake-tls", bucket=bucket.id,
    policy=bucket.arn.apply(lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})),
)
index_queue = aws.sqs.Queue("probe-index")
queue_policy = aws.sqs.QueuePolicy(
    "probe-index-policy", queue_url=index_queue.url,
    policy=pulumi.Output.json_dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage",
        "Resource": index_queue.arn, "Condition": {"ArnEquals": {"aws:SourceArn": bucket.arn}}}]}),
)
aws.s3.BucketNotification(
    "probe-lake-notification", bucket=bucket.id,
    queues=[{"queue_arn": index_queue.arn, "events": ["s3:ObjectCreated:*"], "filter_prefix": "events/"}],
    opts=pulumi.ResourceOptions(depends_on=[queue_policy]),
)
table = aws.dynamodb.Table(
    "probe-index-table", billing_mode="PAY_PER_REQUEST", hash_key="session_id", range_key="sk",
    attributes=[{"name": n, "type": "S"} for n in ("session_id", "sk", "day", "occurred_at")],
    global_secondary_indexes=[{"name": "by-day", "hash_key": "day", "range_key": "occurred_at", "projection_type": "ALL"}],
    ttl={"attribute_name": "expires_at", "enabled": True},
)
role = aws.iam.Role(
    "probe-role",
    assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
)
aws.iam.RolePolicy(
    "probe-role-policy", role=role.id,
    policy=pulumi.Output.json_dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["s3:PutObject"], "Resource": pulumi.Output.concat(bucket.arn, "/*")}]}),
)
producer = aws.iam.Policy(
    "probe-producer",
    policy=pulumi.Output.json_dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": queue.arn}]}),
)
key = aws.ssm.Parameter("probe-key", type="SecureString", value=pulumi.Output.secret("not-a-real-key"))
function = aws.lambda_.Function(
    "probe-fn", role=role.arn, handler="probe_handler.handler", runtime="python3.12",
    code=pulumi.AssetArchive({"x.py": pulumi.StringAsset("")}), timeout=timeout, memory_size=256,
    environment={"variables": {"BUCKET": bucket.bucket, "KEY_PARAM": key.name,
                               "SECRET_THING": pulumi.Output.secret("s3")}},
)
aws.lambda_.EventSourceMapping(
    "probe-fn-events", event_source_arn=queue.arn, function_name=function.name, batch_size=batch_size,
    maximum_batching_window_in_seconds=1, function_response_types=["ReportBatchItemFailures"],
)
key_for_topic = aws.kms.Key("probe-kms", description="probe topic key", enable_key_rotation=True)
topic = aws.sns.Topic("probe-alarms", kms_master_key_id=key_for_topic.arn)
aws.sns.TopicSubscription("probe-alarms-mail", topic=topic.arn, protocol="email", endpoint="oncall@example.com")
aws.cloudwatch.LogGroup("probe-fn-logs", name=function.name.apply(lambda n: f"/aws/lambda/{n}"), retention_in_days=7)
aws.cloudwatch.MetricAlarm(
    "probe-dlq-depth", comparison_operator="GreaterThanThreshold", evaluation_periods=1,
    metric_name="ApproximateNumberOfMessagesVisible", namespace="AWS/SQS", period=60, statistic="Maximum",
    threshold=0, dimensions={"QueueName": dlq.name}, alarm_actions=[topic.arn],
)
database = aws.glue.CatalogDatabase("probe-db", name="probe_db")
aws.glue.CatalogTable(
    "probe-events-table", name="events", database_name=database.name, table_type="EXTERNAL_TABLE",
    parameters={"projection.enabled": "true", "projection.dt.type": "date"},
    partition_keys=[{"name": "dt", "type": "string"}],
    storage_descriptor={
        "location": bucket.bucket.apply(lambda b: f"s3://{b}/events/"),
        "input_format": "org.apache.hadoop.mapred.TextInputFormat",
        "output_format": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        "ser_de_info": {"serialization_library": "org.openx.data.jsonserde.JsonSerDe"},
        "columns": [{"name": "event_id", "type": "string"}],
    },
)
aws.athena.Workgroup("probe-wg", name="probe", configuration={
    "enforce_workgroup_configuration": True,
    "result_configuration": {"output_location": bucket.bucket.apply(lambda b: f"s3://{b}/athena/")},
})
aws.cloudwatch.Dashboard("probe-dashboard", dashboard_name="probe", dashboard_body="{}")

pulumi.export("queueUrl", queue.url)
pulumi.export("dlqUrl", dlq.url)
pulumi.export("indexQueueUrl", index_queue.url)
pulumi.export("bucketName", bucket.bucket)
pulumi.export("tableName", table.name)
pulumi.export("producerPolicyArn", producer.arn)
pulumi.export("account", account)
pulumi.export("keySecret", key.value)
