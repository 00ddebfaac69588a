"""The cache that rate limits count in: Django's database cache with an increment that holds.

Django's DatabaseCache adds one to a count by reading it and writing it back, so two requests at
once can both read 3 and both write 4, and a burst slips past the limit. Here the read and the
write happen in one transaction that first locks the row (SELECT ... FOR UPDATE on PostgreSQL;
on SQLite every transaction takes the write lock at its start, see DATABASES in settings).
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class LockingDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version)
