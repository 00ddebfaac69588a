"""Joining the journey: sign-up (with a self-check result to keep), the keep-this-result button
for someone signed in, and the e-mailed link that makes the account and starts the journey."""

from __future__ import annotations

from django.contrib import auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from hizakoshi.accounts.signup import signup_confirm, signup_link_user
from hizakoshi.care.model import Lang
from hizakoshi.journey.join import consent
from hizakoshi.journey.join.forms import PatientSignupForm
from hizakoshi.journey.join.services import WELCOME, patient_signup_request, result_take
from hizakoshi.journey.models import AssessmentSource
from hizakoshi.selfcheck.flow import state_forget
from hizakoshi.site.access import Need, need_of, person_for
from hizakoshi.site.language import current_lang, switch_language
from hizakoshi.site.ratelimit import count_or_refuse

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
        form = PatientSignupForm(initial=carried | {"language": lang})
        return _signup_page(request, form, lang)
    # Only the form's own sends count: not the result page's button that opens it.
    count_or_refuse(request, key="ip", rate="RATELIMIT_SIGNUP_IP", group="signup-ip")
    form = PatientSignupForm(request.POST)
    if not form.is_valid():
        return _signup_page(request, form, lang)
    data = form.cleaned_data
    patient_signup_request(
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


@never_cache
@require_http_methods(["GET", "POST"])
def signup_confirm_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The e-mailed link: a page with one button (mail scanners that open links change
    nothing), and the button makes the account and logs the person in."""
    user = signup_link_user(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "journey/join/signup_link_invalid.html", status=400)
    if request.method == "GET":
        return render(request, "journey/join/signup_confirm.html")
    signup_confirm(user=user)
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # From here the new account is the actor, and the result goes into its records.
    person = person_for(actor=user, need=Need.WRITE)
    carried = request.session.pop(CARRY_KEY, None) or {}
    language: Lang = "en" if person.language == "en" else "ja"
    kept = result_take(
        person=person,
        state=str(carried.get("state", "")),
        token=str(carried.get("result", "")),
        lang=language,
        source=AssessmentSource.CLAIMED,
    )
    # Said once on the first page: the account is made, and whether the result came along.
    request.session[WELCOME] = "kept" if kept else "new"
    return switch_language(redirect("journey:today"), language)


def _claim(request: HttpRequest, carried: dict[str, str], lang: Lang) -> HttpResponse:
    """Someone already signed in keeps a result in their account, after pressing the button."""
    person = person_for(actor=request.user, need=need_of(request))
    if request.method == "POST" and "keep" in request.POST:
        result_take(
            person=person,
            state=carried["state"],
            token=carried["result"],
            lang=lang,
            source=AssessmentSource.SELFCHECK,
        )
        response = redirect("journey:today")
        if carried["state"]:
            state_forget(response)
        return response
    if not (carried["state"] or carried["result"]):
        return redirect("journey:today")
    return render(request, "journey/join/keep.html", {"carried": carried})


def _signup_page(request: HttpRequest, form: PatientSignupForm, lang: Lang) -> HttpResponse:
    context = {
        "form": form,
        "consent_title": consent.CONSENT_TITLE.get(lang),
        "consent_points": [p.get(lang) for p in consent.CONSENT_POINTS],
        "consent_label": consent.CONSENT_LABEL.get(lang),
        "carries_result": bool(form["state"].value() or form["result"].value()),
    }
    return render(request, "journey/join/signup.html", context)
