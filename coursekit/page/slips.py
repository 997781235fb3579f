"""Simple slips that may explain a wrong answer: a term left out, counted twice or given the
wrong sign, a number rounded, a matrix with its signs flipped or transposed, a shape's
rows and columns swapped. Each is only ever offered as "perhaps" (a gap that equals a term
may be a coincidence), with the term it would be, never with a value. (A whole-answer slip,
signs flipped or a transpose, does tell the reader what to do to their answer: the issue's
"a sign" slip; it is offered only where it explains every entry.)

A placeholder (0, or a matrix of one value repeated) is no attempt at the answer, so no
slip explains it. This module runs in the page's Python: standard library and numpy only.
"""

import re
from collections import namedtuple

import numpy as np

from coursekit.page.feedback import message, same

INDICES = re.compile(r"[0-9]+")
"""A term's indices in its label: X[1, 2] · K[0, 1] is a term of the pattern X[#, #] · K[#, #]."""
DECIMALS = (0, 1, 2)
"""Rounding to this many decimals (or cutting there) is a slip when it misses the tolerance."""

Slip = namedtuple("Slip", "idea key term")
Slip.__doc__ = """A slip that explains an answer. `key` names the catalog's message; `term`
is the label of the term that would have slipped (None for a slip of the whole answer);
`idea` is the same slip on any draw: (key, the term's pattern, its place among the terms
of that pattern), so that b left out is one idea whatever b's value, and X[0, 0] · K[0, 0]
left out another than X[0, 1] · K[0, 1]."""


def placeholder(kind, given):
    """Whether an answer is a stand-in rather than an attempt: 0, a matrix of one value
    repeated (zeros among them), a shape 0 × 0."""
    values = np.asarray(given, dtype=float)
    if kind == "matrix":
        return values.size > 1 and bool(np.all(values == values.flat[0]))
    return bool(np.all(values == 0))


def slips(kind, given, expected, terms, tolerance):
    """The slips (Slip) that explain `given` where `expected` is right. `terms`:
    [(label, value)] that a number's answer adds up, or []."""
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


def slip_messages(found):
    """The messages of slips found: one per kind of slip, with every term it could be."""
    keys = list(dict.fromkeys(slip.key for slip in found))
    terms = {key: [slip.term for slip in found if slip.key == key and slip.term] for key in keys}
    return [message(key, terms="; ".join(terms[key])) if terms[key] else message(key) for key in keys]


def _whole(key):
    return Slip((key, None, None), key, None)


def _term_slips(given, expected, terms, tolerance):
    """A term left out (given = answer − term), counted twice (answer + term), or given the
    wrong sign (answer − 2·term): each with every term it could be, in that order."""
    places, found = {}, []
    for label, value in terms:
        pattern = INDICES.sub("#", label)
        place = places[pattern] = places.get(pattern, -1) + 1
        for key, times in (("practice.slip.term-left-out", -1), ("practice.slip.term-twice", 1),
                           ("practice.slip.term-sign", -2)):
            if value and abs(given - (expected + times * value)) <= tolerance:
                found.append(Slip((key, pattern, place), key, label))
    order = ("practice.slip.term-left-out", "practice.slip.term-twice", "practice.slip.term-sign")
    return sorted(found, key=lambda slip: order.index(slip.key))


def _rounded(given, expected, tolerance):
    """Rounded (or cut) to 0, 1 or 2 decimals, where that is further off than the tolerance."""
    given, expected = np.asarray(given, dtype=float), np.asarray(expected, dtype=float)
    for decimals in DECIMALS:
        scale = 10.0 ** decimals
        for coarse in (np.round(expected * scale) / scale, np.trunc(expected * scale) / scale):
            if not same(coarse, expected, tolerance) and same(given, coarse, tolerance / 10):
                return [_whole("practice.slip.rounded")]
    return []
