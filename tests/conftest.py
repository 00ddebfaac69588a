"""Settings every test shares.

Rate limits are off in tests (the whole suite comes from one IP, 127.0.0.1, and would soon reach
them), except in the tests marked `ratelimit`, which test them with their own small limits.

Passwords are hashed with MD5 in tests: Argon2id, right for stored passwords, costs about 100 MB
and tens of milliseconds per hash, and the suite makes and checks thousands of them. The tests
marked `argon2` run with the production hashers, to check that real passwords are stored with it.

The personas, one set for every test: `patient` (Hanako), `other_patient` (Taro, who must never
see Hanako's records), `anonymous` (a visitor who has not logged in), `clinic_staff` (Dr Yamada of
`clinic`, with a second factor) and `other_clinic_staff` (Dr Suzuki of `other_clinic`, who must
see nothing of `clinic`'s patients). Staff sign in with `people.staff_login`.
A test module that needs the patient in a given state (a plan started on a given day, logged
in) overrides `patient` with a fixture of the same name that asks for this one and returns the
same User.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from pytest_django.fixtures import Settings

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Clinic, Role
from hizakoshi.site import settings as production
from people import (
    CLINIC_STAFF_EMAIL,
    OTHER_CLINIC_STAFF_EMAIL,
    OTHER_PATIENT_EMAIL,
    PATIENT_EMAIL,
    clinic_make,
    person,
    staff,
)

PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


# The fixtures through which a test reaches the database (besides the django_db marker).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "admin_user",
        "admin_client",
        "django_user_model",
    }
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that reach the database (scripts/test.sh's PostgreSQL run)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With --database-tests-only, leave out the tests that cannot reach the database; on
    SQLite, leave out the tests marked `postgresql` (they test a PostgreSQL feature).

    pytest-django refuses database access to a test without the django_db marker or one of the
    fixtures above, so the tests left out would run the same on any database. (A module-scoped
    fixture that unblocks the database itself is not seen here: mark its tests django_db.)
    Subprocesses started by the tests left out get a clean environment without DATABASE_URL
    (tests/deploy/helpers.py) or do not open the database.
    """
    on_postgresql = production.DATABASES["default"]["ENGINE"].endswith("postgresql")
    only_db = config.getoption("--database-tests-only")
    kept, left_out = [], []
    for item in items:
        wanted = reaches_the_database(item) or not only_db
        if item.get_closest_marker("postgresql") is not None and not on_postgresql:
            wanted = False  # a PostgreSQL feature (a trigger): the PostgreSQL pass runs it
        (kept if wanted else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def reaches_the_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return not DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ratelimit: the rate limits are on in this test")
    config.addinivalue_line("markers", "argon2: passwords are hashed as in production here")
    config.addinivalue_line(
        "markers", "postgresql: tests a PostgreSQL feature; left out of the SQLite pass"
    )


@pytest.fixture(scope="session", autouse=True)
def _static_files_by_their_plain_names() -> Iterator[None]:
    """Pages name static files as they are in the app folders, as under `runserver`.

    The hashed, compressed names of `hizakoshi serve` come from a collectstatic run, whose
    manifest in the data folder may be older than the code under test (tests/site/test_serve.py
    checks them on a real server).
    """
    with override_settings(STORAGES=PLAIN_STATIC):
        yield


@pytest.fixture(autouse=True, scope="session")
def _rate_limits_off() -> Iterator[None]:
    # Session-wide, so that module-scoped fixtures (which request pages once) see it too.
    with override_settings(RATELIMIT_ENABLE=False):
        yield


@pytest.fixture(autouse=True)
def _rate_limits_where_tested(request: pytest.FixtureRequest, settings: Settings) -> None:
    if request.node.get_closest_marker("ratelimit") is not None:
        settings.RATELIMIT_ENABLE = True


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashes() -> Iterator[None]:
    # Session-wide, so that users made by module-scoped fixtures are cheap too.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _production_hashes_where_tested(request: pytest.FixtureRequest, settings: Settings) -> None:
    if request.node.get_closest_marker("argon2") is not None:
        settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS


# --- the personas ----------------------------------------------------------------------------


@pytest.fixture
def patient(db: None) -> User:
    """Hanako, 70: an account in Japanese with the journey's consent given, no records yet."""
    return person(PATIENT_EMAIL)


@pytest.fixture
def other_patient(db: None) -> User:
    """Taro, 50: another patient, who must never see or change Hanako's records."""
    return person(OTHER_PATIENT_EMAIL)


@pytest.fixture
def anonymous() -> AnonymousUser:
    """A visitor who has not logged in (each persona is a who; a test client visits as them)."""
    return AnonymousUser()


@pytest.fixture
def clinic(db: None) -> Clinic:
    """The clinic Hanako may link with (tests link her with `linked(patient, clinic)`)."""
    return clinic_make("HIZA01", "ひざこしクリニック")


@pytest.fixture
def other_clinic(db: None) -> Clinic:
    return clinic_make("OTHER2", "となりの整形外科")


@pytest.fixture
def clinic_staff(clinic: Clinic) -> User:
    """Dr Yamada of the patient's clinic, with a second factor (log in with `staff_login`)."""
    return staff(CLINIC_STAFF_EMAIL, clinic, role=Role.DOCTOR, display_name="山田")


@pytest.fixture
def other_clinic_staff(other_clinic: Clinic) -> User:
    """Dr Suzuki of another clinic, who must see nothing of the patient's clinic's people."""
    return staff(OTHER_CLINIC_STAFF_EMAIL, other_clinic, role=Role.DOCTOR, display_name="鈴木")
