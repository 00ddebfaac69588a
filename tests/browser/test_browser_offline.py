"""Installable and offline, in real Chromium on a phone in Japanese: the manifest is linked and
valid, the service worker installs and keeps Today, today's session with its drawings and the
diary form; without a connection they still open, a diary and a session saved then are kept on
the phone and shown as "will be sent", and when the connection is back each arrives once. A page
that was not kept shows the offline page. Logging out drops the kept pages. No inline script
(the CSP is enforced here), no JavaScript error, and axe finds nothing on the pages touched.
Photographs go to test-artifacts/offline-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from hizakoshi.journey.models import DiaryEntry, ExerciseSession
from journey.factories import with_plan
from people import PASSWORD, person

from .conftest import ARTIFACTS, AXE_JS, PHONE, shoot
from .person import log_in, site_text

# With the tests' fast MD5 hashes the login answers at once. That is what found the worker's
# claim at activation missing the page it lands on (controller null) in about one run in three;
# the worker now also claims the page that tells it who is logged in (serviceworker.js).
pytestmark = [pytest.mark.browser]

PREFIX = "hizakoshi.pending."
KEPT_PAGES = """async () => {
  const name = (await caches.keys()).find((k) => k.startsWith("pages-"));
  if (!name) return [];
  return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname).sort();
}"""


def t(message: str) -> str:
    return site_text(message, "ja")


def axe(page: Page) -> list[str]:
    # Evaluated through the DevTools protocol, which the page's CSP does not govern: the policy
    # stays on for the rest of the test.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    report: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in report["violations"]
    ]


def kept(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate(
        """p => Object.keys(localStorage).filter(k => k.startsWith(p))
              .map(k => JSON.parse(localStorage.getItem(k)))""",
        PREFIX,
    )
    return result


def wait_for_kept_pages(page: Page) -> None:
    for _ in range(100):
        if page.evaluate(KEPT_PAGES) == ["/me/diary/", "/me/session/", "/me/today/"]:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the pages were not kept: {page.evaluate(KEPT_PAGES)}")


def test_todays_pages_open_offline_and_what_is_saved_there_arrives_once(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    user = with_plan(person("offline@example.jp"))
    context = browser.new_context(**PHONE)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "console",
        lambda m: problems.append(f"{m.text} {m.location['url']}") if m.type == "error" else None,
    )
    page.on("requestfailed", lambda r: problems.append(f"{r.method} {r.url} {r.failure}"))
    posts: list[str] = []
    # Posts the server answered (a try that found no connection yet is not one).
    page.on("response", lambda r: posts.append(r.url) if r.request.method == "POST" else None)
    found: dict[str, list[str]] = {}
    try:
        log_in(page, site_url, user.email, PASSWORD)

        # Installable: the manifest is linked, valid, and its icons are there.
        href = page.locator("link[rel=manifest]").get_attribute("href")
        manifest = context.request.get(site_url + str(href))
        assert manifest.headers["content-type"] == "application/manifest+json"
        data = manifest.json()
        assert data["name"] == "膝腰ナビ" and data["start_url"] == "/me/today/"
        assert data["display"] == "standalone"
        for icon in data["icons"]:
            assert context.request.get(site_url + icon["src"]).ok, icon["src"]

        # The worker installs, takes over the page, and keeps this person's pages.
        assert page.evaluate("navigator.serviceWorker.ready.then((r) => !!r.active)")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        wait_for_kept_pages(page)
        found["today"] = axe(page)

        context.set_offline(True)
        page.goto(site_url + "/me/session/")
        expect(page.get_by_role("heading", name=t("Today's exercises"), level=1)).to_be_visible()
        banner = page.locator("[data-note=offline]")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("インターネットにつながっていません")
        drawing = page.locator("img.illustration").first
        expect(drawing).to_be_visible()
        loaded = "(img) => img.complete && img.naturalWidth > 0"
        assert page.evaluate(loaded, drawing.element_handle())
        shoot(page, "offline-session")
        found["session, offline"] = axe(page)

        # The session, done without a connection: kept on the phone.
        sections = page.locator("section[data-exercise-id]")
        for _ in range(sections.count()):
            visible = page.locator("section[data-exercise-id]:visible")
            if not visible.count():
                break
            visible.get_by_role("button", name="次の体操へ").click()
        end = page.locator("[data-session-end]")
        end.get_by_label("2", exact=True).check()
        end.get_by_role("button", name="体操の記録を保存する").click()
        expect(page.locator(".session-note")).to_have_text(
            t("Kept on this phone. It will be sent when you are online again.")
        )

        # The diary form opens, and a check-in saved now is kept and shown as "will be sent".
        page.goto(site_url + "/me/diary/")
        expect(page.get_by_role("heading", name=t("Today's check-in"))).to_be_visible()
        page.locator("input[name=back_pain][value='4']").check()
        page.get_by_label(t("Walking today (minutes)")).fill("25")
        page.get_by_role("button", name=t("Save"), exact=True).click()
        expect(page.locator("[data-diary-kept]")).to_be_visible()
        expect(page.locator("[data-diary-kept]")).to_have_text(
            t("Kept on this phone. It will be sent when you are online again.")
        )
        expect(page.locator("[data-note=pending]")).to_be_visible()
        shoot(page, "offline-diary-kept")
        page.locator("[data-diary-kept]").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "offline-diary-kept-note.png"))
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(ARTIFACTS / "offline-diary-kept-top.png"))
        found["diary, kept offline"] = axe(page)
        assert {e.get("kind", "session") for e in kept(page)} == {"diary", "session"}
        assert not DiaryEntry.objects.filter(person=user).exists()
        assert not ExerciseSession.objects.filter(person=user).exists()

        # A page that was not kept: the offline page, in plain words.
        page.goto(site_url + "/me/progress/")
        expect(
            page.get_by_role("heading", name=t("No internet connection"), level=1)
        ).to_be_visible()
        expect(page.get_by_role("link", name=t("Today's check-in"))).to_be_visible()
        shoot(page, "offline-page")
        found["the offline page"] = axe(page)

        # Back online: both are sent, once, and the phone says so.
        page.goto(site_url + "/me/diary/")  # the kept copy, while still offline
        posts.clear()
        reconnected = timezone.now()
        context.set_offline(False)
        page.wait_for_function(
            f"() => !Object.keys(localStorage).some((k) => k.startsWith('{PREFIX}'))"
        )
        expect(page.locator("[data-note=sent]")).to_be_visible()
        expect(page.locator("[data-diary-kept]")).to_be_hidden()
        shoot(page, "offline-sent")
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(ARTIFACTS / "offline-sent-top.png"))
        page.reload()  # a second look sends nothing more
        page.wait_for_load_state("networkidle")
        assert sorted(p.removeprefix(site_url) for p in posts) == [
            "/me/diary/?day=" + str(DiaryEntry.objects.get(person=user).day),
            "/me/session/",
        ]
        found["diary, after sending"] = axe(page)

        # Logging out drops the kept pages.
        page.goto(site_url + "/me/")
        with page.expect_navigation():
            page.get_by_role("button", name=t("Log out")).click()
        assert page.evaluate(KEPT_PAGES) == []
    finally:
        context.close()
    entry = DiaryEntry.objects.get(person=user)
    assert (entry.back_pain, entry.walking_minutes) == (4, 25)
    assert ExerciseSession.objects.filter(person=user).count() == 1
    # The session says when "save" was pressed on the phone, not when it arrived.
    assert ExerciseSession.objects.get(person=user).finished_at < reconnected
    # Failures expected: session.js tries to send the session before it keeps it, and the
    # queue may try once more before the worker's connection is back too.
    unexpected = [
        p for p in problems if "ERR_" not in p or not ("/me/session/" in p or "/me/diary/" in p)
    ]
    assert unexpected == []
    issues = {p: i for p, i in found.items() if i}
    assert issues == {}, "\n".join(f"{p}: {i}" for p, v in issues.items() for i in v)


def logged_in_with_kept_pages(browser: Browser, site_url: str, email: str) -> tuple[Any, Page]:
    user = with_plan(person(email))
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, site_url, user.email, PASSWORD)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    wait_for_kept_pages(page)
    return user, page


def keep_a_diary_offline(page: Page, site_url: str, back_pain: int) -> None:
    page.context.set_offline(True)
    page.goto(site_url + "/me/diary/")
    page.locator(f"input[name=back_pain][value='{back_pain}']").check()
    page.get_by_role("button", name=t("Save"), exact=True).click()
    expect(page.locator("[data-diary-kept]")).to_be_visible()


def test_a_diary_kept_offline_outlives_the_end_of_the_login_and_is_sent_after_logging_in(
    browser: Browser, site_url: str
) -> None:
    from django.contrib.sessions.models import Session

    user, page = logged_in_with_kept_pages(browser, site_url, "expired@example.jp")
    try:
        keep_a_diary_offline(page, site_url, 3)
        Session.objects.all().delete()  # the login ends while the phone is offline
        page.context.set_offline(False)
        login = page.locator("[data-note=login]")
        expect(login).to_be_visible()
        expect(login).to_contain_text(
            t(
                "Please log in. Your records are kept on this phone and will be sent after you "
                "log in."
            )
        )
        shoot(page, "offline-please-log-in")
        assert len(kept(page)) == 1
        assert not DiaryEntry.objects.filter(person=user).exists()

        # Logging in again gives a new CSRF token; the kept diary goes with it.
        log_in(page, site_url, user.email, PASSWORD)
        page.wait_for_function(
            f"() => !Object.keys(localStorage).some((k) => k.startsWith('{PREFIX}'))"
        )
        expect(page.locator("[data-note=sent]")).to_be_visible()
    finally:
        page.context.close()
    assert DiaryEntry.objects.get(person=user).back_pain == 3


def test_a_kept_diary_never_overwrites_a_newer_entry_silently_the_person_is_asked_to_look(
    browser: Browser, site_url: str
) -> None:
    from hizakoshi.journey.diary.services import diary_save
    from hizakoshi.journey.me.selectors import local_today

    user, page = logged_in_with_kept_pages(browser, site_url, "changed@example.jp")
    try:
        keep_a_diary_offline(page, site_url, 3)
        # Meanwhile, on the tablet: today's check-in says 7.
        diary_save(person=user, day=local_today(), values={"back_pain": 7}, seen="")
        page.context.set_offline(False)
        review = page.locator("[data-note=review]")
        expect(review).to_be_visible()
        assert DiaryEntry.objects.get(person=user).back_pain == 7
        shoot(page, "offline-kept-diary-to-review")

        review.get_by_role("link", name=t("Open the check-in")).click()
        expect(page.locator("[data-diary-review]")).to_be_visible()
        expect(page.locator("input[name=back_pain][value='3']")).to_be_checked()
        assert axe(page) == []
        page.get_by_role("button", name=t("Save"), exact=True).click()
        page.wait_for_url("**/me/diary/?saved=*")
        assert kept(page) == []
    finally:
        page.context.close()
    assert DiaryEntry.objects.get(person=user).back_pain == 3
