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
    huge file is refused at once; reading stops one byte past the cap for
    files whose size the metadata does not tell (pipes, /dev/stdin).
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


def too_large(size: int | None, max_bytes: int) -> str:
    what = f"{human_size(size)}" if size is not None else f"more than {human_size(max_bytes)}"
    return f"too large: {what}, the limit is {human_size(max_bytes)} (raise max_bytes to read it)"


def walk(folder: str) -> Iterator[str]:
    """Files under ``folder`` with a supported extension, recursively, in sorted order.

    Hidden files and folders (a leading dot: .git, editor backups) are
    skipped; paths keep the folder's spelling as given, so ``source`` reads
    the way the user typed it.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    for top, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(top, folder)
        parts = () if rel == "." else tuple(rel.split(os.sep))
        for name in files:
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUPPORTED_EXTENSIONS:
                continue
            found.append(((*parts, name), os.path.join(top, name)))
    found.sort()
    for _, path in found:
        yield path
