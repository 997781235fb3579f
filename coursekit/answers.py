"""What a reader types as an answer, read as numbers: a number, a matrix, or a shape.

    number   3   3.0   -0.5   −0.5   1/2   -3/4   .5   2.5e-3   2.5 × 10⁻³ (as the page writes it)
    matrix   rows on lines (or separated by ";"), entries by spaces or commas, each a number as
             above; or as numpy prints it, [[1, 2], [3, 4]]
    shape    3 × 4   3x4   3 by 4   (3, 4)   3, 4   3 4

A typo is a Problem: a message key of the site's catalog and its parameters (the page
words it), never an exception. This module runs in the page's Python: standard library
and numpy only.
"""

import re
from fractions import Fraction

import numpy as np

KINDS = ("number", "matrix", "shape")
DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", re.IGNORECASE)
POWER_OF_TEN = re.compile(r"\s*[×x*]\s*10\s*(?:\^\s*)?([⁺⁻+-]?)\s*([⁰¹²³⁴⁵⁶⁷⁸⁹\d]+)$")
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
LONGEST = 2000
"""Characters: an answer is a few numbers; more is pasted by mistake."""


class Problem(ValueError):
    """Why a typed answer is not one: `key` names the catalog's message, `params` fill it."""

    def __init__(self, key, **params):
        super().__init__(key)
        self.key, self.params = key, params


def number(typed):
    """A number as a reader writes it, with "−" or "-", as a decimal or a fraction a/b."""
    written = typed.strip().replace("\u2212", "-")
    power = POWER_OF_TEN.search(written)
    if power:  # 2.5 × 10⁻³, as the page writes numbers
        written = written[:power.start()] + "e" + (power[1] + power[2]).translate(SUPERSCRIPT)
    numerator, slash, denominator = written.partition("/")
    try:
        if slash:
            if not (DECIMAL.match(numerator.strip()) and DECIMAL.match(denominator.strip())):
                raise ValueError
            value = float(Fraction(numerator.strip()) / Fraction(denominator.strip()))
        elif DECIMAL.match(written):
            value = float(written)
        else:
            raise ValueError
    except (ValueError, ZeroDivisionError, OverflowError):
        raise Problem("practice.answer.not-a-number", typed=typed.strip()) from None
    if not np.isfinite(value):
        raise Problem("practice.answer.not-a-number", typed=typed.strip())
    return value


def matrix(typed):
    """Rows of numbers, every row as long as the first."""
    if typed.strip().startswith("["):  # as numpy prints it: [[1, 2], [3, 4]]
        typed = re.sub(r"\]\s*,?\s*\[", "\n", typed).replace("[", "").replace("]", "")
    rows = [row.strip() for row in re.split(r"[\n;]", typed) if row.strip()]
    if not rows:
        raise Problem("practice.answer.empty")
    values = []
    for r, row in enumerate(rows, start=1):
        entries = re.split(r"\s*,\s*|\s+", row)
        if "" in entries:
            raise Problem("practice.answer.missing-entry", row=r)
        values.append([number(entry) for entry in entries])
    ragged = next((r for r, row in enumerate(values, start=1) if len(row) != len(values[0])), None)
    if ragged:
        raise Problem("practice.answer.ragged", row=ragged, entries=len(values[ragged - 1]), first=len(values[0]))
    return np.array(values)


def shape(typed):
    """Rows by columns: two whole numbers."""
    parts = [part for part in re.split(r"\s*(?:[x×*,]|by)\s*|\s+", typed.strip().strip("()[]").lower()) if part]
    try:
        sizes = [number(part) for part in parts]
    except Problem:
        sizes = []
    if len(sizes) != 2 or not all(size.is_integer() and size >= 0 for size in sizes):
        raise Problem("practice.answer.not-a-shape", typed=typed.strip())
    return np.array(sizes)


def read(kind, typed):
    """The typed answer as an array (0-d for a number), or a Problem."""
    if kind not in KINDS:
        raise ValueError(f"an answer is one of {KINDS}, not {kind!r}")
    if not isinstance(typed, str) or not typed.strip():
        raise Problem("practice.answer.empty")
    if len(typed) > LONGEST:
        raise Problem("practice.answer.too-long", longest=LONGEST)
    return np.asarray({"number": number, "matrix": matrix, "shape": shape}[kind](typed), dtype=float)
