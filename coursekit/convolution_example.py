"""The convolution lesson's worked example, rendered at build time by the lesson's own code.

Every number here comes from `convolutional.py`: its example values, its forward and
backward functions, its `window`. Each method returns HTML for one part of the page; the
page prints it from a markdown-exec block. Result blocks carry `data-result` (the matrix
or number shown) and expansions carry `data-entry` and `data-index`, so tests can read
back exactly what the reader sees.
"""

from html import escape
from pathlib import Path

import numpy as np

from coursekit import latex, math_html
from coursekit.json_script import json_script
from coursekit.lesson_code import load_lesson_modules
from coursekit.pyodide_fence import runtime_attributes

LESSON_CODE = "docs/classes/deep-learning/convolutional.py"
STEPS_CODE = "docs/classes/deep-learning/convolutional_steps.py"
EDIT_LIMIT = 8
"""The largest matrix side a reader may type into the walkthrough's editor."""

DL_DX, DL_DK, DL_DB, DL_DY = (latex.partial("L", name) for name in "XKbY")
# Written on one line, as an entry's name in an expansion: \partial L / \partial X.
DL_DX_SLASHED, DL_DK_SLASHED = (latex.partial("L", name, slashed=True) for name in "XK")


class WorkedExample:
    """X, K, b and dL/dY as the lesson file writes them, and all the lesson's code computes from them."""

    def __init__(self, code, steps=None, sources=None):
        self.code, self.steps, self.sources = code, steps, sources or {}
        self.X, self.K, self.b, self.dL_dY = code.worked_example()
        self.Y = code.conv_forward(self.X, self.K, self.b)
        self.dL_dX, self.dL_dK, self.dL_db = code.conv_backward(self.dL_dY, self.X, self.K)
        kH, kW = self.K.shape
        self.K_rotated = code.rotate_180(self.K)
        self.dL_dY_padded = code.pad_with_zeros(self.dL_dY, kH - 1, kW - 1)

    @classmethod
    def from_file(cls, path=LESSON_CODE, steps_path=STEPS_CODE):
        """The lesson code and its step-by-step companion, read afresh (as the browser gets them)."""
        code, steps = load_lesson_modules(path, steps_path)
        sources = {Path(p).name: Path(p).read_text(encoding="utf-8") for p in (path, steps_path)}
        return cls(code, steps, sources)

    def _expansions(self, name, lhs, A, B, result, bias=None):
        """result[i,j] = sum_{m,n} A[i+m, j+n] B[m,n] (+ bias), written out term by term."""
        blocks = []
        for (i, j), value in np.ndenumerate(result):
            rows = [[latex.product(a, k) for a, k in zip(patch_row, kernel_row)]
                    for patch_row, kernel_row in zip(self.code.window(A, i, j, B.shape), B)]
            if bias is not None:
                rows[-1].append(latex.operand(bias))
            # One line per row of the kernel, then the result: narrow enough for a card
            # beside the text, and for a phone.
            lines = " \\\\ &\\quad + ".join(latex.total(row) for row in rows)
            tex = (f"\\begin{{aligned}} {lhs}{latex.index(i, j)} &= {lines} "
                   f"\\\\ &= {latex.number(value)} \\end{{aligned}}")
            blocks.append(math_html.display(tex, entry=name, index=f"{i},{j}"))
        return '<div class="conv-expansions">' + "".join(blocks) + "</div>"

    @staticmethod
    def _matrix(name, lhs, A):
        return math_html.display(f"{lhs} = {latex.matrix(A)}", result=name)

    def parameters(self):
        """X, K and b."""
        return (self._matrix("X", "X", self.X) + self._matrix("K", "K", self.K)
                + math_html.display(f"b = {latex.number(self.b)}", result="b"))

    def output_size(self):
        """(H - kH + 1) x (W - kW + 1) with this example's numbers."""
        (H, W), (kH, kW) = self.X.shape, self.K.shape
        oH, oW = self.code.output_shape(self.X.shape, self.K.shape)
        return math_html.display(
            f"({H} - {kH} + 1) \\times ({W} - {kW} + 1) = {oH} \\times {oW}", result="output shape")

    def forward(self):
        """Every Y[i,j] expanded, then Y."""
        return (self._expansions("Y", "Y", self.X, self.K, self.Y, bias=self.b)
                + self._matrix("Y", "Y", self.Y))

    def upstream(self):
        """dL/dY, given by the layers after this one."""
        return self._matrix("dL/dY", DL_DY, self.dL_dY)

    def grad_input(self):
        """The rotated kernel, the zero-padded dL/dY, every dL/dX[p,q] expanded, then dL/dX."""
        return (self._matrix("rot180(K)", "\\operatorname{rot}_{180}(K)", self.K_rotated)
                + self._matrix("padded dL/dY", f"\\operatorname{{pad}}\\left({DL_DY}\\right)", self.dL_dY_padded)
                + self._expansions("dL/dX", DL_DX_SLASHED, self.dL_dY_padded, self.K_rotated, self.dL_dX)
                + self._matrix("dL/dX", DL_DX, self.dL_dX))

    def grad_kernel(self):
        """Every dL/dK[m,n] expanded, then dL/dK."""
        return (self._expansions("dL/dK", DL_DK_SLASHED, self.X, self.dL_dY, self.dL_dK)
                + self._matrix("dL/dK", DL_DK, self.dL_dK))

    def grad_bias(self):
        """dL/db as the sum of every dL/dY[i,j]."""
        terms = latex.total(latex.operand(v) for v in self.dL_dY.flat)
        return math_html.display(f"{DL_DB} = {terms} = {latex.number(self.dL_db)}", result="dL/db")

    # The walkthroughs: data computed here by convolutional_steps.py, drawn by
    # docs/assets/walkthrough/walkthrough.mjs, recomputed in the page by the same file.

    def walkthrough(self, name):
        """One walkthrough ("forward", "backward", "input_gradient"), usable without Python in the page."""
        data = self.steps.walkthroughs(self.X, self.K, self.b, self.dL_dY)[name]
        return (f'<div class="walkthrough" data-walkthrough="{escape(name)}">'
                f'{json_script(data)}</div>')

    def step_table(self):
        """The forward pass as a pandas table, one row per output position."""
        return f'<div class="walkthrough-table">{self.steps.step_table_html(self.X, self.K, self.b)}</div>'

    def number_editor(self):
        """The form where the reader changes X, K, b, dL/dY, the stride and the padding."""
        fields = [("X", "X", _matrix_text(self.X), "textarea"), ("K", "K", _matrix_text(self.K), "textarea"),
                  ("b", "b", latex.number(self.b), "input"), ("dL_dY", "dL/dY", _matrix_text(self.dL_dY), "textarea"),
                  ("stride", "stride (forward)", "1", "input"), ("padding", "padding (forward)", "0", "input")]
        rows = []
        for key, label, value, kind in fields:
            control = (f'<textarea id="walkthrough-{key}" name="{key}" rows="{max(2, value.count(chr(10)) + 1)}" '
                       f'spellcheck="false" aria-describedby="walkthrough-{key}-error">{escape(value)}</textarea>'
                       if kind == "textarea" else
                       f'<input id="walkthrough-{key}" name="{key}" value="{escape(value)}" inputmode="decimal" '
                       f'aria-describedby="walkthrough-{key}-error">')
            rows.append(f'<div class="walkthrough-field"><label for="walkthrough-{key}">{escape(label)}</label>'
                        f'{control}<p class="walkthrough-error" id="walkthrough-{key}-error" role="alert"></p></div>')
        setup = {"sources": self.sources, "limit": EDIT_LIMIT}
        attributes = "".join(f' {k}="{escape(v)}"' for k, v in runtime_attributes().items())
        return (f'<form class="walkthrough-editor"{attributes} novalidate>'
                f'<div class="walkthrough-fields">{"".join(rows)}</div>'
                '<div class="walkthrough-editor-buttons">'
                '<button type="submit" class="md-button md-button--primary">Recompute</button>'
                '<button type="button" class="md-button walkthrough-restore">Back to the lesson\'s example</button></div>'
                '<p class="walkthrough-editor-status" role="status"></p>'
                f'{json_script(setup)}</form>')


def _matrix_text(A):
    """A matrix as the reader types it: one row per line, entries separated by spaces."""
    return "\n".join(" ".join(latex.number(v) for v in row) for row in np.asarray(A))
