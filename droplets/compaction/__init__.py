"""Compaction: closed days of the lake rewritten as Parquet, and everything that reads them.

- :mod:`~droplets.compaction.sql`: the SQL, once, in the subset Athena (Trino) and DuckDB
  share: the rewrite of a day, the ``events`` view over compacted and JSON days, the
  state machine's plan, and the table names;
- :mod:`~droplets.compaction.store`: the S3 side (manifests and their conditional switch,
  run files, clean-up), per :mod:`droplets.contract.compaction`;
- :mod:`~droplets.compaction.local`: the same rewrite with DuckDB (``droplets compact``),
  and compacted days read back into DuckDB (``droplets sql``, ``droplets export``);
- :mod:`~droplets.compaction.erase`: a session removed from every compacted day
  (``droplets forget``).

On AWS the daily rewrite is the Step Functions state machine of
``components/compaction.py``, which runs the same SQL on Athena.
"""
