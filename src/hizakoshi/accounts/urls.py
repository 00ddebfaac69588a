"""The account's own pages under /accounts/. site/urls.py adds, in the same `accounts`
namespace, the pages the journey owns there: sign-up (journey/join/urls.py) and the page after a
deletion (journey/me/urls.py)."""

from __future__ import annotations

from django.urls import path

from hizakoshi.accounts import views

app_name = "accounts"
urlpatterns = [
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path("reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("reset/done/", views.password_reset_complete, name="password_reset_complete"),
]
