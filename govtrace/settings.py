"""The one settings object.

Every tunable lives here. Values come, in increasing priority, from the field
defaults, environment variables prefixed ``GOVTRACE_`` (``GOVTRACE_DATA_DIR``,
``GOVTRACE_PORT`` …) and finally from command-line flags, which the CLI applies
with :meth:`Settings.with_overrides`. ``docs/settings.md`` is generated from the
field descriptions below (``python -m govtrace.docgen``) and checked in CI.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MAX_DEFAULT_SERVE_PROCESSES = 4
"""The most serving processes `govtrace serve` starts unasked: each holds its own answers
(about 1.2 GB at 30,000 documents), and more than two were never measured."""


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "govtrace"


def _cores() -> int:
    """The CPU cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


class StoreBackend(StrEnum):
    """Where the graph lives."""

    EMBEDDED = "embedded"
    REMOTE = "remote"
    VIRTUOSO = "virtuoso"
    """A remote Virtuoso 7: the same URLs, its dialect handled (docs/store.md)."""


class Settings(BaseSettings):
    """govtrace settings; each field is also the environment variable ``GOVTRACE_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="GOVTRACE_", extra="forbid", frozen=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Directory for govtrace's own data: the embedded store and build caches.",
    )
    base_iri: str = Field(
        default="https://w3id.org/govtrace/id/",
        description="Base IRI under which instance IRIs (documents, tasks, agencies …) are minted.",
    )
    store_backend: StoreBackend = Field(
        default=StoreBackend.EMBEDDED,
        description="`embedded` (Oxigraph in `store_dir`), `remote` (any SPARQL 1.1 server) or "
        "`virtuoso` (a Virtuoso 7 server, at the `remote_*` URLs).",
    )
    store_dir: Path | None = Field(
        default=None,
        description="Directory of the embedded Oxigraph store; defaults to `<data_dir>/store`.",
    )
    remote_query_url: str | None = Field(
        default=None, description="SPARQL 1.1 Query endpoint of the remote store."
    )
    remote_update_url: str | None = Field(
        default=None, description="SPARQL 1.1 Update endpoint of the remote store."
    )
    remote_store_url: str | None = Field(
        default=None,
        description="SPARQL 1.1 Graph Store Protocol endpoint of the remote store.",
    )
    remote_user: str | None = Field(
        default=None,
        description="User the remote store's update and Graph Store endpoints log in as (HTTP "
        "Basic; Digest for `virtuoso`); unset: no credentials are sent.",
    )
    remote_password: str | None = Field(
        default=None, description="Password of `remote_user`."
    )
    host: str = Field(default="127.0.0.1", description="Address `govtrace serve` listens on.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port `govtrace serve` listens on.")
    serve_processes: int | None = Field(
        default=None, ge=1,
        description="HTTP server processes `govtrace serve` runs on the one port (uvicorn "
        "workers); unset, one per CPU core the server may use, at most "
        f"{MAX_DEFAULT_SERVE_PROCESSES} (`Settings.serving_processes`). Each has its own "
        "`query_workers` query processes and JSON API, all reading the one store through "
        "their own snapshots; an update through one is seen by the others within "
        "`store_watch_seconds`. Each holds about 1.2 GB at 30,000 documents: set 1 where "
        "memory is short. On two cores two processes took /sparql from 0.32–0.94× to "
        "0.55–1.08× of `oxigraph serve`'s rate at 8 and 32 clients (BENCHMARKS.md).",
    )
    access_log: bool = Field(
        default=False,
        description="Log a line per HTTP request (uvicorn's access log). Off by default: at "
        "thousands of SPARQL requests a second the log line costs a sixth of the server's "
        "time; errors are logged either way.",
    )
    query_timeout: float = Field(
        default=10.0, gt=0, description="Seconds a SPARQL query may run before it is stopped."
    )
    result_limit: int = Field(
        default=10000,
        gt=0,
        description="Most rows a SPARQL SELECT returns; larger results are truncated and say so.",
    )
    query_workers: int = Field(
        default=2,
        ge=1,
        description="Processes that answer SPARQL queries on the embedded store; a query that "
        "exceeds `query_timeout` is stopped by killing its process.",
    )
    query_memory_limit_mb: int | None = Field(
        default=None, ge=64,
        description="Megabytes of heap (RLIMIT_DATA) each SPARQL worker process may use, its "
        "own ~150 MB included; a query that needs more is stopped with GT-SPARQL-011. Unset: "
        "half the machine's memory shared by the `query_workers` of every one of the "
        "`serve_processes` (resolved by "
        "`Settings.query_memory_limit`).",
    )
    query_preempt_after: float = Field(
        default=2.0, ge=0,
        description="When a SPARQL query waits and every worker is busy, the query that has "
        "run longest is stopped (GT-SPARQL-010, 503 with Retry-After) once it has run this "
        "many seconds, so runaway queries cannot lock others out; 0 disables it (a waiting "
        "query then waits up to `query_timeout`, then gets GT-SPARQL-009).",
    )
    store_watch_seconds: float = Field(
        default=2.0, ge=0,
        description="How often `govtrace serve` checks whether a build has replaced its "
        "embedded store, and if so answers from the new one (every part at once); 0 "
        "disables it.",
    )
    max_query_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description="Largest SPARQL query or update (bytes) `/sparql` accepts; larger: 413.",
    )
    update_token: str | None = Field(
        default=None,
        description="Bearer token that enables SPARQL Update on `/sparql`; unset means read-only.",
    )
    federation_allow: list[str] = Field(
        default=[],
        description="SPARQL endpoints (absolute http(s) IRIs, compared exactly) that `SERVICE` "
        "in a `/sparql` query may call; empty (the default) turns federated query off. Any "
        "other SERVICE, and SERVICE on a variable, is refused with GT-SPARQL-012.",
    )
    load_allow: list[str] = Field(
        default=[],
        description="Sources (absolute http(s) IRIs, compared exactly) that a SPARQL Update's "
        "`LOAD` may read, even with the update token; empty (the default) refuses every LOAD "
        "(GT-SPARQL-012).",
    )
    workers: int | None = Field(
        default=None, ge=1,
        description="Worker processes `govtrace build` extracts and links documents on; 1 "
        "runs them in the build's own process. Unset: one per CPU core the build may run on "
        "(resolved by `Settings.build_workers`).",
    )
    build_wait: bool = Field(
        default=True,
        description="Whether `govtrace build` waits for another build of the same store to "
        "finish (builds of one store take turns, by a lock file `<store>.lock` beside it); "
        "false (`--no-wait`) stops at once with GT-STORE-005.",
    )
    api_cache_size: int = Field(
        default=1024, ge=0,
        description="Most JSON answers of `/api/…` kept in memory (least recently used go "
        "first); emptied by every SPARQL Update through `/sparql`. 0 disables it. The "
        "`remote` backend never caches: its data can change without govtrace knowing.",
    )
    java: str = Field(
        default="java",
        description="Java runtime the OWL reasoners (HermiT, Pellet, run by owlready2) need: a "
        "command on PATH or a full path.",
    )
    max_file_bytes: int = Field(
        default=20 * 1024 * 1024,
        gt=0,
        description="Largest source file (bytes) ingest accepts; larger files are rejected.",
    )
    # --- lineage: the pipeline and each scorer's thresholds (calibrated on the seed corpus),
    # explained in graph/lineage/README.md ---
    lineage_scorers: list[str] = Field(
        default=["exact-anchor", "combined", "tfidf"], min_length=1,
        description="The scorers lineage runs at each candidate level, in order; the first "
        "whose ranking makes a link decides (exact-anchor: a child citing the parent item "
        "or bearing its exact title; tfidf: character n-gram TF-IDF similarity; combined: "
        "every kind of evidence weighed by a fitted logistic model into a calibrated "
        "probability, plan tasks only).",
    )
    lineage_target_precision: float = Field(
        default=0.8, gt=0, lt=1,
        description="Combined scorer: the precision its weakest links should have; a task "
        "links to every candidate (at most three) whose calibrated probability of being its "
        "parent is at least this, and abstains when none is; the probability is calibrated on "
        "held-out folds (isotonic), so this is the expected precision of the weakest links "
        "(held out, 0.8 gave precision 0.986–1.000 on every benchmark slice).",
    )
    lineage_gap_min_probability: float = Field(
        default=0.5, ge=0, le=1,
        description="Combined scorer: a plan task that abstained between two tasks linked to "
        "items k and k+2 of the same parent document is linked to item k+1 (method suffix "
        "+gap) when that item is its best candidate at least at this probability: a plan "
        "that mirrors its parent item by item puts the task there. The same floor admits "
        "an item no task of the plan took as a further parent (suffix +merge+uncovered) of "
        "the linked task that leads every sibling on it, when the item is among that task's "
        "three best (1 turns both off).",
    )
    lineage_model: Path | None = Field(
        default=None,
        description="Combined scorer: the fitted model (JSON written by "
        "bench/fit_lineage_model.py); unset, the one bundled as "
        "govtrace/data/lineage-model.json.",
    )
    lineage_min_score: float = Field(
        default=0.09, ge=0, le=1,
        description="TF-IDF scorer: least similarity (0.7·full-text + 0.3·title cosine) a "
        "parent item with a body needs for a lineage link; below it the child abstains.",
    )
    lineage_min_score_titles: float = Field(
        default=0.45, ge=0, le=1,
        description="TF-IDF scorer: least similarity a title-only parent item (the national "
        "outline skeleton) needs for a lineage link.",
    )
    lineage_max_runner_up: float = Field(
        default=0.92, gt=0, le=1,
        description="TF-IDF scorer: a link needs the best candidate not chosen to score at "
        "most this share of the best; closer calls abstain.",
    )
    lineage_merge_ratio: float = Field(
        default=0.6, gt=0, le=1,
        description="TF-IDF scorer: a second parent (a child merging two tasks) must score "
        "at least this share of the best parent.",
    )
    lineage_merge_title_share: float = Field(
        default=0.5, ge=0, le=1,
        description="TF-IDF scorer: a parent's text covers a topic of a child's title "
        "(行政复议, 应诉工作) "
        "when it holds at least this IDF share of the topic's character bigrams; a child "
        "whose title coordinates topics the best parent does not all cover gets a second "
        "parent that covers the rest.",
    )
    lineage_report_min_score: float = Field(
        default=0.09, ge=0, le=1,
        description="Report items (with the TF-IDF scorer): least similarity (the mean of "
        "character n-gram and word TF-IDF) a report item as a whole needs to its best plan "
        "task before it reports on anything.",
    )
    lineage_report_min_sentence: float = Field(
        default=0.04, ge=0, le=1,
        description="Report items (with the TF-IDF scorer): least similarity one sentence "
        "(or run of adjacent comma-joined clauses) of a report item needs to a plan task for "
        "the item to report on that task (report items cover several tasks, a sentence or "
        "two each); its confidence is full strength at four times this.",
    )
    lineage_report_min_confidence: float = Field(
        default=0.6, gt=0, le=1,
        description="Report items (with the TF-IDF scorer): a sentence reports on its best "
        "plan task only when its confidence there (half strength, half distinctness from "
        "the second best) is at least this: a strong sentence may have a close runner-up, a "
        "weak one must stand alone. A single clause needs 0.1 more.",
    )
    lineage_report_max_parents: int = Field(
        default=4, ge=1,
        description="TF-IDF scorer: most plan tasks one report item reports on (the "
        "best-matched kept), each among the item's this many closest tasks as a whole "
        "(a summary item gives four tasks a phrase each); an item of more sentences may "
        "name one task a sentence.",
    )
    lineage_min_phrase: int = Field(
        default=4, ge=2,
        description="Every scorer: shortest shared phrase (characters) counted as evidence "
        "and text reuse.",
    )
    lineage_max_evidence: int = Field(
        default=5, ge=0,
        description="Every scorer: most evidence phrases recorded per lineage link (the "
        "longest).",
    )
    implements_min_confidence: float = Field(
        default=0.5, ge=0, le=1,
        description="Least confidence a lineage link needs for its shortcut edge "
        "`gt:implements` (child to parent); every link keeps its `gt:LineageLink` node "
        "with its confidence, whatever the value, for queries that set their own bar.",
    )
    # Views (viz)
    viz_cluster_threshold: int = Field(
        default=150, ge=10,
        description="Lineage views with more nodes than this draw county tasks grouped by "
                    "league/city (then prefectural ones by province), expandable on click.",
    )

    @property
    def resolved_store_dir(self) -> Path:
        """The embedded store's directory, defaulting under ``data_dir``."""
        return self.store_dir if self.store_dir is not None else self.data_dir / "store"

    @property
    def build_workers(self) -> int:
        """Processes a build extracts and links on: ``workers``, or one per CPU core this
        process may run on."""
        if self.workers is not None:
            return self.workers
        return _cores()

    @property
    def serving_processes(self) -> int:
        """HTTP server processes: ``serve_processes``, or one per CPU core this process may
        run on, at most ``MAX_DEFAULT_SERVE_PROCESSES``."""
        if self.serve_processes is not None:
            return self.serve_processes
        return min(MAX_DEFAULT_SERVE_PROCESSES, _cores())

    @property
    def query_memory_limit(self) -> int:
        """Megabytes a SPARQL worker may use: ``query_memory_limit_mb``, or half the
        machine's memory shared by the query workers of every server process."""
        if self.query_memory_limit_mb is not None:
            return self.query_memory_limit_mb
        machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") >> 20
        return max(64, machine // 2 // (self.query_workers * self.serving_processes))

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with the given fields replaced; ``None`` means "flag not given"."""
        given = {key: value for key, value in overrides.items() if value is not None}
        if not given:
            return self
        return Settings.model_validate({**self.model_dump(), **given})


def get_settings() -> Settings:
    """Read the settings from the environment (called by entry points, never at import time)."""
    return Settings()
