"""Numbers, matrices, sums and products written as LaTeX, for the page's math."""

import numpy as np

SIGNIFICANT_DIGITS = 10
"""Digits shown on the page: enough to be exact for the lesson's numbers, few enough
that float noise (0.30000000000000004) does not reach the reader."""


def number(value):
    """A real number as LaTeX: 3, -0.5, 1.25 \\times 10^{-7}."""
    value = float(value)
    if value == 0:
        return "0"  # also for -0.0
    text = f"{value:.{SIGNIFICANT_DIGITS}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa} \\times 10^{{{int(exponent)}}}"
    return text


def operand(value):
    """A number as it stands inside a sum or a product: negatives in parentheses."""
    text = number(value)
    return f"({text})" if text.startswith("-") else text


def product(a, b):
    """a \\cdot b, with negative factors in parentheses."""
    return f"{operand(a)} \\cdot {operand(b)}"


def total(terms):
    """t1 + t2 + ...: the terms are LaTeX already."""
    return " + ".join(terms)


def matrix(A):
    """A 2-D array as a bmatrix."""
    rows = (" & ".join(number(v) for v in row) for row in np.asarray(A))
    return "\\begin{bmatrix} " + " \\\\ ".join(rows) + " \\end{bmatrix}"


def index(*indices):
    """[i,j] as LaTeX subscript-free brackets, the way numpy writes an index."""
    return "[" + ",".join(str(i) for i in indices) + "]"


def partial(of, wrt, slashed=False):
    """\\frac{\\partial of}{\\partial wrt}, or on one line: \\partial of / \\partial wrt."""
    if slashed:
        return f"\\partial {of} / \\partial {wrt}"
    return f"\\frac{{\\partial {of}}}{{\\partial {wrt}}}"
