"""Read back the numbers a built page shows: the LaTeX inside its math elements, parsed
with a parser of its own (not the site's code), so that a test sees what a reader sees."""

import re

import numpy as np
from bs4 import BeautifulSoup

NUMBER = re.compile(r"\(?(-?\d+(?:(?:\.|\{,\})\d+)?)(?: \\times 10\^\{(-?\d+)\})?\)?")


def parse_number(text):
    """3, -0.5, (-0.5), 2.5 \\times 10^{-7} (the Portuguese edition: 0{,}5) -> a float."""
    match = NUMBER.fullmatch(text.strip())
    assert match, f"not a number as the page writes one: {text!r}"
    mantissa, exponent = match.groups()
    return float(mantissa.replace("{,}", ".")) * 10.0 ** int(exponent or 0)


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


def _flat(expression):
    """An expression set over several aligned lines, on one line."""
    return " ".join(re.sub(r"\\\\|&|\\quad", " ", expression).split())


def parse_products(expression):
    """`a \\cdot b + c + ...` (over several aligned lines) -> [(a, b), (c,), ...]."""
    terms = re.split(r" \+ ", _flat(expression))
    return [tuple(parse_number(f) for f in term.split(r"\cdot")) for term in terms]


def parse_call(expression, function):
    """`\\max(a, b, c)` (the Portuguese edition: `\\max(a;\\ b;\\ c)`) -> [a, b, c]."""
    match = re.fullmatch(rf"\\{function}\((.*)\)", _flat(expression))
    assert match, f"not \\{function}(...): {expression!r}"
    return [parse_number(v) for v in re.split(r";\\ |(?<!\{),(?!\})", match.group(1))]


def parse_fraction(expression):
    """`\\frac{a + b}{n}` -> ([a, b], n)."""
    match = re.fullmatch(r"\\frac\{(.*)\}\{(\d+)\}", _flat(expression))
    assert match, f"not a fraction: {expression!r}"
    return [parse_number(v) for v in match.group(1).split(" + ")], int(match.group(2))


def parse_symbols(expression, symbol):
    """`\\partial L / \\partial Y[0,1] + \\partial L / \\partial Y[1,1]` -> [(0, 1), (1, 1)]."""
    terms = re.split(r" \+ ", _flat(expression))
    indices = []
    for term in terms:
        match = re.fullmatch(re.escape(symbol) + r"\[(\d+),(\d+)\]", term)
        assert match, f"not {symbol}[i,j]: {term!r}"
        indices.append((int(match.group(1)), int(match.group(2))))
    return indices


def split_expansion(latex):
    """`NAME[i,j] = step = ... = value` (an aligned display) -> [step, ..., value]."""
    latex = latex.replace("\\begin{aligned}", "").replace("\\end{aligned}", "")
    parts = [part.strip() for part in re.split(r"&?=", latex)]
    assert len(parts) >= 3, f"expected `name = ... = value`, got {latex!r}"
    return [_flat(part) for part in parts[1:]]


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

    def scalar(self, name):
        """`NAME = value` -> value."""
        return parse_number(self.result(name).split("=")[-1])

    def expansions(self, name):
        """{(i, j): [step, ..., value]} for every expansion of `name` on the page (LaTeX)."""
        found = {}
        for element in self.soup.select(f'[data-entry="{name}"]'):
            index = tuple(int(i) for i in element["data-index"].split(","))
            assert index not in found, f"{name}{list(index)} is expanded twice"
            found[index] = split_expansion(latex_of(element))
        return found

    def code_blocks(self):
        """The code of every runnable block, in order."""
        return [block.get_text() for block in self.soup.select(".pyodide-block .pyodide-code")]
