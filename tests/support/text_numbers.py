"""Read back numbers as the page writes them in text (walkthroughs, tables, editors):
3, −0.5, (−0.5), 0.333333, −2.5 × 10⁻⁷, −∞. A parser of the tests' own."""

import math
import re

SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
NUMBER = re.compile(r"\(?(−?)(\d+(?:\.\d+)?|∞)(?: × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?\)?")


def number(text):
    match = NUMBER.fullmatch(text.strip())
    assert match, f"not a number as the page writes one: {text!r}"
    sign, digits, exponent = match.groups()
    value = math.inf if digits == "∞" else float(digits) * 10.0 ** int((exponent or "0").translate(SUPERSCRIPTS))
    return -value if sign else value


def products(text):
    """'a·b + c·d + …' -> [(a, b), (c, d), …]."""
    return [tuple(number(factor) for factor in term.split("\u00b7")) for term in text.split(" + ")]


def terms(text):
    """'a + b + …' -> [a, b, …]."""
    return [number(term) for term in text.split(" + ")]


def matrix(cells):
    """A panel's cells (rows of text; blank where not computed yet) -> rows of floats (NaN for blanks)."""
    return [[number(value) if value else math.nan for value in row] for row in cells]
