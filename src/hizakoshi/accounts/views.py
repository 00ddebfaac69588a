"""Sign-up, login, logout, password reset. Views are short: form -> service -> redirect."""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.accounts import consent
from hizakoshi.accounts.claim import carried_result
from hizakoshi.accounts.forms import LoginForm, SignupForm
from hizakoshi.accounts.lockout import login_slots_give_back
from hizakoshi.accounts.models import User, normalize_email
from hizakoshi.accounts.services import (
    DELETED_COUNTS,
    DELETED_KINDS,
    WELCOME,
    result_keep,
)
from hizakoshi.accounts.signup import signup_confirm, signup_request, signup_tokens
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import AssessmentSource
from hizakoshi.journey.plan.services import journey_start_from_assessment
from hizakoshi.selfcheck.flow import state_forget
from hizakoshi.site.language import current_lang, switch_language
from hizakoshi.site.ratelimit import count_or_refuse, limited


def _typed_email(group: str, request: HttpRequest) -> str:
    return normalize_email(request.POST.get("email", ""))


CARRY_KEY = "signup_carry"


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    carried = {
        "state": request.POST.get("state", ""),
        "result": request.POST.get("result", "") or request.GET.get("result", ""),
    }
    if request.user.is_authenticated:
        return _claim(request, carried, lang)
    # The result page's "keep it in an account" button posts only the carried result.
    if request.method == "GET" or "signup" not in request.POST:
        form = SignupForm(initial=carried | {"language": lang})
        return _signup_page(request, form, lang)
    # Only the form's own sends count: not the result page's button that opens it.
    count_or_refuse(request, key="ip", rate="RATELIMIT_SIGNUP_IP", group="signup-ip")
    form = SignupForm(request.POST)
    if not form.is_valid():
        return _signup_page(request, form, lang)
    data = form.cleaned_data
    signup_request(
        email=data["email"],
        password=data["password"],
        language=data["language"],
        consent_version=consent.CONSENT_VERSION,
    )
    # The result to keep waits in this browser's session for the confirmation link.
    request.session[CARRY_KEY] = {
        "state": data["state"],
        "result": data["result"],
        "language": data["language"],
    }
    response = redirect("accounts:signup_sent")
    if data["state"]:
        state_forget(response)  # it waits in the session now: the browser need not carry it
    return response


@require_safe
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def signup_confirm_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The e-mailed link: a page with one button (mail scanners that open links change
    nothing), and the button makes the account and logs the person in."""
    user = _user_of_link(uidb64, token)
    if user is None:
        return render(request, "accounts/signup_link_invalid.html", status=400)
    if request.method == "GET":
        return render(request, "accounts/signup_confirm.html")
    signup_confirm(user=user)
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    carried = request.session.pop(CARRY_KEY, None) or {}
    language: Lang = "en" if user.language == "en" else "ja"
    kept = _take_result(
        user,
        str(carried.get("state", "")),
        str(carried.get("result", "")),
        language,
        AssessmentSource.CLAIMED,
    )
    # Said once on the first page: the account is made, and whether the result came along.
    request.session[WELCOME] = "kept" if kept else "new"
    return switch_language(redirect("journey:today"), language)


def _user_of_link(uidb64: str, token: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=False, last_login__isnull=True).first()
    if user is None or not signup_tokens.check_token(user, token):
        return None
    return user


def _take_result(user: User, state: str, token: str, lang: Lang, source: str) -> bool:
    found = carried_result(state=state, token=token)
    if found is None:
        return False
    answers, assessment = found
    if not state and token:
        result_keep(person=user, token=token)  # the link now goes with the account
    journey_start_from_assessment(
        person=user,
        answers=answers,
        assessment=assessment,
        source=AssessmentSource(source),
        lang=lang,
    )
    return True


def _claim(request: HttpRequest, carried: dict[str, str], lang: Lang) -> HttpResponse:
    """Someone already signed in keeps a result in their account, after pressing the button."""
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST" and "keep" in request.POST:
        _take_result(user, carried["state"], carried["result"], lang, AssessmentSource.SELFCHECK)
        response = redirect("journey:today")
        if carried["state"]:
            state_forget(response)
        return response
    if not (carried["state"] or carried["result"]):
        return redirect("journey:today")
    return render(request, "accounts/keep.html", {"carried": carried})


def _signup_page(request: HttpRequest, form: SignupForm, lang: Lang) -> HttpResponse:
    context = {
        "form": form,
        "consent_title": consent.CONSENT_TITLE.get(lang),
        "consent_points": [p.get(lang) for p in consent.CONSENT_POINTS],
        "consent_label": consent.CONSENT_LABEL.get(lang),
        "carries_result": bool(form["state"].value() or form["result"].value()),
    }
    return render(request, "accounts/signup.html", context)


class _LoginView(auth_views.LoginView):
    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        # The person's own language follows them to every device they log in on.
        response = super().form_valid(form)
        login_slots_give_back(request=self.request, username=form.cleaned_data["username"])
        language = form.get_user().language
        return switch_language(response, "en" if language == "en" else "ja")


# Per IP, before any password is checked: a flood of logins (with ever new addresses, which
# the lockout cannot catch) costs the server a little, not a password hash each.
login = limited(key="ip", rate="RATELIMIT_LOGIN_IP", group="login-ip")(
    _LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)
logout = auth_views.LogoutView.as_view()
# Per address asked for and per IP: nobody's mailbox can be filled with reset e-mails.
password_reset = limited(key=_typed_email, rate="RATELIMIT_RESET_EMAIL", group="reset-email")(
    limited(key="ip", rate="RATELIMIT_RESET_IP", group="reset-ip")(
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_sent"),
        )
    )
)
password_reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_sent.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    """What went, kind by kind, shown once (the counts live in the new, empty session)."""
    counts = request.session.pop(DELETED_COUNTS, None)
    names = {
        "results": _("Self-check results"),
        "saved_links": _("Saved result links"),
        "sessions": _("Exercise sessions"),
        "diary": _("Diary check-ins"),
        "questionnaires": _("Questionnaires"),
        "tests": _("Home function tests"),
    }
    rows = (
        [(names[k], int(counts.get(k, 0))) for k in DELETED_KINDS]
        if isinstance(counts, dict)
        else []
    )
    return render(request, "accounts/deleted.html", {"rows": rows})
