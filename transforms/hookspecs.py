"""Hook specifications: the contract between droplets and a transform plugin."""

from __future__ import annotations

from typing import Any, Callable, Mapping

import pluggy

from transforms import PROJECT_NAME

hookspec = pluggy.HookspecMarker(PROJECT_NAME)

#: A transform takes a record and returns it (changed in place or a new dict) or None to drop it.
Transform = Callable[[dict[str, Any]], "dict[str, Any] | None"]
#: Called once per Lambda container (and once at ``pulumi preview``) with the transform's
#: options, the object ``DROPLETS_TRANSFORM_CONFIG[<name>]`` or ``{}``.
TransformFactory = Callable[[Mapping[str, Any]], Transform]


@hookspec
def droplets_transforms() -> Mapping[str, TransformFactory]:
    """Contribute named transforms.

    Return a mapping of transform name to factory. Names are global: two plugins offering
    the same name is a configuration error. Which transforms run, and in which order, is
    decided by configuration (``droplets:transforms``, default ``pii, enrich, keys``), never
    by the order plugins were registered in.

    The factory receives that transform's options and returns the transform. It must
    validate its options and raise :class:`transforms.ConfigError` naming the bad option
    (:func:`transforms.reject_unknown_options` first, so that a misspelt option is an error
    rather than ignored); it is called when the chain is built, which happens at
    ``pulumi preview`` too.

    The transform receives a valid, normalized record (``droplets.contract``) that already
    carries ``pipeline.received_at``. It returns:

    - the record, changed or not (changing it in place is fine and fastest);
    - ``None`` to drop the record: nothing is stored and the message counts as done.

    It must not change the structural fields (``event_id``, ``session_id``, ``occurred_at``,
    ``duration_ms``) nor replace ``pipeline``. Anything it adds goes under a key of its own
    (``enrichment`` for derived facts). To choose the object key, set
    ``record["pipeline"]["key"]``: ``events/`` then segments of ``A-Za-z0-9=_.:-`` joined by
    single slashes (no empty, ``.`` or ``..`` segment), so no user input reaches it
    unchecked. The record is stored under ``pipeline.key`` as the last transform leaves it: a
    later transform may choose another, or remove it (or set it to None) to go back to the
    default layout. The chain checks both after every transform: a transform that breaks them
    makes the record a bad row naming it.

    An exception makes this record a bad row naming the transform; the rest of the batch
    goes on. Raise for data you cannot handle rather than guessing.
    """
