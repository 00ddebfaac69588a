"""The consent to share one's journey records with a clinic (APPI: prior consent to third-party
provision of 要配慮個人情報, for that clinic). Versioned: a CareLink row names the words agreed to.
Change the text -> change the version."""

from __future__ import annotations

from typing import Final

from hizakoshi.care.model import Text

CONSENT_VERSION: Final = "clinic-share-2026-1"

# What a link shares (CareLink.shared): every kind of record the journey keeps.
SHARED_KINDS: Final = (
    "selfcheck",  # self-check answers and results
    "sessions",  # exercise sessions
    "diary",  # the daily diary: pain, walking, weight, red-flag answers
    "measures",  # questionnaires and function tests
    "plan",  # the exercise plan and walking target
    "escalations",  # messages advising to see a doctor
)

CONSENT_POINTS: Final[tuple[Text, ...]] = (
    Text(
        ja="渡すもの: セルフチェックの答えと結果、体操の記録、毎日の日記、質問票と体の機能テストの"
        "結果、体操の計画、受診をすすめたお知らせです。",
        en="What is shared: your self-check answers and results, exercise sessions, daily diary, "
        "questionnaire and function-test results, your exercise plan, and messages advising you "
        "to see a doctor.",
    ),
    Text(
        ja="渡す相手: このクリニックの医師と理学療法士だけです。受付の人は見ません。",
        en="Who sees it: only this clinic's doctors and physiotherapists, not its reception.",
    ),
    Text(
        ja="目的: あなたの経過を見て、体操の計画を調整したり、受診が必要なときに連絡したり"
        "するためです。",
        en="Why: so the clinic can follow how you are doing, adjust your exercise plan, and "
        "contact you when a visit is needed.",
    ),
    Text(
        ja="だれがいつ見たかは、あなたもこのアプリで確かめられます。",
        en="You can see in the app who looked at your records and when.",
    ),
    Text(
        ja="いつでもやめられます。やめると、クリニックは新しい記録を見られなくなります。それまでに"
        "診療のために受け取った記録は、クリニックが法律で決められた期間保管することがあります。",
        en="You can stop at any time. After that the clinic sees nothing new; what it already "
        "received for your care may be kept by the clinic for the period the law requires.",
    ),
)
