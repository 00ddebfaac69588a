from __future__ import annotations

from django.urls import path, register_converter

from hizakoshi.selfcheck import views


class TokenConverter:
    """A saved-result link token: URL-safe base64, as secrets.token_urlsafe makes it."""

    regex = r"[A-Za-z0-9_-]{20,100}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

app_name = "selfcheck"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("check/", views.check, name="check"),
    path("check/save/", views.save, name="save"),
    path("check/result/", views.result, name="result"),
    path("check/<slug:step_id>/", views.step, name="step"),
    path("r/<token:token>/", views.saved, name="saved"),
    path("r/<token:token>/delete/", views.delete, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
