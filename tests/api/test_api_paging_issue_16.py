"""Issue 16: a regulation's citing tasks are paged where they are read (only the page's
tasks are described), 100 by default, with the total in every page."""

from __future__ import annotations

import httpx

from govtrace.api.routes_entities import CITING_PAGE
from govtrace.api.tabular import MAX_PAGE

KEY = "c187389b531af611"  # cited by several tasks of the demo corpus


def test_a_regulations_citing_tasks_page_by_default_issue_16(demo_server: str) -> None:
    whole = httpx.get(f"{demo_server}/api/regulations/{KEY}", timeout=60).json()
    assert whole["limit"] == CITING_PAGE == 100
    assert whole["citations"] == whole["total"] == len(whole["cited_by"]) >= 2
    page = httpx.get(f"{demo_server}/api/regulations/{KEY}", params={"offset": 1, "limit": 1},
                     timeout=60).json()
    assert page["cited_by"] == whole["cited_by"][1:2]
    assert (page["total"], page["next_offset"]) == (whole["total"], 2 if whole["total"] > 2
                                                    else None)


def test_the_citing_page_is_documented_and_checked_issue_16(demo_server: str) -> None:
    schema = httpx.get(f"{demo_server}/openapi.json", timeout=60).json()
    parameters = {p["name"]: p["schema"] for p in
                  schema["paths"]["/api/regulations/{key}"]["get"]["parameters"]}
    assert parameters["limit"]["default"] == CITING_PAGE
    assert parameters["limit"]["maximum"] == MAX_PAGE
    bad = httpx.get(f"{demo_server}/api/regulations/{KEY}", params={"limit": MAX_PAGE + 1},
                    timeout=60)
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert bad.json()["code"] == "GT-API-001"
