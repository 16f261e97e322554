"""The divisions as read from jionlp, kept in the user's cache from one process to the next.

Reading them (jionlp's tables, each name's pinyin through pypinyin's phrase dictionary)
cost about 1.3 s of CPU in every process that looked a division up: a server before its
first ``/api/divisions`` answer (on 2 cores at 30,000 documents, while its first answers
waited for the GIL), each build worker, each ``govtrace divisions`` (issue 16). What they
give is a few hundred kilobytes of frozen dataclasses, unpickled in about 10 ms.

The cache is one pickle, ``gazetteer.pickle`` in ``$XDG_CACHE_HOME/govtrace``
(``~/.cache/govtrace``): the user's own directory, written only by this code, trusted as
the installed code is. It holds the *stamp* of what read the data and from what: this
cache's format, govtrace's version, jionlp's and pypinyin's, and the source of the modules
that read them; a cache of another stamp is read again and replaced. When the directory
cannot be written the divisions are read in each process, as before the cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from govtrace import __version__
from govtrace.ontology import divisions_model, divisions_pinyin, divisions_source
from govtrace.ontology.divisions_source import GazetteerData, load_gazetteer_data

FORMAT = 1  # raised when what is pickled changes shape
CACHE_FILE = "gazetteer.pickle"
_READERS = (divisions_source, divisions_model, divisions_pinyin)  # what the data depend on

_log = logging.getLogger(__name__)


def cache_file() -> Path:
    """Where the cache is: the XDG base-directory rule (two lines here; a library for it
    would be a dependency for one path)."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "govtrace" / CACHE_FILE


def stamp() -> str:
    """What tells these divisions apart from any read by other code or from other data."""
    digest = hashlib.sha256(f"gazetteer cache {FORMAT}, govtrace {__version__}\n".encode())
    for package in ("jionlp", "pypinyin"):
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} unknown\n".encode())
    for module in _READERS:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


def cached_gazetteer_data() -> GazetteerData:
    """The divisions: from the cache when its stamp is this code's, else read from jionlp
    and cached."""
    path, expected = cache_file(), stamp()
    cached = _read(path)
    if cached is not None and cached[0] == expected and isinstance(cached[1], GazetteerData):
        return cached[1]
    data = load_gazetteer_data()
    _write(path, (expected, data))
    return data


def _read(path: Path) -> tuple[str, object] | None:
    try:
        with path.open("rb") as file:
            value = pickle.load(file)  # our own file (the module's doc)
    except FileNotFoundError:
        return None
    # A cache that cannot be read (cut short, of a Python that pickled other classes) is
    # one to read again, whatever the error: nothing depends on it but speed.
    except Exception as unreadable:  # noqa: BLE001
        _log.info("the divisions' cache %s cannot be read (%s); reading jionlp's tables",
                  path, unreadable)
        return None
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return value[0], value[1]
    return None


def _write(path: Path, value: tuple[str, GazetteerData]) -> None:
    """Written beside the old file, then moved over it: a process reading at the same time
    (a build's workers start together) sees one or the other, whole."""
    written: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name + ".",
                                         delete=False) as file:
            written = Path(file.name)
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        written.replace(path)
    except OSError as unwritable:
        _log.info("the divisions' cache %s cannot be written (%s)", path, unwritable)
        if written is not None:
            written.unlink(missing_ok=True)
