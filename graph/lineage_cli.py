"""``govtrace eval`` (score lineage on the seeds against the gold) and ``govtrace link``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govtrace.cli_context import settings_of

TARGET_PRECISION = 0.97
TARGET_RECALL = 0.95


def eval_command(
    ctx: typer.Context,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 below the targets.")] = False,
    gold: Annotated[Path | None, typer.Option("--gold", help="Another gold TSV file.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every error.")] = False,
) -> None:
    """Link the seed corpus and score it against the gold: precision, recall, abstentions."""
    from govtrace.graph.lineage.corpus import CorpusIndex
    from govtrace.graph.lineage.evaluate import evaluate
    from govtrace.graph.lineage.gold import load_gold
    from govtrace.graph.lineage.linker import link_documents
    from govtrace.graph.lineage.seeds import seed_records
    from govtrace.ontology.divisions import get_gazetteer

    settings = settings_of(ctx)
    index = CorpusIndex(get_gazetteer(), seed_records(settings))
    links = link_documents(index, [v.doc_id for v in index.views], settings=settings)
    result = evaluate(links, load_gold(gold), index)
    typer.echo(f"{'child':<6}{'parent':<10}{'kind':<12}{'precision':>10}{'recall':>8}"
               f"{'abstain':>9}  links")
    for (child, parent, kind), score in sorted(result.pairs.items()):
        typer.echo(_row(child, parent, kind, score))
    typer.echo(_row("all", "", "", result.overall))
    typer.echo(f"temporal violations: {len(result.temporal_violations)}")
    if verbose:
        for error in result.overall.errors:
            typer.echo(f"  {error}")
    ok = result.meets(TARGET_PRECISION, TARGET_RECALL)
    typer.echo(f"targets (precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL}, every "
               f"abstention, no temporal violation): {'met' if ok else 'NOT met'}")
    if strict and not ok:
        raise typer.Exit(1)


def _row(child: str, parent: str, kind: str, score: object) -> str:
    from govtrace.graph.lineage.evaluate import PairScore

    assert isinstance(score, PairScore)
    abstain = f"{score.abstained}/{score.abstentions}" if score.abstentions else "-"
    return (f"{child:<6}{parent:<10}{kind:<12}{score.precision:>10.3f}{score.recall:>8.3f}"
            f"{abstain:>9}  {score.correct}/{score.predicted}")
