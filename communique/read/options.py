"""Reading options: one small typed record instead of loose keyword arguments.

``read_one`` and ``iter_documents`` take ``**opts``; turning them into a
dataclass here means a misspelt option fails loudly instead of being ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the caller may tune.

    ``max_bytes`` caps one document (a file, a download, one corpus row): a
    record of a diplomatic encounter is a few hundred KB at most, so anything
    far bigger is a mistake and is refused before it is read into memory.
    ``timeout`` is the connect/read timeout of a URL in seconds, and
    ``deadline`` the whole download's (a server that trickles bytes forever
    would otherwise never time out).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 10.0
    deadline: float | None = None  # None: six times ``timeout``
    max_redirects: int = 5
    # called with every URL requested, the redirects' too; raises InputError to refuse one
    # (the web server refuses private addresses this way, so a redirect cannot reach them)
    check_url: Callable[[str], object] | None = None
    # called with each response's URL and the address actually connected to, before its body is read;
    # raises InputError to refuse it (a host whose DNS answer changed after check_url cannot slip through)
    check_peer: Callable[[str, str], object] | None = None

    @classmethod
    def from_opts(cls, opts: dict[str, Any]) -> ReadOptions:
        """Build options from keyword arguments; unknown names raise TypeError, None means the default."""
        opts = {k: v for k, v in opts.items() if v is not None}
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(opts) - known)
        if unknown:
            raise TypeError(f"unknown read option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        out = cls(**opts)
        if out.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if out.timeout <= 0:
            raise ValueError("timeout must be positive")
        return out

    @property
    def total_time(self) -> float:
        return self.deadline if self.deadline is not None else 6 * self.timeout


def human_size(n: int) -> str:
    """'20 MB' rather than '20971520': errors are read by people."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "bytes" or size == int(size) else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"
