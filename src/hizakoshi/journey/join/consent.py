"""The consent to keep health data in an account, given at sign-up.

Content, not a UI string: versioned here so a JourneyConsent row can always say which words the
person agreed to. Change the text -> change the version.
"""

from __future__ import annotations

from typing import Final

from hizakoshi.care.model import Text

CONSENT_VERSION: Final = "journey-health-2025-2"

CONSENT_TITLE: Final = Text(
    ja="健康の記録を預かることについて", en="About keeping your health records"
)
# What the phone keeps (site/pwa.py, site/static/hizakoshi/offline.js): also on the offline page.
ON_THIS_PHONE: Final = Text(
    ja="この電話に残るもの: つながらないときにも開けるように、今日の体操と日記のページを、"
    "ログインしている間だけこの電話に保存します。ログアウトすると消えます。つながらないときに"
    "書いた日記や体操の記録は、送るまでこの電話に残ります(長くても7日)。",
    en="On your phone: so that they open without a connection, today's exercise and diary "
    "pages are kept on this phone while you are logged in, and removed when you log out. A "
    "diary or exercise record saved without a connection stays on this phone until it is sent "
    "(7 days at most).",
)
CONSENT_POINTS: Final[tuple[Text, ...]] = (
    Text(
        ja="預かるもの: セルフチェックの答えと結果、体操の記録、毎日の日記(痛み・歩いた時間・"
        "体重など)、質問票と体の機能テストの結果です。",
        en="What we keep: your self-check answers and results, your exercise sessions, your "
        "daily diary (pain, walking, weight and so on), and your questionnaire and "
        "function-test results.",
    ),
    Text(
        ja="目的: あなたが自分で体操と経過を続けて見られるようにし、"
        "受診をすすめたほうがよいときにお知らせするためです。",
        en="Why: so you can keep up your exercises and see how you are doing, and so we can "
        "tell you when it would be wise to see a doctor.",
    ),
    Text(
        ja="期間: アカウントを削除するまで預かります。削除すると、記録はすべて消えます。",
        en="For how long: until you delete your account. Deleting it removes all your records.",
    ),
    Text(
        ja="これは健康に関する情報(要配慮個人情報)です。あなたの同意なしに、ほかの人や会社に"
        "渡すことはありません。",
        en="This is health information (sensitive personal information under Japanese law). "
        "We never pass it to anyone else without your consent.",
    ),
    Text(
        ja="いつでも、記録のすべてをファイルで受け取ることも、アカウントごと削除することもできます。",
        en="At any time you can download all your records as a file, or delete your account "
        "with all of them.",
    ),
    ON_THIS_PHONE,
)
CONSENT_LABEL: Final = Text(
    ja="上の内容を読み、健康の記録を預けることに同意します。",
    en="I have read the above and agree to my health records being kept.",
)
