"""The server's indexes, written by ``govtrace build`` beside the data and opened at start.

Read at start instead, the cited tasks took 66 s to the first ``/api/mandates`` answer at
30,000 documents and the search passages 42 s at 10,000; every ``/api/coverage`` question
took 12 s at 10,000. :func:`write_index` computes all of them
(:class:`~govtrace.queries.prebuilt.Prebuilt`) right after a build has put its store in
place, and :func:`open_index` opens them: each part (the cited tasks, the passages, the
corpus answers, each cited regulation's answer) is a file read on its first use, so a
question waits only for its own, and each is stored so that opening it builds few objects
(their items kept pickled or as JSON until asked for): at 30,000 documents the server's
first answers waited seconds for whole parts to be unpickled (issue 16).

How the build runs it without the graph part importing this one (data flows graph →
queries, ``tests/test_architecture.py``): :func:`write_index` is registered under the
``govtrace.indexes`` entry-point group in ``pyproject.toml``, which ``graph/build.py``
loads by name, as the core loads the parts' commands from ``govtrace.commands``.

Where: ``<store>.index/`` beside the store's directory (as its ``.snapshots`` and ``.lock``),
so that it outlives the swap of a build's copy (a RocksDB backup, which holds only RocksDB's
files) and the next build's index step can keep what no changed document touches: each
cited regulation's answer (:mod:`govtrace.queries.cited_works`) is computed again only when
a document citing it changed, and only when the index there is of the state the build
started from (so that no SPARQL Update since is missed); the other parts are computed whole.

Never older than its store: the index carries the *stamp* of the store it was computed
from (:mod:`govtrace.graph.store_state`): the name and size of each of RocksDB's table files
and of each non-empty write-ahead log, which the server's snapshots (opening the store for
writing, which rewrites only its other files) leave as they are. The index step opens the
store for writing once before it stamps it, so that RocksDB drops the logs a bulk load left
behind whose writes are all in tables (it would do it at the server's first snapshot, and
the stamp would change under the index). The server compares the stamps when it opens a
snapshot; an index of another state is refused (GT-QUERY-008, logged) and the server reads
the indexes from the store in the background as it did before there were any. A build that
changes nothing writes the index again only if it is missing or stale, and an index of
another format or govtrace version (``basis``) is never reused.

The format is :mod:`pickle`: the index is objects (strings, tuples, pydantic models) that
the server needs as objects, and unpickling them is several times faster than reading the
same from JSON and validating it again; what a question reads item by item (a cited task, a
regulation's citations) is kept as its own pickle or JSON text inside, read when asked for.
Each part's large arrays and strings lie after its pickle in the same file, the arrays
mapped into memory rather than read (:mod:`govtrace.queries.index_files`).
It is read only from beside the store, a directory
the server trusts as much as the store itself (its snapshots are there too).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from govtrace import __version__
from govtrace.errors import QUERY_INDEX_STALE, Location, QueryError, StoreError
from govtrace.graph.store_factory import open_snapshot
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.graph.store_state import DataFiles, data_files
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.cited_works import CitedWorks, read_cited_works
from govtrace.queries.citing_tasks import CitingTasks
from govtrace.queries.coverage import coverage_by_year
from govtrace.queries.down_links import DownLinks, read_down_links
from govtrace.queries.entities import documents, regulations
from govtrace.queries.index_files import index_format, part_format, read_part
from govtrace.queries.index_parts import PLAN_PART, IndexWork, PartReader, part_file, write_parts
from govtrace.queries.lazy import Lazy
from govtrace.queries.link_details import LinkDetails, read_link_details
from govtrace.queries.long_lived import reading_long_lived
from govtrace.queries.models import DocumentRef
from govtrace.queries.oxigraph_rows import OxigraphRows
from govtrace.queries.plan_answers import PlanAnswers
from govtrace.queries.plan_report import reported_years
from govtrace.queries.prebuilt import CorpusAnswers, Prebuilt
from govtrace.queries.rows import Ids
from govtrace.queries.search import PassageIndex
from govtrace.settings import Settings

INDEX_SUFFIX = ".index"
INDEX_PARTS = ("citing_tasks", "passages", "corpus", "cited_works")  # Prebuilt's, a file each
LATER_PARTS = ("down_links", "link_details", "plan_answers")
"""Parts an index written before them lacks: opened as None (their answers then ask the
store) rather than the index refused, and written by the next build even of the same state."""
STAMP_FILE = "stamp"
BASIS_FILE = "basis"  # the format and govtrace version: what may be reused of it
FORMAT = 5
"""The index's own layout: an index of another is stale. Raised when the layout changes; a
part that changes shape raises its class's ``INDEX_FORMAT`` instead (:data:`PART_TYPES`).
5: the parts carry their formats (an older govtrace failed to unpickle the link table of a
newer one instead of refusing it, issue 16)."""
PART_TYPES: dict[str, type] = {
    "citing_tasks": CitingTasks, "passages": PassageIndex, "corpus": CorpusAnswers,
    "cited_works": CitedWorks, "down_links": DownLinks, "link_details": LinkDetails,
    "plan_answers": PlanAnswers}
"""Each part's class, whose format (:func:`~govtrace.queries.index_files.index_format`) its
file must have: a part of another format is refused before it is unpickled (one of
:data:`LATER_PARTS` is then missing, the index without one of the others is stale), and is
what a build writes again (:func:`stale_parts`)."""

_log = logging.getLogger(__name__)


def index_dir(store_dir: Path) -> Path:
    return store_dir.with_name(store_dir.name + INDEX_SUFFIX)


def _basis() -> str:
    return f"format {FORMAT}, govtrace {__version__}"


def store_stamp(store_dir: Path) -> str:
    """What tells this state of the store's data apart from any other (see the module's
    doc); an index computed from another state has another stamp."""
    return _stamp(data_files(store_dir))


def _stamp(files: DataFiles) -> str:
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name, size in files:
        digest.update(f"{name} {size}\n".encode())
    return digest.hexdigest()


def _settle(settings: Settings) -> None:
    """Open the store for writing and close it: RocksDB then drops the logs whose writes
    are all in tables, as the server's first snapshot would (see the module's doc). Skipped
    when another process writes it (a server's update): the stamp then holds until it
    does."""
    try:
        EmbeddedStore.open(settings).close()
    except StoreError:
        _log.info("the store is open for writing elsewhere; stamped as it is")


def part_readers(versions: dict[str, str], described: list[DocumentRef],
                 previous: CitedWorks | None = None) -> dict[str, PartReader]:
    """How each part but the plan-vs-report answers (:mod:`govtrace.queries.index_parts`)
    is read from the store, the costliest first; the documents' files are ``versions`` (doc
    id: sha256), their descriptions ``described`` (:func:`documents`), and what
    ``previous`` holds of documents that did not change is kept."""

    def cited_works(answers: Answers) -> CitedWorks:
        # Through the documents the answers know: the citing tasks' documents are not
        # described again from the store (half of the part's CPU, issue 16).
        works, asked = read_cited_works(answers.service, answers.ids, versions, previous)
        _log.info("cited works: %d of %d read from the store", asked, len(works.works))
        return works

    def corpus(answers: Answers) -> CorpusAnswers:
        by_year = coverage_by_year(answers.service, answers.ids)
        return CorpusAnswers(coverage=by_year,
                             coverage_years=sorted(year for year in by_year if year is not None),
                             regulations=regulations(answers.service, answers.ids),
                             documents=described)

    return {"link_details": lambda answers: read_link_details(answers.service),
            "passages": lambda answers: answers.passages.get(),
            "citing_tasks": lambda answers: answers.citing_tasks.get(),
            "cited_works": cited_works, "corpus": corpus,
            "down_links": lambda answers: read_down_links(answers.service)}


def write_index(settings: Settings, started_from: DataFiles | None = None) -> bool:
    """Compute the index of the embedded store ``settings`` name and write it beside the
    store (the ``govtrace.indexes`` step of a build); False when there was nothing to do
    (a remote store, which others may change, or an index of this state already there).

    ``started_from``: the state of the store before the build that has just changed it.
    When the index there is of that state, what the build changed no document of is kept
    (the module's doc); otherwise (an update since, or no build) all is computed. An index
    of this very state keeps its parts but those :func:`stale_parts` names. The parts are
    computed side by side on the build's workers (:mod:`govtrace.queries.index_parts`)."""
    probe = open_snapshot(settings)  # None for a remote store, which others may change
    if probe is None:
        return False
    probe.close()  # before the store is opened for writing (_settle)
    store_dir = settings.resolved_store_dir
    _settle(settings)
    stamp, written = store_stamp(store_dir), _stamp_written(store_dir)
    kept: list[str] = []
    if written == stamp and _basis_written(store_dir) == _basis():
        stale = set(stale_parts(store_dir))  # once: it reads every part's header
        kept = [name for name in [*INDEX_PARTS, *LATER_PARTS] if name not in stale]
    if len(kept) == len(INDEX_PARTS) + len(LATER_PARTS):
        return False
    previous = (_previous_cited_works(store_dir)
                if started_from is not None and written == _stamp(started_from) else None)
    snapshot = open_snapshot(settings)  # read-only
    assert snapshot is not None  # (embedded)
    try:
        rows, ids = OxigraphRows(snapshot), Ids(IriScheme(settings.base_iri))
        versions = {doc_id: entry.sha256 for doc_id, entry in snapshot.documents().items()}
        questions = None if PLAN_PART in kept else reported_years(rows, ids)
        # Read once here for the parts that describe documents (index_parts' doc).
        described = (documents(rows, ids) if {"corpus", "citing_tasks", PLAN_PART} - {*kept}
                     else [])
    finally:
        snapshot.close()
    # Written whole beside the old one, then swapped in: a reader sees one or the other.
    staging = Path(tempfile.mkdtemp(prefix=index_dir(store_dir).name + ".",
                                    dir=store_dir.parent))
    try:
        for name in kept:  # never rewritten in place (index_files' doc): shared, not copied
            os.link(part_file(index_dir(store_dir), name), part_file(staging, name))
        write_parts(IndexWork(settings, {
            name: reader for name, reader in part_readers(versions, described, previous).items()
            if name not in kept}, questions, staging, CorpusAnswers(
                coverage={}, coverage_years=[], regulations=[], documents=described)))
        (staging / STAMP_FILE).write_text(stamp)
        (staging / BASIS_FILE).write_text(_basis())
        old = index_dir(store_dir)
        if old.exists():
            shutil.rmtree(old)
        staging.rename(old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return True


def _basis_written(store_dir: Path) -> str | None:
    try:
        return (index_dir(store_dir) / BASIS_FILE).read_text()
    except OSError:
        return None


def _previous_cited_works(store_dir: Path) -> CitedWorks | None:
    """The cited works of the index there is, whichever state it was computed from, if this
    code wrote it (format and version: ``basis``)."""
    if _basis_written(store_dir) != _basis():
        return None
    try:
        with part_file(index_dir(store_dir), "cited_works").open("rb") as file:
            previous = read_part(file)  # our own file (the module's doc)
    except OSError:
        return None
    return previous if isinstance(previous, CitedWorks) else None


def _stamp_written(store_dir: Path) -> str | None:
    try:
        return (index_dir(store_dir) / STAMP_FILE).read_text()
    except OSError:
        return None


def open_index(store_dir: Path, stamp: str) -> Prebuilt:
    """The index written for the store state ``stamp``, each part read on its first use;
    GT-QUERY-008 when there is none or it was computed from another state."""
    where = index_dir(store_dir)
    files: dict[str, BinaryIO] = {}
    later: dict[str, BinaryIO | None] = {}
    try:
        for name in INDEX_PARTS:  # opened now: a build replacing the index cannot change them
            files[name] = (where / f"{name}.pickle").open("rb")
        later = {name: _open_if_there(where / f"{name}.pickle") for name in LATER_PARTS}
        written = _stamp_written(store_dir)  # read after: the stamp of the files opened
        other = [name for name, file in files.items() if not _of_this_format(name, file)]
    except OSError:
        written, other = None, []
    if written != stamp or other:
        for file in [*files.values(), *later.values()]:
            if file is not None:
                file.close()
        raise QueryError(QUERY_INDEX_STALE, (
            "the store has no index" if written is None else
            "the index was computed from another state of the store" if written != stamp
            else f"the index's {', '.join(other)} is of a format this govtrace does not "
                 "read"), location=Location(file=str(where)))
    for name, file in later.items():
        if file is not None and not _of_this_format(name, file):
            _log.warning("the index's %s is of a format this govtrace does not read: its "
                         "answers are asked of the store until a build writes it again", name)
            file.close()
            later[name] = None
    return Prebuilt(stamp, **{name: Lazy(partial(_load, file)) for name, file in files.items()},
                    **{name: Lazy(partial(_load, file) if file else lambda: None)
                       for name, file in later.items()})


def _of_this_format(name: str, file: BinaryIO) -> bool:
    return part_format(file) == index_format(PART_TYPES[name])


def stale_parts(store_dir: Path) -> list[str]:
    """The parts of the index beside ``store_dir`` that are missing or of another format
    than this govtrace writes (what a build writes again, even of the same state)."""
    where = index_dir(store_dir)
    stale = []
    for name in [*INDEX_PARTS, *LATER_PARTS]:
        file = _open_if_there(where / f"{name}.pickle")
        if file is None:
            stale.append(name)
            continue
        with file:
            if not _of_this_format(name, file):
                stale.append(name)
    return stale


def _open_if_there(path: Path) -> BinaryIO | None:
    try:
        return path.open("rb")
    except FileNotFoundError:
        return None


def _load(file: BinaryIO) -> Any:
    with file, reading_long_lived():  # kept as long as the snapshot (its module's doc)
        return read_part(file)  # the store's own file (the module's doc)


def try_open_index(store_dir: Path, stamp: str) -> Prebuilt | None:
    """:func:`open_index`, or None with the reason logged (the server then reads the
    indexes from the store)."""
    try:
        return open_index(store_dir, stamp)
    except QueryError as refused:
        _log.warning("%s", refused.message)
        return None
