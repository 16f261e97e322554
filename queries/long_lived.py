"""Reading what a server keeps as long as a store's snapshot (the build's index) without
Python's cyclic collector walking it again and again.

The collector runs a full collection every so often as objects are allocated, and each
walks every object the process tracks. Unpickling the index at 30,000 documents allocates
millions of them (the search passages, 30,000 documents' descriptions) into a heap growing
to a gigabyte, so full collections ran one after another over more and more of them: 1.5 s
of the 5 s of CPU a server spent from its start to its last first answer (issue 16). None of
these objects is garbage while the snapshot lives, so they are read with the collector
paused and then moved out of its reach (:func:`gc.freeze`); when a snapshot drops them their
reference counts still free them (only a cycle among them would stay, and the index holds
none).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pause:
    """The collector paused while any thread reads, resumed (if it ran) after the last."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers = 0
        self._resume = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._lock:
            if self._readers == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if self._readers == 0:
                    gc.freeze()  # what was read, and what the process had before
                    if self._resume:
                        gc.enable()


reading_long_lived = _Pause().reading
"""``with reading_long_lived(): value = pickle.load(file)``: read with the collector paused,
then frozen with all the process has (see the module's doc)."""
