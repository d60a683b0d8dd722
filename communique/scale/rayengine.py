"""The Ray engine of ``communique batch``: the per-document pipeline as a Ray Data map.

The driver reads the inputs (so errors name them in order, exactly as
``ingest`` does) and puts them into Ray's object store in blocks of pickled
Documents; ``map_batches`` runs :func:`communique.ingest.analyse_item` — the
very function the local engine runs — in Ray tasks on every node; each task
returns an Arrow table with the schema of :mod:`communique.scale.parquet`, and
``write_parquet`` writes those from the workers. So the output is the same as
``--engine local``'s, row for row. Documents that fail analysis are sent to a
small actor and listed by the driver at the end.

Multi-node: every node needs communique installed (the same version), and the
output path must be one every node can write (a shared file system, or an
``s3://``/``gs://`` URI that pyarrow understands).
"""

from __future__ import annotations

import logging
import pickle
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from communique.errors import CommuniqueError, InputError
from communique.scale.inputs import Item
from communique.scale.report import BatchReport

RAY_EXTRA = "communique[ray]"
BLOCK_ROWS = 32  # documents per object-store block and per map call: small blocks keep workers evenly busy


def require_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (Ray without its Data library cannot run a batch)
    except ImportError as exc:
        raise CommuniqueError(f"--engine ray needs Ray Data: pip install '{RAY_EXTRA}'") from exc
    return ray


class FailureLog:
    """Collects the one-line failures of the map tasks (a Ray actor)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, lines: list[str]) -> None:
        self.lines.extend(lines)

    def all(self) -> list[str]:
        return list(self.lines)


_KB_LOADED: set[str] = set()


def analyse_block(batch: Any, only: list[str] | None, kb: list[str], log: Any) -> Any:
    """One map call: pickled Documents in, a records table out (failures go to ``log``)."""
    import ray

    from communique.ingest import _init_worker, analyse_item
    from communique.scale.parquet import records_table

    for path in kb:  # a task runs in a worker process that may serve many tasks: load each file once
        if path not in _KB_LOADED:
            from communique.entities import add_kb_path

            add_kb_path(path)
            _KB_LOADED.add(path)
    _init_worker(only)
    records, failures = [], []
    for payload in batch.column("payload").to_pylist():
        result = analyse_item(pickle.loads(payload))
        if isinstance(result, InputError):
            failures.append(str(result))
        else:
            records.append(result.to_dict())
    if failures:
        ray.get(log.add.remote(failures))
    return records_table(records)


def connect(address: str | None, workers: int, options: dict[str, Any] | None = None) -> bool:
    """Join the cluster at ``address``, or start a local Ray with ``workers`` CPUs; True when started here."""
    ray = require_ray()
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING}
    kwargs.update(options or {})
    if address:
        ray.init(address=address, **kwargs)
    else:
        ray.init(num_cpus=workers, **kwargs)
    return True


def cluster_cpus() -> int:
    ray = require_ray()
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def run_ray(
    items: Iterable[Item],
    output: str | Path,
    workers: int = 0,
    address: str | None = None,
    only: list[str] | None = None,
    kb: list[str] | None = None,
    shard_rows: int = 500,
    progress: bool = False,
    ray_options: dict[str, Any] | None = None,
) -> BatchReport:
    """Analyse ``items`` on Ray and write Parquet shards into ``output``.

    ``workers`` caps the concurrent map tasks (0: every CPU of the cluster;
    also the CPUs of a local instance started here). ``ray_options`` go to
    ``ray.init`` (e.g. ``object_store_memory``).
    """
    ray = require_ray()
    import pyarrow as pa

    from communique.ingest import available_cores

    started = connect(address, workers or available_cores(), ray_options)
    try:
        workers = workers or cluster_cpus()
        report = BatchReport("ray", workers=workers)
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = progress
        if not progress:  # Ray Data logs each execution at INFO: keep a plain run's standard error to the point
            logging.getLogger("ray.data").setLevel(logging.WARNING)
        t0 = time.perf_counter()
        refs, chunk = [], []
        for item in items:
            if isinstance(item, InputError):
                report.failures.append(str(item))
                continue
            chunk.append(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
            if len(chunk) >= BLOCK_ROWS:
                refs.append(ray.put(pa.table({"payload": pa.array(chunk, pa.binary())})))
                chunk = []
        if chunk:
            refs.append(ray.put(pa.table({"payload": pa.array(chunk, pa.binary())})))
        if refs:
            log = ray.remote(num_cpus=0)(FailureLog).remote()
            ds = ray.data.from_arrow_refs(refs).map_batches(
                analyse_block,
                batch_format="pyarrow",
                batch_size=BLOCK_ROWS,
                fn_kwargs={"only": only, "kb": [str(p) for p in kb or []], "log": log},
                compute=ray.data.TaskPoolStrategy(size=workers),
                num_cpus=1,
            )
            from communique.scale.raynames import PartNames

            try:
                ds.write_parquet(
                    str(output),
                    filename_provider=PartNames(),
                    min_rows_per_file=shard_rows,
                    # writes cost little CPU; left at one CPU, Ray Data reserves one for them and on two
                    # cores runs one analysis task at a time (measured: 37.5 docs/s instead of 46+)
                    ray_remote_args={"num_cpus": 0},
                )
            except Exception as exc:  # Ray has logged the details; the user gets one line and exit 2
                first = (str(exc).strip().splitlines() or [""])[0]
                raise CommuniqueError(f"the Ray run failed: {type(exc).__name__}: {first}") from exc
            report.failures += sorted(ray.get(log.all.remote()))
        report.written = _rows_written(output)
        report.seconds = time.perf_counter() - t0
        return report
    finally:
        if started:
            ray.shutdown()


def _rows_written(output: str | Path) -> int:
    from communique.scale.writer import SHARD_PATTERN

    path = Path(output)
    if not path.is_dir():
        return 0  # a remote URI: Ray wrote it, counting would mean reading it back
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(str(p)).metadata.num_rows for p in sorted(path.glob(SHARD_PATTERN)))
