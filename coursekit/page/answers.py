"""What a reader types as an answer, read as numbers: a number, a matrix, or a shape, in
the page's language, with the rules the page's widgets read typed text by
(docs/assets/widgets/typed-values.mjs); tests/machinery/typed_values_cases.<language>.json
holds both to the same cases, one table per language.

    number   3   3.0   -0.5   −0.5   +2   .5   1/2   -3/4   2.5e-3   2.5 × 10⁻³   2.5 x 10^-3
             (pt-BR: 0,5 as well as 0.5)
    count    a number that is whole, between `smallest` and `largest`
    matrix   rows on lines (en: or separated by ";"), entries by spaces (en: or commas;
             pt-BR: or ";"), each a number as above; or as numpy prints it, [[1, 2], [3, 4]];
             at most `largest` rows and columns
    shape    3 × 4   3x4   3 by 4 (pt-BR: 3 por 4)   (3, 4)   3, 4   3 4

A typo is a Problem: a message key of the site's catalog and its parameters (the page
words it), never an exception. This module runs in the page's Python: standard library
and numpy only.
"""

import re

import numpy as np

KINDS = ("number", "matrix", "shape")
"""The kinds of an exercise's answer (a number editor's count is read in the page only)."""

SPACES = " \t\r\n\f\v\u00a0\u2007\u2009\u202f"  # with the no-break and thin spaces of pasted text

LANGUAGES = {
    "en": {
        "decimal_points": ".",
        "entry_separators": ",",  # besides spaces
        "separators_before_space": "",  # marks that separate entries where a space follows
        "row_separators": "\n;",
        "minus_signs": "-\u2212",  # "−", as the page writes numbers, as well as "-"
        "spaces": SPACES,
        "shape_words": "by",  # 3 by 4, besides 3 × 4, 3x4, (3, 4)
    },
    "pt-BR": {
        "decimal_points": ",.",
        "entry_separators": ";",
        "separators_before_space": ",",
        "row_separators": "\n",
        "minus_signs": "-\u2212",
        "spaces": SPACES,
        "shape_words": "por|by",
    },
}
"""The characters that separate and mark numbers, by language, in one place (as LANGUAGES
in typed-values.mjs): the page's language picks them.

    en      0.5; entries by spaces or commas; rows on lines or separated by ";"
    pt-BR   0,5 or 0.5; entries by spaces or ";" (or ", " as numpy prints them); rows on
            lines; a number with two marks (1,2,3  1.000,5) is ambiguous: said, never guessed
"""
RULES = LANGUAGES["en"]
"""The rules of the English edition, the default."""

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
    point = _in_class(rules["decimal_points"])
    mantissa = f"[+-]?(?:[0-9]+[{point}]?[0-9]*|[{point}][0-9]+)"
    before_space = (f"[{_in_class(rules['separators_before_space'])}](?={space}){space}*|"
                    if rules["separators_before_space"] else "")
    return {
        "edges": re.compile(f"^{space}+|{space}+$"),
        "minus": re.compile(f"[{_in_class(rules['minus_signs'])}]"),
        "decimal": re.compile(f"{mantissa}(?:[eE][+-]?[0-9]+)?"),
        # 2.5 × 10⁻³ as the page writes it, or 2.5 x 10^-3: the exponent after "^" or in superscript
        "power": re.compile(f"({mantissa}){space}*[×xX*]{space}*10(?:\\^{space}*([+-]?[0-9]+)|([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"),
        "rows": re.compile(f"[{_in_class(rules['row_separators'])}]"),
        "entries": re.compile(f"{space}*[{_in_class(rules['entry_separators'])}]{space}*|{before_space}{space}+"),
        "numpy_rows": re.compile(f"\\]{space}*,?{space}*\\["),
        "shape_parts": re.compile(f"{space}*(?:[x×*,]|{rules['shape_words']}){space}*|{space}+", re.IGNORECASE),
        "shape_edges": re.compile(r"^[()\[\]]+|[()\[\]]+$"),
        "points": re.compile(f"[{point}]"),
        # more than one decimal mark where two are accepted: 1,2,3 or 1.000,5 (a list? thousands?)
        "ambiguous": (re.compile(f"[+-]?[0-9]*(?:[{point}][0-9]+){{2,}}")
                      if len(rules["decimal_points"]) > 1 else None),
    }


GRAMMARS = {language: grammar(rules) for language, rules in LANGUAGES.items()}
GRAMMAR = GRAMMARS["en"]


def grammar_for(language="en"):
    """The grammar of `language` (a page's <html lang>): its own, else that of the first
    language with its base (pt-PT reads as pt-BR), else English's."""
    base = str(language).split("-")[0]
    return GRAMMARS.get(language) or next((g for name, g in GRAMMARS.items() if name.split("-")[0] == base), GRAMMAR)


def _strip(text, g):
    return g["edges"].sub("", text)


def quoted(text):
    """At most QUOTED characters of `text`."""
    return text[:QUOTED - 1] + "…" if len(text) > QUOTED else text


def _decimal(written, g):
    """A decimal as Python reads it, or NaN."""
    return float(g["points"].sub(".", written)) if g["decimal"].fullmatch(written) else float("nan")


def _ambiguous(text, g):
    """Whether `text` is digits with more than one decimal mark, where the rules accept two kinds."""
    return bool(g["ambiguous"] and g["ambiguous"].fullmatch(g["minus"].sub("-", _strip(text, g))))


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
    if _ambiguous(typed, g):
        raise Problem("typed.ambiguous", text=quoted(_strip(typed, g)))
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
            if _ambiguous(entry, g):
                raise Problem("typed.entry-ambiguous", row=r, entry=quoted(entry))
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


def read_typed(kind, typed, language="en", **limits):
    """What the reader typed as a value of `kind` (one of READERS): a number, rows of
    numbers (matrix), or [rows, columns] (shape); `limits` are a count's smallest and
    largest, or a matrix's largest; `language` picks the rules (grammar_for). A typo is a
    Problem."""
    if kind not in READERS:
        raise ValueError(f"a typed value is one of {tuple(READERS)}, not {kind!r}")
    g = grammar_for(language)
    if not isinstance(typed, str) or not _strip(typed, g):
        raise Problem("typed.empty")
    if len(typed) > LONGEST:
        raise Problem("typed.too-long", longest=LONGEST)
    return READERS[kind](typed, g, **limits)


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


def read(kind, typed, language="en"):
    """The typed answer of an exercise of `kind` (one of KINDS), in the page's `language`,
    as an array (0-d for a number), or a Problem."""
    if kind not in KINDS:
        raise ValueError(f"an answer is one of {KINDS}, not {kind!r}")
    return np.asarray(read_typed(kind, typed, language), dtype=float)
