"""A worked example on the page, rendered at build time from what the lesson's code
computed: results (a matrix, a number, a formula) and expansions (one entry, term by term).

Each piece is display math tagged for the tests, which read back what the reader sees:
a result carries data-result="<name>", an expansion data-entry="<name>" and
data-index="i,j". Numbers are written by coursekit.page.numbers, as everywhere on the page.
"""

from coursekit import latex, math_html


def matrix(name, A, lhs=None):
    """`lhs = [A]`: a matrix result (lhs: LaTeX, by default the name)."""
    return math_html.display(f"{lhs or name} = {latex.matrix(A)}", result=name)


def scalar(name, value, lhs=None):
    """`lhs = value`: a number result."""
    return math_html.display(f"{lhs or name} = {latex.number(value)}", result=name)


def equation(name, tex):
    """Any formula (LaTeX) as a result."""
    return math_html.display(tex, result=name)


def expansion(name, index, lhs, steps, value):
    """One entry, term by term:

        lhs[i,j] = step 1 (its lines joined by +, one line each)
                 = step 2 ...
                 = value

    steps: the right-hand sides before the value, each LaTeX or a list of LaTeX lines
    (long sums, one line per row of a kernel, stay narrow enough for a card and a phone)."""
    lines = []
    for step in steps:
        parts = [step] if isinstance(step, str) else list(step)
        lines.append(" \\\\ &\\quad + ".join(parts))
    right = " \\\\ &= ".join([*lines, latex.number(value)])
    tex = f"\\begin{{aligned}} {lhs}{latex.index(*index)} &= {right} \\end{{aligned}}"
    return math_html.display(tex, entry=name, index=",".join(str(i) for i in index))


def expansions(blocks):
    """Expansions side by side, as many to a row as the card's width allows."""
    return '<div class="expansions">' + "".join(blocks) + "</div>"


def product_lines(pairs, extra=()):
    """The lines of sum_k a_k b_k (+ extra terms): one line per group of pairs.

    pairs: a list of lines, each a list of (a, b); extra: numbers added on the last line."""
    lines = [[latex.product(a, b) for a, b in line] for line in pairs]
    if extra:
        lines[-1] = lines[-1] + [latex.operand(v) for v in extra]
    return [latex.total(line) for line in lines]
