"""The consent a person gives before a self-check result is stored.

The text is content, not a UI string: it is versioned here (not in the gettext catalogue) so that
a consent record can always say exactly which words the person agreed to. Change the text ->
change the version.
"""

from __future__ import annotations

from typing import Final

from hizakoshi.care.model import Text

CONSENT_VERSION: Final = "selfcheck-save-2025-1"
CONSENT_PURPOSE: Final = "selfcheck_save"
# Anonymous saved results are deleted after this many days; the text below states it.
RETENTION_DAYS: Final = 90

CONSENT_TITLE: Final = Text(ja="結果の保存について", en="About saving your result")
CONSENT_POINTS: Final[tuple[Text, ...]] = (
    Text(
        ja="保存するもの: このセルフチェックの答えと結果です。名前や連絡先はうかがいません。",
        en="What is kept: your answers to this self-check and the result. "
        "We do not ask for your name or contact details.",
    ),
    Text(
        ja="目的: あとで見直したり印刷したり、受診のときに持っていったりするためです。",
        en="Why: so you can look at it again, print it, or take it to a clinic.",
    ),
    Text(
        ja=f"期間: {RETENTION_DAYS}日たつと自動で削除します。"
        "その前でも、いつでも自分で削除できます。",
        en=f"For how long: it is deleted automatically after {RETENTION_DAYS} days. "
        "You can delete it yourself at any time before that.",
    ),
    Text(
        ja="これは健康に関する情報(要配慮個人情報)です。保存した結果は専用のリンクを知っている人だけが見られます。"
        "あなたがリンクを伝えない限り、ほかの人が見ることはありません。",
        en="This is health information (sensitive personal information under Japanese law). "
        "Only someone who has the private link can see it; nobody else sees it "
        "unless you share the link.",
    ),
)
CONSENT_LABEL: Final = Text(
    ja="上の内容を読み、答えと結果を保存することに同意します。",
    en="I have read the above and agree to my answers and result being saved.",
)
MSG_CONSENT_REQUIRED: Final = Text(
    ja="保存するには、同意のチェックを入れてください。",
    en="To save, please tick the box to show that you agree.",
)
