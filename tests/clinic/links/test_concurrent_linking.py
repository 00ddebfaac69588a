"""Linking twice at the same moment (a double tap, two tabs, a retry on a slow line) makes one
link and no error: threads against the real test database (a file on SQLite, the server on
PostgreSQL: `scripts/with-postgres.sh`), each with its own connection, started together."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from hizakoshi.clinic.links.services import care_link_create
from hizakoshi.clinic.models import CareLink
from people import clinic_make, person

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def together(work: Callable[[int], object]) -> tuple[list[object], list[BaseException]]:
    """work(n) in THREADS threads released at once; what they returned, and what they raised."""
    start = threading.Barrier(THREADS)
    results: list[object] = []
    errors: list[BaseException] = []

    def one(n: int) -> None:
        try:
            start.wait()
            results.append(work(n))
        except Exception as problem:  # every failure counts, whatever it is
            errors.append(problem)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one, range(THREADS)))
    return results, errors


def test_the_same_link_made_at_the_same_moment_is_made_once_and_every_writer_gets_it() -> None:
    hanako, clinic = person("hanako@example.jp"), clinic_make("HIZA01", "ひざこしクリニック")

    def link(n: int) -> object:
        made = care_link_create(
            person=hanako,
            clinic=clinic,
            name="佐藤 花子",
            name_kana="サトウ ハナコ",
            birth_date=None,
            language="ja",
            now=timezone.now(),
        )
        return made.pk

    results, errors = together(link)
    assert errors == []
    (only,) = CareLink.objects.filter(person=hanako)
    assert results == [only.pk] * THREADS


def test_the_join_button_pressed_in_many_tabs_at_once_makes_one_link() -> None:
    hanako, clinic = person("hanako@example.jp"), clinic_make("HIZA01", "ひざこしクリニック")
    answers = {"name": "佐藤 花子", "name_kana": "サトウ ハナコ", "consent": "on"}
    tabs = []
    for _ in range(THREADS):
        tab = Client()
        tab.force_login(hanako)
        tabs.append(tab)

    def press(n: int) -> object:
        return tabs[n].post(f"/me/clinics/join/{clinic.code}/", answers).status_code

    results, errors = together(press)
    assert errors == []
    assert results == [302] * THREADS
    assert CareLink.objects.filter(person=hanako).count() == 1


def test_people_linking_with_one_clinic_at_the_same_moment_each_get_their_own_link() -> None:
    clinic = clinic_make("HIZA01", "ひざこしクリニック")
    everyone = [person(f"person{n}@example.jp") for n in range(THREADS)]

    def link(n: int) -> object:
        return care_link_create(
            person=everyone[n],
            clinic=clinic,
            name=f"患者 {n}",
            name_kana="カンジャ",
            birth_date=None,
            language="ja",
            now=timezone.now(),
        ).person_id

    results, errors = together(link)
    assert errors == []
    assert sorted(results) == sorted(p.pk for p in everyone)
    assert CareLink.objects.filter(clinic=clinic, ended_at__isnull=True).count() == THREADS
