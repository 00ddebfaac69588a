"""The clinic's booking calendar (namespace `clinic`): the day or the week, one booking, moving
it. For the roles that handle bookings (clinic/roles.py); the public side is clinic/booking/."""

from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.calendar import views

urlpatterns: list[URLPattern] = [
    path("bookings/", views.bookings, name="bookings"),
    path("bookings/<int:booking_id>/", views.booking, name="booking"),
    path("bookings/<int:booking_id>/move/", views.booking_move, name="booking_move"),
]
