"""The one rounding rule for every number a person or a scorer sees.

Published scorers and people working by hand round halves up (KOOS QOL 31.25 -> 31.3), not to
the even neighbour as Python's round() does (31.2). The value is rounded as an exact decimal or
fraction, so binary floating point never tips a score or a BMI across a line.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

_TENTH = Decimal("0.1")


def exact(value: float) -> Decimal:
    """A float as the decimal it was written: 0.1 -> Decimal("0.1"), not 0.10000000000000000555."""
    return Decimal(str(value))


def round1(value: Decimal | Fraction | int) -> float:
    """One decimal, halves rounded away from zero (31.25 -> 31.3, 68.75 -> 68.8)."""
    if isinstance(value, Fraction):
        # Enough digits that a fraction whose denominator has only 2s and 5s (the only ones
        # that can land exactly on a half) converts exactly.
        with localcontext() as ctx:
            ctx.prec = 60
            value = Decimal(value.numerator) / Decimal(value.denominator)
    return float(Decimal(value).quantize(_TENTH, rounding=ROUND_HALF_UP))
