"""How many documents a run will read, counted before it starts, so the progress bar has a total and an ETA.

Cheap on purpose: a folder is listed (as the reader walks it), a JSONL file's
non-blank lines are counted in binary, a CSV's records are counted by the
csv module without decoding into Documents, a Parquet file's row count is in
its footer; any other file or URL is one document. Standard input cannot be
counted, and neither can anything that fails here: the total is then None
and the bar shows a count without a total, as before.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable

from communique.read.files import walk
from communique.read.url import is_url


def count_inputs(locations: Iterable[str]) -> int | None:
    """The number of documents in ``locations``, or None when it cannot be known cheaply."""
    total = 0
    for location in locations:
        location = os.fspath(location)
        if location == "-":
            return None
        if is_url(location):
            total += 1
            continue
        if os.path.isdir(location):
            paths = sorted(_folder_files(location))
        else:
            paths = [location]
        for path in paths:
            n = _count_file(path)
            if n is None:
                return None
            total += n
    return total


def _folder_files(folder: str) -> list[str]:
    """The files ``ingest``/``batch`` read in a folder: the reader's walk, plus Parquet shards."""
    found = list(walk(folder))
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            os.path.join(top, f) for f in files if f.lower().endswith(".parquet") and not f.startswith(("_", "."))
        ]
    return found


def _count_file(path: str) -> int | None:
    lower = path.lower()
    try:
        if lower.endswith(".jsonl"):
            with open(path, "rb") as fh:
                return sum(1 for line in fh if line.strip())
        if lower.endswith(".csv"):
            with open(path, "rb") as fh:
                text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
                csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
                return max(0, sum(1 for row in csv.reader(text) if row) - 1)
        if lower.endswith(".parquet"):
            import pyarrow.parquet as pq

            return pq.read_metadata(path).num_rows
    except Exception:  # unreadable, malformed, no pyarrow: the reader reports it; the total is unknown
        return None
    return 1  # a missing file is one (failed) input, as the reader counts it
