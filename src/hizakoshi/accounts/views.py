"""Login, logout, password reset, and the page after a sign-up. Views are short: form -> service
-> redirect. Sign-up itself, which starts the journey, is journey/join/views.py."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_safe

from hizakoshi.accounts.forms import LoginForm
from hizakoshi.accounts.lockout import login_slots_give_back
from hizakoshi.accounts.models import normalize_email
from hizakoshi.site.language import switch_language
from hizakoshi.site.ratelimit import limited


def _typed_email(group: str, request: HttpRequest) -> str:
    return normalize_email(request.POST.get("email", ""))


@require_safe
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html")


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
