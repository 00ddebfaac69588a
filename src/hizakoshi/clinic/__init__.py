"""The clinic: clinics, their staff, the care links people make with them, the audit trail of
every staff access, and the pages staff work in (dashboard, patient page, plan changes, reports)."""
