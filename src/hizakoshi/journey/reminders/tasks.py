"""Background tasks of the journey (django-tasks; the backend is chosen in settings.TASKS).

Tasks take plain ids, not model instances: a queued task's arguments must survive being stored
as JSON, and the person may have changed (or deleted) their account before it runs.
"""

from __future__ import annotations

from django_tasks import task

from hizakoshi.accounts.models import User
from hizakoshi.journey.reminders.services import session_reminder_send


@task()
def send_session_reminder(person_id: int) -> bool:
    """E-mail one person that it is time for the session; False when nothing was sent."""
    person = User.objects.filter(pk=person_id).first()
    if person is None:
        return False
    return session_reminder_send(person=person)
