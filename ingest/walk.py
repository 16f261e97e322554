"""The files a path given to ingest stands for, and why an entry is not one.

A directory is walked in sorted order, following links to directories but never into a
directory it is already inside; an entry that cannot be read as a file gets its coded
error instead of being skipped without a word: a name that is not UTF-8, a named pipe,
socket or device (opening a pipe would wait for a writer for ever), a link that leads
back to itself, a link to nothing.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from govtrace.errors import (
    INGEST_BAD_NAME,
    INGEST_LINK_LOOP,
    INGEST_NOT_A_FILE,
    INGEST_UNREADABLE,
    ErrorCode,
    IngestError,
    Location,
)
from govtrace.ingest.failure import IngestFailure
from govtrace.ingest.readers import is_supported


def walk(given: Path) -> Iterator[Path | IngestFailure]:
    """``given`` itself, or every file under it: each a path to read, or the failure that
    rules it out before it is opened. Regular files of a walked directory whose extension
    govtrace does not read are yielded as paths (the caller skips them), and so is a given
    path that does not exist (reading it gives its error); names starting with a dot are
    left out of a walk."""
    try:
        status = given.stat()
    except OSError as exc:
        yield _unstattable(given, exc) or given
        return
    if stat.S_ISDIR(status.st_mode):
        yield from _walk(given, frozenset({(status.st_dev, status.st_ino)}))
    else:
        yield _check(given, status)


def _walk(directory: Path, ancestors: frozenset[tuple[int, int]]
          ) -> Iterator[Path | IngestFailure]:
    for entry in sorted(directory.iterdir()):
        try:
            status = entry.stat()
        except OSError as exc:
            if not entry.name.startswith(".") and (
                    is_supported(entry) or exc.errno == errno.ELOOP):
                yield _unstattable(entry, exc) or _failure(INGEST_UNREADABLE, entry, str(exc))
            continue
        if stat.S_ISDIR(status.st_mode):
            key = (status.st_dev, status.st_ino)
            if key in ancestors:
                yield _failure(INGEST_LINK_LOOP, entry, f"a link to {entry.resolve()}, "
                                                        "a folder it is in")
            else:
                yield from _walk(entry, ancestors | {key})
        elif entry.name.startswith("."):
            continue
        elif not is_supported(entry):
            if stat.S_ISREG(status.st_mode):
                yield entry
        else:
            yield _check(entry, status)


def _check(path: Path, status: os.stat_result) -> Path | IngestFailure:
    if not stat.S_ISREG(status.st_mode):
        return _failure(INGEST_NOT_A_FILE, path,
                        f"a {_kind(status.st_mode)}, not a regular file")
    return _bad_name(path) or path


def _unstattable(path: Path, exc: OSError) -> IngestFailure | None:
    if exc.errno == errno.ELOOP:
        return _failure(INGEST_LINK_LOOP, path, "a symbolic link that leads back to itself")
    if path.is_symlink():
        return _failure(INGEST_UNREADABLE, path, f"a symbolic link to {_shown(path.readlink())}, "
                                                 "which does not exist")
    return _bad_name(path)


def _bad_name(path: Path) -> IngestFailure | None:
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(path.name)
        return _failure(INGEST_BAD_NAME, path, f"the file name {raw!r} is not valid UTF-8 "
                                               f"(as GB18030: {raw.decode('gb18030', 'replace')})")
    return None


def _failure(code: ErrorCode, path: Path, detail: str) -> IngestFailure:
    return IngestFailure.of(path, IngestError(code, detail, location=Location(file=_shown(path))))


def _shown(path: Path) -> str:
    """The path as printable text: undecodable bytes of a name as \\x escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"
