"""Store size per document of two govtrace source trees side by side: what the triples are.

    git archive HEAD | tar -x -C /tmp/before
    python bench/store_size_bench.py --before /tmp/before [--sizes demo 1000] [--workdir DIR]
    python bench/store_size_bench.py --store before=/tmp/a/store --store after=/tmp/b/store

Each tree builds each corpus (the demo, or bench/synthetic_corpus.py's at that size, seed 7)
into a fresh store in a child process whose ``PYTHONPATH`` puts the tree first (as
bench/build_compare_bench.py does); ``--store NAME=DIR`` reads stores already built instead.
Each store is compacted (Oxigraph's ``optimize``, as the first build ends) and read whole;
the tables give, per document: statements by graph (the document's own, its derived links,
the entailments, the shared reference data, the cited works'), by node kind (span,
selector, task, link, evidence, …; ``entailment`` for every statement of an inferred
graph), by predicate, the bytes of literal text, and the bytes on disk. The figures are
counts, not timings, so the machine's load does not move them; it is printed anyway.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from build_compare_bench import corpus_of

AFTER = Path(__file__).resolve().parents[1]
CHILD = """
import sys
from pathlib import Path
import govtrace
from govtrace.graph.build import build
from govtrace.settings import Settings
corpus, root, tree = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
assert Path(govtrace.__file__).resolve().is_relative_to(tree.resolve())
report = build(Settings(data_dir=root / "data", store_dir=root / "store", workers=2), [corpus])
assert not report.failures, report.failures
"""
GT = "https://w3id.org/govtrace/ontology#"
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS = {
    f"{GT}SourceSpan": "span", f"{OA}TextPositionSelector": "selector",
    f"{OA}TextQuoteSelector": "selector", f"{GT}Task": "task", f"{GT}ReportItem": "task",
    f"{GT}LineageLink": "link", f"{GT}Evidence": "evidence",
    f"{GT}EvidenceContribution": "contribution", f"{GT}Citation": "citation",
    f"{GT}Section": "section", f"{GT}FactProvenance": "fact provenance",
    f"{GT}Deadline": "quantity", f"{GT}QuantitativeTarget": "quantity",
    f"{GT}ReportedFigure": "quantity", f"{GT}Agency": "agency", f"{GT}CitedWork": "work",
    f"{GT}SourceFile": "file",
}
"""The node kind of a subject, by the class the writer gives it (the first that matches)."""
RANGE_KINDS = {f"{GT}span": "span", f"{GT}hasEvidence": "evidence",
               f"{GT}hasContribution": "contribution", f"{GT}hasCitation": "citation",
               f"{GT}hasDeadline": "quantity", f"{GT}hasTarget": "quantity",
               f"{GT}hasFigure": "quantity", f"{GT}factProvenance": "fact provenance"}
"""The node kind of an untyped object of these properties: since ontology 4.0.0 such a node
states no type, the range of the property reaching it gives it."""
_DOCUMENT = re.compile(r"/id/doc/[^/]+$")
_GRAPH = re.compile(r"/graph/(inferred/doc|inferred|doc|derived|reference|works|manifest)\b")


@dataclass
class Census:
    """What one store holds."""

    documents: int = 0
    disk_bytes: int = 0
    by_graph: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    by_predicate: Counter[str] = field(default_factory=Counter)
    literal_bytes: Counter[str] = field(default_factory=Counter)
    evidence_spans: Counter[str] = field(default_factory=Counter)
    """Evidence spans by whether the linked item's span quote holds their characters (and,
    where they still have a quote of their own, the same characters)."""

    @property
    def document_statements(self) -> int:
        """Every statement but the reference data's, which does not grow with the corpus."""
        return sum(n for graph, n in self.by_graph.items() if graph != "reference")


def graph_kind(name: ox.NamedNode | ox.DefaultGraph | ox.BlankNode) -> str:
    found = _GRAPH.search(str(name)) if isinstance(name, ox.NamedNode) else None
    return found.group(1) if found else "default"


def census(store_dir: Path) -> Census:
    """Compacts the store at ``store_dir`` and counts what is in it."""
    store = ox.Store(str(store_dir))
    store.optimize()
    kinds: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), None, None):
        subject = _text(quad.subject)
        kind = "document" if _DOCUMENT.search(subject) else KINDS.get(_text(quad.object))
        if kind and subject not in kinds:
            kinds[subject] = kind
    for prop, kind in RANGE_KINDS.items():
        for quad in store.quads_for_pattern(None, ox.NamedNode(prop), None, None):
            kinds.setdefault(_text(quad.object), kind)
    result = Census()
    for quad in store.quads_for_pattern(None, None, None, None):
        graph = graph_kind(quad.graph_name)
        if graph == "manifest":
            continue
        result.by_graph[graph] += 1
        if graph == "reference":
            continue
        kind = "entailment" if graph.startswith("inferred") else kinds.get(
            _text(quad.subject), "other")
        result.by_kind[kind] += 1
        result.by_predicate[_short(quad.predicate.value)] += 1
        if isinstance(quad.object, ox.Literal):
            result.literal_bytes[kind] += len(quad.object.value.encode())
    result.documents = sum(1 for _ in store.quads_for_pattern(
        None, ox.NamedNode(f"{GT}sourceFile"), None, None))
    result.evidence_spans = evidence_resolution(store)
    store.flush()
    del store
    result.disk_bytes = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file())
    return result


def evidence_resolution(store: ox.Store) -> Counter[str]:
    """Whether each piece of evidence's characters can be read from the quote of the span of
    the item its link joins, on each side; its range is read from its offsets (ontology 3.0.0)
    or from its span node (2.x), so stores of either tree are checked (in Python: the SPARQL
    join takes minutes at 1k)."""
    def pairs(prop: str) -> dict[str, str]:
        return {_text(q.subject): _text(q.object) for q in store.quads_for_pattern(
            None, ox.NamedNode(prop), None, None)}

    selectors: dict[str, list[str]] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(f"{OA}hasSelector"), None, None):
        selectors.setdefault(_text(quad.subject), []).append(_text(quad.object))
    start, end = pairs(f"{OA}start"), pairs(f"{OA}end")
    exact, source, item_span = pairs(f"{OA}exact"), pairs(f"{OA}hasSource"), pairs(f"{GT}span")
    link_of = {ev: link for link, ev in (
        (_text(q.subject), _text(q.object)) for q in store.quads_for_pattern(
            None, ox.NamedNode(f"{GT}hasEvidence"), None, None))}

    def bounds(span: str) -> tuple[int, int, str | None]:
        found = selectors.get(span, [])
        position = next(s for s in found if s in start)
        quote = next((exact[s] for s in found if s in exact), None)
        return int(start[position]), int(end[position]), quote

    result = Counter[str]()
    for side, end_of_link in (("child", pairs(f"{GT}linkFrom")),
                              ("parent", pairs(f"{GT}linkTo"))):
        spans, firsts, lasts = (pairs(f"{GT}{side}{name}") for name in ("Span", "Start", "End"))
        for evidence, link in link_of.items():
            outer = item_span.get(end_of_link[link])
            if outer is None:
                result["item has no span"] += 1
                continue
            span = spans.get(evidence)
            if span is not None:
                if source.get(outer) != source.get(span):
                    result["item has no span in the file"] += 1
                    continue
                a, b, own = bounds(span)
            else:
                a, b, own = int(firsts[evidence]), int(lasts[evidence]), None
            outer_start, outer_end, quote = bounds(outer)
            chars = quote[a - outer_start:b - outer_start] if quote is not None else ""
            resolves = outer_start <= a <= b <= outer_end and len(chars) == b - a
            result["resolves" if resolves and own in (None, chars) else "does not resolve"] += 1
    return result


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return str(term) if isinstance(term, ox.Triple) else term.value


def _short(predicate: str) -> str:
    for prefix, namespace in (("gt:", GT), ("oa:", OA), ("rdf:", RDF_TYPE[:-4]),
                              ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
                              ("eli:", "http://data.europa.eu/eli/ontology#"),
                              ("dcterms:", "http://purl.org/dc/terms/"),
                              ("skos:", "http://www.w3.org/2004/02/skos/core#"),
                              ("prov:", "http://www.w3.org/ns/prov#")):
        if predicate.startswith(namespace):
            return prefix + predicate[len(namespace):]
    return predicate


def built_store(tree: Path, corpus: Path, root: Path) -> Path:
    subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(root), str(tree)],
                   check=True, cwd=root,
                   env={"PYTHONPATH": str(tree), "PATH": os.environ.get("PATH", "/usr/bin"),
                        "HOME": str(root)})
    return root / "store"


def report(label: str, found: dict[str, Census], top: int) -> None:
    names = list(found)
    print(f"\n== {label}: per document "
          f"({', '.join(f'{n}: {c.documents} documents' for n, c in found.items())})")

    def row(title: str, values: list[float], digits: int = 1) -> None:
        cells = "".join(f"{v:>14,.{digits}f}" for v in values)
        ratio = (f"{values[-1] / values[0]:>8.3f}" if len(values) > 1 and values[0]
                 else " " * 8)
        print(f"  {title:<34}{cells}{ratio}")

    print(f"  {'':<34}" + "".join(f"{n:>14}" for n in names) + "   ratio")
    per = {n: max(c.documents, 1) for n, c in found.items()}
    row("statements (all but reference)",
        [c.document_statements / per[n] for n, c in found.items()])
    row("bytes on disk (whole store)", [c.disk_bytes / per[n] for n, c in found.items()], 0)
    row("literal bytes", [sum(c.literal_bytes.values()) / per[n] for n, c in found.items()], 0)
    for outcome in sorted({k for c in found.values() for k in c.evidence_spans}):
        row(f"evidence spans: {outcome}", [c.evidence_spans[outcome] for c in found.values()], 0)
    for title, attribute in (("graph", "by_graph"), ("kind", "by_kind"),
                             ("literal bytes, kind", "literal_bytes"),
                             ("predicate", "by_predicate")):
        print(f"  -- by {title}")
        tables: dict[str, Counter[str]] = {n: getattr(c, attribute) for n, c in found.items()}
        keys = Counter[str]()
        for table in tables.values():
            keys.update(table)
        for key, _ in keys.most_common(top):
            row(key, [tables[n][key] / per[n] for n in names])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a source tree to build with (git archive)")
    parser.add_argument("--after", type=Path, default=AFTER)
    parser.add_argument("--sizes", nargs="+", default=["demo", "1000"])
    parser.add_argument("--store", action="append", default=[], metavar="NAME=DIR",
                        help="a built store to read instead of building (compacted in place)")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--top", type=int, default=40, help="predicates shown")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    if args.store:
        stores = dict(item.split("=", 1) for item in args.store)
        report("given stores", {name: census(Path(d)) for name, d in stores.items()}, args.top)
        return
    if args.before is None:
        parser.error("--before TREE or --store NAME=DIR")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="store-size-"))
    for size in args.sizes:
        corpus = corpus_of(size, workdir)
        found = {}
        for name, tree in (("before", args.before), ("after", args.after)):
            root = workdir / f"{size}-{name}"
            store = root / "store"
            if not store.exists():
                root.mkdir(parents=True, exist_ok=True)
                built_store(tree, corpus, root)
            found[name] = census(store)
        report(size, found, args.top)
    print(f"load average {os.getloadavg()[0]:.2f}; stores kept in {workdir}")


if __name__ == "__main__":
    main()
