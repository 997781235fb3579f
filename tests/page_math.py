"""Read back the numbers a built page shows: the LaTeX inside its math elements, parsed
with a parser of its own (not the site's code), so that a test sees what a reader sees."""

import re

import numpy as np
from bs4 import BeautifulSoup

NUMBER = r"-?\d+(?:\.\d+)?(?: \\times 10\^\{-?\d+\})?"


def parse_number(text):
    text = text.strip()
    match = re.fullmatch(r"\(?(-?\d+(?:\.\d+)?)(?: \\times 10\^\{(-?\d+)\})?\)?", text)
    assert match, f"not a number as the page writes one: {text!r}"
    mantissa, exponent = match.groups()
    return float(mantissa) * 10.0 ** int(exponent or 0)


def latex_of(element):
    """The LaTeX of an arithmatex element, without its \\[ \\] or \\( \\) delimiters."""
    text = element.get_text()
    assert text[:2] in ("\\[", "\\(") and text[-2:] in ("\\]", "\\)"), text
    return text[2:-2].strip()


def parse_matrix(latex):
    """`NAME = \\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}` -> 2-D array."""
    match = re.search(r"\\begin\{bmatrix\}(.*)\\end\{bmatrix\}", latex)
    assert match, f"no matrix in {latex!r}"
    rows = [row.split("&") for row in match.group(1).split("\\\\")]
    return np.array([[parse_number(v) for v in row] for row in rows])


def parse_products(expression):
    """`a \\cdot b + c + ...` (over several aligned lines) -> [(a, b), (c,), ...]."""
    expression = re.sub(r"\\\\|&|\\quad", " ", expression)
    terms = re.split(r" \+ ", " ".join(expression.split()))
    return [tuple(parse_number(f) for f in term.split(r"\cdot")) for term in terms]


def parse_expansion(latex):
    """An expansion `NAME[i,j] = <products> = value` -> (products, value)."""
    latex = latex.replace("\\begin{aligned}", "").replace("\\end{aligned}", "")
    parts = re.split(r"&?=", latex)
    assert len(parts) == 3, f"expected `name = sum = value`, got {latex!r}"
    return parse_products(parts[1]), parse_number(parts[2].replace("\\\\", "").replace("&", ""))


class Page:
    """A built HTML page, read for the results and expansions its math shows."""

    def __init__(self, path):
        self.soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def result(self, name):
        elements = self.soup.select(f'[data-result="{name}"]')
        assert len(elements) == 1, f"expected one result {name!r} on the page, found {len(elements)}"
        return latex_of(elements[0])

    def matrix(self, name):
        return parse_matrix(self.result(name))

    def expansions(self, name):
        """{(i, j): (products, value)} for every expansion of `name` on the page."""
        found = {}
        for element in self.soup.select(f'[data-entry="{name}"]'):
            index = tuple(int(i) for i in element["data-index"].split(","))
            found[index] = parse_expansion(latex_of(element))
        return found
