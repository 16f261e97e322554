"""The JSON of a sample of /api answers over a store, to compare two trees (not a test).

    PYTHONPATH=/tmp/before python bench/answers_sample.py STORE before.json
    python bench/answers_sample.py STORE after.json --compare before.json

Answers in process, as `govtrace serve` does over a snapshot with the build's index: the
mandates and search of every glossary term (both languages, and a few broad words), some of
them scoped by division, year and level; the lineage (two pages) of the first tasks of 30
documents and of the national outline; the plan-vs-report of every work report. Beside each
mandates answer (a page of 11) and each plan-vs-report answer, and for the 40 most cited
regulations (two pages of 100), the JSON the route serves (``json …``: what
``/api/mandates``, ``/api/plan-vs-report`` and ``/api/regulations/{key}`` send, rendered
without models since issue 16's sixth round). With ``--compare``, prints how many answers
differ from the other file's and the first few.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from govtrace.api.routes_entities import _regulation_page
from govtrace.api.routes_mandates import _mandates
from govtrace.api.tabular import Window
from govtrace.errors import GovtraceError
from govtrace.graph.store_factory import open_snapshot
from govtrace.ontology.iris import IriScheme
from govtrace.queries.answers import Answers
from govtrace.queries.glossary import glossary
from govtrace.queries.indexed_rows import IndexedRows
from govtrace.queries.serving_index import store_stamp, try_open_index
from govtrace.settings import get_settings

BROAD = ("市", "法治", "县", "PPP")


def opened(store: Path) -> Answers:
    settings = get_settings().with_overrides(store_dir=store)
    snapshot = open_snapshot(settings)
    assert snapshot is not None, "an embedded store"
    prebuilt = try_open_index(store, store_stamp(store))
    assert prebuilt is not None, "a store with its build's index"
    return Answers(IndexedRows(snapshot, prebuilt.corpus, prebuilt.link_details),
                   IriScheme(settings.base_iri), prebuilt=prebuilt)


def sample(ask: Answers) -> dict[str, str]:
    answers: dict[str, str] = {}

    def put(key: str, question: Callable[..., BaseModel | list[Any]], *args: Any,
            **kwargs: Any) -> None:
        try:
            answer = question(*args, **kwargs)
        except GovtraceError as refused:
            answers[key] = f"error {refused.code}"
            return
        answers[key] = (json.dumps([item.model_dump() for item in answer], ensure_ascii=False)
                        if isinstance(answer, list) else answer.model_dump_json())

    def served(key: str, answer: Callable[[], BaseModel | bytes]) -> None:
        try:
            body = answer()
        except GovtraceError as refused:
            answers[key] = f"error {refused.code}"
            return
        answers[key] = (body if isinstance(body, bytes) else
                        body.model_dump_json().encode()).decode()

    # The route's question, whichever tree: a tree before the sixth round has no
    # plan_vs_report_json, and its mandates question gives a model.
    plan_json = getattr(Answers, "plan_vs_report_json", Answers.plan_vs_report)
    terms = [text for term in glossary().terms for text in (term.zh, term.en)] + list(BROAD)
    for term in terms:
        put(f"mandates {term}", ask.mandates, term, limit=11)
        served(f"json mandates {term}", lambda term=term: _mandates(  # type: ignore[misc]
            ask, term, Window(0, 11), level=None, division=None, year=None))
        put(f"search {term}", ask.search, term, 21)
    for summary in ask.regulations()[:40]:  # the most cited first
        for offset in (0, 100):
            served(f"json regulation {summary.id} {offset}",
                   lambda key=summary.id, offset=offset: _regulation_page(
                       ask, key, Window(offset, 100)))
    documents = ask.documents()
    spread = random.Random(3)
    for term in terms[:40]:
        document = spread.choice(documents)
        if document.division and document.division.adcode:
            adcode = document.division.adcode
            put(f"mandates {term} in {adcode}", ask.mandates, term, division=adcode, limit=11)
        put(f"mandates {term} in 2024", ask.mandates, term, year=2024, limit=11)
        put(f"mandates {term} counties", ask.mandates, term, level="County", limit=11)
    outline = [document for document in documents if document.id.startswith("national")]
    for document in spread.sample(documents, min(30, len(documents))) + outline:
        for task in ask.document(document.id).tasks[:12]:
            if task.number is not None:
                put(f"lineage {task.id}", ask.lineage, document.id, task.number, limit=200)
                put(f"lineage {task.id} 3+5", ask.lineage, document.id, task.number,
                    offset=3, limit=5)
    for document in documents:
        if (document.type == "WorkReport" and document.year and document.division
                and document.division.adcode):
            adcode, year = document.division.adcode, document.year
            put(f"plan-vs-report {adcode} {year}", ask.plan_vs_report, adcode, year)
            served(f"json plan-vs-report {adcode} {year}",
                   lambda adcode=adcode, year=year: plan_json(ask, adcode, year))
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="another tree's answers")
    args = parser.parse_args()
    answers = sample(opened(args.store))
    args.out.write_text(json.dumps(answers, ensure_ascii=False, indent=0))
    print(f"{len(answers)} answers written to {args.out}")
    if args.compare:
        other = json.loads(args.compare.read_text())
        differ = [key for key in other if other[key] != answers.get(key)]
        print(f"{len(differ)} of {len(other)} answers differ from {args.compare}")
        for key in differ[:5]:
            print(f"  {key}\n    theirs {other[key][:200]}\n    ours   "
                  f"{answers.get(key, '(missing)')[:200]}")


if __name__ == "__main__":
    main()
