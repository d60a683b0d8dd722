"""Scale: analyse a corpus on all local cores or on a Ray cluster, and write it as Parquet.

``batch.run_batch`` is the entry point (``communique batch``); ``parquet``
holds the record schema, writer and reader that ``ingest`` and ``export``
share; ``inputs`` tells raw records from analysed ones. Nothing here imports
Ray or pyarrow until a run needs it.
"""
