"""Every URL of the accounts and journey areas, for anonymous, patient A and patient B.

The URL conf is enumerated, so a new URL cannot be forgotten: it must be listed in PUBLIC
(reachable without logging in, with the reason) or, when it names a record, in OBJECT_URLS
(which builds patient A's record for it); any other URL is checked as a logged-in page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hizakoshi.accounts.models import User
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import DiaryEntry, Escalation
from journey.factories import patient_a, patient_b

pytestmark = pytest.mark.django_db
AREAS = ("accounts", "journey", "calendar")

PUBLIC = {
    "accounts:signup": "making an account",
    "accounts:signup_sent": "the page after signing up",
    "accounts:signup_confirm": "the e-mailed link carries its own token",
    "accounts:login": "logging in",
    "accounts:logout": "logging out works (and does nothing) without a session",
    "accounts:password_reset": "asking for a reset link",
    "accounts:password_reset_sent": "the page after asking",
    "accounts:password_reset_confirm": "the e-mailed link carries its own token",
    "accounts:password_reset_complete": "the page after a reset",
    "accounts:deleted": "shown after the account is gone",
    # Calendar apps cannot log in: the secret token is the key (tests/journey/test_calendar_feed.py
    # checks that a wrong, stopped or another person's token never shows anything).
    "calendar:feed": "the private calendar feed",
}


def _diary_entry_yesterday(owner: User) -> date:
    # Within the week a diary day can be opened; patient B has no entry that day.
    day = local_today() - timedelta(days=1)
    DiaryEntry.objects.get_or_create(person=owner, day=day, defaults={"back_pain": 4})
    return day


# name -> factory of the URL's kwargs for one of patient A's records.
OBJECT_URLS: dict[str, Callable[[User], dict[str, object]]] = {
    "journey:escalation_seen": lambda a: {
        "pk": Escalation.objects.filter(person=a).values_list("pk", flat=True)[0]
    },
    "journey:escalation": lambda a: {
        "pk": Escalation.objects.filter(person=a).values_list("pk", flat=True)[0]
    },
    "journey:diary_day": lambda a: {"day": _diary_entry_yesterday(a).isoformat()},
}
# name -> kwargs, for URLs whose arguments name a kind of page (a questionnaire, a test), not a
# record: checked like the other pages about "me".
PAGE_ARGS: dict[str, dict[str, object]] = {
    "journey:measure": {"instrument": "nrs"},
    "journey:function_test": {"slug": "two-step"},
}


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace or ""
            yield from _walk(entry, inner.strip(":"))
        elif entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name, entry


def area_urls() -> list[tuple[str, URLPattern]]:
    return [(n, p) for n, p in _walk(get_resolver()) if n.split(":")[0] in AREAS]


def private_names() -> list[str]:
    return [n for n, _p in area_urls() if n not in PUBLIC]


def test_the_areas_have_urls_and_every_one_with_arguments_is_known() -> None:
    names = [n for n, _p in area_urls()]
    assert "journey:profile" in names and "accounts:signup" in names
    for name, pattern in area_urls():
        if name in PUBLIC:
            continue
        has_args = bool(pattern.pattern.regex.groupindex)
        known = name in OBJECT_URLS or name in PAGE_ARGS
        assert not has_args or known, f"{name}: add it to OBJECT_URLS, PAGE_ARGS or PUBLIC"


def _url(name: str, owner: User) -> str:
    kwargs = OBJECT_URLS[name](owner) if name in OBJECT_URLS else PAGE_ARGS.get(name, {})
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", private_names())
def test_anonymous_visitors_are_sent_to_log_in(client: Client, name: str) -> None:
    owner = patient_a()
    url = _url(name, owner)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (name, method)
        assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("name", private_names())
def test_patient_b_never_sees_or_changes_patient_a_s_records(client: Client, name: str) -> None:
    a, b = patient_a(), patient_b()
    url = _url(name, a)
    client.force_login(b)
    got = client.get(url)
    if name in OBJECT_URLS:
        assert got.status_code == 404
        assert client.post(url).status_code == 404
        return
    # Pages about "me": whatever B gets is B's own, never anything of A's.
    text = got.content.decode()
    assert a.email not in text
    assert "hanako" not in text.lower()
    client.post(url, {"password": "wrong", "language": "en"})
    assert User.objects.filter(pk=a.pk, language="ja").exists()


# Areas that anonymous people use by design, and why; they hold no account data. Any URL outside
# AREAS and these fails the test below, so a new area cannot slip past the persona checks.
ANONYMOUS_AREAS = {
    "selfcheck": "the self-check needs no account; a saved result is reached by its secret link",
    "api-v1": "the JSON API computes an assessment and stores nothing",
    "": "Django's set_language view",
}


def test_every_url_of_the_site_is_either_checked_here_or_anonymous_by_design() -> None:
    unplaced = [
        name
        for name, _pattern in _walk(get_resolver())
        if name.split(":")[0] not in AREAS and (name.rpartition(":")[0]) not in ANONYMOUS_AREAS
    ]
    assert unplaced == []


def test_unnamed_urls_cannot_hide_from_the_checks() -> None:
    def unnamed(resolver: URLResolver) -> Iterator[str]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from unnamed(entry)
            elif not entry.name:
                yield str(entry.pattern)

    assert list(unnamed(get_resolver())) == []
