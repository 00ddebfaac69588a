"""The care core: pure Python, no Django. `assess(answers)` is the one door for the self-check."""
