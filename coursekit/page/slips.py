"""Simple slips that may explain a wrong answer: a term left out, counted twice or given the
wrong sign, a number rounded, a matrix with its signs flipped or transposed, a shape's
rows and columns swapped. Each is only ever offered as "perhaps" (a gap that equals a term
may be a coincidence), with the term it would be, never with a value.

A placeholder (0, or a matrix of one value repeated) is no attempt at the answer, so no
slip explains it. This module runs in the page's Python: standard library and numpy only.
"""

import re

import numpy as np

from coursekit.page.feedback import message, same

INDICES = re.compile(r"[0-9]+")
"""A term's indices in its label: X[1, 2] · K[0, 1] is a term of the kind X[#, #] · K[#, #]."""
DECIMALS = (0, 1, 2)
"""Rounding to this many decimals (or cutting there) is a slip when it misses the tolerance."""


def placeholder(kind, given):
    """Whether an answer is a stand-in rather than an attempt: 0, a matrix of one value
    repeated (zeros among them), a shape 0 × 0."""
    values = np.asarray(given, dtype=float)
    if kind == "matrix":
        return values.size > 1 and bool(np.all(values == values.flat[0]))
    return bool(np.all(values == 0))


def slips(kind, given, expected, terms, tolerance):
    """The slips that explain `given` where `expected` is right: [(idea, key, term)], where
    `key` names the catalog's message, `term` is the label of the term that would have
    slipped (None for a slip of the whole answer), and `idea` tells this kind of slip apart
    from others on any draw: "<key>:<the term's label, its indices as #>" for a term's
    ("b", "X[#, #] · K[#, #]"). `terms`: [(label, value)] that a
    number's answer adds up, or []."""
    if placeholder(kind, given):
        return []
    if kind == "number":
        return _term_slips(float(given), float(expected), terms, tolerance) + _rounded(given, expected, tolerance)
    if kind == "shape":
        return [_whole("practice.slip.shape-swapped")] if same(given, expected[::-1], tolerance) else []
    found = []
    if np.any(np.abs(expected) > tolerance) and same(given, -expected, tolerance):
        found.append(_whole("practice.slip.signs-flipped"))
    if expected.ndim == 2 and not same(expected, expected.T, tolerance) and same(given, expected.T, tolerance):
        found.append(_whole("practice.slip.transposed"))
    return found or _rounded(given, expected, tolerance)


def said(found):
    """The messages of slips found: one per kind of slip, with every term it could be."""
    keys = list(dict.fromkeys(key for _, key, _ in found))
    return [message(key, terms="; ".join(term for _, k, term in found if k == key))
            if any(term for _, k, term in found if k == key) else message(key) for key in keys]


def _whole(key):
    return (key, key, None)


def _term_slips(given, expected, terms, tolerance):
    """A term left out (given = answer − term), counted twice (answer + term), or given the
    wrong sign (answer − 2·term): each with every term it could be, in that order."""
    return [(f"{key}:{INDICES.sub('#', label)}", key, label)
            for key, times in (("practice.slip.term-left-out", -1), ("practice.slip.term-twice", 1),
                               ("practice.slip.term-sign", -2))
            for label, value in terms
            if value and abs(given - (expected + times * value)) <= tolerance]


def _rounded(given, expected, tolerance):
    """Rounded (or cut) to 0, 1 or 2 decimals, where that is further off than the tolerance."""
    given, expected = np.asarray(given, dtype=float), np.asarray(expected, dtype=float)
    for decimals in DECIMALS:
        scale = 10.0 ** decimals
        for coarse in (np.round(expected * scale) / scale, np.trunc(expected * scale) / scale):
            if not same(coarse, expected, tolerance) and same(given, coarse, tolerance / 10):
                return [_whole("practice.slip.rounded")]
    return []
