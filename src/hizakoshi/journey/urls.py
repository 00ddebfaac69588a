"""The journey's pages under /me/ (login required): each feature folder lists its own URLs."""

from __future__ import annotations

from hizakoshi.journey.checkins import urls as checkins
from hizakoshi.journey.diary import urls as diary
from hizakoshi.journey.escalations import urls as escalations
from hizakoshi.journey.function_tests import urls as function_tests
from hizakoshi.journey.me import urls as me
from hizakoshi.journey.notes import urls as notes
from hizakoshi.journey.pause import urls as pause
from hizakoshi.journey.progress import urls as progress
from hizakoshi.journey.reminders import urls as reminders
from hizakoshi.journey.session import urls as session
from hizakoshi.journey.summary import urls as summary
from hizakoshi.journey.today import urls as today

app_name = "journey"
urlpatterns = [
    *me.urlpatterns,
    *reminders.urlpatterns,
    *checkins.urlpatterns,
    *function_tests.urlpatterns,
    *progress.urlpatterns,
    *escalations.urlpatterns,
    *today.urlpatterns,
    *notes.urlpatterns,
    *session.urlpatterns,
    *diary.urlpatterns,
    *pause.urlpatterns,
    *summary.urlpatterns,
]
