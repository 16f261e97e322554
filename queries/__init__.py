"""govtrace.queries: saved SPARQL and the answers over a store (``open_graph``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govtrace.queries.python_api import open_graph

__all__ = ["open_graph"]


def __getattr__(name: str) -> Any:
    # Lazy: `govtrace --help` and the saved-query tools should not load rdflib and pydantic.
    if name == "open_graph":
        from govtrace.queries.python_api import open_graph

        return open_graph
    raise AttributeError(name)
