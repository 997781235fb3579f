"""Numbers, matrices, sums and products written as LaTeX, for the page's math. Numbers are
written by coursekit.page.numbers, as the page's text writes them."""

import numpy as np

from coursekit.page.numbers import latex as number
from coursekit.page.numbers import latex_listing
from coursekit.page.numbers import latex_operand as operand

__all__ = ["number", "operand", "product", "total", "matrix", "index", "partial", "call", "mean"]


def product(*factors):
    """a \\cdot b, with negative factors in parentheses."""
    return " \\cdot ".join(operand(f) for f in factors)


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


def call(function, values):
    """\\max(a, b, c): a function of numbers, by its LaTeX name (in pt-BR, \\max(a;\\ b;\\ c))."""
    return f"\\{function}(" + latex_listing(np.ravel(values)) + ")"


def mean(values):
    """\\frac{a + b + c}{n}: the mean of the values, written out."""
    values = np.ravel(values)
    return f"\\frac{{{total(operand(v) for v in values)}}}{{{len(values)}}}"
