"""Outcome measures: the list with what is due, and one page per questionnaire.

NRS and the PSFS activity goals use our own wording. The other instruments show item text only
where the licence lets it ship, else from the clinic's file; without it the page says so and
offers nothing to fill in. Scores always come from care.scoring.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.accounts.models import User
from hizakoshi.care.instruments import instruments
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.scoring import ScoreInputError, score
from hizakoshi.care.scoring.pain import PSFS_MIN_ACTIVITIES
from hizakoshi.journey.checkins.forms import (
    ITEM_PREFIX,
    MSG_NEEDED,
    InstrumentForm,
    NrsForm,
    PsfsActivitiesForm,
    PsfsRatingForm,
)
from hizakoshi.journey.checkins.presenters import copyright_line, support_view
from hizakoshi.journey.checkins.selectors import outcomes_due, outcomes_of, psfs_activities_active
from hizakoshi.journey.checkins.services import (
    nrs_record,
    outcome_record,
    psfs_activities_set,
    psfs_record,
)
from hizakoshi.journey.checkins.wording import (
    clinic_item_texts,
    instruments_in_other_language,
    wording,
)
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.site.access import need_of, person_for
from hizakoshi.site.language import current_lang

# Instruments whose published rules score a form with some items left blank.
BLANKS_ALLOWED = frozenset({"koos", "koos-12", "odi"})


# Result field -> (label, how the value is shown). Directions are said in words: they differ
# between instruments (KOOS: 100 = no problems; RMDQ and ODI: higher = more limited).
SCORE_WORDS: dict[str, dict[str, tuple[Promise, str]]] = {
    "nrs": {"score": (_("Pain"), "{}/10")},
    "psfs": {"score": (_("Mean of your activities (10 = as before)"), "{}/10")},
    "start-back": {
        "total": (_("Total"), "{}/9"),
        "distress": (_("Worry and mood part"), "{}/5"),
    },
    "koos": {
        "pain": (_("Pain (100 = no problems)"), "{}/100"),
        "symptoms": (_("Symptoms (100 = no problems)"), "{}/100"),
        "adl": (_("Daily living (100 = no problems)"), "{}/100"),
        "sport_rec": (_("Sport and recreation (100 = no problems)"), "{}/100"),
        "qol": (_("Quality of life (100 = no problems)"), "{}/100"),
    },
    "koos-12": {
        "pain": (_("Pain (100 = no problems)"), "{}/100"),
        "function": (_("Function (100 = no problems)"), "{}/100"),
        "qol": (_("Quality of life (100 = no problems)"), "{}/100"),
        "summary": (_("Summary (100 = no problems)"), "{}/100"),
    },
    "koos-ps": {"score": (_("Physical function (100 = no difficulty)"), "{}/100")},
    "rmdq": {"score": (_("Score (higher = more limited by the back)"), "{}/24")},
    "odi": {"score": (_("Score (higher = more limited by the back)"), "{}%")},
}


REGIONS = {"knee": _("Knees"), "back": _("Lower back")}


RISKS = {"low": _("low"), "medium": _("medium"), "high": _("high")}


def score_lines(instrument: str, scores: object) -> list[tuple[str, str]]:
    """The stored scores in words, for the page (a field not scored shows a dash)."""
    if not isinstance(scores, dict):
        return []
    lines = []
    for key, (label, shape) in SCORE_WORDS.get(instrument, {}).items():
        value = scores.get(key)
        if key == "score" and scores.get("region") in REGIONS:
            label = REGIONS[scores["region"]]
        lines.append((str(label), "—" if value is None else shape.format(value)))
    if instrument == "start-back" and scores.get("risk") in RISKS:
        lines.append((str(_("Risk group")), str(RISKS[scores["risk"]])))
    return lines


@never_cache
@login_required
@require_safe
def measures(request: HttpRequest) -> HttpResponse:
    person, lang = person_for(actor=request.user), current_lang()
    clinic = clinic_item_texts(person)
    due = outcomes_due(person=person, today=local_today(), lang=lang)
    other = instruments_in_other_language(lang, clinic)
    context = {
        "due": [(d, instruments()[d.instrument].name.get(lang)) for d in due],
        "other_language": [(n, instruments()[n].name.get(lang)) for n in other],
        "clinic_problem": bool(clinic.problem),
        # When a check-in is due and which answers count: the schedule's own words.
        "rule": schedule().checkins.rule.get(lang),
    }
    return render(request, "journey/measures/list.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def measure(request: HttpRequest, instrument: str) -> HttpResponse:
    if instrument not in instruments():
        raise Http404
    person = person_for(actor=request.user, need=need_of(request))
    if instrument == "nrs":
        return _nrs(request, person)
    if instrument == "psfs":
        return _psfs(request, person)
    return _licensed(request, person, instrument)


def _page(request: HttpRequest, person: User, instrument: str, **context: Any) -> HttpResponse:
    lang = current_lang()
    inst = instruments()[instrument]
    rows = outcomes_of(person=person, instrument=instrument)
    history = [(row, score_lines(instrument, row.scores)) for row in rows]
    context |= {
        "instrument": instrument,
        "name": inst.name.get(lang),
        "intro": inst.intro.get(lang) if inst.intro else "",
        "scoring": inst.scoring.get(lang),
        "history": history,
        # NRS keeps knee and back as two rows: the latest answer is both of them.
        "latest": history[:2] if instrument == "nrs" else history[:1],
        "saved": request.GET.get("saved") == "1",
        # The latest STarT Back answers decide the care around the plan (shown with them).
        "support": support_view(person, lang) if instrument == "start-back" else None,
    }
    return render(request, "journey/measures/instrument.html", context)


def _saved(instrument: str) -> HttpResponse:
    response = redirect("journey:measure", instrument=instrument)
    response["Location"] += "?saved=1#latest"
    return response


def _with_anchors(form: forms.Form, anchors: str) -> None:
    for field in form.fields.values():
        field.help_text = anchors


def _nrs(request: HttpRequest, person: User) -> HttpResponse:
    form = NrsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pains = {"knee": int(form.cleaned_data["knee"]), "back": int(form.cleaned_data["back"])}
        nrs_record(person=person, pains=pains, taken_on=local_today())  # type: ignore[arg-type]
        return _saved("nrs")
    inst = instruments()["nrs"]
    _with_anchors(form, inst.scale.anchors.get(current_lang()))
    return _page(request, person, "nrs", form=form, question=inst.texts["pain"].get(current_lang()))


def _psfs(request: HttpRequest, person: User) -> HttpResponse:
    lang = current_lang()
    activities = psfs_activities_active(person=person)
    if len(activities) < PSFS_MIN_ACTIVITIES:  # the method rates 3 to 5 named activities
        return redirect("journey:psfs_activities")
    texts = instruments()["psfs"].texts
    labels = [texts[str(i)].get(lang).format(activity=a.name) for i, a in enumerate(activities, 1)]
    form = PsfsRatingForm(request.POST or None, activities=activities, labels=labels)
    if request.method == "POST" and form.is_valid():
        psfs_record(person=person, ratings=form.ratings(), taken_on=local_today())
        return _saved("psfs")
    _with_anchors(form, instruments()["psfs"].scale.anchors.get(lang))
    return _page(request, person, "psfs", form=form, activities=activities)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def psfs_activities(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    current = psfs_activities_active(person=person)
    initial = {f"activity_{n}": a.name for n, a in enumerate(current, start=1)}
    form = PsfsActivitiesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        psfs_activities_set(person=person, names=form.names(), today=local_today())
        return redirect("journey:measure", instrument="psfs")
    context = {"form": form, "changing": bool(current)}
    return render(request, "journey/measures/psfs_activities.html", context)


def _licensed(request: HttpRequest, person: User, instrument: str) -> HttpResponse:
    lang = current_lang()
    clinic = clinic_item_texts(person)
    shown = wording(instrument, lang, clinic)
    inst = instruments()[instrument]
    context: dict[str, Any] = {
        # The rights holder's copyright line goes with its wording; the licence terms are the
        # clinic's business (docs/clinical-rules.md), not the person's.
        "copyright_line": copyright_line(inst.licence.notice or ""),
        "clinic_problem": bool(clinic.problem),
    }
    if shown is None:
        return _page(request, person, instrument, form=None, no_text=True, **context)
    context |= {
        "text_lang": shown.lang,
        "other_language": shown.lang != lang,
        "instructions": shown.instructions,
    }
    optional = instrument in BLANKS_ALLOWED
    form = InstrumentForm(
        request.POST or None, instrument=inst, wording=shown, lang=lang, optional=optional
    )
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        try:
            scores = score(instrument, {k: v for k, v in answers.items() if v is not None})
        except ScoreInputError as exc:  # a value the form let through but the engine refused
            form.add_error(ITEM_PREFIX + (exc.item or inst.items[0]), exc.message(lang))
        else:
            result = scores.as_dict()
            if any(result.get(key) is not None for key in SCORE_WORDS[instrument]):
                outcome_record(
                    person=person,
                    instrument=instrument,
                    answers=answers,
                    taken_on=local_today(),
                )
                return _saved(instrument)
            # Too many blanks for the instrument's published rule: nothing is kept.
            for item, value in answers.items():
                if value is None:
                    form.add_error(ITEM_PREFIX + item, MSG_NEEDED)
    return _page(request, person, instrument, form=form, **context)
