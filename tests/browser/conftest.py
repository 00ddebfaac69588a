"""Real Chromium (Debian's /usr/bin/chromium) driven by pytest-playwright against live_server.

Playwright never downloads a browser here: the launch arguments name the system one, and the
scripts set PLAYWRIGHT_SKIP_BROWSER_DOWNLOADS. Every test in this folder is marked `browser`
(`pytest -m "not browser"` skips them). Screenshots go to test-artifacts/ at the repository root.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("HIZAKOSHI_CHROMIUM", "/usr/bin/chromium")

# A mid-range phone, held by someone in Japan: the people this site is for.
PHONE: dict[str, Any] = {
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.hookimpl(tryfirst=True)  # before -m "not browser" deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright() -> None:
    # Playwright's sync API keeps an asyncio loop running in the test thread for the whole
    # session; Django then refuses ORM calls there (live_server's database flush, for one)
    # unless told that this thread is not really async. Set from the first browser test on.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (scripts/system-deps.sh)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # The machine has no network beyond localhost; without these flags Chromium keeps
        # trying to reach Google's update and sync hosts.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, **PHONE}


@pytest.fixture
def site_url(live_server: Any, transactional_db: None) -> str:
    """The app under test, with a database that is emptied after each test."""
    return str(live_server.url)


@pytest.fixture
def csp_violations(page: Page) -> Iterator[list[str]]:
    """Console messages about Content-Security-Policy violations (e.g. an inline script)."""
    found: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if re.search(r"Content[- ]Security[- ]Policy", message.text, re.IGNORECASE):
            found.append(message.text)

    page.on("console", record)
    yield found


def shoot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as test-artifacts/NAME.png, for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
