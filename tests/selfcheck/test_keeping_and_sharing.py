"""Keeping and sharing: a saved link shown whole with a Copy button (hidden until the script
runs, so without JavaScript the field is simply selected), dates written as people write them,
and a word of welcome after sign-up saying what was kept."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from accounts.test_signup import confirm
from people import PASSWORD

from .factories import saved_result

pytestmark = pytest.mark.django_db


def render(text: str, **context: object) -> str:
    """The filter's text; it comes wrapped so that the date never breaks across lines."""
    shown = Template("{% load dates %}" + text).render(Context(context))
    found = re.fullmatch(r'<span class="nowrap">(.*)</span>', shown)
    assert found, shown
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ja", "2026年12月2日"), ("en", "2 December 2026")],
)
def test_a_date_reads_as_people_write_it(lang: str, expected: str) -> None:
    with translation.override(lang):
        assert render("{{ d|longdate }}", d=date(2026, 12, 2)) == expected


@pytest.mark.parametrize(("lang", "expected"), [("ja", "12月3日(木)"), ("en", "Thu 3 December")])
def test_a_day_in_a_week_list_names_its_weekday(lang: str, expected: str) -> None:
    with translation.override(lang):
        assert render("{{ d|shortday }}", d=date(2026, 12, 3)) == expected


def test_a_time_late_in_the_day_in_utc_is_the_next_day_in_japan() -> None:
    with translation.override("ja"):
        assert render("{{ d|longdate }}", d=datetime(2026, 12, 2, 16, 0, tzinfo=UTC)) == (
            "2026年12月3日"
        )


def test_the_saved_page_shows_the_whole_link_with_a_copy_button_and_japanese_dates(
    client: Client,
) -> None:
    saved = saved_result()
    page = client.get(f"/r/{saved.link_token}/").content.decode()
    field = re.search(
        r'<textarea class="link-box link-field" id="private-link"[^>]*>([^<]*)<', page
    )
    assert field and field.group(1).endswith(f"/r/{saved.link_token}/")
    assert re.search(r'<button type="button" [^>]*data-copy-for="private-link"[^>]* hidden>', page)
    assert 'data-copied="コピーしました"' in page and ">コピー</button>" in page
    assert "hizakoshi/copy.js" in page
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", page)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.split("<main")[1])


def signup(client: Client, **extra: str) -> None:
    data = {
        "signup": "1",
        "email": "hanako@example.jp",
        "password": PASSWORD,
        "language": "ja",
        "consent": "on",
    }
    assert client.post("/accounts/signup/", data | extra)["Location"] == "/accounts/signup/sent/"
    confirm(client)  # the e-mailed link, as the person would open it


def test_after_sign_up_with_a_result_today_says_the_account_is_made_and_the_result_kept(
    client: Client,
) -> None:
    signup(client, result=str(saved_result().link_token))
    page = client.get("/me/today/").content.decode()
    assert (
        "アカウントを作りました。" in page
        and "セルフチェックの結果をアカウントに残しました" in page
    )
    assert "アカウントを作りました。" not in client.get("/me/today/").content.decode()  # once


def test_after_sign_up_without_a_result_today_says_nothing_is_kept_yet(client: Client) -> None:
    signup(client)
    page = client.get("/me/today/").content.decode()
    assert "アカウントを作りました。" in page and "まだ記録は何もありません" in page
