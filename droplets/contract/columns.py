"""The columns of a stored record, derived from the record schema for every SQL engine.

:func:`stored_columns` walks ``record-v1.json`` and adds what the pipeline puts on a stored
object; each engine renders these column types in its own syntax (a :class:`Dialect`): the
Glue table of Athena (``components/catalog.py``) and the DuckDB table of ``droplets sql``
(``droplets/sql.py``). A field added to the schema is a column of both, and a query reaches
into a column the same way on both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Mapping, Union

from droplets.contract.record import schema

#: The kinds of a scalar column. ``timestamp`` is a string in droplets' one time format
#: (``format_time``); ``json`` is any JSON value kept whole (free-form objects, bodies,
#: arrays, unions), queried with the engine's JSON functions.
SCALAR_KINDS = ("int", "bigint", "double", "boolean", "string", "timestamp", "json")


@dataclass(frozen=True)
class Scalar:
    kind: str


@dataclass(frozen=True)
class ListOf:
    item: "ColumnType"


@dataclass(frozen=True)
class Struct:
    fields: tuple[tuple[str, "ColumnType"], ...]


ColumnType = Union[Scalar, ListOf, Struct]


@dataclass(frozen=True)
class Dialect:
    """How an SQL engine writes a column type: its name for each of :data:`SCALAR_KINDS`,
    and its syntax for a struct (``struct`` around the fields, each written as ``field``,
    joined by ``separator``) and for a list (``list_of``)."""

    scalars: Mapping[str, str]
    struct: str
    field: str
    separator: str
    list_of: str

    def render(self, column: ColumnType) -> str:
        if isinstance(column, Struct):
            fields = (self.field.format(name=name, type=self.render(sub)) for name, sub in column.fields)
            return self.struct.format(self.separator.join(fields))
        if isinstance(column, ListOf):
            return self.list_of.format(self.render(column.item))
        return self.scalars[column.kind]


@cache
def _timestamp_pattern() -> str:
    # occurred_at's pattern is the time format; any string field with it is a timestamp.
    return schema()["properties"]["occurred_at"]["pattern"]


def column_type(node: Mapping[str, Any]) -> ColumnType:
    """The column type of a JSON Schema node.

    An object with its properties listed (and no ``additionalProperties``) is a struct;
    any other object, an untyped value, a union of several types and an array of anything
    but a scalar is ``json``. ``null`` in a type or ``anyOf`` only makes it nullable, as
    every column is."""
    if "const" in node:
        return Scalar("int" if isinstance(node["const"], int) else "string")
    if "anyOf" in node:
        options = [s for s in node["anyOf"] if s.get("type") != "null"]
        return column_type(options[0]) if len(options) == 1 else Scalar("json")
    types = node.get("type")
    types = [t for t in ([types] if isinstance(types, str) else types or []) if t != "null"]
    if len(types) != 1:
        return Scalar("json")
    kind = types[0]
    if kind == "object":
        if node.get("properties") and "additionalProperties" not in node:
            return Struct(tuple((name, column_type(sub)) for name, sub in node["properties"].items()))
        return Scalar("json")
    if kind == "array":
        item = column_type(node["items"]) if isinstance(node.get("items"), Mapping) else Scalar("json")
        return ListOf(item) if isinstance(item, Scalar) and item.kind != "json" else Scalar("json")
    if kind == "string":
        return Scalar("timestamp" if node.get("pattern") == _timestamp_pattern() else "string")
    return Scalar({"integer": "bigint", "number": "double", "boolean": "boolean"}.get(kind, "json"))


def stored_columns() -> list[tuple[str, ColumnType]]:
    """The columns of a stored record, in order: the schema's fields, then what the
    pipeline adds to a stored object (:mod:`transforms.chain`), written as schema too."""
    properties = schema()["properties"]
    added = {
        "pipeline": {
            "type": "object",
            "properties": {
                "received_at": properties["occurred_at"],  # the same time format
                "transforms": {"type": "array", "items": {"type": "string"}},
                "key": {"type": "string"},
            },
        },
        "enrichment": {},  # its fields depend on the configured plugins: JSON
    }
    return [(name, column_type(node)) for name, node in {**properties, **added}.items()]
