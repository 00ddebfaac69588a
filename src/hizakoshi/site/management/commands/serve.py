"""`hizakoshi serve`: the production server (gunicorn, whitenoise for static files).

Workers and address come from HIZAKOSHI_WORKERS and HIZAKOSHI_BIND (default 2 and 127.0.0.1:8000).
Before serving it collects the static files (hashed names, gzip and brotli copies) into
STATIC_ROOT. It does not apply migrations unless asked (--migrate): several instances may start at
once against one database, and Django's `migrate` takes no lock, so schema changes stay one
deliberate step (`hizakoshi backup`, then `hizakoshi migrate`). It does refuse to start while a
migration is unapplied, so new code never runs on an old schema.
"""

from __future__ import annotations

import fcntl
from typing import Any, ClassVar

from django.conf import settings
from django.core import management
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

MSG_UNAPPLIED = (
    "{count} database migration(s) not applied yet: run `hizakoshi migrate` first "
    "(or `hizakoshi serve --migrate` on a single server)."
)
EXIT_NOT_READY = 2


def unapplied_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def collect_static() -> None:
    """collectstatic into STATIC_ROOT, one process at a time (instances sharing a folder)."""
    root = settings.STATIC_ROOT
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".collectstatic.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        management.call_command("collectstatic", interactive=False, verbosity=0)


class Command(BaseCommand):
    help = (
        "Serve the app with gunicorn: workers and address from HIZAKOSHI_WORKERS and "
        "HIZAKOSHI_BIND; collects static files first; refuses to start on unapplied migrations."
    )

    # Run below with the deployment checks too: their warnings (HSTS, cookies, e-mail to the
    # console) are printed at every start; an error stops it.
    requires_system_checks: ClassVar[list[str]] = []  # type: ignore[misc]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--migrate", action="store_true", help="apply migrations first (single server only)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.check(include_deployment_checks=True)
        if options["migrate"]:
            management.call_command("migrate", interactive=False, verbosity=0)
        pending = unapplied_migrations()
        if pending:
            raise CommandError(MSG_UNAPPLIED.format(count=pending), returncode=EXIT_NOT_READY)
        collect_static()
        connections.close_all()  # never share a database connection with forked workers

        from hizakoshi.site import server
        from hizakoshi.site.wsgi import application

        bind, workers = settings.SERVE_BIND, settings.SERVE_WORKERS
        self.stdout.write(f"hizakoshi: serving on {bind} with {workers} worker(s)")
        self.stdout.flush()
        server.Server(application, server.options(bind=bind, workers=workers)).run()
