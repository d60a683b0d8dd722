"""Local paths: what kind of file a path is, reading it under the size cap, walking folders."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

from communique.errors import InputError
from communique.read.options import human_size

TEXT_EXTENSIONS = (".txt", ".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm")
CORPUS_EXTENSIONS = (".jsonl", ".csv")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + CORPUS_EXTENSIONS


def kind_of(path: str) -> str | None:
    """'text', 'html', 'jsonl' or 'csv' from the extension; None when it says nothing (sniff the bytes)."""
    ext = os.path.splitext(path)[1].lower()
    if ext in TEXT_EXTENSIONS:
        return "text"
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in CORPUS_EXTENSIONS:
        return ext[1:]
    return None


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The bytes of a file, refusing a missing, unreadable, empty or too large one.

    The size is checked on the file's metadata before anything is read, so a
    huge file is refused at once. Only regular files are opened: a named pipe
    (FIFO), device or socket could block the batch forever or never end (stdin
    is read as ``-``, not through here).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory: read folders with iter_documents")
    refuse_special(path, info.st_mode)
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise InputError(path, too_large(info.st_size, max_bytes))
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None
    if len(data) > max_bytes:
        raise InputError(path, too_large(None, max_bytes))
    if not data:
        raise InputError(path, "empty: the file has no bytes")
    return data


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def refuse_special(path: str, mode: int | None = None) -> None:
    """Raise InputError when ``path`` exists and is not a regular file or a folder (a FIFO, a device, a socket).

    Why before any ``open``: opening a FIFO blocks until a writer comes, so a
    stray ``mkfifo`` in a folder would hang a whole batch; a device may never end.
    """
    if mode is None:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return  # missing or unreadable: the open that follows says which
    for test, what in _SPECIAL:
        if test(mode):
            raise InputError(path, f"not a regular file but {what}: only regular files are read (pipe text in with -)")


def too_large(size: int | None, max_bytes: int) -> str:
    what = f"{human_size(size)}" if size is not None else f"more than {human_size(max_bytes)}"
    return f"too large: {what}, the limit is {human_size(max_bytes)} (raise max_bytes to read it)"


def walk(folder: str) -> Iterator[str | InputError]:
    """Files under ``folder`` with a supported extension, recursively, in sorted order.

    A subfolder that cannot be listed (permission denied) comes out in its
    place as an InputError, so the batch says so on one line and goes on.

    Hidden files and folders (a leading dot: .git, editor backups) are
    skipped; paths keep the folder's spelling as given, so ``source`` reads
    the way the user typed it.
    """
    found: list[tuple[tuple[str, ...], str | InputError]] = []

    def unreadable(err: OSError) -> None:  # a subfolder os.walk cannot list: reported, not skipped in silence
        where = err.filename or folder
        rel = os.path.relpath(where, folder)
        found.append(((*(() if rel == "." else tuple(rel.split(os.sep))), ""), _os_error(where, err)))

    for top, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(top, folder)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        for name in files:
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUPPORTED_EXTENSIONS:
                continue
            found.append(((*parts, name), os.path.join(top, name)))
    found.sort(key=lambda item: item[0])
    for _, path in found:
        yield path


def _os_error(path: str, err: OSError) -> InputError:
    if isinstance(err, PermissionError):
        return InputError(path, "permission denied: cannot list this folder")
    return InputError(path, f"cannot list this folder: {err.strerror or err}")
