"""The consent to give a booking to a clinic (APPI: a booking is personal information, and an
attached self-check result is 要配慮個人情報, given to the clinic only with prior consent).
Versioned: each booking names the words agreed to. Change the text -> change the version."""

from __future__ import annotations

from typing import Final

from hizakoshi.care.model import Text

CONSENT_VERSION: Final = "booking-2026-1"

CONSENT_POINTS: Final[tuple[Text, ...]] = (
    Text(
        ja="{clinic}に渡すもの: お名前、ふりがな、電話番号とメールアドレス(書いたもの)、連絡の"
        "しかた、メッセージ。選んだときは、セルフチェックの結果も渡します。",
        en="What {clinic} receives: your name and its reading, the phone number and e-mail "
        "address you give, how to contact you, your message, and your self-check result if you "
        "choose to attach it.",
    ),
    Text(
        ja="見る人: クリニックの受付と医療者です。セルフチェックの結果は、医師と理学療法士だけが"
        "見ます。",
        en="Who sees it: the clinic's reception and clinicians; the self-check result only its "
        "doctors and physiotherapists.",
    ),
    Text(
        ja="目的: 相談の予約と、その連絡のためだけに使います。",
        en="Why: only to book the consultation and to contact you about it.",
    ),
    Text(
        ja="保存: 予約は相談の日から90日後に消します。アカウントで予約したときは、アカウントを"
        "削除すると予約も消えます。相談で話した内容は、クリニックがカルテとして法律に従って"
        "保管します。",
        en="How long: the booking is deleted 90 days after the consultation, or with your "
        "account if you booked signed in. What you discuss at the consultation is kept by the "
        "clinic in its own records, as the law requires.",
    ),
)

CONSENT_LABEL: Final = Text(
    ja="上の内容で、予約の内容をクリニックに渡すことに同意します",
    en="I agree to give this booking to the clinic as described above",
)
