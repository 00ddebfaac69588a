"""Stratified care: what the STarT Back risk group means for the care around the plan.

`support_for(risk)` gives the intensity of care (self-care alone, or with a physiotherapist, or
with psychologically informed physiotherapy), what that means for the person's plan, whether to
ask the clinic for support, and the education to offer (NICE NG59 1.1.2; Hill et al. 2011). The
exercise doses are not changed by the risk group: they follow the pain-monitoring model.
"""

from __future__ import annotations

from hizakoshi.care.journey.content import RiskGroup, journey
from hizakoshi.care.model import Frozen, Text


class Support(Frozen):
    risk: RiskGroup
    headline: Text
    intensity: Text
    plan: Text
    ask_clinic: bool
    education: tuple[Text, ...]  # the group's own points first, then those for everyone
    source: str


def support_for(risk: RiskGroup) -> Support:
    content = journey().stratified
    group = content.groups[risk]
    return Support(
        risk=risk,
        headline=group.headline,
        intensity=group.intensity,
        plan=group.plan,
        ask_clinic=group.ask_clinic,
        education=(*content.shared_education, *group.education),
        source=content.source,
    )
