"""Read govtrace's Turtle resources (ontology, shapes, example) into rdflib graphs.

The bundled files are read through :mod:`importlib.resources`, so they are found in an
installed wheel as well as in a checkout; any of them can be replaced by a path (the
``--ontology`` option of ``govtrace ontology check``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from govtrace.errors import ONTOLOGY_PARSE, Location, OntologyError

ONTOLOGY_FILE = "govtrace.ttl"
SHAPES_FILE = "shapes.ttl"
EXAMPLE_FILE = "examples/wushen-lineage.ttl"


def resource_path(name: str) -> str:
    """Where a bundled resource lives, for messages."""
    return str(files("govtrace.ontology").joinpath(name))


def read_source(path: Path | None, bundled: str) -> tuple[str, str]:
    """The text of ``path``, or of the bundled resource when ``path`` is None, and its name."""
    if path is not None:
        return path.read_text(encoding="utf-8"), str(path)
    return files("govtrace.ontology").joinpath(bundled).read_text(encoding="utf-8"), \
        resource_path(bundled)


def parse_turtle(text: str, source: str) -> Graph:
    """Parse Turtle, turning a syntax error into ONTOLOGY_PARSE with its line and column."""
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except BadSyntax as exc:
        why = getattr(exc, "_why", None) or str(exc)  # rdflib's short reason is private
        raise OntologyError(ONTOLOGY_PARSE, f"{source} is not valid Turtle: {why}",
                            location=_bad_syntax_location(exc, text, source)) from exc
    return graph


def _bad_syntax_location(exc: BadSyntax, text: str, source: str) -> Location:
    # rdflib keeps the failing position only in a private attribute: _i, a character index
    # into the decoded text (despite the exception also holding the text as bytes).
    index = getattr(exc, "_i", None)
    if not isinstance(index, int) or not 0 <= index <= len(text):
        return Location(file=source)
    return Location.in_text(text, index, source)


def load_graph(path: Path | None, bundled: str) -> Graph:
    """Parse a Turtle file, or the bundled resource when ``path`` is None."""
    text, source = read_source(path, bundled)
    return parse_turtle(text, source)


def load_ontology(path: Path | None = None) -> Graph:
    """The govtrace OWL ontology (``govtrace.ttl``) as an rdflib graph."""
    return load_graph(path, ONTOLOGY_FILE)


def load_shapes(path: Path | None = None) -> Graph:
    """The govtrace SHACL shapes (``shapes.ttl``) as an rdflib graph."""
    return load_graph(path, SHAPES_FILE)


def load_example(path: Path | None = None) -> Graph:
    """The bundled example graph (乌审旗 → 内蒙古 → national outline), which conforms."""
    return load_graph(path, EXAMPLE_FILE)
