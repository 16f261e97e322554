"""Property-based checks of the HTTP API against its own OpenAPI schema (schemathesis).

Every GET operation (the JSON API, the views and, since issue 13, the pages and entity
IRIs) gets deterministic examples against the live server; none may answer a 5xx, and a
JSON operation's response must match the schema (status code, content type, body). The
schema comes from the app itself (no store is opened to make it), so each operation is
its own test. schemathesis' ``from_fixture`` needs pytest < 9 (it reads ``_nodeid``), hence
the operations are driven through hypothesis directly. Random strings seldom have the
shape of an entity path, so the numbers in those paths get a focused test of their own.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error, status_code_conformance
from schemathesis.specs.openapi.schemas import APIOperation

from govtrace.api.app import create_app
from govtrace.settings import Settings
from tests.support.demo import D000

SCHEMA = schemathesis.openapi.from_dict(create_app(Settings()).openapi()).exclude(
    path_regex=r"^/(sparql$|api/queries)")  # /sparql and /api/queries have protocol tests
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
HTML = {"Accept": "text/html"}
EXAMPLES = settings(max_examples=20, derandomize=True, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


@pytest.mark.slow
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_api_conforms_to_its_schema(demo_server: str, operation: APIOperation) -> None:
    json_api = operation.path.startswith("/api/")

    @given(case=operation.as_strategy())
    @EXAMPLES
    def check(case: schemathesis.Case) -> None:
        if json_api:
            case.call_and_validate(base_url=demo_server)
        else:  # pages and views answer HTML (or GraphML …): their status, and never a 5xx
            case.call_and_validate(base_url=demo_server, headers=HTML,
                                   checks=[not_a_server_error, status_code_conformance])

    check()


ODD_NUMBERS = st.one_of(
    st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),
    st.integers(min_value=-10, max_value=10**12).map(str),
    st.from_regex(r"\A[0-9]{1,4}\.[0-9A-Za-z]{1,6}\Z"),
)


@pytest.mark.slow
@given(number=ODD_NUMBERS)
@example(number="²")
@example(number="٣")
@example(number="9" * 5000)
@example(number="9.foo")
@example(number="1.5")
@settings(max_examples=150, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_numbers_in_entity_paths_never_give_a_5xx_issue_13(demo_server: str,
                                                           number: str) -> None:
    """Before: ``²`` and a 5,000-digit number gave 500 (``isdigit()`` true, ``int()``
    failing), ``٣`` served task 3, ``9.foo`` and ``1.5`` as a coverage item gave 500."""
    with httpx.Client(base_url=demo_server, headers=HTML, timeout=30) as client:
        for path in (f"/id/doc/{D000}/task/{number}", f"/viz/coverage/{number}",
                     f"/api/tasks/{D000}/{number}", f"/coverage/{number}/150626"):
            status = client.get(path).status_code
            assert status < 500, (path, status)
            if not number.isascii() or not number.isdigit():
                assert status in (404, 422), (path, status)
