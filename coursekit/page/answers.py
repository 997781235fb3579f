"""What a reader types as an answer, read as numbers: a number, a matrix, or a shape, with
the rules the page's widgets read typed text by (docs/assets/widgets/typed-values.mjs);
tests/machinery/typed_values_cases.json holds both to the same cases.

    number   3   3.0   -0.5   −0.5   +2   .5   1/2   -3/4   2.5e-3   2.5 × 10⁻³   2.5 x 10^-3
    count    a number that is whole, between `smallest` and `largest`
    matrix   rows on lines (or separated by ";"), entries by spaces or commas, each a number
             as above; or as numpy prints it, [[1, 2], [3, 4]]; at most `largest` rows and columns
    shape    3 × 4   3x4   3 by 4   (3, 4)   3, 4   3 4

A typo is a Problem: a message key of the site's catalog and its parameters (the page
words it), never an exception. This module runs in the page's Python: standard library
and numpy only.
"""

import re

import numpy as np

KINDS = ("number", "matrix", "shape")
"""The kinds of an exercise's answer (a number editor's count is read in the page only)."""

RULES = {
    "decimal_point": ".",
    "entry_separators": ",",  # besides spaces
    "row_separators": "\n;",
    "minus_signs": "-\u2212",  # "−", as the page writes numbers, as well as "-"
    "spaces": " \t\r\n\f\v\u00a0\u2007\u2009\u202f",  # with the no-break and thin spaces of pasted text
}
"""The characters that separate and mark numbers, in one place (as RULES in
typed-values.mjs): a later language option (a decimal comma, with ";" between entries)
changes these and nothing else."""

LONGEST = 2000
"""Characters: an answer is a few numbers; more is pasted by mistake."""
QUOTED = 24
"""Characters of the reader's text a message quotes: a long paste, shortened to its start."""

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")


class Problem(ValueError):
    """Why a typed answer is not one: `key` names the catalog's message, `params` fill it."""

    def __init__(self, key, **params):
        super().__init__(key)
        self.key, self.params = key, params


def _in_class(characters):
    return re.sub(r"([\\\]^-])", r"\\\1", characters)


def grammar(rules):
    """The regular expressions of `rules` (ASCII digits only: "٣" is not read as 3)."""
    space = f"[{_in_class(rules['spaces'])}]"
    point = _in_class(rules["decimal_point"])
    mantissa = f"[+-]?(?:[0-9]+[{point}]?[0-9]*|[{point}][0-9]+)"
    return {
        "edges": re.compile(f"^{space}+|{space}+$"),
        "minus": re.compile(f"[{_in_class(rules['minus_signs'])}]"),
        "decimal": re.compile(f"{mantissa}(?:[eE][+-]?[0-9]+)?"),
        # 2.5 × 10⁻³ as the page writes it, or 2.5 x 10^-3: the exponent after "^" or in superscript
        "power": re.compile(f"({mantissa}){space}*[×xX*]{space}*10(?:\\^{space}*([+-]?[0-9]+)|([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"),
        "rows": re.compile(f"[{_in_class(rules['row_separators'])}]"),
        "entries": re.compile(f"{space}*[{_in_class(rules['entry_separators'])}]{space}*|{space}+"),
        "numpy_rows": re.compile(f"\\]{space}*,?{space}*\\["),
        "shape_parts": re.compile(f"{space}*(?:[xX×*,]|[bB][yY]){space}*|{space}+"),
        "shape_edges": re.compile(r"^[()\[\]]+|[()\[\]]+$"),
        "point": rules["decimal_point"],
    }


GRAMMAR = grammar(RULES)


def _strip(text, g):
    return g["edges"].sub("", text)


def quoted(text):
    """At most QUOTED characters of `text`."""
    return text[:QUOTED - 1] + "…" if len(text) > QUOTED else text


def _decimal(written, g):
    """A decimal as Python reads it, or NaN."""
    return float(written.replace(g["point"], ".", 1)) if g["decimal"].fullmatch(written) else float("nan")


def _number_value(typed, g):
    """The value of one number, or NaN: a decimal, a fraction of two, or a decimal times a power of ten."""
    written = g["minus"].sub("-", _strip(typed, g))
    power = g["power"].fullmatch(written)
    if power:
        exponent = power[2] if power[2] is not None else power[3].translate(SUPERSCRIPTS)
        return _decimal(f"{power[1]}e{exponent}", g)
    parts = written.split("/")
    if len(parts) == 2:
        numerator, denominator = (_decimal(_strip(part, g), g) for part in parts)
        try:
            return numerator / denominator
        except ZeroDivisionError:  # where JavaScript gets ±Infinity or NaN: not a number either
            return float("nan")
    return _decimal(written, g) if len(parts) == 1 else float("nan")


def number(typed, g=GRAMMAR):
    """A finite number, or a Problem quoting what was typed."""
    value = _number_value(typed, g)
    if not np.isfinite(value):
        raise Problem("typed.not-a-number", text=quoted(_strip(typed, g)))
    return value


def count(typed, g=GRAMMAR, smallest=None, largest=None):
    """A whole number from `smallest` (default 0) to `largest` (None: no end)."""
    value = number(typed, g)
    least = 0 if smallest is None else smallest
    if not value.is_integer() or value < least or (largest is not None and value > largest):
        params = {"text": quoted(_strip(typed, g)), "smallest": least}
        if largest is None:
            raise Problem("typed.count-at-least", **params)
        raise Problem("typed.count-from-to", **params, largest=largest)
    return value


def matrix(typed, g=GRAMMAR, largest=None):
    """Rows of numbers, every row as long as the first, at most `largest` rows and columns."""
    if _strip(typed, g).startswith("["):  # as numpy prints it: [[1, 2], [3, 4]]
        typed = re.sub(r"[\[\]]", "", g["numpy_rows"].sub("\n", typed))
    rows = [row for row in (_strip(row, g) for row in g["rows"].split(typed)) if row]
    if not rows:
        raise Problem("typed.empty")
    values = []
    for r, row in enumerate(rows, start=1):
        values.append([])
        for entry in g["entries"].split(row):
            if not entry:
                raise Problem("typed.entry-missing", row=r)
            value = _number_value(entry, g)
            if not np.isfinite(value):
                raise Problem("typed.entry-not-a-number", row=r, entry=quoted(entry))
            values[-1].append(value)
    first = len(values[0])
    ragged = next((r for r, row in enumerate(values, start=1) if len(row) != first), None)
    if ragged:
        raise Problem("typed.rows-differ", row=ragged, entries=len(values[ragged - 1]), first=first)
    if largest is not None and (len(values) > largest or first > largest):
        raise Problem("typed.matrix-too-large", rows=len(values), columns=first, largest=largest)
    return values


def shape(typed, g=GRAMMAR):
    """Rows by columns: two whole numbers, as [rows, columns]."""
    parts = [part for part in g["shape_parts"].split(g["shape_edges"].sub("", _strip(typed, g))) if part]
    sizes = [_number_value(part, g) for part in parts]
    if len(sizes) != 2 or not all(size.is_integer() and size >= 0 for size in sizes):
        raise Problem("typed.not-a-shape", text=quoted(_strip(typed, g)))
    return sizes


READERS = {"number": number, "count": count, "matrix": matrix, "shape": shape}


def read_typed(kind, typed, **limits):
    """What the reader typed as a value of `kind` (one of READERS): a number, rows of
    numbers (matrix), or [rows, columns] (shape); `limits` are a count's smallest and
    largest, or a matrix's largest. A typo is a Problem."""
    if kind not in READERS:
        raise ValueError(f"a typed value is one of {tuple(READERS)}, not {kind!r}")
    if not isinstance(typed, str) or not _strip(typed, GRAMMAR):
        raise Problem("typed.empty")
    if len(typed) > LONGEST:
        raise Problem("typed.too-long", longest=LONGEST)
    return READERS[kind](typed, GRAMMAR, **limits)


def answerable(kind, value):
    """Whether a reader could type `value` as an answer of `kind`: False for a shape whose
    sizes are not whole and at least 0 (a misconception's formula may give such); a
    ValueError for a value that is no `kind` at all (not finite, or of other dimensions)."""
    values = np.asarray(value, dtype=float)
    dimensions = {"number": (0,), "matrix": (1, 2), "shape": (1,)}[kind]
    if values.ndim not in dimensions or (kind == "shape" and values.shape != (2,)):
        raise ValueError(f"not a {kind}: it has shape {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"not a {kind}: it is not finite")
    return kind != "shape" or bool(np.all((values >= 0) & (values == np.round(values))))


def read(kind, typed):
    """The typed answer of an exercise of `kind` (one of KINDS) as an array (0-d for a
    number), or a Problem."""
    if kind not in KINDS:
        raise ValueError(f"an answer is one of {KINDS}, not {kind!r}")
    return np.asarray(read_typed(kind, typed), dtype=float)
