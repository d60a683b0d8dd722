"""What a batch run did: documents written, failures (one line each), time."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BatchReport:
    engine: str
    workers: int = 1
    written: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.written / self.seconds if self.seconds else 0.0
