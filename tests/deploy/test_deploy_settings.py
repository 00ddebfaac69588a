"""The README's production settings pass `check --deploy`; e-mail, HSTS and server settings."""

from __future__ import annotations

from pathlib import Path

from deploy.helpers import clean_env, hizakoshi, readme_production_env, settings_of
from hizakoshi.site.checks import CONSOLE_EMAIL_ID

CONSOLE = "'django.core.mail.backends.console.EmailBackend'"
SMTP = "'django.core.mail.backends.smtp.EmailBackend'"


def production_env(tmp_path: Path, **changes: str) -> dict[str, str]:
    values = readme_production_env() | {"HIZAKOSHI_DATA_DIR": str(tmp_path / "data")} | changes
    return clean_env(tmp_path / "data", **values)


def test_the_readme_gives_a_production_example_with_https_and_smtp() -> None:
    env = readme_production_env()
    assert env["HIZAKOSHI_HTTPS"] == "true"
    assert env["HIZAKOSHI_EMAIL_BACKEND"] == "smtp"
    assert env["HIZAKOSHI_HSTS_SUBDOMAINS"] == env["HIZAKOSHI_HSTS_PRELOAD"] == "true"


def test_check_deploy_with_the_readme_production_settings_gives_no_warnings(
    tmp_path: Path,
) -> None:
    done = hizakoshi("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNINGS" not in done.stdout + done.stderr


def test_check_deploy_warns_when_the_console_backend_is_on_in_production(tmp_path: Path) -> None:
    env = production_env(tmp_path, HIZAKOSHI_EMAIL_BACKEND="console")
    done = hizakoshi("check", "--deploy", env=env)
    assert CONSOLE_EMAIL_ID in done.stdout + done.stderr


def test_without_hsts_subdomains_and_preload_check_deploy_warns_about_both(
    tmp_path: Path,
) -> None:
    env = production_env(tmp_path, HIZAKOSHI_HSTS_SUBDOMAINS="", HIZAKOSHI_HSTS_PRELOAD="")
    done = hizakoshi("check", "--deploy", env=env)
    output = done.stdout + done.stderr
    assert "security.W005" in output
    assert "security.W021" in output


def test_the_console_backend_is_the_default_only_with_debug_on(tmp_path: Path) -> None:
    assert settings_of(clean_env(tmp_path, HIZAKOSHI_DEBUG="true"), "EMAIL_BACKEND") == [CONSOLE]
    assert settings_of(clean_env(tmp_path), "EMAIL_BACKEND") == [SMTP]


def test_the_console_backend_chosen_by_name_is_accepted_with_debug_off(tmp_path: Path) -> None:
    env = clean_env(tmp_path, HIZAKOSHI_EMAIL_BACKEND="console")
    assert settings_of(env, "EMAIL_BACKEND") == [CONSOLE]


def test_the_console_backend_given_as_a_class_path_stops_start_up_with_one_line(
    tmp_path: Path,
) -> None:
    env = clean_env(
        tmp_path, HIZAKOSHI_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"
    )
    done = hizakoshi("check", env=env)
    assert done.returncode == 2
    assert "Write HIZAKOSHI_EMAIL_BACKEND=console to mean it." in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_an_unknown_email_backend_name_stops_start_up(tmp_path: Path) -> None:
    done = hizakoshi("check", env=clean_env(tmp_path, HIZAKOSHI_EMAIL_BACKEND="pigeon"))
    assert done.returncode == 2
    assert "HIZAKOSHI_EMAIL_BACKEND='pigeon'" in done.stderr


def test_hsts_subdomains_and_preload_come_from_the_environment(tmp_path: Path) -> None:
    names = ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")
    on = clean_env(tmp_path, HIZAKOSHI_HSTS_SUBDOMAINS="true", HIZAKOSHI_HSTS_PRELOAD="yes")
    assert settings_of(on, *names) == ["True", "True"]
    assert settings_of(clean_env(tmp_path), *names) == ["False", "False"]


def test_server_workers_and_bind_default_to_two_on_localhost(tmp_path: Path) -> None:
    assert settings_of(clean_env(tmp_path), "SERVE_WORKERS", "SERVE_BIND") == [
        "2",
        "'127.0.0.1:8000'",
    ]
    env = clean_env(tmp_path, HIZAKOSHI_WORKERS="4", HIZAKOSHI_BIND="unix:/run/hizakoshi.sock")
    assert settings_of(env, "SERVE_WORKERS", "SERVE_BIND") == ["4", "'unix:/run/hizakoshi.sock'"]


def test_the_absolute_session_lifetime_comes_from_the_environment(tmp_path: Path) -> None:
    env = clean_env(tmp_path, HIZAKOSHI_SESSION_MAX_HOURS="8")
    assert settings_of(env, "SESSION_MAX_AGE") == [str(8 * 3600)]


BAD_VALUES = [
    ("HIZAKOSHI_WORKERS", "0", "must be at least 1"),
    ("HIZAKOSHI_WORKERS", "two", "not a whole number"),
    ("HIZAKOSHI_BIND", "8000", "use HOST:PORT"),
    ("HIZAKOSHI_BIND", "127.0.0.1:99999", "use HOST:PORT"),
    ("HIZAKOSHI_HSTS_PRELOAD", "maybe", "use true or false"),
    ("HIZAKOSHI_HSTS_SUBDOMAINS", "2", "use true or false"),
    ("HIZAKOSHI_SESSION_MAX_HOURS", "0", "must be at least 1"),
    ("HIZAKOSHI_EMAIL_PORT", "smtp", "not a whole number"),
    ("HIZAKOSHI_LOG_LEVEL", "LOUD", "use DEBUG, INFO, WARNING, ERROR or CRITICAL"),
    ("HIZAKOSHI_CLINIC_BOOKING_EMAIL", "reception@", "not an e-mail address"),
]


def test_a_bad_server_or_security_value_stops_start_up_naming_it(tmp_path: Path) -> None:
    for name, value, reason in BAD_VALUES:
        done = hizakoshi("check", env=clean_env(tmp_path, **{name: value}))
        assert done.returncode == 2, (name, value)
        assert f"{name}={value!r}: {reason}" in done.stderr
        assert "Traceback" not in done.stderr
