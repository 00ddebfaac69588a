"""The second factor's pages: entering a code after the password (`verify`), setting up the
authenticator app at the first login (`setup`), and new recovery codes (`recovery_codes`).

Setting up an app takes the setup code the clinic admin handed over, not just the password, and
the secret it makes is bound to the session that typed the code: another session signed in
with the same password is asked for the code again and never sees that secret's QR code.

Every POST that checks a code counts against two rate limits (per member, per IP), and every
refused code counts in the session: at STAFF_OTP_FAILURE_LIMIT the session is logged out, so a
stolen password alone buys a handful of guesses per login (and the password lockout and
django-otp's growing wait between wrong codes limit the logins). A code accepted starts a new
session key: the session that passed both factors is not the one that existed before.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Membership
from hizakoshi.clinic.staff.forms import AppCodeForm, CodeForm, SetupCodeForm
from hizakoshi.clinic.staff.guard import is_verified, member_area, staff_area, staff_ip
from hizakoshi.clinic.staff.presenters import app_qr_svg, app_secret_shown, codes_shown
from hizakoshi.clinic.staff.selectors import app_being_set_up, app_of, recovery_codes_left
from hizakoshi.clinic.staff.services import (
    Checked,
    app_setup_confirm,
    app_setup_restart,
    app_setup_start,
    recovery_codes_renew,
    second_factor_verify,
)
from hizakoshi.site.ratelimit import count_or_refuse

SESSION_FAILURES = "clinic_code_failures"
SESSION_SETUP = "clinic_setup_device"  # the app this session is setting up, after the setup code
MSG_WRONG_CODE = _("This code is not right, or it has been used already.")
MSG_WRONG_SETUP_CODE = _("This setup code is not right.")
MSG_SETUP_CODE_EXPIRED = _(
    "This setup code has expired. Please ask the clinic's administrator for a new one."
)
MSG_NO_SETUP_CODE = _(
    "There is no setup code for your account. Please ask the clinic's administrator for one."
)
MSG_WAIT = _(
    "There were several wrong codes in a row. Please wait %(seconds)s seconds, then enter the "
    "code again."
)
MSG_QR_LABEL = _("QR code for setting up the authenticator app")
GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


def clinic_home() -> str:
    # The dashboard is the clinic's home page (clinic/dashboard/); until its URL exists, the
    # area's root.
    try:
        return reverse("clinic:dashboard")
    except NoReverseMatch:
        return "/clinic/"


def _next(request: HttpRequest) -> str:
    return request.POST.get("next") or request.GET.get("next") or ""


def _safe_next(request: HttpRequest) -> str:
    """Where to go once the second factor is passed: `next` if it is on this site, else home."""
    target = _next(request)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return clinic_home()


def _to(name: str, request: HttpRequest) -> str:
    """The URL of another second-factor page, carrying `next` along."""
    target = _next(request)
    return reverse(name) + (f"?{urlencode({'next': target})}" if target else "")


def _attempt_counted(request: HttpRequest) -> None:
    count_or_refuse(request, key="user", rate="RATELIMIT_OTP_USER", group="otp-user")
    count_or_refuse(request, key="ip", rate="RATELIMIT_OTP_IP", group="otp-ip")


def _passed(request: HttpRequest, device: Device | None) -> None:
    request.session.cycle_key()
    otp_login(request, device)
    request.session.pop(SESSION_FAILURES, None)


def _refused(
    request: HttpRequest,
    form: CodeForm | AppCodeForm | SetupCodeForm,
    checked: Checked,
    *,
    field: str = "code",
    wrong: str | Promise = MSG_WRONG_CODE,
) -> HttpResponse | None:
    """Count a refused code (a setup code too); at the limit log the session out and say so (the
    response), else put the reason on the form's `field` (None)."""
    failures = int(request.session.get(SESSION_FAILURES, 0)) + 1
    limit = int(settings.STAFF_OTP_FAILURE_LIMIT)
    if failures >= limit:
        logout(request)
        return render(request, "clinic/staff/signed_out.html", {"limit": limit})
    request.session[SESSION_FAILURES] = failures
    if checked.wait_seconds:
        form.add_error(field, MSG_WAIT % {"seconds": checked.wait_seconds})
    else:
        left = limit - failures
        warning = ngettext(
            "After %(count)s more wrong code, you will be logged out.",
            "After %(count)s more wrong codes, you will be logged out.",
            left,
        ) % {"count": left}
        form.add_error(field, f"{wrong} {warning}")
    return None


def _member(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the gates let only signed-in members through
    return user


def _codes_page(
    request: HttpRequest, checked: Checked, *, then: str, **context: object
) -> HttpResponse:
    """The new recovery codes, shown this once (never stored where they could be shown again)."""
    return render(
        request,
        "clinic/staff/codes.html",
        {"codes": codes_shown(checked.recovery_codes), "then": then, **context},
    )


@member_area
@GET_OR_POST
def verify(request: HttpRequest, membership: Membership) -> HttpResponseBase:
    user = _member(request)
    if app_of(user) is None:
        return redirect(_to("clinic:setup", request))
    if is_verified(user):
        return redirect(_safe_next(request))
    form = CodeForm(request.POST) if request.method == "POST" else CodeForm()
    if request.method == "POST":
        _attempt_counted(request)
        if form.is_valid():
            checked = second_factor_verify(
                membership=membership,
                code=form.cleaned_data["code"],
                ip=staff_ip(request),
                now=timezone.now(),
            )
            if checked.passed:
                _passed(request, checked.device)
                return redirect(_safe_next(request))
            if (signed_out := _refused(request, form, checked)) is not None:
                return signed_out
    return render(request, "clinic/staff/verify.html", {"form": form})


def _started(request: HttpRequest, user: User) -> TOTPDevice | None:
    """The app this session is setting up (its secret made after the setup code), if it still
    is: not confirmed, not replaced by another session, not removed by a reset."""
    device = app_being_set_up(user)
    if device is None or request.session.get(SESSION_SETUP) != device.pk:
        return None
    return device


def _setup_code_step(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The setup code first; right, it makes the secret and the page shows it next."""
    form = SetupCodeForm()
    if request.method == "POST":
        _attempt_counted(request)
        form = SetupCodeForm(request.POST)
        if form.is_valid():
            started = app_setup_start(
                membership=membership,
                setup_code=form.cleaned_data["setup_code"],
                ip=staff_ip(request),
                now=timezone.now(),
            )
            if started.device is not None:
                request.session[SESSION_SETUP] = started.device.pk
                return redirect(_to("clinic:setup", request))
            if started.refusal == "wrong":
                signed_out = _refused(
                    request, form, Checked(), field="setup_code", wrong=MSG_WRONG_SETUP_CODE
                )
                if signed_out is not None:
                    return signed_out
            else:  # nothing to guess: only the clinic admin can help
                expired = started.refusal == "expired"
                form.add_error(
                    "setup_code", MSG_SETUP_CODE_EXPIRED if expired else MSG_NO_SETUP_CODE
                )
    return render(request, "clinic/staff/setup_start.html", {"form": form})


@member_area
@GET_OR_POST
def setup(request: HttpRequest, membership: Membership) -> HttpResponseBase:
    user = _member(request)
    if app_of(user) is not None:
        return redirect(_to("clinic:verify", request))
    device = _started(request, user)
    if device is None:
        return _setup_code_step(request, membership)
    form = AppCodeForm()
    if request.method == "POST":
        if "restart" in request.POST:
            renewed = app_setup_restart(user=user, started=device.pk)
            if renewed is not None:
                request.session[SESSION_SETUP] = renewed.pk
            return redirect(_to("clinic:setup", request))
        _attempt_counted(request)
        form = AppCodeForm(request.POST)
        if form.is_valid():
            checked = app_setup_confirm(
                membership=membership,
                started=device.pk,
                code=form.cleaned_data["code"],
                ip=staff_ip(request),
                now=timezone.now(),
            )
            if checked.passed:
                request.session.pop(SESSION_SETUP, None)
                _passed(request, checked.device)
                return _codes_page(request, checked, then=_safe_next(request), first=True)
            if (signed_out := _refused(request, form, checked)) is not None:
                return signed_out
    context = {
        "form": form,
        "qr": app_qr_svg(device, label=str(MSG_QR_LABEL)),
        "secret": app_secret_shown(device),
    }
    return render(request, "clinic/staff/setup.html", context)


@staff_area
@GET_OR_POST
def recovery_codes(request: HttpRequest, membership: Membership) -> HttpResponseBase:
    user = _member(request)
    form = CodeForm(request.POST) if request.method == "POST" else CodeForm()
    if request.method == "POST":
        _attempt_counted(request)
        if form.is_valid():
            checked = recovery_codes_renew(
                membership=membership,
                code=form.cleaned_data["code"],
                ip=staff_ip(request),
                now=timezone.now(),
            )
            if checked.passed:
                return _codes_page(request, checked, then=clinic_home(), membership=membership)
            if (signed_out := _refused(request, form, checked)) is not None:
                return signed_out
    context = {"form": form, "membership": membership, "left": recovery_codes_left(user)}
    return render(request, "clinic/staff/recovery_codes.html", context)
