"""What ``/api/mandates`` shows of each cited task as evidence, rendered to JSON once.

An evidence item (:class:`~govtrace.queries.models.MandateEvidence`) is the task's
description, the citation, the passage, the query's highlights, the task's span, how
closely the task is about the query and its chain of best parents up to the national
outline. Only the highlights and the match depend on the question; the rest is the same
for every question showing that citation, and rendering it per answer (about a hundred
items of 4 KB at 30,000 documents, most of it the chains' task descriptions) was half of
the answer's CPU (issue 16). So each task's passage, span and chain, and each citation, are
rendered when the index of cited tasks is made (by the build, beside the store), kept end
to end in mapped arrays, and an answer joins them around its own highlights and match.

The bytes are what ``model_dump_json`` gives of the same models (pydantic's own serializer
renders each value: ``pydantic_core.to_json``); tests/queries/test_mandates_json_issue_16.py
holds the two together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from pydantic_core import to_json

from govtrace.queries.citation_table import Ints
from govtrace.queries.index_files import PackedBytes
from govtrace.queries.rows import Row, local_name

if TYPE_CHECKING:
    from govtrace.queries.citing_tasks import CitingTask

Parents = Mapping[str, tuple[str, float | None]]

Bools = npt.NDArray[np.bool_]

_STEP = b'{"task":%s,"confidence":%s}'


class EvidenceItems:
    """Every cited task's and every citation's part of an evidence item, by the positions
    of :class:`~govtrace.queries.citation_table.CitationTable` (tasks in IRI order, rows
    task after task)."""

    def __init__(self, tasks: Sequence[CitingTask], refs: Mapping[str, bytes],
                 parents: Parents) -> None:
        # A task the index does not describe is shown as no evidence (no parts).
        parts = [_task_parts(task, refs[task.iri], refs, parents) if task.iri in refs
                 else None for task in tasks]
        self._tasks = PackedBytes(b"".join(part or ()) for part in parts)
        # Where the citation goes in a task's bytes, the highlights and the match.
        self._cuts = np.array([np.cumsum([len(piece) for piece in part[:3]]) if part
                               else (-1, -1, -1) for part in parts], np.int64).reshape(-1, 3)
        rows = [row for task in tasks for row in task.rows]
        self._citations = PackedBytes(_citation(row) for row in rows)
        # Where the passage shows the citation (-1: nowhere) and how long it is there.
        self._cited = np.array([(row["citedAt"], len(row["cited"])) for row in rows],
                               np.int64).reshape(-1, 2)

    def described(self, tasks: Ints) -> Bools:
        """Which of ``tasks`` the index describes (the others are shown as no evidence)."""
        described: Bools = self._cuts[tasks, 0] >= 0
        return described

    def cited(self, rows: Ints) -> list[list[int]]:
        """Where each row's passage shows its citation (-1: nowhere), and its length."""
        cited: list[list[int]] = self._cited[rows].tolist()
        return cited

    def items(self, tasks: Ints, rows: Ints, highlights: list[bytes], matches: list[bytes]
              ) -> list[bytes]:
        """The evidence items of described ``tasks``' citations ``rows``, each with its
        ``highlights`` and ``match`` (JSON). Where the bytes of all lie is found at once
        (numpy per item was most of the joining)."""
        blob = self._tasks.blob.data
        citations = self._citations.blob.data
        located = zip(self._tasks.ends[tasks].tolist(), self._cuts[tasks].tolist(),
                      self._tasks.ends[tasks + 1].tolist(), self._citations.ends[rows].tolist(),
                      self._citations.ends[rows + 1].tolist(), strict=True)
        return [b"".join((b'{"task":', blob[start:start + described], b',"citation":',
                          citations[low:high], blob[start + described:start + passage], marks,
                          blob[start + passage:start + span], match, blob[start + span:end]))
                for (start, (described, passage, span), end, low, high), marks, match
                in zip(located, highlights, matches, strict=True)]


def _task_parts(task: CitingTask, described: bytes, refs: Mapping[str, bytes],
                parents: Parents) -> tuple[bytes, bytes, bytes, bytes]:
    """A task's item around the citation, the highlights and the match: its description,
    its passage, its span, its chain."""
    row = task.rows[0]
    span = (to_json({"start": row["tStart"], "end": row["tEnd"], "exact": None})
            if "tStart" in row else b"null")
    return (described, b',"passage":' + to_json(task.passage) + b',"highlights":',
            b',"task_span":' + span + b',"match":',
            b',"lineage":[' + _chain(task.iri, refs, parents) + b"]}")


def _citation(row: Row) -> bytes:
    span = (to_json({"start": row["cStart"], "end": row["cEnd"], "exact": row.get("cExact")})
            if "cStart" in row else b"null")
    return (to_json({"kind": local_name(row["kind"]) or "", "cue": row.get("cue")})[:-1]
            + b',"span":' + span + b"}")


def _chain(task: str, refs: Mapping[str, bytes], parents: Parents) -> bytes:
    """The task's chain up, each step a parent as the index describes it and the link's
    confidence; it stops at a parent the index does not describe, or before a cycle."""
    steps, seen, current = [], {task}, task
    while (up := parents.get(current)) is not None:
        parent, confidence = up
        described = refs.get(parent)
        if parent in seen or described is None:
            break
        steps.append(_STEP % (described, to_json(
            None if confidence is None else float(confidence))))
        seen.add(parent)
        current = parent
    return b",".join(steps)

