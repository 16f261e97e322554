"""A document aligned with the documents above it: its tasks, and every lineage link from
them and, up the chain, from the items they implement, up to the national outline."""

from __future__ import annotations

from pydantic import BaseModel, Field

from govtrace.queries.entities import DocumentDetail
from govtrace.queries.models import Link


class Alignment(BaseModel):
    document: DocumentDetail
    links: list[Link] = Field(description="links from the document's tasks and from every "
                              "task above them, up to the top")
