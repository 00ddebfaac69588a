"""Sign-up, login, logout, password reset. Views are short: form -> service -> redirect."""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.accounts import consent
from hizakoshi.accounts.claim import carried_result
from hizakoshi.accounts.forms import LoginForm, SignupForm
from hizakoshi.accounts.models import User
from hizakoshi.accounts.services import (
    DELETED_COUNTS,
    DELETED_KINDS,
    WELCOME,
    result_keep,
    user_create,
)
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import AssessmentSource
from hizakoshi.journey.services import journey_start_from_assessment
from hizakoshi.selfcheck.language import current_lang, switch_language


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
    form = SignupForm(request.POST)
    if not form.is_valid():
        return _signup_page(request, form, lang)
    data = form.cleaned_data
    user = user_create(
        email=data["email"],
        password=data["password"],
        language=data["language"],
        consent_version=consent.CONSENT_VERSION,
    )
    kept = _take_result(
        user, data["state"], data["result"], data["language"], AssessmentSource.CLAIMED
    )
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # Said once on the first page: the account is made, and whether the result came along.
    request.session[WELCOME] = "kept" if kept else "new"
    return switch_language(redirect("journey:today"), data["language"])


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
        return redirect("journey:today")
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
        language = form.get_user().language
        return switch_language(response, "en" if language == "en" else "ja")


login = _LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()
password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_sent"),
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
