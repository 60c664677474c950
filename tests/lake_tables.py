"""The index table as the Pulumi index component declares it, for tests on moto.

One definition for every test package (names from the contract), so a change to the
index's keys or GSI is made here once.
"""

from droplets import contract


def create_index_table(dynamodb, table: str) -> None:
    """Create the index table (keys and the ``by-day`` GSI of docs/architecture.md) with ``dynamodb``."""
    dynamodb.create_table(
        TableName=table,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": name, "AttributeType": "S"}
            for name in (contract.INDEX_PK, contract.INDEX_SK, contract.DAY_INDEX_PK, contract.DAY_INDEX_SK)
        ],
        KeySchema=[
            {"AttributeName": contract.INDEX_PK, "KeyType": "HASH"},
            {"AttributeName": contract.INDEX_SK, "KeyType": "RANGE"},
        ],
        GlobalSecondaryIndexes=[{
            "IndexName": contract.DAY_INDEX,
            "KeySchema": [
                {"AttributeName": contract.DAY_INDEX_PK, "KeyType": "HASH"},
                {"AttributeName": contract.DAY_INDEX_SK, "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }],
    )
