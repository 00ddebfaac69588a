"""The e-mails about a booking, in the person's language, each with the calendar invitation
(except the reminder, which changes nothing in the calendar).

The words are defined here in both languages rather than through gettext: the e-mails are sent
from tasks and jobs, outside any request, in the booking's own language.
"""

from __future__ import annotations

from datetime import datetime
from email.mime.text import MIMEText
from typing import Literal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from hizakoshi.care.model import Lang, Text
from hizakoshi.clinic.booking.invitation import Invitation, build_invitation
from hizakoshi.clinic.booking.presenters import slot_label
from hizakoshi.clinic.models import Booking, BookingStatus

Kind = Literal["created", "confirmed", "moved", "cancelled", "reminder"]
KINDS: tuple[Kind, ...] = ("created", "confirmed", "moved", "cancelled", "reminder")

SUBJECTS: dict[Kind, Text] = {
    "created": Text(ja="相談の予約を受け付けました", en="Your consultation is booked"),
    "confirmed": Text(ja="相談の予約が確定しました", en="Your consultation is confirmed"),
    "moved": Text(ja="相談の予約の日時を変更しました", en="Your consultation has moved"),
    "cancelled": Text(ja="相談の予約を取り消しました", en="Your consultation is cancelled"),
    "reminder": Text(ja="相談の予約のお知らせ(明日)", en="Reminder: your consultation tomorrow"),
}
OPENING: dict[Kind, Text] = {
    "created": Text(
        ja="{clinic}での相談の予約を受け付けました。",
        en="Your consultation at {clinic} is booked.",
    ),
    "confirmed": Text(
        ja="{clinic}が相談の予約を確定しました。",
        en="{clinic} has confirmed your consultation.",
    ),
    "moved": Text(
        ja="{clinic}での相談の予約の日時を変更しました。新しい日時は次のとおりです。",
        en="Your consultation at {clinic} has moved. The new time:",
    ),
    "cancelled": Text(
        ja="{clinic}での相談の予約を取り消しました。",
        en="Your consultation at {clinic} is cancelled.",
    ),
    "reminder": Text(
        ja="明日は{clinic}での相談の予約の日です。",
        en="Your consultation at {clinic} is tomorrow.",
    ),
}
GREETING = Text(ja="{name} 様", en="Dear {name},")
WHEN = Text(ja="日時: {when}", en="When: {when}")
WHERE = Text(ja="場所: {where}", en="Where: {where}")
PHONE = Text(ja="電話: {phone}", en="Phone: {phone}")
PRICE = Text(ja="費用: {price}円", en="Cost: {price} yen")
PENDING = Text(
    ja="クリニックが確認したら、あらためてお知らせします。",
    en="The clinic will write again when it has confirmed it.",
)
MANAGE = Text(
    ja="予約の確認・日時の変更・取り消しは、あなた専用の次のリンクからできます"
    "(ほかの人には教えないでください):\n{url}\n変更と取り消しは相談の{cutoff}前までです。"
    "それより後は、クリニックにお電話ください。",
    en="To see, move or cancel the booking, use your private link (do not share it):\n{url}\n"
    "Changes are possible until {cutoff} before the consultation; after that, please phone the "
    "clinic.",
)
CALENDAR = Text(
    ja="カレンダーに入れるときは、添付のファイル(invite.ics)を開いてください。",
    en="To add it to your calendar, open the attached file (invite.ics).",
)
CLOSING = Text(
    ja="このメールは自動で送っています。返信はクリニックに届きません。",
    en="This e-mail is sent automatically; replies do not reach the clinic.",
)
SUMMARY = Text(ja="相談の予約", en="Consultation booking")
DESCRIPTION = Text(
    ja="{clinic}での相談の予約です。変更や取り消しは、予約のメールのリンクからできます。",
    en="Your consultation at {clinic}. To move or cancel it, use the link in the e-mail.",
)


def cutoff_text(minutes: int, lang: Lang) -> str:
    """24時間 / 2日 / 90分: the clinic's cutoff in the largest whole unit."""
    if minutes and minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return f"{days}日" if lang == "ja" else f"{days} day{'s' if days > 1 else ''}"
    if minutes and minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours}時間" if lang == "ja" else f"{hours} hour{'s' if hours > 1 else ''}"
    return f"{minutes}分" if lang == "ja" else f"{minutes} minutes"


def manage_url(token: str) -> str:
    return f"{settings.HIZAKOSHI_SITE_URL}{reverse('booking:manage', kwargs={'token': token})}"


def invitation_for(booking: Booking, kind: Kind, lang: Lang, now: datetime) -> bytes:
    clinic = booking.clinic
    cancelled = kind == "cancelled"
    status = "CANCELLED" if cancelled else "TENTATIVE"
    if not cancelled and booking.status != BookingStatus.PENDING:
        status = "CONFIRMED"
    host = urlsplit(settings.HIZAKOSHI_SITE_URL).hostname or "hizakoshi.invalid"
    return build_invitation(
        Invitation(
            uid=f"booking-{booking.public_id}@{host}",
            sequence=booking.ics_sequence,
            method="CANCEL" if cancelled else "REQUEST",
            status=status,  # type: ignore[arg-type]  # one of the three literals above
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            summary=f"{SUMMARY.get(lang)} ({clinic.name})",
            description=DESCRIPTION.get(lang).format(clinic=clinic.name),
            location=" ".join(p for p in (clinic.name, clinic.address) if p),
            organizer_email=settings.DEFAULT_FROM_EMAIL,
            organizer_name=clinic.name,
            attendee_email=booking.email,
            attendee_name=booking.name,
            stamp=now,
        )
    )


def booking_email(*, booking: Booking, kind: Kind, token: str, now: datetime) -> EmailMessage:
    lang: Lang = "en" if booking.lang == "en" else "ja"
    clinic = booking.clinic
    with translation.override(lang):
        when = slot_label(booking.starts_at)
    lines = [GREETING.get(lang).format(name=booking.name), ""]
    lines.append(OPENING[kind].get(lang).format(clinic=clinic.name))
    lines += ["", WHEN.get(lang).format(when=when)]
    lines.append(
        WHERE.get(lang).format(where=" ".join(p for p in (clinic.name, clinic.address) if p))
    )
    if clinic.phone:
        lines.append(PHONE.get(lang).format(phone=clinic.phone))
    price = booking.resource.price_yen
    if price is not None and kind != "cancelled":
        lines.append(PRICE.get(lang).format(price=f"{price:,}"))
    if kind == "created" and booking.status == BookingStatus.PENDING:
        lines += ["", PENDING.get(lang)]
    if kind != "cancelled":
        cutoff = cutoff_text(booking.resource.change_until_minutes, lang)
        lines += ["", MANAGE.get(lang).format(url=manage_url(token), cutoff=cutoff)]
    if kind != "reminder":
        lines += ["", CALENDAR.get(lang)]
    lines += ["", CLOSING.get(lang)]
    message = EmailMessage(
        subject=SUBJECTS[kind].get(lang),
        body="\n".join(lines) + "\n",
        to=[booking.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    if kind != "reminder":
        method = "CANCEL" if kind == "cancelled" else "REQUEST"
        part = MIMEText(invitation_for(booking, kind, lang, now).decode(), "calendar", "utf-8")
        part.set_param("method", method)
        part.add_header("Content-Disposition", "attachment", filename="invite.ics")
        message.attach(part)
    return message
