"""Sign-up that tells nobody whether an address has an account.

Every sign-up gets the same answer: "please check your e-mail" (same page, same status, and
roughly the same time, since both ways hash a password and send one e-mail). What arrives in the
mailbox differs, and only the mailbox's owner reads it:
- a new address: a link that confirms the address; the account works from then on;
- an address with an account: a note that someone tried to sign up with it, with no link that
  logs in (only the plain address of the login page);
- an address whose account was never confirmed: a new link (and the password typed now), so a
  sign-up someone else started with your address never blocks you.

The e-mails' words are defined here in both languages, Japanese first, rather than through
gettext: the person may read them on another device, in either language.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from hizakoshi.accounts.models import User, normalize_email
from hizakoshi.accounts.services import user_create
from hizakoshi.care.model import Lang, Text

SUBJECT_CONFIRM = Text(
    ja="メールアドレスの確認 / Please confirm your e-mail address",
    en="メールアドレスの確認 / Please confirm your e-mail address",
)
BODY_CONFIRM = (
    "アカウントを作るお申し込みを受け付けました。\n"
    "このリンクを開いて、「アカウントを作る」のボタンを押してください:\n"
    "{url}\n"
    "\n"
    "お心当たりがなければ、このメールは捨ててください。アカウントは作られません。\n"
    "\n"
    "----\n"
    "\n"
    "We received a request to make an account with this address.\n"
    "Open this link and press the button to make your account:\n"
    "{url}\n"
    "\n"
    "If it was not you, please ignore this e-mail: no account is made.\n"
)
SUBJECT_TAKEN = Text(
    ja="アカウントを作ろうとした人がいます / Someone tried to sign up",
    en="アカウントを作ろうとした人がいます / Someone tried to sign up",
)
BODY_TAKEN = (
    "このメールアドレスで、新しいアカウントを作ろうとした人がいます。\n"
    "このアドレスのアカウントは、もうあります。新しいアカウントは作っていません。\n"
    "\n"
    "あなたご自身なら、いつものようにログインしてください:\n"
    "{login_url}\n"
    "パスワードを忘れたときは、ログインのページから新しいパスワードを決められます。\n"
    "\n"
    "お心当たりがなければ、このメールは捨ててください。あなたのアカウントはそのままです。\n"
    "\n"
    "----\n"
    "\n"
    "Someone tried to make a new account with this e-mail address.\n"
    "An account with this address already exists, so no new account was made.\n"
    "\n"
    "If it was you, please log in as usual:\n"
    "{login_url}\n"
    "If you forgot your password, the login page lets you choose a new one.\n"
    "\n"
    "If it was not you, please ignore this e-mail: your account stays as it is.\n"
)


class SignupTokenGenerator(PasswordResetTokenGenerator):
    """A confirmation link that works once: it stops when the account becomes active (or the
    password changes), and after PASSWORD_RESET_TIMEOUT like a reset link."""

    key_salt = "hizakoshi.accounts.signup.SignupTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.is_active}{timestamp}"


signup_tokens = SignupTokenGenerator()


def _absolute(path: str) -> str:
    return f"{settings.HIZAKOSHI_SITE_URL}{path}"


def confirm_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = signup_tokens.make_token(user)
    return _absolute(reverse("accounts:signup_confirm", kwargs={"uidb64": uid, "token": token}))


def _mail(*, to: str, subject: Text, body: str) -> None:
    EmailMessage(
        subject=subject.ja,
        body=body,
        to=[to],
        headers={"Auto-Submitted": "auto-generated"},
    ).send(fail_silently=False)


def signup_request(
    *,
    email: str,
    password: str,
    language: Lang,
    on_create: Callable[[User], object] | None = None,
) -> None:
    """Start a sign-up: returns nothing, so the page cannot tell the cases apart.

    The password is hashed in every case (the same work, so the time tells nothing) and before
    the transaction, and the e-mail goes after it: the write lock is held only for the rows.
    `on_create` runs in the same transaction when a new (inactive) account is made, so a
    feature can make its rows beside it (the journey: the profile and the consent given now).
    """
    email = normalize_email(email)
    hashed = make_password(password)
    letter: tuple[Text, str] | None = None
    try:
        with transaction.atomic():
            known = User.objects.select_for_update().filter(email__iexact=email).first()
            if known is None:
                user = user_create(email=email, password=None, language=language, active=False)
                user.password = hashed
                user.save(update_fields=["password"])
                if on_create is not None:
                    on_create(user)
                letter = SUBJECT_CONFIRM, BODY_CONFIRM.format(url=confirm_url(user))
            elif not known.is_active and known.last_login is None:
                known.password = hashed
                known.language = language
                known.save(update_fields=["password", "language"])
                letter = SUBJECT_CONFIRM, BODY_CONFIRM.format(url=confirm_url(known))
            else:
                login_url = _absolute(reverse("accounts:login"))
                letter = SUBJECT_TAKEN, BODY_TAKEN.format(login_url=login_url)
    except IntegrityError:
        # The same new address sent twice at once: the other request made the account and
        # sends its link. This one answers the same and sends nothing.
        return
    subject, body = letter
    _mail(to=email, subject=subject, body=body)


def signup_link_user(*, uidb64: str, token: str) -> User | None:
    """The not yet confirmed account an e-mailed link names, or None for a wrong, used or old
    link."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=False, last_login__isnull=True).first()
    if user is None or not signup_tokens.check_token(user, token):
        return None
    return user


@transaction.atomic
def signup_confirm(*, user: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
