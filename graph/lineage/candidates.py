"""Candidate generation: the documents above a document whose items may be its items'
parents (the one :class:`~govtrace.graph.lineage.seams.CandidateGenerator` there is)."""

from __future__ import annotations

from itertools import groupby

from govtrace.graph.lineage.corpus import CorpusIndex, DocView
from govtrace.graph.lineage.model import DocumentLink
from govtrace.graph.lineage.seams import Candidates
from govtrace.ontology.divisions_model import Level


class UpperDocuments:
    """A report's items: the plans it reports on (:meth:`CorpusIndex.report_targets`). A
    plan's items: the documents it implements (its document links) when the corpus holds
    any with items, else the plan of each division above it not issued after it
    (:meth:`CorpusIndex.chain_parents`, which applies the temporal rule)."""

    def levels(self, view: DocView, doc_links: list[DocumentLink],
               index: CorpusIndex) -> list[Candidates]:
        if view.is_report:
            targets = index.report_targets(view)
            return [Candidates(tuple(targets))] if targets else []
        cited = [index[x.parent_doc] for x in doc_links
                 if x.parent_doc is not None and index[x.parent_doc].units]
        parents = sorted(cited or index.chain_parents(view),
                         key=lambda p: (-level_rank(p), p.doc_id))
        return [Candidates(tuple(group)) for _, group in groupby(parents, key=level_rank)]


def level_rank(view: DocView) -> int:
    jurisdiction = view.record.jurisdiction
    return Level(jurisdiction.level).rank if jurisdiction else 0
