"""The Python API: ``govtrace.queries.open_graph(store_dir_or_settings)``.

    >>> graph = open_graph("/path/to/store")
    >>> graph.mandates("行政复议").results[0].regulation.title
    >>> graph.lineage("150626-2024-work_plan-47b40eba/5").up
    >>> graph.sparql("SELECT ?s WHERE { ?s a gt:Task } LIMIT 3")   # DataFrame or list of dicts

It answers with the same :class:`~govtrace.queries.answers.Answers` the HTTP API uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govtrace.errors import QUERY_PARAM_INVALID, QueryError
from govtrace.graph.store import GraphStore
from govtrace.graph.store_factory import open_store
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.models import LineageAnswer, MandatesAnswer, TaskDetail
from govtrace.queries.rows import PREFIX_DECLARATIONS, python
from govtrace.settings import Settings


class Graph:
    """Answers over an opened store; close it (or use ``with``) when done.

    ``answers`` holds every question the HTTP API answers (regulations, documents,
    divisions, coverage, search); the methods here take a task as one id string."""

    def __init__(self, store: GraphStore, scheme: IriScheme) -> None:
        self.store = store
        self.answers = Answers(store, scheme)

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def mandates(self, q: str, **scope: Any) -> MandatesAnswer:
        """The regulations that mandate what ``q`` names (see ``Answers.mandates``)."""
        return self.answers.mandates(q, **scope)

    def task(self, task: str) -> TaskDetail:
        """A task given as ``{doc_id}/{n}`` or as its IRI."""
        return self.answers.task(*_task_id(task, self.answers.scheme))

    def lineage(self, task: str) -> LineageAnswer:
        """Lineage of a task given as ``{doc_id}/{n}`` or as its IRI."""
        return self.answers.lineage(*_task_id(task, self.answers.scheme))

    def sparql(self, query: str) -> Any:
        """A SELECT's solutions: a pandas DataFrame when pandas is installed, else dicts.

        The prefixes govtrace binds (gt:, skos:, rdfs:, dcterms:, prov: …) are declared for you."""
        result = self.store.query(PREFIX_DECLARATIONS + query)
        rows = [{name: python(term) for name, term in row.items()}
                for row in result.bindings()]
        try:
            import pandas  # type: ignore[import-untyped,unused-ignore]
        except ImportError:
            return rows
        return pandas.DataFrame(rows, columns=result.variables)


def _task_id(task: str, scheme: IriScheme) -> tuple[str, int]:
    text = task.removeprefix(scheme.base + "doc/").replace("/task/", "/")
    doc_id, _, number = text.rpartition("/")
    if not doc_id or not number.isascii() or not number.isdigit():
        raise QueryError(QUERY_PARAM_INVALID, f"{task!r} is not a task id: give "
                         "'{doc_id}/{n}' or the task's IRI")
    return doc_id, int(number)


def open_graph(store: str | Path | Settings) -> Graph:
    """The graph in a store directory (read-only), or the store the settings select."""
    settings = store if isinstance(store, Settings) else Settings(store_dir=Path(store))
    return Graph(open_store(settings, read_only=True), IriScheme(settings.base_iri))
