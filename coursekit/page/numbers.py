"""The one way a page writes a number: in its cards and expansions (as LaTeX), in its
walkthroughs, tables and editor (as text). The same value always shows the same digits
and the same minus sign: KaTeX sets LaTeX's "-" as the minus sign, U+2212, which the text
form writes out. The decimal mark, and the separator of a list of numbers, are those of the
language being written (coursekit.page.language): in pt-BR, 0,5 and max(0,5; 1).

    text(-2.5e-7)  == "−2.5 × 10⁻⁷"        latex(-2.5e-7)  == "-2.5 \\times 10^{-7}"
    text(1 / 3)    == "0.333333"           latex(1 / 3)    == "0.333333"
    (pt-BR)           "0,333333"                              "0{,}333333"

This module runs at build time and in the page's Python: standard library only.
"""

import math

from coursekit.page import language

SIGNIFICANT_DIGITS = 6
"""Enough for every number a lesson computes by hand, few enough for a cell of a table on
a phone; rounding noise in the last digits (0.30000000000000004) does not reach the reader.
A sum that cancels in floating point (0.1 + 0.2 - 0.3) shows what it is, 5.55112 × 10⁻¹⁷,
as PyTorch computes it too."""

MINUS = "\u2212"
SUPERSCRIPTS = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def parts(value):
    """(negative, digits, exponent) of a finite number: -2.5e-7 -> (True, "2.5", -7),
    3.0 -> (False, "3", None). Zero, -0.0 included, is (False, "0", None)."""
    value = float(value)
    if value == 0:
        return False, "0", None
    digits, _, exponent = f"{abs(value):.{SIGNIFICANT_DIGITS}g}".partition("e")
    return value < 0, digits, int(exponent) if exponent else None


def text(value):
    """A number as text: 3, −0.5, 0.333333, −2.5 × 10⁻⁷, −∞."""
    if not math.isfinite(float(value)):
        return _not_finite(value, "\u221e", "NaN")
    negative, digits, exponent = parts(value)
    digits = digits.replace(".", language.writing()["decimal"])
    body = digits if exponent is None else f"{digits} \u00d7 10{str(exponent).translate(SUPERSCRIPTS)}"
    return MINUS + body if negative else body


def latex(value):
    """The same number as LaTeX: 3, -0.5, 0.333333, -2.5 \\times 10^{-7}, -\\infty."""
    if not math.isfinite(float(value)):
        return _not_finite(value, "\\infty", "\\text{NaN}", minus="-")
    negative, digits, exponent = parts(value)
    digits = digits.replace(".", language.writing()["latex_decimal"])
    body = digits if exponent is None else f"{digits} \\times 10^{{{exponent}}}"
    return "-" + body if negative else body


def _not_finite(value, infinity, nan, minus=MINUS):
    value = float(value)
    if math.isnan(value):
        return nan
    return minus + infinity if value < 0 else infinity


def operand(value):
    """A number as text inside a sum or a product: negatives in parentheses, (−0.5)."""
    shown = text(value)
    return f"({shown})" if shown.startswith(MINUS) else shown


def latex_operand(value):
    """The same, in LaTeX: (-0.5)."""
    shown = latex(value)
    return f"({shown})" if shown.startswith("-") else shown


def listing(values):
    """Numbers as a list in text, separated as the language separates them: 1, 0.5 (1; 0,5)."""
    return language.writing()["separator"].join(text(v) for v in values)


def latex_listing(values):
    """The same, in LaTeX: 1, 0.5 (1;\\ 0{,}5)."""
    return language.writing()["latex_separator"].join(latex(v) for v in values)
