"""The Pulumi components of droplets, one module per concern.

``config`` reads and validates the stack configuration (once), ``bundle`` builds the
Lambda code archive, and every other module holds one ``ComponentResource``:

- ``queue.QueueWithDeadLetter``: an SQS queue and its DLQ;
- ``lake.LakeBucket``: the S3 bucket and its v7 companions (encryption, policy, ...);
- ``index.IndexTable``: the DynamoDB index;
- ``function.PipelineFunction``: one Lambda with its role, logs and queue trigger;
- ``notification.LakeNotification``: S3 -> index queue, with its queue policy;
- ``alarms.Alarms``: DLQ depth, function errors, message age, SNS e-mail;
- ``catalog.Catalog``: Glue database + table and the Athena workgroup;
- ``producer.ProducerAccess``: the managed policy the producer's role attaches;
- ``pipeline.DropletsPipeline``: all of the above, wired together.
"""
