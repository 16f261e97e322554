"""What a build holds in memory, kept small: issue 16's peak of 4 GB at 30,000 documents.

The slim records. A build keeps one slim record per document from reading to the end
(linking reads them all, and they are cached for the next build): at 30,000 documents they
are the largest thing the build process holds. pydantic gives every model instance its
own set of the fields given at construction (``__pydantic_fields_set__``), and a record is
about 54 models: at 10,000 documents those sets were 39% of the records' objects by size,
and unpickling the 10,000 records one by one took 547 MB, 331 MB with each record's sets
shared as it arrived. Only 13 distinct sets occur. Sharing one set object between
instances is safe because the records are frozen (no field assignment adds to a set) and
``model_copy`` copies the set before it adds the fields it updates; no govtrace code reads
the sets.

Free memory given back. What the process frees mostly stays in its heap, counted in its
resident size, and each worker forked after it starts with all those pages mapped:
``malloc_trim`` before the link workers fork took the build process from 450 to 343 MB at
186 documents, and its link workers' peak from 532 to 467 MB. (The sets freed by sharing
records after the fact are not given back, pymalloc keeps them: only room later allocations
reuse. Shared as the records arrive, they are never made.)

Out of the cyclic collector's reach. The records (and the corpus index made of them) live
from reading to the build's end and are never garbage, yet each full collection walks them
all: at 10,000 documents 8 full collections cost 4.3 s while reading, one each in the
duplicates and works steps 1.2 and 1.4 s, two in inference 3.3 s (issue 16). Each stage
holds them frozen (:func:`frozen`); reference counts still free what is dropped.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_SETS: dict[frozenset[str], set[str]] = {}
"""One set object per distinct content, shared by every instance holding that content."""


def share_fields_sets(model: M) -> M:
    """``model``, with the fields sets of it and every model it holds (in fields, lists and
    tuples) replaced by the one shared set of the same content; returned for chaining."""
    given = model.__pydantic_fields_set__
    shared = _SETS.setdefault(frozenset(given), given)
    if shared is not given:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
    for value in model.__dict__.values():
        if isinstance(value, BaseModel):
            share_fields_sets(value)
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, BaseModel):
                    share_fields_sets(item)
    return model


def give_back_free_memory() -> None:
    """Return the free pages of the heap to the system (glibc's ``malloc_trim``; nothing
    where the C library has none). Python has no call for it, hence ``ctypes``."""
    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):  # no C library to open by that name (Windows)
        return
    if trim is not None:
        trim(0)


@contextmanager
def frozen() -> Iterator[None]:
    """What the process holds, out of the cyclic collector's reach until the block ends
    (``gc.freeze``; ``gc.unfreeze`` after it returns all, including what a caller froze)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
