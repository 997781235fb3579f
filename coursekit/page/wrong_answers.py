"""What a wrong answer that no misconception or slip explains is told: where it is off,
never by how much, and hints that the reader asks for one at a time, each more specific
(which rows, which entries, which way). No message carries a value or a difference from
which the answer follows.

This module runs in the page's Python: standard library and numpy only.
"""

import numpy as np

from coursekit.page.feedback import entry, message, size

PARTS = ("rows", "columns")
"""A shape's two sizes, as the messages name them."""


def where_off(kind, given, expected, terms, tolerance):
    """(message, hints) for `given` where `expected` is right: a message that says where the
    answer is off, and hints, each a list of messages, from the least specific on."""
    if given.shape != expected.shape:
        return (message("practice.off.shape", got=size(given)),
                [[message("practice.hint.answer-shape", expected=size(expected))]])
    if kind == "number":
        hints = [[message("practice.hint.too-large" if given > expected else "practice.hint.too-small")]]
        if len(terms) > 1:
            hints.append([message("practice.hint.terms", count=len(terms))])
        return message("practice.off.terms" if terms else "practice.off.number"), hints
    off = [index for index in np.ndindex(expected.shape) if abs(given[index] - expected[index]) > tolerance]
    if kind == "shape":
        which = [PARTS[index[0]] for index in off]
        return (message(f"practice.off.{'-'.join(which)}"),
                [[message(f"practice.hint.{part}-{'too-many' if given[i] > expected[i] else 'too-few'}")
                  for part, (i,) in zip(which, off)]])
    hints = []
    rows = sorted({index[0] for index in off})
    if expected.ndim == 2 and expected.shape[0] > 1:
        hints.append([message("practice.hint.rows" if len(rows) > 1 else "practice.hint.row",
                              rows=", ".join(str(r) for r in rows))])
    hints.append([message("practice.hint.entries", entries=", ".join(entry(i) for i in off))])
    larger = [entry(i) for i in off if given[i] > expected[i]]
    smaller = [entry(i) for i in off if given[i] < expected[i]]
    hints.append([message(key, entries=", ".join(entries)) for key, entries in
                  (("practice.hint.larger", larger), ("practice.hint.smaller", smaller)) if entries])
    return message("practice.off.entries" if len(off) > 1 else "practice.off.entry", count=len(off),
                   of=expected.size), hints
