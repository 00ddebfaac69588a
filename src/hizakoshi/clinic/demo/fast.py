"""A quicker bulk insert for the demo's largest tables (diary entries, older sessions), so that
`hizakoshi run` starts in seconds.

Django's bulk_create prepares every value of every row through its field and compiles the SQL
for each batch: for 30,000 rows of a dozen fields that is most of the demo's time. The demo's
values repeat (small pain numbers, the same days, empty sign lists), so each distinct value is
prepared once per field by the field itself (the same conversion as bulk_create, so SQLite and
PostgreSQL store exactly what Django would) and the rows go to the database with executemany.
No primary keys come back: rows that others point to (sessions with items) use bulk_create.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone


def insert_rows(model: type[Model], objs: Sequence[Model], *, batch: int = 2000) -> int:
    """Insert unsaved `objs` of `model` (auto_now fields get this moment); the number inserted."""
    if not objs:
        return 0
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # auto_now: always this moment; auto_now_add: this moment unless the row gives its own.
    stamped = {f.attname: bool(getattr(f, "auto_now", False)) for f in fields}
    added = {f.attname for f in fields if getattr(f, "auto_now_add", False)}
    now = timezone.now()
    prepared: dict[tuple[str, object], Any] = {}

    def value(field: Any, obj: Model) -> Any:
        raw = getattr(obj, field.attname)
        if stamped[field.attname] or (raw is None and field.attname in added):
            raw = now
        key = json.dumps(raw, sort_keys=True) if isinstance(raw, list | dict) else raw
        try:
            return prepared[(field.attname, key)]
        except KeyError:
            done = prepared[(field.attname, key)] = field.get_db_prep_save(raw, connection)
            return done
        except TypeError:  # an unhashable value: prepared each time
            return field.get_db_prep_save(raw, connection)

    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column or f.attname) for f in fields)
    holes = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({holes})"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            rows = [[value(f, o) for f in fields] for o in objs[start : start + batch]]
            cursor.executemany(sql, rows)
    return len(objs)
