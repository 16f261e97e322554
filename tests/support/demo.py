"""The bundled demo corpus built into a store, as `govtrace build` leaves it."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from govtrace.graph.build import build, demo_corpus
from govtrace.graph.store_oxigraph import EmbeddedStore
from govtrace.settings import Settings


@cache
def seed_ids() -> dict[str, str]:
    """The doc_id a build gives each demo seed, by its file name's number ("000"): ids come
    from what identifies a document (issue 18), so tests look them up by file."""
    from govtrace.ingest import read_and_extract
    from govtrace.ingest.metadata import SIDECAR_NAME, load_sidecar, metadata_for

    sidecar = load_sidecar(demo_corpus() / SIDECAR_NAME)
    return {path.name[:3]: read_and_extract(path, Settings(), metadata_for(path, sidecar)
                                            ).source.doc_id
            for path in sorted(demo_corpus().glob("*.txt"))}


def seed_file(doc_id: str) -> str:
    """The file name of the demo seed the build gives ``doc_id``."""
    (number,) = [n for n, i in seed_ids().items() if i == doc_id]
    return next(demo_corpus().glob(f"{number}_*.txt")).name


def __getattr__(name: str) -> str:
    """``D000`` … ``D004``: the seeds' doc_ids (:func:`seed_ids`), read when first asked."""
    if name.startswith("D") and name[1:] in seed_ids():
        return seed_ids()[name[1:]]
    raise AttributeError(name)


def build_demo(root: Path) -> Settings:
    """Settings of a store under ``root`` holding the demo corpus (5 seeds + outline)."""
    settings = Settings(data_dir=root / "data", store_dir=root / "store")
    report = build(settings, [demo_corpus()])
    assert not report.failures
    return settings


def store_rows(settings: Settings, query: str) -> list[dict[str, str]]:
    """The rows of a SELECT over the store ``settings`` name, each value as text."""
    store = EmbeddedStore.open(settings, read_only=True)
    try:
        return [{k: str(v) for k, v in row.items()} for row in store.query(query).bindings()]
    finally:
        store.close()


def server_env(settings: Settings, **extra: str) -> dict[str, str]:
    """GOVTRACE_* variables for a server over that store."""
    return {"GOVTRACE_STORE_DIR": str(settings.resolved_store_dir),
            "GOVTRACE_DATA_DIR": str(settings.data_dir),
            "GOVTRACE_QUERY_WORKERS": "2", "GOVTRACE_QUERY_TIMEOUT": "10", **extra}


def copy_without_index_part(settings: Settings, root: Path, part: str) -> Settings:
    """A copy of ``settings``' built store under ``root`` whose serving index lacks one part
    (``"down_links"``): the index an earlier govtrace wrote, before the part existed."""
    from govtrace.queries.serving_index import index_dir

    store_dir = root / "store"
    shutil.copytree(settings.resolved_store_dir, store_dir)
    shutil.copytree(index_dir(settings.resolved_store_dir), index_dir(store_dir))
    (index_dir(store_dir) / f"{part}.pickle").unlink()
    return Settings(data_dir=settings.data_dir, store_dir=store_dir)
