"""Other ways to run the pipeline than ``api.ingest`` on one machine.

- ``engines.parquet``: results as Parquet records (one row per input: the SCHEMA v1 JSON and
  the article it came from), written partitioned by date, and loaded into a store through
  the normal ``Store.write_batch`` path (``eventwire load-parquet``).
- ``engines.spark``: a PySpark job (``eventwire ingest --engine spark``) that runs the same
  Pipeline, one per Python worker, and writes those Parquet records.
"""
