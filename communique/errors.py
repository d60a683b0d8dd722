"""Errors a user sees: one line that names the input and says what is wrong."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class of the errors communique raises on purpose."""


class InputError(CommuniqueError):
    """An input that cannot be read: missing, empty, binary, too large, unreachable…

    ``str(err)`` is a single line: ``<input>: <reason>``.
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{source}: {self.reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # rebuilt from (source, reason), so the error crosses process boundaries (ingest workers)
        return (InputError, (self.source, self.reason))
