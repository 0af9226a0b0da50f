"""Property-based fuzzing of the JSON API against its own OpenAPI document (Schemathesis).

In-process (ASGI), a bounded number of cases per operation, with editor and key-holder
tokens for their routes. Every response must be documented (status, content type, body
schema) and none may be a server error.
"""

from __future__ import annotations

from collections.abc import Callable

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CASES_PER_OPERATION = 15  # x 14 operations: about two hundred requests
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _headers_for(path: str, role_headers: dict[str, dict[str, str]]) -> dict[str, str]:
    for prefix, role in (("/api/v1/editor", "editor"), ("/api/v1/keyholder", "keyholder")):
        if path.startswith(prefix):
            return role_headers[role]
    return {}  # witness routes; logging out is tried anonymously so the tokens stay valid


def test_every_response_is_documented_and_none_is_a_server_error(
    app, api_login: Callable[..., dict[str, str]]
) -> None:
    role_headers = {"editor": api_login("editor"), "keyholder": api_login("keyholder")}
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=CASES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def fuzz(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=_headers_for(case.path, role_headers), checks=CHECKS)

        fuzz()
