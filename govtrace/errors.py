"""All of govtrace's exceptions, each with a stable code and an actionable message.

Every error says what was wrong, where (file, line, column, character offset
when known) and what to do. The HTTP API turns them into one RFC 9457
problem+json shape; the HTTP status follows the *cause*: the caller's bad
input is 4xx, a fault of the store or of govtrace itself is 5xx.

Codes are ``GT-<AREA>-<NNN>`` and never reused; ``docs/errors.md`` is generated
from :data:`CODES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where in a source the problem is; every part is optional."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    offset: int | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.offset is not None:
            parts.append(f"character {self.offset}")
        return ", ".join(parts)

    @classmethod
    def in_text(cls, text: str, offset: int, file: str | Path | None = None) -> Location:
        """Locate a character offset of ``text`` as 1-based line and column."""
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return cls(file=str(file) if file is not None else None, line=line, column=column,
                   offset=offset)


@dataclass(frozen=True)
class ErrorCode:
    """A documented error code: its title, HTTP status and the default advice."""

    code: str
    title: str
    status: int
    hint: str


CODES: dict[str, ErrorCode] = {}


def _code(code: str, title: str, status: int, hint: str) -> ErrorCode:
    entry = ErrorCode(code, title, status, hint)
    if code in CODES:
        raise RuntimeError(f"error code {code} is defined twice")
    CODES[code] = entry
    return entry


# --- configuration ---------------------------------------------------------------------------
CONFIG_INVALID = _code("GT-CONFIG-001", "Invalid setting", 500,
                       "Check the GOVTRACE_* environment variables and command-line flags.")
# --- ontology --------------------------------------------------------------------------------
ONTOLOGY_PARSE = _code("GT-ONTO-001", "Ontology does not parse", 500,
                       "Fix the Turtle syntax at the position given.")
ONTOLOGY_INCONSISTENT = _code("GT-ONTO-002", "Ontology is inconsistent", 500,
                              "The reasoner found unsatisfiable classes; review their axioms.")
ONTOLOGY_INCOMPLETE = _code("GT-ONTO-003", "Ontology term lacks labels or a definition", 500,
                            "Give every class and property rdfs:label @zh and @en and "
                            "skos:definition.")
SHAPES_VIOLATED = _code("GT-ONTO-004", "Graph does not conform to the SHACL shapes", 500,
                        "Read the validation report; each result names the focus node and path.")
REASONER_UNAVAILABLE = _code("GT-ONTO-005", "The OWL reasoner cannot run", 500,
                             "HermiT needs a Java runtime: install one (apt-get install "
                             "default-jre-headless) and make sure `java` is on PATH.")
# --- divisions -------------------------------------------------------------------------------
DIVISION_NOT_FOUND = _code("GT-DIV-001", "Unknown administrative division", 404,
                           "Give a 6-digit GB/T 2260 code (150626) or a name (乌审旗, 乌中旗).")
DIVISION_AMBIGUOUS = _code("GT-DIV-002", "Division name is ambiguous", 400,
                           "Several divisions share this name; give the adcode or the parent "
                           "(鄂尔多斯市乌审旗).")


class GovtraceError(Exception):
    """Base class: a coded error with a location and a hint a person can act on."""

    def __init__(
        self,
        error: ErrorCode,
        detail: str,
        *,
        location: Location | None = None,
        hint: str | None = None,
    ) -> None:
        self.error = error
        self.detail = detail
        self.location = location
        self.hint = hint if hint is not None else error.hint
        super().__init__(self.message)

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def status(self) -> int:
        return self.error.status

    @property
    def message(self) -> str:
        where = f" ({self.location})" if self.location and str(self.location) else ""
        return f"[{self.code}] {self.detail}{where}. {self.hint}"


class ConfigError(GovtraceError):
    """A setting is wrong."""


class OntologyError(GovtraceError):
    """The ontology or the SHAPES do not load, reason or validate."""


class DivisionError(GovtraceError):
    """An administrative division cannot be resolved."""
