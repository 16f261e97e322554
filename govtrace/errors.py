"""All of govtrace's exceptions, each with a stable code and an actionable message.

Every error says what was wrong, where (file, line, column, character offset
when known) and what to do. The HTTP API turns them into one RFC 9457
problem+json shape; the HTTP status follows the *cause*: the caller's bad
input is 4xx, a fault of the store or of govtrace itself is 5xx.

Codes are ``GT-<AREA>-<NNN>`` and never reused; ``docs/errors.md`` is generated
from :data:`CODES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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

    def __reduce__(self) -> tuple[Callable[[str], ErrorCode], tuple[str]]:
        # Unpickled (an error raised in a build or query worker process) as the registered
        # constant itself, so that `error is STORE_DISK_FULL` still holds in the parent.
        return _registered, (self.code,)


CODES: dict[str, ErrorCode] = {}


def _registered(code: str) -> ErrorCode:
    return CODES[code]


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
DATA_DOMAIN_RANGE = _code("GT-ONTO-006", "Graph breaks a declared domain or range", 500,
                          "Each listed triple's subject or object is not known to be in its "
                          "property's rdfs:domain or rdfs:range: fix the writer that made it, "
                          "or the axiom in ontology/govtrace.ttl.")
DATA_INCONSISTENT = _code("GT-ONTO-007", "Graph is inconsistent with the ontology", 500,
                          "The reasoner finds no model of the ontology plus the data: fix the "
                          "domain/range breaches first; otherwise look for disjoint classes "
                          "asserted of one node.")
# --- divisions -------------------------------------------------------------------------------
DIVISION_NOT_FOUND = _code("GT-DIV-001", "Unknown administrative division", 404,
                           "Give a 6-digit GB/T 2260 code (150626) or a name (乌审旗, 乌中旗).")
DIVISION_AMBIGUOUS = _code("GT-DIV-002", "Division name is ambiguous", 400,
                           "Several divisions share this name; give the adcode or the parent "
                           "(鄂尔多斯市乌审旗).")


# --- ingest ----------------------------------------------------------------------------------
INGEST_UNSUPPORTED = _code("GT-INGEST-001", "Unsupported file type", 415,
                           "govtrace reads .txt, .html/.htm, .docx, .pdf (with a text layer, "
                           "or scanned, through OCR), .doc and .wps; convert the file (e.g. save "
                           "an .ofd, .rtf or .odt as .pdf or .docx) or rename it if the "
                           "extension is wrong.")
INGEST_EMPTY = _code("GT-INGEST-002", "The file has no text", 422,
                     "The file is empty or holds only whitespace or page furniture; check that "
                     "the download or conversion did not fail.")
INGEST_BINARY = _code("GT-INGEST-003", "The file is binary, not text", 415,
                      "The bytes are not text in any encoding govtrace knows (NUL or control "
                      "bytes); check that the extension matches the content.")
INGEST_TOO_LARGE = _code("GT-INGEST-004", "The file is too large", 413,
                         "Split the file, or raise GOVTRACE_MAX_FILE_BYTES if it really is one "
                         "document.")
INGEST_TRUNCATED = _code("GT-INGEST-005", "The file is truncated or corrupt", 422,
                         "The file ends in the middle of a character or its container is "
                         "damaged; download or convert it again.")
INGEST_UNDECODABLE = _code("GT-INGEST-006", "The text encoding cannot be determined", 422,
                           "Save the file as UTF-8 (govtrace also reads GB18030/GBK, Big5 and "
                           "UTF-16 with a BOM).")
INGEST_UNREADABLE = _code("GT-INGEST-007", "The file cannot be read", 404,
                          "Check that the path exists and is readable.")
METADATA_INVALID = _code("GT-INGEST-008", "The corpus metadata sidecar is invalid", 422,
                         "Fix metadata.toml as docs/ingest.md (\"Corpus metadata sidecar\") "
                         "describes: `schema = 1` and one [files.\"NAME\"] table per file.")
INGEST_DUPLICATE = _code("GT-INGEST-009", "Two files give the same document id", 409,
                         "A third file of the same name identifies as the same document as two "
                         "others (the same 文号, or the same title and date): most likely a "
                         "copy; keep one, or rename the file if it is another document.")
INGEST_NEEDS_OCR = _code("GT-INGEST-010", "Scanned PDF needs OCR", 422,
                         "Pages without a text layer are read by OCR with Tesseract and its "
                         "Simplified Chinese model: apt-get install tesseract-ocr "
                         "tesseract-ocr-chi-sim (or give a PDF with a text layer).")
INGEST_TOOL_MISSING = _code("GT-INGEST-011", "The program that reads this format is missing", 500,
                            "Legacy Word (.doc) and WPS (.wps) files are read by antiword: "
                            "install it (apt-get install antiword), or save the file as .docx.")
INGEST_OFD = _code("GT-INGEST-012", "OFD documents are not supported", 415,
                   "No maintained OFD (GB/T 33190) text reader is available to govtrace; "
                   "convert the file to PDF (e.g. with the 数科 or 福昕 OFD reader) and ingest "
                   "that.")
INGEST_BAD_NAME = _code("GT-INGEST-013", "The file name is not valid UTF-8", 422,
                        "Rename the file with a UTF-8 name, e.g. `convmv -f gbk -t utf-8 "
                        "--notest NAME` for a name written in GBK by a Windows archiver.")
INGEST_NOT_A_FILE = _code("GT-INGEST-014", "Not a regular file", 415,
                          "govtrace reads regular files (or links to them); a named pipe, "
                          "socket or device is skipped: copy the document into a file.")
INGEST_LINK_LOOP = _code("GT-INGEST-015", "A symbolic link leads back to itself", 422,
                         "The link (directly or through other links) points at itself or at "
                         "a folder that contains it; fix or remove it.")

# --- extract ---------------------------------------------------------------------------------
EXTRACT_BAD_OUTLINE = _code("GT-EXTRACT-003", "The national outline table is malformed", 500,
                            "Each row of national-outline-2021-2025.tsv needs section, "
                            "section_title, item and item_title, numbered in order.")
# --- store -----------------------------------------------------------------------------------
STORE_FAULT = _code("GT-STORE-001", "The graph store failed", 500,
                    "This is a fault of the store, not of the request; retry, and report it with "
                    "the detail if it persists.")
STORE_NOT_CONFIGURED = _code("GT-STORE-002", "The remote store is not configured", 500,
                             "Set GOVTRACE_REMOTE_QUERY_URL, GOVTRACE_REMOTE_UPDATE_URL and "
                             "GOVTRACE_REMOTE_STORE_URL (see docs/store.md).")
STORE_UNAVAILABLE = _code("GT-STORE-003", "The graph store cannot be opened or reached", 503,
                          "Check that the store directory exists and no other process holds it "
                          "open for writing (stop `govtrace build`), or that the remote server "
                          "is up.")
STORE_MISSING = _code("GT-STORE-004", "There is no store at this location", 500,
                      "Build one first: `govtrace build --store DIR` (no corpus builds the demo).")
STORE_BUILD_LOCKED = _code("GT-STORE-005", "Another build is writing this store", 409,
                           "Wait for that build to finish, or run this one without --no-wait "
                           "(GOVTRACE_BUILD_WAIT=true) to wait for it; if no build is running, "
                           "the lock was left by a process that still runs (see the id given).")
STORE_DISK_FULL = _code("GT-STORE-006", "The disk is full", 507,
                        "Free space on the disk of the store's directory, then build again; "
                        "a build that fails for space leaves the previous store as it was.")
# --- sparql ----------------------------------------------------------------------------------
SPARQL_SYNTAX = _code("GT-SPARQL-001", "The SPARQL request does not parse", 400,
                      "Fix the query at the line and column given.")
SPARQL_TIMEOUT = _code("GT-SPARQL-002", "The SPARQL query ran out of time and was stopped", 504,
                       "Anchor the query with an IRI or VALUES, add LIMIT, or raise "
                       "GOVTRACE_QUERY_TIMEOUT.")
SPARQL_UNAUTHORIZED = _code("GT-SPARQL-003", "SPARQL Update needs a bearer token", 401,
                            "Send `Authorization: Bearer <token>` with the server's "
                            "GOVTRACE_UPDATE_TOKEN.")
SPARQL_FORBIDDEN = _code("GT-SPARQL-004", "SPARQL Update is not allowed", 403,
                         "Updates are disabled unless GOVTRACE_UPDATE_TOKEN is set, and need "
                         "that exact token.")
SPARQL_TOO_LARGE = _code("GT-SPARQL-005", "The SPARQL request is too large", 413,
                         "Send a shorter query or raise GOVTRACE_MAX_QUERY_BYTES.")
SPARQL_NOT_ACCEPTABLE = _code("GT-SPARQL-006", "No acceptable result format", 406,
                              "Ask for application/sparql-results+json, +xml, text/csv or "
                              "text/tab-separated-values (SELECT, ASK) or text/turtle, "
                              "application/n-triples or application/ld+json (CONSTRUCT, "
                              "DESCRIBE).")
SPARQL_BAD_REQUEST = _code("GT-SPARQL-007", "The SPARQL protocol request is malformed", 400,
                           "Send exactly one `query` (GET or POST) or `update` (POST), as the "
                           "SPARQL 1.1 Protocol describes.")
SPARQL_UNSUPPORTED_MEDIA = _code("GT-SPARQL-008", "Unsupported request body type", 415,
                                 "POST application/x-www-form-urlencoded, "
                                 "application/sparql-query or application/sparql-update.")
SPARQL_BUSY = _code("GT-SPARQL-009", "Every query worker is busy", 503,
                    "Retry shortly; raise GOVTRACE_QUERY_WORKERS for more parallel queries.")
SPARQL_PREEMPTED = _code("GT-SPARQL-010", "The query gave way to waiting queries", 503,
                         "Every query worker was busy and this query had run longest; retry "
                         "after the time in Retry-After, or make it cheaper (anchor it with "
                         "an IRI or VALUES, add LIMIT). See `query_preempt_after` in "
                         "docs/store.md.")
SPARQL_MEMORY = _code("GT-SPARQL-011", "The SPARQL query needed too much memory", 422,
                      "Make the query cheaper (avoid DISTINCT or ORDER BY over a cross "
                      "product, anchor it with an IRI or VALUES, add LIMIT), or raise "
                      "GOVTRACE_QUERY_MEMORY_LIMIT_MB.")
SPARQL_REMOTE_REFUSED = _code("GT-SPARQL-012", "SERVICE or LOAD of this IRI is not allowed", 400,
                              "This endpoint only calls the SPARQL endpoints listed in "
                              "GOVTRACE_FEDERATION_ALLOW and loads only the sources listed in "
                              "GOVTRACE_LOAD_ALLOW (both empty by default); write the allowed "
                              "IRI itself (`SERVICE <https://…>`), not a variable, or query that "
                              "endpoint directly.")
SPARQL_REMOTE_FAILED = _code("GT-SPARQL-013", "A remote SPARQL endpoint or LOAD source failed",
                             502, "The SERVICE endpoint or LOAD source did not answer or "
                             "answered an error or an unreadable body; check that it is up, "
                             "or write SERVICE SILENT / LOAD SILENT to go on without it.")
SPARQL_BAD_GRAPH_IRI = _code("GT-SPARQL-014", "A dataset graph IRI is invalid", 400,
                             "Give absolute IRIs (e.g. https://w3id.org/govtrace/id/graph/doc/…) "
                             "in default-graph-uri, named-graph-uri, using-graph-uri and "
                             "using-named-graph-uri, percent-encoded once in the URL, without "
                             "spaces or <>\"{}|^`\\.")
SPARQL_NOT_APPLICABLE = _code("GT-SPARQL-015", "The SPARQL request cannot be carried out", 400,
                              "The request parses but fails on this store: e.g. DROP, CLEAR, "
                              "ADD, MOVE or COPY of a graph that does not exist (write SILENT "
                              "to ignore that) or CREATE of one that exists, or SERVICE on an "
                              "unbound variable.")

# --- lineage ---------------------------------------------------------------------------------
LINEAGE_SEEDS_UNREADABLE = _code("GT-LINEAGE-001", "A seed document does not ingest", 500,
                                 "The bundled demo corpus must ingest cleanly; run "
                                 "`govtrace ingest` on it to see the extraction error.")
LINEAGE_GOLD_INVALID = _code("GT-LINEAGE-002", "The lineage gold file is malformed", 500,
                             "Each row needs child, item, parent, expected (numbers joined by "
                             "+, ABSTAIN or OPTIONAL), acceptable, kind and note, tab-separated.")
LINEAGE_GOLD_UNKNOWN = _code("GT-LINEAGE-003", "The gold file names an unknown document", 500,
                             "Use a seed prefix (000 … 004) or `national`.")
LINEAGE_MODEL_INVALID = _code("GT-LINEAGE-004", "The lineage model file is unreadable", 500,
                              "Point GOVTRACE_LINEAGE_MODEL at a file written by "
                              "bench/fit_lineage_model.py, or unset it for the bundled one.")
# --- queries ---------------------------------------------------------------------------------
QUERY_UNKNOWN = _code("GT-QUERY-001", "No saved query has this name", 404,
                      "List the saved queries with `govtrace query` or GET /api/queries.")
QUERY_PARAM_MISSING = _code("GT-QUERY-002", "A required query parameter is missing", 400,
                            "Give every parameter without a default: `--param name=value` or "
                            "`?name=value`.")
QUERY_PARAM_INVALID = _code("GT-QUERY-003", "A query parameter value is invalid", 400,
                            "Give an absolute http(s) IRI without spaces or <>\"{}|^`\\ for iri "
                            "parameters, a whole number for integer parameters and a Chinese "
                            "glossary term for term parameters.")
QUERY_PARAM_UNKNOWN = _code("GT-QUERY-004", "The saved query has no such parameter", 400,
                            "Use only the parameters the query declares (GET /api/queries lists "
                            "them).")
QUERY_LIBRARY_INVALID = _code("GT-QUERY-005", "A saved query file is malformed", 500,
                              "Fix the .rq file's comment header: `# title:`, `# description:`, "
                              "`# param: name (type: iri|string|integer|adcode[, default: …]) — "
                              "meaning` and `# example:` lines, and a `$name` placeholder for "
                              "every parameter in a VALUES block or as a triple's object.")
QUERY_NOT_FOUND = _code("GT-QUERY-006", "No such entity in the graph", 404,
                        "Check the id: list what exists with GET /api/documents, "
                        "/api/regulations or /api/documents/{id} (its tasks).")
QUERY_NOT_UNDERSTOOD = _code("GT-QUERY-007", "The query text cannot be matched", 400,
                             "Ask in Chinese (simplified, traditional or full-width) or with an "
                             "English term of the glossary (GET /api/glossary).")
QUERY_INDEX_STALE = _code("GT-QUERY-008", "The store's index is missing or older than the store",
                          500, "Run `govtrace build` (it writes the index of the store it "
                          "leaves); meanwhile the server reads its indexes from the store.")
# --- api -------------------------------------------------------------------------------------
API_INVALID_REQUEST = _code("GT-API-001", "The request's parameters are invalid", 422,
                            "Fix the parameters named in `errors` (GET /docs shows each "
                            "operation's parameters and limits).")
API_NO_ROUTE = _code("GT-API-002", "No such path or method", 404,
                     "See GET /docs for the paths and methods the API serves.")
API_INTERNAL = _code("GT-API-003", "govtrace failed to answer", 500,
                     "This is govtrace's fault, not yours: try again, and if it fails again "
                     "report the path and the time (the server's log holds the traceback).")
API_NOT_ACCEPTABLE = _code("GT-API-004", "No acceptable format for this list", 406,
                           "Ask for application/json or text/csv (or ?format=csv), or send "
                           "no Accept header.")
# --- viz -------------------------------------------------------------------------------------
VIZ_UNKNOWN_FORMAT = _code("GT-VIZ-001", "A view cannot be given in this format", 404,
                           "End the view's path with .html (or nothing), .graphml or .gexf.")
VIZ_NOT_AN_ENTITY = _code("GT-VIZ-002", "The path names no kind of entity", 404,
                          "Entity IRIs are /id/doc/{doc_id}, /id/doc/{doc_id}/task/{n}, "
                          "/id/regulation/{key}, /id/agency/{key} or /id/division/{adcode}.")


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

    def __reduce__(self) -> tuple[Callable[..., GovtraceError], tuple[Any, ...]]:
        # Exceptions pickle as their class called with ``args`` (here the message alone),
        # which this constructor cannot take: a worker process raising one broke the whole
        # pool (BrokenProcessPool) instead of reporting the error.
        return _rebuilt, (type(self), self.error, self.detail, self.location, self.hint)

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


def _rebuilt(cls: type[GovtraceError], error: ErrorCode, detail: str, location: Location | None,
             hint: str) -> GovtraceError:
    return cls(error, detail, location=location, hint=hint)


class ConfigError(GovtraceError):
    """A setting is wrong."""


class OntologyError(GovtraceError):
    """The ontology or the SHAPES do not load, reason or validate."""


class DivisionError(GovtraceError):
    """An administrative division cannot be resolved."""


class StoreError(GovtraceError):
    """The graph store cannot be opened, reached or written."""


class SparqlError(GovtraceError):
    """A SPARQL request is malformed, not allowed or ran out of time."""


class IngestError(GovtraceError):
    """A source file cannot be read, decoded or ingested."""


class LineageError(GovtraceError):
    """Lineage linking or its evaluation cannot run."""


class QueryError(GovtraceError):
    """A saved query is unknown, malformed, or given bad parameters."""


class ApiError(GovtraceError):
    """A request the HTTP API cannot take as given."""


class VizError(GovtraceError):
    """A view or page that cannot be made as asked."""
