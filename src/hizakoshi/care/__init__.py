"""The care core: pure Python, no Django. `assess(answers)` is the one door for the self-check."""

from hizakoshi.care.assess import ENGINE_VERSION, assess

__all__ = ["ENGINE_VERSION", "assess"]
