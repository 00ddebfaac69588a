"""Reads for joining: a self-check result carried into sign-up, from a result page or a saved
result's link."""

from __future__ import annotations

from pydantic import ValidationError

from hizakoshi.care import assess
from hizakoshi.care.model import Answers, Assessment
from hizakoshi.care.questions import InvalidAnswers, parse_answers, prune_hidden
from hizakoshi.selfcheck.flow import RESULT, BadState, FlowState
from hizakoshi.selfcheck.selectors import result_get


def carried_result(*, state: str, token: str) -> tuple[Answers, Assessment] | None:
    """The answers and a fresh assessment of them, or None when nothing valid is carried.

    The result is computed again from the answers (as saving does), so what goes into the
    account is always what the engine says, whatever a page posted.
    """
    answers: Answers | None = None
    if state:
        try:
            flow = FlowState.load(state)
            if flow.step == RESULT:
                answers = parse_answers(prune_hidden(flow.answers))
        except (BadState, InvalidAnswers):
            return None
    elif token:
        saved = result_get(token=token)
        if saved is None:
            return None
        try:
            answers = Answers.model_validate(saved.answers)
        except ValidationError:
            return None
    return (answers, assess(answers)) if answers is not None else None
