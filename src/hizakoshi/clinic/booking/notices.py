"""The clinic told by e-mail when a person books, moves or cancels a consultation, so that
reception need not keep watching the calendar.

- `notice_record` runs inside the change's own transaction: one BookingNotice row (what
  happened, as it was at that moment) and, once the transaction has committed, the task that
  sends it. Nothing is recorded for a clinic without an address, nor for staff's own changes
  (they made them). A notice that cannot even be queued stays in the table for the job.
- `notice_send` sends one notice once, whoever runs it and however often: it claims the row
  first (one UPDATE that only one process can win), records "sent", or gives the claim back
  with the error so that the next run of `send_booking_notices` tries again (care.booking:
  how often, and not once the consultation has begun). The booking itself never waits for the
  mail server and is never undone by it.
- `notice_email` writes it: Japanese first, English below (it goes to a shared address whose
  reader's language nobody chose, as the sign-up e-mail). It names no person and carries no
  contact details, message or health: it leaves the system that staff reach only with two
  factors, so it says what happened and when, and links to the calendar (docs/booking.md).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from hizakoshi.care.booking import MAX_NOTICE_ATTEMPTS, notice_due
from hizakoshi.care.model import Text
from hizakoshi.clinic.models import (
    Booking,
    BookingNotice,
    BookingStatus,
    NoticeKind,
    ReminderStatus,
)
from hizakoshi.site.templatetags.dates import long_day_time_text

logger = logging.getLogger(__name__)

SUBJECTS: dict[str, Text] = {
    "created": Text(ja="相談の予約が入りました", en="A consultation was booked"),
    "moved": Text(ja="相談の予約の日時が変わりました", en="A consultation was moved"),
    "cancelled": Text(ja="相談の予約が取り消されました", en="A consultation was cancelled"),
}
WHAT: dict[str, Text] = {
    "created": Text(ja="相談の予約が入りました。", en="A consultation was booked."),
    "moved": Text(
        ja="予約した方が、ご自分で相談の日時を変えました。",
        en="The person moved their consultation to another time.",
    ),
    "cancelled": Text(
        ja="予約した方が、ご自分で相談の予約を取り消しました。この時間は空きに戻りました。",
        en="The person cancelled their consultation; the time is free again.",
    ),
}
HEADING = Text(ja="{clinic} 予約のお知らせ", en="Booking notice for {clinic}")
WHEN = Text(ja="日時: {when}", en="When: {when}")
WAS = Text(ja="変更前: {when}({label})", en="Before: {when} ({label})")
WITH = Text(ja="担当: {label}", en="With: {label}")
STATE = Text(ja="状態: {state}", en="State: {state}")
STATES: dict[str, Text] = {
    BookingStatus.PENDING: Text(
        ja="確認待ち(予約表で確定してください)",
        en="waiting for the clinic to confirm it (confirm it in the calendar)",
    ),
    BookingStatus.CONFIRMED: Text(ja="確定", en="confirmed"),
    BookingStatus.CANCELLED: Text(ja="取り消し", en="cancelled"),
}
DAY_LINK = Text(
    ja="その日の予約表(ログインが必要です):\n{url}",
    en="That day's bookings (log in first):\n{url}",
)
BOOKING_LINK = Text(ja="この予約:\n{url}", en="This booking:\n{url}")
WITHHELD = Text(
    ja="このメールには、予約した方のお名前・連絡先・メッセージ・体調のことは書いていません。"
    "ログインして予約表でご覧ください。",
    en="This e-mail holds no name, contact details, message or health information of the "
    "person: log in to see the booking.",
)
AUTOMATIC = Text(
    ja="このメールは自動で送っています。",
    en="This e-mail is sent automatically.",
)


def notice_record(
    *,
    booking: Booking,
    kind: NoticeKind,
    now: datetime,
    was_starts_at: datetime | None = None,
    was_label: str = "",
) -> None:
    """Inside the transaction of the person's change (after it is saved): the notice and,
    after the commit, its send. A move gives the time and staff member or room it left."""
    if not booking.clinic.booking_email:
        return
    notice = BookingNotice.objects.create(
        booking=booking,
        sequence=booking.ics_sequence,
        kind=kind,
        starts_at=booking.starts_at,
        label=booking.resource.label,
        was_starts_at=was_starts_at,
        was_label=was_label,
        status=booking.status,
        created_at=now,
    )
    # Imported here: the task module imports this one.
    from hizakoshi.clinic.booking.tasks import send_booking_notice

    pk = notice.pk
    # robust: a queue that refuses the task does not turn the saved booking into an error page;
    # the notice waits in the table for `send_booking_notices`.
    transaction.on_commit(lambda: send_booking_notice.enqueue(pk), robust=True)


def notice_send(*, notice_id: int, now: datetime) -> str:
    """Send one notice: "sent", "failed" (tried again by the next run of the job) or "skipped"
    (sent already, being sent by another process, given up, or no address any more)."""
    notice = BookingNotice.objects.select_related("booking__clinic").filter(pk=notice_id).first()
    if notice is None or notice.mail_status not in (ReminderStatus.PENDING, ReminderStatus.FAILED):
        return "skipped"
    if not notice_due(attempts=notice.attempts, starts_at=notice.starts_at, now=now):
        return "skipped"
    address = notice.booking.clinic.booking_email
    if not address:  # the clinic took its address away meanwhile
        BookingNotice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
            mail_status=ReminderStatus.NONE
        )
        return "skipped"
    claimed = BookingNotice.objects.filter(
        pk=notice.pk,
        mail_status__in=(ReminderStatus.PENDING, ReminderStatus.FAILED),
        claimed_at__isnull=True,
        attempts__lt=MAX_NOTICE_ATTEMPTS,
    ).update(claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"  # another process has it
    try:
        notice_email(notice, to=address).send(fail_silently=False)
    except Exception as problem:
        error = f"{type(problem).__name__}: {problem}"[:200]
        # The claim is given back, so that the next run may try again.
        BookingNotice.objects.filter(pk=notice.pk).update(
            mail_status=ReminderStatus.FAILED, claimed_at=None, error=error
        )
        logger.warning("booking notice %s not sent: %s", notice.pk, error)
        return "failed"
    BookingNotice.objects.filter(pk=notice.pk).update(
        mail_status=ReminderStatus.SENT, sent_at=now, error=""
    )
    return "sent"


def notice_email(notice: BookingNotice, *, to: str) -> EmailMessage:
    """The e-mail to the clinic: what happened, when, with whom, its state and where to look."""
    booking = notice.booking
    when = _both(notice.starts_at)
    subject = SUBJECTS[notice.kind]
    day = timezone.localdate(notice.starts_at).isoformat()
    day_url = f"{settings.HIZAKOSHI_SITE_URL}{reverse('clinic:bookings')}?view=day&day={day}"
    booking_url = f"{settings.HIZAKOSHI_SITE_URL}{reverse('clinic:booking', args=[booking.pk])}"
    parts = []
    for lang in ("ja", "en"):
        heading = HEADING.get(lang).format(clinic=booking.clinic.name)
        lines = [heading, "", WHAT[notice.kind].get(lang), ""]
        lines.append(WHEN.get(lang).format(when=when.get(lang)))
        if notice.was_starts_at is not None:
            was = _both(notice.was_starts_at).get(lang)
            lines.append(WAS.get(lang).format(when=was, label=notice.was_label))
        lines.append(WITH.get(lang).format(label=notice.label))
        state = STATES.get(notice.status)
        if state is not None:
            lines.append(STATE.get(lang).format(state=state.get(lang)))
        lines += ["", DAY_LINK.get(lang).format(url=day_url)]
        lines.append(BOOKING_LINK.get(lang).format(url=booking_url))
        lines += ["", WITHHELD.get(lang), AUTOMATIC.get(lang)]
        parts.append("\n".join(lines))
    return EmailMessage(
        subject=f"{subject.ja}: {when.ja} / {subject.en}",
        body="\n\n----\n\n".join(parts) + "\n",
        to=[to],
        headers={"Auto-Submitted": "auto-generated"},
    )


def _both(moment: datetime) -> Text:
    """2026年12月3日(木) 14:00 and Thu 3 December 2026 14:00 (the site's one date wording)."""
    with translation.override("ja"):
        ja = long_day_time_text(moment)
    with translation.override("en"):
        en = long_day_time_text(moment)
    return Text(ja=ja, en=en)
