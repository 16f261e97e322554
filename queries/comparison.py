"""One lineage link seen up close: the child's and the parent's source text (the exact
characters of each task's span, which the evidence offsets count into), the link's
confidence, method, text reuse and evidence, and, where the combined scorer wrote them, each
feature's contribution (one property per feature, ``gt:contributionCharScore`` …, named by
its ``skos:notation``: ontology 4.0.0).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from govtrace.graph.store import SparqlService
from govtrace.queries.lineage_links import links_up
from govtrace.queries.models import Link
from govtrace.queries.rows import Ids, iri_values, select


class Contribution(BaseModel):
    """How much one feature moved the link's log-odds (weight × value)."""

    feature: str
    contribution: float


class SourceText(BaseModel):
    """A task's span: its source offsets and the exact characters between them."""

    start: int
    end: int
    exact: str = Field(description="the source characters start…end (not normalized)")


class Comparison(BaseModel):
    link: Link
    child_text: SourceText | None = None
    parent_text: SourceText | None = None
    contributions: list[Contribution] = Field(
        default=[], description="per-feature contributions, largest effect first (combined "
        "scorer only)")


def comparison(service: SparqlService, ids: Ids, child: str, parent: str) -> Comparison | None:
    """The link from task ``child`` to task ``parent`` (IRIs), or None when there is none."""
    link = next((found for found in links_up(service, ids, [child])
                 if found.child.iri == child and found.parent.iri == parent), None)
    if link is None:
        return None
    texts = source_texts(service, [child, parent])
    return Comparison(link=link, child_text=texts.get(child), parent_text=texts.get(parent),
                      contributions=contributions(service, link.iri))


def source_texts(service: SparqlService, tasks: list[str]) -> dict[str, SourceText]:
    """Each task's span with its exact text (a task without one is left out)."""
    rows = select(service, f"""SELECT DISTINCT ?task ?start ?end ?exact WHERE {{
  {iri_values("task", tasks)}
  ?task gt:span ?span . ?span oa:hasSelector ?position, ?quote .
  ?position oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact }}""")
    return {row["task"]: SourceText(start=row["start"], end=row["end"], exact=row["exact"])
            for row in rows}


def contributions(service: SparqlService, link: str) -> list[Contribution]:
    rows = select(service, f"""SELECT DISTINCT ?feature ?value WHERE {{
  {iri_values("link", [link])}
  ?link ?contribution ?value . ?contribution skos:notation ?feature }}""")
    found = [Contribution(feature=row["feature"], contribution=row["value"]) for row in rows]
    return sorted(found, key=lambda part: (-abs(part.contribution), part.feature))

