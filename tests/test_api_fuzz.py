"""Fuzz the API against its own OpenAPI spec (schemathesis): whatever a client
sends that the spec allows, the server answers without a server error, and
its answers match the spec.

The number of examples per operation is bounded so this runs in seconds.
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402  (after the skip)
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eventcoder.api import create_app  # noqa: E402
from test_api_fakes import build_db  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
# More with EVENTCODER_FUZZ_EXAMPLES=500 (and EVENTCODER_FUZZ_RANDOM=1 for new inputs).
MAX_EXAMPLES = int(os.environ.get("EVENTCODER_FUZZ_EXAMPLES", "25"))
DERANDOMIZE = not os.environ.get("EVENTCODER_FUZZ_RANDOM")
TOKEN = "fuzz-token"
# Every operation of the spec (test_every_operation_is_fuzzed keeps this list whole).
OPERATIONS = [
    ("GET", "/v1/health"), ("GET", "/v1/events"), ("GET", "/v1/events/{event_id}"),
    ("GET", "/v1/articles/{article_id}"), ("GET", "/v1/stats/timeline"),
    ("GET", "/v1/stats/dyads"), ("GET", "/v1/stats/actors"), ("GET", "/v1/stats/places"),
    ("POST", "/v1/code"), ("POST", "/v1/articles"),
]


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    # A token, so the write endpoints are reachable too (without it they answer 403).
    app = create_app(build_db(folder / "fuzz.duckdb"), token=TOKEN, web_dir=folder)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_operation_is_fuzzed(schema):
    found = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_answers_every_request_without_a_server_error(schema, method, path):
    operation = schema[path][method]
    headers = {"Authorization": f"Bearer {TOKEN}"} if method == "POST" else None

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=DERANDOMIZE, database=None,
              suppress_health_check=list(HealthCheck))
    def answers(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    answers()
