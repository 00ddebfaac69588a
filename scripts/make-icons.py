"""Draw the app icons (PNG, 192 and 512 pixels) from icon-app.svg with the system Chromium.

Run after changing the drawing: `.venv/bin/python scripts/make-icons.py`. The drawing keeps to
the middle 60% of the square, so a phone that cuts it to a circle (a "maskable" icon) loses
nothing. No artwork but our own: two strokes, the favicon's.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parents[1] / "src" / "hizakoshi" / "site" / "static" / "hizakoshi"
CHROMIUM = os.environ.get("HIZAKOSHI_CHROMIUM", "/usr/bin/chromium")


def main() -> None:
    svg = (HERE / "icon-app.svg").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size in (192, 512):
            page = browser.new_page(viewport={"width": size, "height": size})
            page.goto(svg)
            page.screenshot(path=str(HERE / f"icon-{size}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
