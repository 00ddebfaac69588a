"""The settings as they were before SQLite waited its turn (deferred transactions, 5 s): only
for `bench_concurrency.py --as-before`, to show the difference."""

from hizakoshi.site.settings import *  # noqa: F403
from hizakoshi.site.settings import DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {}
