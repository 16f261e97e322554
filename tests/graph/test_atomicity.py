"""A writer killed with SIGKILL mid-write leaves each document wholly old or wholly new."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from govtrace.graph.store import DocumentGraph
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.settings import Settings

# The child replaces one document with two real versions (the 乌审旗 plan's graph alone, and
# merged with the region's scheme) in a tight loop until it is killed.
WRITER = """
import sys
sys.path.insert(0, sys.argv[2])
from govtrace.graph.store import DocumentGraph
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.settings import Settings
from tests.graph.conftest import split_example

documents, _ = split_example()
small = documents[0].graph
large = small + documents[1].graph
versions = [DocumentGraph("doc", "a" * 64, small), DocumentGraph("doc", "b" * 64, large)]
store = EmbeddedStore.open(Settings(store_dir=sys.argv[1]))
round = 0
while True:
    store.replace_document(versions[round % 2])
    round += 1
    if round == 3:
        print("writing", flush=True)
"""


def test_killed_writer_leaves_old_or_new_version(tmp_path: Path,
                                                 seed_documents: list[DocumentGraph]) -> None:
    small = len(seed_documents[0].graph)
    large = len(seed_documents[0].graph + seed_documents[1].graph)
    repo = Path(__file__).resolve().parents[2]
    store_dir = tmp_path / "store"
    rng = random.Random(5)
    for _ in range(4):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(store_dir), str(repo)],
                                 stdout=subprocess.PIPE)
        assert child.stdout is not None and child.stdout.readline() == b"writing\n"
        time.sleep(rng.uniform(0.01, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        store = EmbeddedStore.open(Settings(store_dir=store_dir))
        count = store.triple_count(str(store.layout.document("doc")))
        sha = store.documents()["doc"].sha256
        assert (count, sha) in {(small, "a" * 64), (large, "b" * 64)}
        store.close()
        del store
