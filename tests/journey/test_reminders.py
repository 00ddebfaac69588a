"""E-mail reminders: the time is chosen on /me/reminders/, `send_reminders` e-mails the people
whose time falls in the current slot (through a django-tasks task), in their language, with no
health details."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus

from hizakoshi.accounts.models import User
from hizakoshi.journey.management.commands.send_reminders import slot_of
from hizakoshi.journey.me.services import profile_update
from hizakoshi.journey.models import JourneyConsent, OutcomeResponse, Profile
from hizakoshi.journey.reminders.services import BODY, SUBJECT, reminder_email, reminder_time_set
from hizakoshi.journey.reminders.tasks import send_session_reminder
from journey.measures_helpers import START, started
from people import person

pytestmark = pytest.mark.django_db
# 09:05 in Tokyo (00:05 UTC): the 15-minute slot 09:00-09:15.
NINE_OH_FIVE = datetime(2025, 5, 12, 0, 5, tzinfo=UTC)
HEALTH_WORDS = ("痛", "膝", "ひざ", "腰", "pain", "knee", "back", "Hizakoshi", "膝腰")


def reminded(email: str, at: time | None, *, language: str = "ja") -> User:
    user = person(email, language=language)
    reminder_time_set(person=user, session_time=at, email_reminders=True)
    return user


def send(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


# --- the page ------------------------------------------------------------------------------


def test_choosing_a_time_saves_it_and_leaves_the_rest_of_the_profile_alone(
    client: Client,
) -> None:
    hanako = person("hanako@example.jp")
    profile_update(
        person=hanako,
        height_cm=Decimal("152.5"),
        weight_goal_kg=Decimal("55.0"),
        session_time=None,
        language="ja",
    )
    client.force_login(hanako)
    response = client.post(reverse("journey:reminders"), {"session_time": "07:45"})
    assert response.status_code == 302
    assert response["Location"] == reverse("journey:reminders") + "?saved=1"
    profile = Profile.objects.get(person=hanako)
    assert profile.session_time == time(7, 45)
    assert profile.height_cm == Decimal("152.5") and profile.weight_goal_kg == Decimal("55.0")
    page = client.get(response["Location"]).content.decode()
    assert 'value="07:45"' in page and 'role="status"' in page


def test_emptying_the_time_turns_the_emails_off(client: Client) -> None:
    hanako = reminded("hanako@example.jp", time(9, 0))
    client.force_login(hanako)
    client.post(reverse("journey:reminders"), {"session_time": ""})
    assert Profile.objects.get(person=hanako).session_time is None


@pytest.mark.parametrize("bad", ["25:00", "9時", "12:61", "x" * 500])
def test_a_bad_time_gets_a_message_at_the_field_and_saves_nothing(client: Client, bad: str) -> None:
    hanako = reminded("hanako@example.jp", time(9, 0))
    client.force_login(hanako)
    response = client.post(reverse("journey:reminders"), {"session_time": bad})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-message"' in page and "09:30" in page  # the example in the message
    assert Profile.objects.get(person=hanako).session_time == time(9, 0)


def test_the_reminders_page_needs_a_login(client: Client) -> None:
    response = client.get(reverse("journey:reminders"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- who gets an e-mail ----------------------------------------------------------------------


@time_machine.travel(NINE_OH_FIVE, tick=False)
def test_people_whose_time_is_in_this_slot_get_one_email_and_nobody_else() -> None:
    hanako = reminded("hanako@example.jp", time(9, 0))
    reminded("late@example.jp", time(9, 15))  # the next slot
    reminded("early@example.jp", time(8, 59))  # the slot before
    reminded("none@example.jp", None)
    out = send()
    assert [m.to for m in mail.outbox] == [[hanako.email]]
    assert "Sent 1 reminder(s) for 09:00-09:15" in out


@time_machine.travel(NINE_OH_FIVE, tick=False)
def test_a_withdrawn_consent_or_a_closed_account_gets_no_email() -> None:
    withdrawn = reminded("withdrawn@example.jp", time(9, 5))
    JourneyConsent.objects.filter(person=withdrawn).update(withdrawn_at=timezone.now())
    closed = reminded("closed@example.jp", time(9, 10))
    User.objects.filter(pk=closed.pk).update(is_active=False)
    send()
    assert mail.outbox == []


@time_machine.travel(NINE_OH_FIVE, tick=False)
def test_a_dry_run_counts_but_sends_nothing_and_prints_no_address() -> None:
    reminded("hanako@example.jp", time(9, 0))
    reminded("taro@example.jp", time(9, 14))
    out = send("--dry-run")
    assert mail.outbox == []
    assert "Would send 2 reminder(s) for 09:00-09:15" in out
    assert "@" not in out


@time_machine.travel(datetime(2025, 5, 12, 14, 50, tzinfo=UTC), tick=False)  # 23:50 in Tokyo
def test_the_last_slot_of_the_day_runs_to_midnight() -> None:
    reminded("owl@example.jp", time(23, 59))
    out = send()
    assert len(mail.outbox) == 1 and "23:45-24:00" in out


@time_machine.travel(NINE_OH_FIVE, tick=False)
def test_one_slot_of_a_whole_day_reaches_everyone_with_a_time() -> None:
    reminded("a@example.jp", time(6, 0))
    reminded("b@example.jp", time(21, 30))
    reminded("c@example.jp", None)
    send("--every", "1440")
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("every", ["0", "7", "abc", "2000"])
def test_a_slot_length_that_does_not_divide_the_day_is_refused(every: str) -> None:
    with pytest.raises(CommandError):
        send("--every", every)


def test_slots_are_cut_from_midnight_in_japanese_time() -> None:
    assert slot_of(NINE_OH_FIVE, 15) == (time(9, 0), time(9, 15))
    assert slot_of(NINE_OH_FIVE, 60) == (time(9, 0), time(10, 0))
    assert slot_of(datetime(2025, 5, 12, 14, 59, tzinfo=UTC), 60) == (time(23, 0), None)


# --- the e-mail -------------------------------------------------------------------------------


@time_machine.travel(NINE_OH_FIVE, tick=False)
def test_the_email_is_in_the_persons_language_and_says_nothing_about_health() -> None:
    reminded("hanako@example.jp", time(9, 0))
    reminded("taro@example.jp", time(9, 10), language="en")
    send()
    by_address = {m.to[0]: m for m in mail.outbox}
    ja, en = by_address["hanako@example.jp"], by_address["taro@example.jp"]
    assert ja.subject == SUBJECT.ja and ja.body.startswith("09:00になりました")
    assert en.subject == SUBJECT.en and en.body.startswith("It is 09:10")
    for message in (ja, en):
        assert "http://127.0.0.1:8000" + reverse("journey:reminders") in message.body
        assert "http://127.0.0.1:8000" + reverse("journey:today") in message.body
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"
        for word in HEALTH_WORDS:
            assert word not in message.subject + message.body, word


def test_the_two_languages_of_the_email_say_the_same_things() -> None:
    for field in ("{time}", "{start_url}", "{settings_url}"):
        assert field in BODY.ja and field in BODY.en


# --- the task ----------------------------------------------------------------------------------


def test_the_task_runs_at_once_with_the_immediate_backend_and_reports_sending() -> None:
    hanako = reminded("hanako@example.jp", time(9, 0))
    result = send_session_reminder.enqueue(hanako.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is True
    assert len(mail.outbox) == 1


def test_the_task_checks_again_and_sends_nothing_to_someone_who_opted_out_meanwhile() -> None:
    hanako = reminded("hanako@example.jp", time(9, 0))
    reminder_time_set(person=hanako, session_time=None)
    assert send_session_reminder.call(hanako.pk) is False
    assert send_session_reminder.call(987654) is False  # account deleted meanwhile
    assert mail.outbox == []


@time_machine.travel(NINE_OH_FIVE, tick=False)
def test_a_mail_server_failure_is_reported_with_a_failing_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reminded("hanako@example.jp", time(9, 0))

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with pytest.raises(CommandError, match="1 reminder"):
        send()


def test_a_session_time_alone_sends_no_e_mail_because_reminders_are_opt_in() -> None:
    hanako = person("hanako@example.jp")
    reminder_time_set(person=hanako, session_time=time(9, 0))
    assert send_session_reminder.call(hanako.pk) is False
    assert mail.outbox == []


def test_ticking_the_box_turns_the_e_mails_on_and_it_needs_a_time(client: Client) -> None:
    hanako = person("hanako@example.jp")
    client.force_login(hanako)
    refused = client.post(reverse("journey:reminders"), {"email_reminders": "on"})
    assert refused.status_code == 200
    assert not Profile.objects.get(person=hanako).email_reminders
    client.post(reverse("journey:reminders"), {"session_time": "09:00", "email_reminders": "on"})
    assert Profile.objects.get(person=hanako).email_reminders
    assert send_session_reminder.call(hanako.pk) is True


def test_on_a_check_in_day_the_email_says_so_without_a_health_word() -> None:
    hanako = started("checkin-day@example.jp")
    on_the_day = reminder_email(person=hanako, at=time(9, 0), today=START).body
    the_day_after_answering = START + timedelta(days=1)
    assert "ふりかえりの質問" in on_the_day
    assert "http://127.0.0.1:8000" + reverse("journey:measures") in on_the_day
    for word in HEALTH_WORDS:
        assert word not in on_the_day, word
    OutcomeResponse.objects.bulk_create(
        OutcomeResponse(person=hanako, instrument=n, answers={}, scores={}, taken_on=START)
        for n in ("nrs", "psfs")
    )
    later = reminder_email(person=hanako, at=time(9, 0), today=the_day_after_answering).body
    assert "ふりかえりの質問" not in later
