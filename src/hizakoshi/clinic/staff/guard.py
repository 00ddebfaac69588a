"""The clinic area's gate: every clinic page is wrapped in `staff_area`.

- not signed in: to the login page;
- signed in without a live membership (a patient, a former member): 404, as for any page that
  is not theirs; a membership ended while signed in shuts the area at the next request;
- a member whose session has not passed the second factor: to the second-factor page.
The view then gets the live `Membership` as its second argument, and its response is never
cached (a clinic desktop may be shared; the pages carry health records). Records of a person
are still reached only through the access door (site/access.py), which checks all of it again.

`member_area` is the same gate without the last step, for the second-factor pages themselves
(clinic/staff/views.py): a member who has not passed it yet must reach them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from axes.helpers import get_client_ip_address
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Membership

P = ParamSpec("P")
StaffView = Callable[Concatenate[HttpRequest, Membership, P], HttpResponseBase]


def live_membership(user: Any) -> Membership | None:
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return None
    return (
        Membership.objects.select_related("clinic").filter(user=user, ended_at__isnull=True).first()
    )


def is_verified(user: Any) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def staff_area(view: StaffView[P]) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]:
    @wraps(view)
    @never_cache
    def gated(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = live_membership(request.user)
        if membership is None:
            raise Http404
        if not is_verified(request.user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('clinic:verify')}?{query}")
        return view(request, membership, *args, **kwargs)

    return gated  # type: ignore[return-value]  # wraps() keeps the view's own signature


MemberView = Callable[Concatenate[HttpRequest, Membership, P], HttpResponseBase]


def member_area(view: MemberView[P]) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]:
    """Signed in with a live membership, second factor or not; never cached either."""

    @wraps(view)
    @never_cache
    def gated(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = live_membership(request.user)
        if membership is None:
            raise Http404
        return view(request, membership, *args, **kwargs)

    return gated  # type: ignore[return-value]  # wraps() keeps the view's own signature


def staff_ip(request: HttpRequest) -> str | None:
    """Where the request came from, for the audit trail (the proxy settings of django-axes)."""
    return get_client_ip_address(request) or None
