"""On PostgreSQL the audit table refuses UPDATE and DELETE from anyone, the application's own
role included (MHLW guideline 6.0: logs the application cannot alter). TRUNCATE is left to the
tables' owner (Django's test flush needs it); a deployment runs the application as a role that
does not own the tables, so it cannot truncate or drop the trigger (README). SQLite has
no such guard; a deployment that must keep the rule runs on PostgreSQL."""

from __future__ import annotations

from django.db import migrations

FORWARD = """
CREATE FUNCTION clinic_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER clinic_audit_no_update_delete
    BEFORE UPDATE OR DELETE ON clinic_auditevent
    FOR EACH ROW EXECUTE FUNCTION clinic_audit_refuse_change();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS clinic_audit_no_update_delete ON clinic_auditevent;
DROP FUNCTION IF EXISTS clinic_audit_refuse_change();
"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("clinic", "0002_seed_clinic_from_settings")]
    operations = [migrations.RunPython(forward, backward)]
