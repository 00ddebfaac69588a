"""What the set-up page shows of the new secret: a QR code for the phone's camera, drawn as an
inline <svg> (the CSP allows no data: images and no inline style; the SVG has neither), and the
same secret as text in groups, for an app that cannot scan."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.clinic.staff.codes import recovery_code_shown, secret_groups


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
