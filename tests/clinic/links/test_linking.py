"""A person links their journey with a clinic: by the invitation link the clinic hands out or by
typing its code; they read what is shared, give the name the clinic knows them by, and agree.
The link records the consent text's version; a second tap makes no second link; a code that
names no clinic is a plain page with a way on, not an error."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.clinic.links.consent import CONSENT_VERSION, SHARED_KINDS
from hizakoshi.clinic.links.forms import (
    MSG_BIRTH_PARTS,
    MSG_CODE_UNKNOWN,
    MSG_CONSENT,
    MSG_KANA,
    katakana,
)
from hizakoshi.clinic.models import CareLink, Clinic
from people import linked

pytestmark = pytest.mark.django_db

JOIN = "/me/clinics/join/HIZA01/"
ANSWERS = {
    "name": "佐藤 花子",
    "name_kana": "さとう　はなこ",  # hiragana with a full-width space, as a phone types it
    "birth_year": "昭和31",
    "birth_month": "4",
    "birth_day": "1",
    "consent": "on",
}


@pytest.fixture
def signed_in(client: Client, patient: User) -> Client:
    client.force_login(patient)
    return client


def test_the_invitation_page_shows_the_clinic_and_what_is_shared_in_japanese(
    signed_in: Client, clinic: Clinic
) -> None:
    page = signed_in.get(JOIN).content.decode()
    assert "ひざこしクリニックとつなぐ" in page and "03-0000-0000" in page
    assert "渡す相手: このクリニックの医師と理学療法士だけです。" in page
    assert "上のことに同意して、このクリニックと記録を共有します。" in page
    assert CONSENT_VERSION not in page  # no versions on a patient page


def test_linking_records_the_consent_version_what_is_shared_and_how_the_clinic_knows_them(
    signed_in: Client, patient: User, clinic: Clinic
) -> None:
    response = signed_in.post(JOIN, ANSWERS)
    assert response.status_code == 302 and response["Location"] == "/me/clinics/?done=linked"
    link = CareLink.objects.get(person=patient)
    assert (link.clinic, link.consent_version, link.shared) == (
        clinic,
        CONSENT_VERSION,
        list(SHARED_KINDS),
    )
    assert (link.name, link.name_kana, link.birth_date) == (
        "佐藤 花子",
        "サトウ ハナコ",
        date(1956, 4, 1),
    )
    assert link.ended_at is None and link.language == "ja"
    listing = signed_in.get(response["Location"]).content.decode()
    assert "クリニックとつながりました。" in listing and "ひざこしクリニック" in listing


def test_tapping_the_button_twice_makes_one_link(
    signed_in: Client, patient: User, clinic: Clinic
) -> None:
    first, second = signed_in.post(JOIN, ANSWERS), signed_in.post(JOIN, ANSWERS)
    assert first.status_code == second.status_code == 302
    assert CareLink.objects.filter(person=patient).count() == 1


def test_without_the_consent_box_nothing_is_linked_and_nothing_typed_is_lost(
    signed_in: Client, patient: User, clinic: Clinic
) -> None:
    response = signed_in.post(JOIN, {**ANSWERS, "consent": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert str(MSG_CONSENT) == "クリニックとつなぐには、同意の欄にチェックを入れてください。"
    assert str(MSG_CONSENT) in page
    assert 'value="佐藤 花子"' in page and 'value="昭和31"' in page
    assert not CareLink.objects.exists()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("サトウ ハナコ", "サトウ ハナコ"),
        ("さとう　はなこ", "サトウ ハナコ"),
        ("ｻﾄｳ ﾊﾅｺ", "サトウ ハナコ"),  # half-width katakana
        ("  さとう   はなこ ", "サトウ ハナコ"),
        ("ヴぁいおりん", "ヴァイオリン"),
    ],
)
def test_furigana_is_kept_in_katakana_however_it_was_typed(typed: str, kept: str) -> None:
    assert katakana(typed) == kept


@pytest.mark.parametrize("typed", ["Sato Hanako", "佐藤 花子", "サトウ1", "   "])
def test_furigana_that_is_not_kana_is_refused_in_japanese(
    signed_in: Client, clinic: Clinic, typed: str
) -> None:
    response = signed_in.post(JOIN, {**ANSWERS, "name_kana": typed})
    assert response.status_code == 200
    errors = response.context["form"].errors["name_kana"]
    assert errors and all(("カタカナ" in str(e)) for e in errors)
    assert not CareLink.objects.exists()


def test_the_kana_message_is_plain_japanese() -> None:
    assert str(MSG_KANA) == "お名前は「ヤマモト カズコ」のようにカタカナで書いてください。"


@pytest.mark.parametrize(
    ("year", "month", "day", "born"),
    [
        ("1956", "4", "1", date(1956, 4, 1)),
        ("１９５６年", "４月", "１日", date(1956, 4, 1)),
        ("S31", "4", "1", date(1956, 4, 1)),
        ("平成元年", "1", "8", date(1989, 1, 8)),
        ("", "", "", None),
    ],
)
def test_a_birth_date_may_be_given_in_the_western_or_the_japanese_era_or_left_out(
    signed_in: Client,
    patient: User,
    clinic: Clinic,
    year: str,
    month: str,
    day: str,
    born: date | None,
) -> None:
    answers = {**ANSWERS, "birth_year": year, "birth_month": month, "birth_day": day}
    assert signed_in.post(JOIN, answers).status_code == 302
    assert CareLink.objects.get(person=patient).birth_date == born


@pytest.mark.parametrize(
    ("year", "month", "day", "says"),
    [
        ("1956", "", "1", MSG_BIRTH_PARTS),
        ("1956", "2", "30", "その日付はありません。生年月日を確かめてください。"),
        ("3000", "1", "1", "その日付はありません。生年月日を確かめてください。"),
        ("昭和99", "1", "1", "年は「1956」や「昭和31」のように書いてください。"),
        ("むかし", "1", "1", "年は「1956」や「昭和31」のように書いてください。"),
    ],
)
def test_a_birth_date_that_cannot_be_is_named_in_japanese_and_nothing_is_saved(
    signed_in: Client, clinic: Clinic, year: str, month: str, day: str, says: object
) -> None:
    answers = {**ANSWERS, "birth_year": year, "birth_month": month, "birth_day": day}
    response = signed_in.post(JOIN, answers)
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors["birth_year"]] == [str(says)]
    assert not CareLink.objects.exists()


def test_an_unknown_code_is_a_plain_page_that_offers_to_type_the_code_and_names_no_clinic(
    signed_in: Client, clinic: Clinic, other_clinic: Clinic
) -> None:
    for method in (signed_in.get, signed_in.post):
        response = method("/me/clinics/join/NOPE99/")
        page = response.content.decode()
        assert response.status_code == 404
        assert "クリニックが見つかりません" in page
        assert 'action="/me/clinics/"' in page and 'name="code"' in page
        assert "ひざこしクリニック" not in page and "となりの整形外科" not in page
    assert not CareLink.objects.exists()


def test_the_code_typed_on_a_japanese_keyboard_leads_to_the_clinic(
    signed_in: Client, clinic: Clinic
) -> None:
    response = signed_in.post("/me/clinics/", {"code": " ｈｉｚａ０１ "})
    assert response.status_code == 302 and response["Location"] == JOIN
    assert not CareLink.objects.exists()  # the person has not agreed yet


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("NOPE99", MSG_CODE_UNKNOWN),
        ("ab", "クリニックのコードは、HIZA01 のような4〜12文字の英字と数字です。"),
        ("", "クリニックのコードを入力してください。"),
    ],
)
def test_a_code_that_names_no_clinic_is_said_plainly_on_the_list(
    signed_in: Client, clinic: Clinic, code: str, says: object
) -> None:
    response = signed_in.post("/me/clinics/", {"code": code})
    assert response.status_code == 200
    (error,) = response.context["form"].errors["code"]
    assert str(error).startswith(str(says))
    assert str(MSG_CODE_UNKNOWN) == (
        "このコードのクリニックは見つかりません。クリニックからもらったコードを確かめてください。"
    )


def test_someone_not_signed_in_who_follows_an_invitation_is_asked_to_log_in_first(
    client: Client, clinic: Clinic
) -> None:
    response = client.get(JOIN)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/me/clinics/join/HIZA01/"


def test_the_list_shows_live_and_ended_links_with_phone_since_when_and_what_is_shared(
    signed_in: Client, patient: User, clinic: Clinic, other_clinic: Clinic
) -> None:
    ended = linked(patient, other_clinic)
    signed_in.post(f"/me/clinics/{ended.pk}/end/")
    linked(patient, clinic)
    page = signed_in.get("/me/clinics/").content.decode()
    live_part, ended_part = page.split("やめた連携")
    assert "ひざこしクリニック" in live_part and 'href="tel:03-0000-0000"' in live_part
    assert "からつながっています" in live_part
    assert "セルフチェックの答えと結果、体操の記録、毎日の日記" in live_part
    assert "となりの整形外科" in ended_part and "となりの整形外科" not in live_part
    assert page.count("との連携をやめる") == 1  # only the live link can be ended


def test_already_linked_the_invitation_says_so_and_offers_no_second_link(
    signed_in: Client, patient: User, clinic: Clinic
) -> None:
    linked(patient, clinic)
    page = signed_in.get(JOIN).content.decode()
    assert "このクリニックとは、もうつながっています。" in page
    assert 'name="consent"' not in page
