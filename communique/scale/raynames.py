"""File names of Ray's Parquet shards, in the local engine's pattern (imported only when Ray is)."""

from __future__ import annotations

from ray.data.datasource import FilenameProvider


class PartNames(FilenameProvider):
    """``part-00000-<write id>.parquet``: matches ``part-*.parquet`` like the local shards, unique per write."""

    def get_filename_for_task(self, write_uuid: str, task_index: int) -> str:
        return f"part-{task_index:05d}-{write_uuid}.parquet"
