"""Clinical content as data: typed models for every kind of item, loaded and cross-checked once.

Each file under content/ is validated into its model when loaded; a broken file raises
ContentError naming the file and the field. `content_hash()` fingerprints every file, so a saved
result records exactly which content it was computed with.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from hizakoshi.care.conditions import CONDITIONS
from hizakoshi.care.model import Frozen, Text, Urgency
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

Target = Literal["knee", "back", "both", "balance"]


class ExerciseDosage(Frozen):
    hold_seconds: int | None = Field(default=None, ge=1, le=120)
    reps: int | None = Field(default=None, ge=1, le=50)
    sets: int = Field(ge=1, le=5)
    times_per_day: int = Field(ge=1, le=5)
    per_side: bool = False

    @model_validator(mode="after")
    def _says_how_much(self) -> ExerciseDosage:
        # A dose with neither a hold time nor a count tells the person nothing to do.
        if self.hold_seconds is None and self.reps is None:
            raise ValueError("give hold_seconds or reps (or both)")
        return self


class Contraindication(Frozen):
    condition: str  # a name from care.conditions.CONDITIONS
    action: Literal["skip", "modify"]
    text: Text  # what to do instead, in plain words

    @model_validator(mode="after")
    def _known_condition(self) -> Contraindication:
        if self.condition not in CONDITIONS:
            raise ValueError(f"unknown condition {self.condition!r}")
        return self


class Exercise(Frozen):
    id: str
    name: Text
    summary: Text
    # Three to six short steps: enough to do it safely, few enough to follow from memory.
    steps: tuple[Text, ...] = Field(min_length=3, max_length=6)
    dosage: ExerciseDosage
    targets: Target
    level: int = Field(ge=1, le=3)
    position: Literal["standing", "sitting", "lying"]
    from_article: bool  # one of the six exercises the seed article describes
    contraindications: tuple[Contraindication, ...] = ()
    illustration: str  # file name under content/illustrations/
    source: str = Field(min_length=3)
    # What changes at plan levels 2 and 3 (the progression ladder's levels). An exercise without
    # them (the stretches, the gentlest ones) stays at level 1: it has no harder version.
    harder: tuple[Text, ...] = Field(default=(), max_length=2)
    harder_source: str | None = None

    @model_validator(mode="after")
    def _harder_has_source(self) -> Exercise:
        if self.harder and not self.harder_source:
            raise ValueError("harder levels need a harder_source")
        return self

    @property
    def levels(self) -> int:
        return 1 + len(self.harder)

    def level_text(self, level: int) -> Text | None:
        """What is different at this plan level (None at level 1)."""
        if level < 2 or not self.harder:
            return None
        return self.harder[min(level, self.levels) - 2]


class ExerciseFile(Frozen):
    exercises: tuple[Exercise, ...]


class Advice(Frozen):
    id: str
    topic: Literal["education", "daily", "home", "walking", "nutrition"]
    title: Text
    text: Text
    when: tuple[str, ...] = ()  # conditions that select it; empty = shown to everyone
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _known_conditions(self) -> Advice:
        unknown = set(self.when) - set(CONDITIONS)
        if unknown:
            raise ValueError(f"unknown condition(s) {sorted(unknown)}")
        return self


class AdviceFile(Frozen):
    advice: tuple[Advice, ...]


class MedicalOption(Frozen):
    id: str
    kind: Literal["medicine", "therapy", "injection", "diagnosis", "referral", "regenerative"]
    name: Text
    text: Text
    evidence: Text
    insurance: Literal["covered", "partly", "not_covered"]
    # 医療広告ガイドライン: treatment outside national insurance must state the usual course,
    # cost range, main risks, approval status and that the relief scheme does not cover it.
    disclosure: Text | None = None
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _disclosure_when_not_covered(self) -> MedicalOption:
        if self.insurance != "covered" and self.disclosure is None:
            raise ValueError("treatments not fully covered by insurance need a disclosure")
        return self


class MedicalFile(Frozen):
    options: tuple[MedicalOption, ...]


class RedFlagRule(Frozen):
    """One warning sign. Either a single answer raises it (question + value; for a multi
    question the value is one of the chosen options), or a derived rule that combines answers
    (a name from care.derived_flags.DERIVED_FLAGS, e.g. back pain that began after 55)."""

    id: str
    question: str | None = None  # question id in questions.yaml
    value: str | None = None  # the answer value that raises the flag
    derived: str | None = None  # name in care.derived_flags.DERIVED_FLAGS
    urgency: Urgency
    sign: Text
    why: Text
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _one_kind_of_trigger(self) -> RedFlagRule:
        from hizakoshi.care.derived_flags import DERIVED_FLAGS

        by_answer = self.question is not None and self.value is not None
        if by_answer == (self.derived is not None) or (self.question is None) != (
            self.value is None
        ):
            raise ValueError("give either question and value, or derived")
        if self.derived is not None and self.derived not in DERIVED_FLAGS:
            raise ValueError(f"unknown derived rule {self.derived!r}")
        return self


class RedFlagFile(Frozen):
    rules: tuple[RedFlagRule, ...]
    what_to_do: dict[Urgency, tuple[Text, ...]]
    headline: dict[Urgency, Text]

    @model_validator(mode="after")
    def _every_urgency_has_words(self) -> RedFlagFile:
        for part in (self.what_to_do, self.headline):
            missing = set(Urgency) - set(part)
            if missing:
                raise ValueError(f"no text for urgency {sorted(missing)}")
        if len({r.id for r in self.rules}) != len(self.rules):
            raise ValueError("a rule id is used twice")
        return self


@cache
def exercises() -> dict[str, Exercise]:
    items = load_yaml_model("exercises.yaml", ExerciseFile).exercises
    found = {e.id: e for e in items}
    if len(found) != len(items):
        raise ContentError(f"{CONTENT_DIR / 'exercises.yaml'}: an exercise id is used twice")
    for e in items:
        if not (CONTENT_DIR / "illustrations" / e.illustration).is_file():
            raise ContentError(
                f"{CONTENT_DIR / 'exercises.yaml'}: {e.id}.illustration: "
                f"{e.illustration} not found in content/illustrations/"
            )
    return found


@cache
def advice() -> dict[str, Advice]:
    items = load_yaml_model("advice.yaml", AdviceFile).advice
    found = {a.id: a for a in items}
    if len(found) != len(items):
        raise ContentError(f"{CONTENT_DIR / 'advice.yaml'}: an advice id is used twice")
    return found


@cache
def medical_options() -> dict[str, MedicalOption]:
    items = load_yaml_model("medical.yaml", MedicalFile).options
    found = {m.id: m for m in items}
    if len(found) != len(items):
        raise ContentError(f"{CONTENT_DIR / 'medical.yaml'}: an option id is used twice")
    return found


@cache
def red_flags() -> RedFlagFile:
    return load_yaml_model("redflags.yaml", RedFlagFile)


@cache
def content_hash() -> str:
    """sha256 over every content file (name and bytes), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in CONTENT_DIR.rglob("*") if p.is_file()):
        digest.update(path.relative_to(CONTENT_DIR).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_all() -> None:
    """Load and cross-check every content file; raises ContentError on the first problem.

    Called at start-up (Django app ready, CLI) and by the tests.
    """
    from hizakoshi.care import rules
    from hizakoshi.care.clinic.content import clinic_content
    from hizakoshi.care.functiontests_content import function_tests
    from hizakoshi.care.instruments import instruments
    from hizakoshi.care.journey.content import journey
    from hizakoshi.care.journey.schedule import schedule
    from hizakoshi.care.questions import question_set

    questions = question_set().questions
    exercises()
    advice()
    medical_options()
    rules.load_all()  # the engine's own files: patterns, thermal, weight
    instruments()
    journey()
    schedule()
    function_tests()
    clinic_content()
    flags = red_flags()
    for rule in flags.rules:
        if rule.question is None:
            continue
        q = questions.get(rule.question)
        if q is None or rule.value not in q.values:
            raise ContentError(
                f"{CONTENT_DIR / 'redflags.yaml'}: {rule.id}: no answer "
                f"{rule.question}={rule.value} in questions.yaml"
            )
