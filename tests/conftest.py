"""Rate limits are off in tests (the whole suite comes from one IP, 127.0.0.1, and would soon
reach them), except in the tests marked `ratelimit`, which test them with their own small limits.
"""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ratelimit: the rate limits are on in this test")


@pytest.fixture(autouse=True)
def _rate_limits_only_where_tested(request: pytest.FixtureRequest, settings: Settings) -> None:
    settings.RATELIMIT_ENABLE = request.node.get_closest_marker("ratelimit") is not None
