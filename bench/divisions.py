"""Benchmark the divisions gazetteer: load, RDF build, text scan. Prints medians.

Run: /work/venv/bin/python bench/divisions.py
"""

from __future__ import annotations

import time
from collections import Counter
from importlib.resources import files

from timing import median_seconds

from govtrace.ontology.divisions import Gazetteer, divisions_graph, get_gazetteer
from govtrace.ontology.divisions_source import load_gazetteer_data
from govtrace.ontology.iris import IriScheme


def main() -> None:
    start = time.perf_counter()
    gazetteer = get_gazetteer()
    print(f"first load (imports included): {time.perf_counter() - start:.3f} s")
    print(f"load, warm imports: {median_seconds(lambda: Gazetteer(load_gazetteer_data())):.3f} s")
    print(f"divisions_graph: {median_seconds(lambda: divisions_graph(IriScheme())):.3f} s")
    texts = [path.read_text(encoding="utf-8")
             for path in files("govtrace").joinpath("data", "demo").iterdir()
             if path.name.endswith(".txt")]
    chars = sum(len(text) for text in texts)
    scan = median_seconds(lambda: [gazetteer.find_in_text(text) for text in texts])
    print(f"find_in_text over the 5 seeds ({chars} chars): {scan * 1000:.1f} ms")
    levels = Counter(d.level.value for d in gazetteer)
    zones = sum(d.functional_zone for d in gazetteer)
    print(f"divisions: {len(gazetteer)} {dict(levels)}; functional zones: {zones}; "
          f"skipped entries: {len(gazetteer.skipped)}")


if __name__ == "__main__":
    main()
