"""The progress page: each series with its chart and its improved / unchanged / worse label by
its threshold, the rule in words; the same number of queries for a month or two years of
records; light enough to load on a phone."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import DiaryEntry, FunctionTest, Profile
from journey.measures_helpers import START, at_noon, diary, history, in_english, started

pytestmark = pytest.mark.django_db
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def progress_page(client: Client, user: User, days: int) -> str:
    with time_machine.travel(at_noon(START + timedelta(days=days)), tick=False):
        client.force_login(user)
        response = in_english(client).get("/me/progress/")
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, series: str) -> str:
    found = re.search(rf'<section class="series" id="s-{series}".*?</section>', page, re.S)
    assert found, series
    return found.group(0)


def test_back_pain_falling_by_three_points_is_labelled_improved_with_the_rule_in_words(
    client: Client,
) -> None:
    user = started()
    diary(user, 60, back=lambda i: 6 if i < 30 else 3, knee=lambda i: 5)
    page = progress_page(client, user, 59)
    back = section(page, "back_pain")
    assert "change-improved" in back
    assert "First 7 days: 6.0/10; last 7 days: 3.0/10 (change -3.0)." in back
    assert "A change of 2 points or more, or 30% of the starting level" in back
    assert "<svg" in back
    assert "change-unchanged" in section(page, "knee_pain_right")


def test_a_series_without_records_says_so_instead_of_drawing_an_empty_chart(
    client: Client,
) -> None:
    user = started()
    diary(user, 20)
    page = progress_page(client, user, 19)
    left_knee = section(page, "knee_pain_left")
    assert "No records yet." in left_knee and "<svg" not in left_knee


def test_sessions_are_drawn_per_week_from_the_start_of_self_care(client: Client) -> None:
    user = started()
    history(user, 35)
    sessions = section(progress_page(client, user, 34), "sessions")
    assert "chart-bar" in sessions
    assert "7 a week" in sessions


def test_chair_stands_on_two_chairs_are_never_mixed_the_last_chair_counts(
    client: Client,
) -> None:
    user = started()
    diary(user, 60)
    for n, kind, count in ((0, "chair_stand_cdc", 8), (40, "chair_stand_cs30", 20)):
        FunctionTest.objects.create(
            person=user,
            kind=kind,
            values={},
            result={"count": count},
            taken_on=START + timedelta(days=n),
        )
    stands = section(progress_page(client, user, 59), "chair_stand")
    assert "40 cm chair" in stands
    assert "20 stands" in stands and "8 stands" not in stands


def test_weight_with_a_goal_below_it_counts_a_loss_of_5_percent_as_improved(
    client: Client,
) -> None:
    user = started()
    Profile.objects.filter(person=user).update(weight_goal_kg=Decimal("55.0"))
    diary(user, 60)
    DiaryEntry.objects.filter(person=user, day__gte=START + timedelta(days=40)).exclude(
        weight_kg=None
    ).update(weight_kg=Decimal("56.5"))
    assert "change-improved" in section(progress_page(client, user, 59), "weight")


def queries_for(client: Client, user: User, days: int) -> list[str]:
    with time_machine.travel(at_noon(START + timedelta(days=days)), tick=False):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/me/progress/").status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_the_number_of_queries_does_not_grow_with_the_history(client: Client) -> None:
    month, two_years = started("month@example.jp"), started("years@example.jp")
    history(month, 30)
    history(two_years, 730)
    # Both have seen the page once, so any message has been raised and stored already.
    queries_for(client, month, 29)
    queries_for(client, two_years, 729)
    small, large = queries_for(client, month, 29), queries_for(client, two_years, 729)
    assert len(small) == len(large), (small, large)
    assert len(large) <= 16  # 16th: the latest self-check, for which knee(s) to show


def test_two_years_of_records_stay_within_60_kb_without_the_charts(client: Client) -> None:
    user = started()
    history(user, 730)
    page = progress_page(client, user, 729)
    without_charts = SVG.sub("", page)
    assert page.count("<svg") >= 6
    assert len(without_charts.encode()) <= 60 * 1024, len(without_charts.encode())
