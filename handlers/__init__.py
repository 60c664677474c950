"""The Lambda entry points of droplets: ``handlers.consumer.handler`` (SQS events queue ->
transform chain -> S3) and ``handlers.indexer.handler`` (S3 notifications via SQS ->
DynamoDB index).

Importing a handler module does no AWS call and reads no environment: each builds its
clients, chain and settings once per container, on the first invocation
(:mod:`handlers.aws`, :mod:`handlers.batch` hold what both share).
"""
