"""Property-based checks of the JSON API against its own OpenAPI schema (schemathesis).

Every operation under /api/ gets 20 deterministic examples against the live server; each
response must match the schema (status code, content type, body) and none may be a 5xx.
The schema comes from the app itself (no store is opened to make it), so each operation is
its own test. schemathesis' ``from_fixture`` needs pytest < 9 (it reads ``_nodeid``), hence
the operations are driven through hypothesis directly.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.schemas import APIOperation

from govtrace.api.app import create_app
from govtrace.settings import Settings

SCHEMA = schemathesis.openapi.from_dict(create_app(Settings()).openapi()).include(
    path_regex=r"^/api/(?!queries)")  # /sparql and /api/queries have protocol tests
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.mark.slow
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_api_conforms_to_its_schema(demo_server: str, operation: APIOperation) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=20, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(base_url=demo_server)

    check()
