"""Who is in the demo clinic: its code, its two staff accounts, and made-up patient names.

Every address is at example.com, reserved by RFC 2606 and never a real person's, as for the
journey's demo person (journey/demo/services.py DEMO_EMAIL): that is what makes an account a demo
account. Passwords and TOTP secrets are derived from the installation's secret key, so they stay
the same between runs of `hizakoshi run` (the printed ones keep working, an authenticator app
set up once keeps working) yet cannot be guessed on a server whose key is secret.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.utils.crypto import salted_hmac

from hizakoshi.clinic.models import Role

DEMO_CODE = "DEMO01"


DEMO_NAME = "デモ整形外科クリニック"
# Where the demo clinic is told of bookings (printed by `make run`'s console e-mail backend).
DEMO_BOOKING_EMAIL = "demo-reception@example.com"


PATIENTS = 200


@dataclass(frozen=True)
class DemoStaff:
    email: str
    role: str
    display_name: str

    def password(self) -> str:
        digest = salted_hmac("hizakoshi.clinic.demo-password", self.email).hexdigest()
        return f"demo-{digest[:16]}"  # 21 characters, letters and digits (MHLW: 13 or more)

    def totp_key(self) -> bytes:
        """The 20-byte TOTP secret (RFC 4226's recommended length)."""
        return salted_hmac("hizakoshi.clinic.demo-totp", self.email).digest()[:20]

    def totp_secret(self) -> str:
        """The secret as an authenticator app takes it by hand: base32, without padding."""
        return base64.b32encode(self.totp_key()).decode("ascii").rstrip("=")


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("demo-doctor@example.com", Role.DOCTOR, "山本(デモ医師)"),
    DemoStaff("demo-physio@example.com", Role.PHYSIO, "小川(デモ理学療法士)"),
    # Reception sees no health record; it keeps the calendar and the consultation hours.
    DemoStaff("demo-reception@example.com", Role.RECEPTION, "佐藤(デモ受付)"),
)


def demo_staff_for(email: str) -> DemoStaff | None:
    wanted = email.strip().lower()
    return next((s for s in DEMO_STAFF if s.email == wanted), None)


def patient_email(n: int) -> str:
    return f"demo-patient-{n:03d}@example.com"


PATIENT_EMAILS = tuple(patient_email(n) for n in range(1, PATIENTS + 1))


# Common surnames and given names with their readings: invented combinations, nobody real.
SURNAMES = (
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("森", "モリ"),
)
GIVEN = (
    ("和子", "カズコ"),
    ("洋子", "ヨウコ"),
    ("幸子", "サチコ"),
    ("節子", "セツコ"),
    ("恵子", "ケイコ"),
    ("美智子", "ミチコ"),
    ("久美子", "クミコ"),
    ("由美", "ユミ"),
    ("茂", "シゲル"),
    ("博", "ヒロシ"),
    ("清", "キヨシ"),
    ("隆", "タカシ"),
    ("誠", "マコト"),
    ("浩二", "コウジ"),
    ("健一", "ケンイチ"),
    ("修", "オサム"),
)


def patient_name(n: int) -> tuple[str, str]:
    """A made-up name and its reading for patient `n` (the same every run)."""
    # Each of the first 320 numbers gets its own pair: the given name moves on by one each round
    # of surnames as well as with n, so no two demo patients share a name.
    surname = SURNAMES[n % len(SURNAMES)]
    given = GIVEN[(n + n // len(SURNAMES)) % len(GIVEN)]
    return f"{surname[0]} {given[0]}", f"{surname[1]} {given[1]}"
