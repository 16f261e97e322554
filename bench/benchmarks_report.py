"""BENCHMARKS.md from the results bench/scale_bench.py collected (figures only as measured)."""

from __future__ import annotations

from typing import Any

TARGETS = (
    "10k documents built in ≤ 10 min; linking time 10k/1k ≤ 12",
    "peak RSS ≤ 4 GB at 10k",
    "lineage query p50 ≤ 10 ms and /api/mandates p95 ≤ 100 ms at 10k",
    "synthetic lineage precision ≥ 0.97, recall ≥ 0.95",
    "embedded Oxigraph ≥ 10× faster than rdflib in memory on the lineage query at 1M triples",
)


def render_report(results: dict[str, Any]) -> str:
    sizes: dict[str, Any] = results.get("sizes", {})
    parts = [
        "# Benchmarks\n",
        "Written by `bench/scale_bench.py` from the runs below, on the machine below; every "
        "figure is measured, none is projected. Corpora are synthetic "
        "(`bench/synthetic_corpus.py`, seed 7): schemes, plans and reports of real gazetteer "
        "divisions recombined from the "
        "seed documents, a fifth of the files messy (furniture, broken titles, stray spaces, "
        "traditional characters with pinyin, GB18030), with ground-truth lineage.\n",
        _machine(results),
        _builds(sizes),
        _accuracy(sizes),
        _sparql(sizes),
        _api(sizes),
        _stores(results.get("stores")),
        _linkers(results.get("linkers")),
        _remote(results.get("remote")),
        _targets(sizes, results.get("stores")),
    ]
    return "\n".join(part for part in parts if part)


def _machine(results: dict[str, Any]) -> str:
    info = results.get("machine", {})
    commands = results.get("commands") or [results.get("command", "")]
    lines = ["## Machine and commands\n", *[f"    {c}" for c in commands], ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    loads = {size: r["load_average"] for size, r in results.get("sizes", {}).items()
             if "load_average" in r}
    if loads:
        lines.append("- 1-minute load average when each size started: " + ", ".join(
            f"{size} {load:.1f}" for size, load in loads.items()))
    return "\n".join(lines) + "\n"


def _builds(sizes: dict[str, Any]) -> str:
    rows = ["## Build\n",
            "First build into an empty embedded store, `workers` = 2 (inference: the "
            "transitive closures, the build's counts and the record cache; compaction: "
            "Oxigraph's `optimize()` after the bulk load); then the same corpus "
            "rebuilt unchanged, and rebuilt after one county plan changed. Peak RSS: the build "
            "process's own (VmHWM) / its largest worker's (getrusage of its children).\n",
            "| docs | build s | docs/s | ingest s | reference s | link s | inference s | "
            "compaction s | triples | links | peak RSS MB | store MB | unchanged rebuild s "
            "| one changed s |",
            "|" + " --- |" * 14]
    for size, r in sizes.items():
        b, stages = r["build"], r["build"]["stages"]
        rows.append(
            f"| {b['documents']} ({size}) | {b['seconds']:.1f} "
            f"| {b['documents'] / b['seconds']:.1f}"
            f" | {stages.get('reading', 0):.1f} | {stages.get('reference data', 0):.1f}"
            f" | {stages.get('linking', 0):.1f} | {stages.get('inference', 0):.1f}"
            f" | {stages.get('compaction', 0):.1f}"
            f" | {b['triples']:,} | {b['links']:,} | {_rss(b)} | {r['store_mb']:.0f}"
            f" | {r['rebuild_unchanged']['seconds']:.1f}"
            f" | {r['rebuild_one_changed']['seconds']:.1f} |")
    return "\n".join(rows) + "\n"


def _rss(build: dict[str, Any]) -> str:
    if build.get("rss_measure") != "VmHWM":
        # measured with getrusage, which Linux carries over from the benchmark process
        return "not measured"
    return f"{build['rss_main_mb']:.0f} / {build['rss_worker_mb']:.0f}"


def _accuracy(sizes: dict[str, Any]) -> str:
    rows = ["## Lineage accuracy on the synthetic ground truth\n",
            "Every link out of a scored item is a prediction; correct when it points at the item "
            "the generator derived the child from. Abstention: local innovations left unlinked.\n",
            "| docs | scored items | precision | recall | abstention |", "|" + " --- |" * 5]
    for size, r in sizes.items():
        a = r["accuracy"]
        rows.append(f"| {size} | {a['scored']:,} | {a['precision']:.4f} | {a['recall']:.4f} "
                    f"| {a['abstention']:.3f} |")
    return "\n".join(rows) + "\n"


def _sparql(sizes: dict[str, Any]) -> str:
    names = sorted({name for r in sizes.values() for name in r["sparql"]})
    head = " | ".join(f"{size} p50 / p95 ms" for size in sizes)
    rows = ["## Saved SPARQL queries (embedded store, in process)\n",
            "Each saved query with parameters taken from the built corpus (a county task with "
            "three links up, the county's code, item 9, a report): p50 / p95 over 30 runs after "
            "one warm-up run; for a query slower than 1 s the warm-up run is the only figure.\n",
            f"| query | {head} |", "|" + " --- |" * (len(sizes) + 1)]
    for name in names:
        cells = " | ".join(f"{r['sparql'][name]['p50_ms']:.1f} / {r['sparql'][name]['p95_ms']:.1f}"
                           for r in sizes.values())
        rows.append(f"| {name} | {cells} |")
    return "\n".join(rows) + "\n"


def _api(sizes: dict[str, Any]) -> str:
    rows = ["## JSON API under a bounded loopback load (`govtrace serve`)\n",
            "Uncached: the server's response cache off, every request a different term of "
            "the glossary (350 zh/en terms, shuffled), one keep-alive connection per client "
            "(bench/api_load_bench.py). /api/mandates' index is built when the server opens "
            "the store; the first answer waits for it.\n",
            "| docs | endpoint | clients | requests | p50 ms | p95 ms | req/s "
            "| first answer after s | errors |",
            "|" + " --- |" * 9]
    for size, r in sizes.items():
        api = r["api"]
        for label, e in api["endpoints"].items():
            rows.append(f"| {size} | {label} | {api['clients']} | {e['n']} | {e['p50_ms']:.1f}"
                        f" | {e['p95_ms']:.1f} | {e['n'] / api['seconds']:.0f}"
                        f" | {api['first_mandates_s']:.1f} | {len(api['errors'])} |")
    return "\n".join(rows) + "\n"


def _stores(stores: dict[str, Any] | None) -> str:
    if not stores:
        return ""
    ratio = stores["rdflib_query_ms"] / stores["ox_query_ms"]
    return "\n".join([
        "## rdflib in memory vs embedded Oxigraph (same run)\n",
        f"{stores['triples']:,} quads of the smallest built store (its shared graphs, then "
        "whole documents in id order with their entailments and links, so lineage chains "
        "stay whole), as N-Quads; the `lineage` saved query for a task of that slice "
        f"({stores['rows']} rows), union default graph.\n",
        "| store | load s | lineage query ms (median) |", "| --- | --- | --- |",
        f"| rdflib Dataset (memory) | {stores['rdflib_load_s']:.1f} | "
        f"{stores['rdflib_query_ms']:.1f} |",
        f"| Oxigraph (memory, bulk load) | {stores['ox_load_s']:.1f} | "
        f"{stores['ox_query_ms']:.2f} |",
        f"\nOxigraph is {ratio:.0f}× faster on the query.\n"])


def _linkers(linkers: list[dict[str, Any]] | None) -> str:
    if not linkers:
        return ""
    rows = ["## Naive all-pairs linker vs the indexed one (same run, one process)\n",
            "The first documents of the smallest corpus; the naive linker compares every item "
            "with every item of every document at a higher level.\n",
            "| docs | indexed s | links | naive s | links | naive / indexed |",
            "|" + " --- |" * 6]
    for r in linkers:
        rows.append(f"| {r['documents']} | {r['indexed_s']:.1f} | {r['indexed_links']} | "
                    f"{r['naive_s']:.1f} | {r['naive_links']} | "
                    f"{r['naive_s'] / r['indexed_s']:.1f}× |")
    return "\n".join(rows) + "\n"


def _remote(remote: dict[str, Any] | None) -> str:
    if not remote:
        return ""
    return "\n".join([
        "## Remote store: a separately started `oxigraph serve`\n",
        f"    {remote['command']}\n",
        f"{remote['documents']} documents built into it over HTTP (SPARQL Update per document, "
        f"Graph Store Protocol not used for an existing store) in {remote['seconds']:.1f} s "
        f"({remote['documents'] / remote['seconds']:.1f} docs/s), {remote['triples']:,} quads, "
        f"{remote['links']:,} links. Settings: `GOVTRACE_STORE_BACKEND=remote`, "
        "`GOVTRACE_REMOTE_QUERY_URL=http://127.0.0.1:PORT/query`, "
        "`GOVTRACE_REMOTE_UPDATE_URL=…/update`, `GOVTRACE_REMOTE_STORE_URL=…/store`.\n"])


def _targets(sizes: dict[str, Any], stores: dict[str, Any] | None) -> str:
    lines = ["## Targets\n"]
    ten, one = sizes.get("10k"), sizes.get("1k")
    if ten:
        b = ten["build"]
        lines.append(f"- 10k build: {b['seconds'] / 60:.1f} min (target ≤ 10)")
        lines.append(f"- peak RSS at 10k (MB, build process / largest worker): {_rss(b)} "
                     "(target ≤ 4096)")
        mandates = ten["api"]["endpoints"].get("/api/mandates", {})
        answered = f"{mandates['p95_ms']:.0f} ms" if "p95_ms" in mandates else "not measured"
        lines.append(f"- lineage query p50 at 10k: {ten['sparql']['lineage']['p50_ms']:.1f} ms "
                     f"(target ≤ 10); /api/mandates p95: {answered} (target ≤ 100 ms)")
        a = ten["accuracy"]
        lines.append(f"- precision / recall at 10k: {a['precision']:.4f} / {a['recall']:.4f} "
                     f"(targets ≥ 0.97 / ≥ 0.95)")
    if ten and one:
        ratio = (ten["build"]["stages"]["linking"] / one["build"]["stages"]["linking"])
        lines.append(f"- linking time 10k / 1k: {ratio:.1f} (target ≤ 12)")
    if stores:
        lines.append(f"- Oxigraph vs rdflib on the lineage query at {stores['triples']:,} "
                     f"triples: {stores['rdflib_query_ms'] / stores['ox_query_ms']:.0f}× "
                     f"(target ≥ 10)")
    lines += ["", "Targets as the issue states them:", *[f"- {t}" for t in TARGETS]]
    return "\n".join(lines) + "\n"
