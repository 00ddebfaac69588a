"""A person going through the self-check in the browser: reads each screen, clicks the labels of
the answers they mean and types their numbers, then presses Next.

The answers are given by question id; the words to click are looked up in the questions
(care/content/questions.yaml) in the language of the page, as a person would read them there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from playwright.sync_api import Locator, Page, expect

from answers import MRS_SATO as SATO_ANSWERS
from answers import as_form
from hizakoshi.care.model import Lang
from hizakoshi.care.questions import Question, question_set
from hizakoshi.selfcheck.forms import is_scale

Answers = Mapping[str, Any]  # question id -> "text" (number or option value) or [option values]

# Knee pain for over a year that began half a year before the back pain, no red flag:
# a result with a likely pattern, exercises, heat or cold advice and a weight section.
MRS_SATO: dict[str, Any] = as_form(SATO_ANSWERS)

# The same person, but with new trouble passing urine: an emergency.
WITH_BLADDER_TROUBLE: dict[str, Any] = {**MRS_SATO, "urgent_signs": ["bladder_bowel"]}

NEXT = {"ja": re.compile(r"^(次へ|結果を見る)$"), "en": re.compile(r"^(Next|See my result)$")}


def current_step(page: Page) -> str | None:
    form = page.locator("form#step-form")
    return form.get_attribute("data-step") if form.count() else None


def question_box(page: Page, question: Question, lang: Lang) -> Locator:
    label = question.label.get(lang)
    if question.type in ("integer", "number") and not is_scale(question):
        return page.get_by_role("textbox", name=re.compile("^" + re.escape(label)))
    return page.get_by_role("group", name=re.compile("^" + re.escape(label)))


def answer(page: Page, question: Question, value: Any, lang: Lang) -> None:
    box = question_box(page, question, lang)
    if is_scale(question):  # pain 0-10: eleven buttons
        box.get_by_text(str(value), exact=True).click()
        return
    if question.type in ("integer", "number"):
        box.click()
        box.press_sequentially(str(value))
        return
    for chosen in value if isinstance(value, list) else [value]:
        option = question.option_label(chosen)
        assert option is not None, f"{question.id} has no option {chosen!r}"
        box.get_by_text(option.get(lang), exact=True).click()


def answer_screen(page: Page, answers: Answers, lang: Lang = "ja") -> None:
    """Answers the questions shown on the current screen that the person has an answer for."""
    step = question_set().step(current_step(page) or "")
    for question in step.questions:
        if question.id in answers and question_box(page, question, lang).count():
            answer(page, question, answers[question.id], lang)


def press_next(page: Page, lang: Lang = "ja") -> None:
    # A screen with a mistake redirects to its own URL, so wait for the new page, not a URL change.
    with page.expect_navigation():
        page.get_by_role("button", name=NEXT[lang]).click()


def complete(
    page: Page,
    answers: Answers,
    lang: Lang = "ja",
    on_screen: Callable[[str], None] | None = None,
) -> list[str]:
    """From the first screen to the result. Returns the ids of the screens passed through;
    `on_screen(step_id)` runs once each screen is filled in, before Next is pressed."""
    seen: list[str] = []
    while (step := current_step(page)) is not None:
        assert step not in seen[-1:], f"still on {step!r} after Next: {error_text(page)}"
        seen.append(step)
        answer_screen(page, answers, lang)
        if on_screen:
            on_screen(step)
        press_next(page, lang)
    expect(page.locator("#result")).to_be_visible()
    return seen


def error_text(page: Page) -> str:
    messages = page.locator(".error-message")
    return "; ".join(messages.all_inner_texts()) or "(no error shown)"


# --- the account: keeping a result, logging in ----------------------------------------------

PASSWORD = "hiza-to-koshi-2025"  # long enough, not only numbers, not a common word


def site_text(message: str, lang: Lang = "ja") -> str:
    """One of the site's own (English-keyed) messages, as the page shows it in `lang`."""
    from django.utils import translation

    with translation.override(lang):
        return translation.gettext(message)


def keep_result_in_new_account(
    page: Page,
    email: str,
    password: str = PASSWORD,
    on_signup: Callable[[], None] | None = None,
) -> None:
    """From a result page: "keep this in an account", then the sign-up form with the consent
    ticked. `on_signup()` runs once the form is filled in, before it is sent."""
    from hizakoshi.journey.join.consent import CONSENT_LABEL

    page.get_by_role("button", name=site_text("Keep this in an account")).click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    page.get_by_label(site_text("E-mail address")).fill(email)
    page.get_by_label(site_text("Password"), exact=True).fill(password)
    page.get_by_text(CONSENT_LABEL.ja).click()
    if on_signup:
        on_signup()
    with page.expect_navigation():
        page.get_by_role("button", name=site_text("Make my account")).click()
    confirm_address(page, email)


def confirm_address(page: Page, email: str) -> None:
    """Open the link e-mailed to `email` (the live server runs in this process, so the test
    mailbox has it) and press the button on its page, as the person would."""
    from django.core import mail

    expect(page).to_have_url(re.compile(r"/accounts/signup/sent/$"))
    sent = [m for m in mail.outbox if email in m.to]
    link = re.search(r"(/accounts/signup/\S+/)", sent[-1].body)
    assert link, sent[-1].body
    origin = re.match(r"https?://[^/]+", page.url)
    assert origin
    page.goto(origin.group(0) + link.group(1))
    with page.expect_navigation():
        page.get_by_role("button", name=site_text("Make my account")).click()


def log_in(page: Page, site_url: str, email: str, password: str = PASSWORD) -> None:
    page.goto(site_url + "/accounts/login/")
    page.get_by_label(site_text("E-mail address")).fill(email)
    page.get_by_label(site_text("Password"), exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name=site_text("Log in")).click()
    expect(page).to_have_url(re.compile(r"/me/today/$"))
