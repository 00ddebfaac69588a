"""What the set-up page shows of the new secret: a QR code for the phone's camera, drawn as an
inline <svg> (the CSP allows no data: images and no inline style; the SVG has neither), and the
same secret as text in groups, for an app that cannot scan. And the setup code as the commands
print it for the clinic admin."""

from __future__ import annotations

from datetime import datetime

import segno
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.clinic.staff.codes import recovery_code_shown, secret_groups, setup_code_shown


def app_qr_svg(device: TOTPDevice, *, label: str) -> SafeString:
    """The otpauth:// address of the device as a QR code; `label` is read out by screen
    readers (role="img" with a <title>)."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=label, svgclass="qr")
    # segno escapes the title and writes nothing but attributes and one path: safe to inline.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def app_secret_shown(device: TOTPDevice) -> list[str]:
    return secret_groups(device.bin_key)


def codes_shown(codes: tuple[str, ...]) -> list[str]:
    return [recovery_code_shown(code) for code in codes]


def setup_code_handover(code: str, expires_at: datetime) -> str:
    """What `hizakoshi staff_add` and `staff_reset_factor` print: the code, once, with what the
    clinic admin is to do with it (the commands speak English, as Django's do)."""
    until = timezone.localtime(expires_at).strftime("%Y-%m-%d %H:%M %Z")
    return (
        f"setup code: {setup_code_shown(code)} (works until {until})\n"
        "Give it to them in person (not by e-mail or chat); it is not shown again. At their next "
        "login they type it to set up their authenticator app."
    )
