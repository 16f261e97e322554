"""A server opens its port without loading what only some answers need (issue 16, target 4)."""

from __future__ import annotations

import subprocess
import sys

# pypinyin (the gazetteer's pinyin, read in the background after the port opens), networkx
# and pyvis with its IPython (a view drawn): about 1 s of CPU of every start before issue 16.
LATER = ("pypinyin", "networkx", "pyvis", "IPython")


def test_serve_imports_nothing_only_some_answers_need_issue_16() -> None:
    # A fresh interpreter: this one has long imported them for other tests.
    code = ("import sys, govtrace.cli, govtrace.api.cli, govtrace.api.app; "
            f"print(*(name for name in {LATER!r} if name in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    assert loaded == []
