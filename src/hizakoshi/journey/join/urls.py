"""Joining the journey, under /accounts/ in the `accounts` namespace (site/urls.py): sign-up with
a result, the keep-this-result button, and the e-mailed link that starts the journey."""

from __future__ import annotations

from django.urls import path

from hizakoshi.journey.join import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/<uidb64>/<token>/", views.signup_confirm_link, name="signup_confirm"),
]
