from __future__ import annotations

from django.apps import AppConfig
from django.conf import settings


class SiteConfig(AppConfig):
    """Holds the base templates, the stylesheet, the error pages and the server commands."""

    name = "hizakoshi.site"
    label = "hizakoshi_site"
    verbose_name = "hizakoshi site"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from hizakoshi.site import checks, sessions  # noqa: F401  (they register themselves)
        from hizakoshi.site.files import on_connection_created, secure_sqlite_files

        for database in settings.DATABASES.values():
            if database["ENGINE"] == "django.db.backends.sqlite3":
                secure_sqlite_files(database["NAME"])
        connection_created.connect(on_connection_created, dispatch_uid="hizakoshi_sqlite_mode")
