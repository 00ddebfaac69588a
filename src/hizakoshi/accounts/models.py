"""The person who signs in.

A custom user model from the start, while there is no data: Django cannot switch to one later
without hand-made migrations, and this project needs e-mail as the login name (no username at
all), the person's language, and a pseudonymous reference for the data log that outlives the
account.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone


class Language(models.TextChoices):
    JA = "ja", "日本語"
    EN = "en", "English"


def normalize_email(email: str) -> str:
    # Lower-cased whole: nobody expects Hanako@ and hanako@ to be two people.
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=normalize_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra |= {"is_staff": True, "is_superuser": True}
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(max_length=254, unique=True)  # stored lower-cased
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.JA)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Names the person in the data log (exports, deletion) without their e-mail or a foreign key,
    # so the log can stay after the account and all its data are deleted.
    log_ref = models.UUIDField(default=uuid.uuid4, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.UniqueConstraint(fields=["log_ref"], name="user_log_ref_unique"),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="user_language_known"
            ),
        ]

    def __str__(self) -> str:
        return f"User {self.pk}"

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)


class LoginGate(models.Model):
    """How many passwords were checked lately for one login name (and for one name from one IP).

    A slot is taken BEFORE the password is checked (accounts/lockout.py), under a row lock, so a
    burst of attempts sent at once cannot all pass the count before any failure is written.
    `key` is a keyed hash of the address typed (and the IP): no e-mail address or IP is stored.
    """

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"LoginGate {self.count}"
