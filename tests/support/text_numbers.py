"""Read back numbers as the page writes them in text (walkthroughs, tables, editors):
3, −0.5, (−0.5), 0.333333, −2.5 × 10⁻⁷, −∞; in the Portuguese edition with a decimal comma,
−0,5, and lists separated by ";". A parser of the tests' own."""

import math
import re

SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
NUMBER = re.compile(r"\(?(−?)(\d+(?:[.,]\d+)?|∞)(?: × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?\)?")
SEPARATORS = {"en": ", ", "pt-BR": "; "}
"""What separates the numbers of a list, by language (a decimal comma is never followed by a space)."""


def number(text):
    match = NUMBER.fullmatch(text.strip())
    assert match, f"not a number as the page writes one: {text!r}"
    sign, digits, exponent = match.groups()
    value = math.inf if digits == "∞" else \
        float(digits.replace(",", ".")) * 10.0 ** int((exponent or "0").translate(SUPERSCRIPTS))
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


def listing(text, language="en"):
    """'a, b, …' (pt-BR: 'a; b; …') -> [a, b, …]."""
    return [number(value) for value in text.split(SEPARATORS[language])]
