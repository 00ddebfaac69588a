"""Where a login lands when it was not sent from a page (LOGIN_REDIRECT_URL names this view).

A patient goes to what to do today; a member of a clinic's staff goes to the second factor
first, never to a patient's page. The login itself (accounts/) must not know that the clinic
exists (tests/test_layers.py), so the choice is made here, at the level of the site that joins
the two: the login sends everyone to this one address, and this asks the clinic whether the
person is a member. A login sent from a page (`next`) goes back to it; a clinic page sends an
unverified member on to the second factor itself (clinic/staff/guard.py).
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hizakoshi.clinic.staff.guard import live_membership


@require_safe
@never_cache
def after_login(request: HttpRequest) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if live_membership(request.user) is not None:
        return redirect("clinic:verify")
    return redirect("journey:today")
