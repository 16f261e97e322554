"""viz's template environment is its own and complete: a page renders with govtrace.api
never imported, and importing the API (every router) leaves the environment as it was."""

from __future__ import annotations

import json
import subprocess
import sys

RENDER_WITHOUT_THE_API = """
import json, sys
from govtrace.queries.entities import DocumentDetail
from govtrace.queries.models import DocumentRef, TaskRef
from govtrace.viz.templating import environment, render_template

base = "https://w3id.org/govtrace/id/doc/"
document = DocumentRef(iri=base + "d1", id="d1", title="乌审旗2024年法治政府建设工作计划")
task = TaskRef(iri=base + "d1/task/5", id="d1/5", number=5, title="加强监督", document=document)
page = render_template("document.html", title="d1",
                       document=DocumentDetail(**document.model_dump(), tasks=[task],
                                               implements=[]))
imported_api = "govtrace.api" in sys.modules
before = dict(environment().globals)
import govtrace.api.app  # noqa: F401  (every router, as the server imports them)
after = dict(environment().globals)
print(json.dumps({"page": page, "imported_api": imported_api,
                  "unchanged": before.keys() == after.keys()
                  and all(after[key] is value for key, value in before.items())}))
"""


def test_pages_render_without_the_api_which_leaves_the_environment_alone_issue_15() -> None:
    """Before, the API added ``task_path``, ``lineage_path`` and ``segments`` to viz's cached
    environment at import: a page rendered without the API raised UndefinedError."""
    done = subprocess.run([sys.executable, "-c", RENDER_WITHOUT_THE_API], capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout)
    assert result["imported_api"] is False
    assert 'href="/id/doc/d1/task/5"' in result["page"]  # task_path, through task_link
    assert 'href="/viz/tasks/d1/5/lineage"' in result["page"]  # lineage_path
    assert result["unchanged"] is True
