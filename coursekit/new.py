"""A new lesson's skeleton, in the course's shape, that builds and passes its tests:

    python -m coursekit.new dropout [--title "Dropout layer"] [--section classes/deep-learning]

writes, under docs/<section>/ (the course's folder of lessons by default):

    dropout.md                    the page: parameters, forward and backward passes, a
                                  walkthrough, the editor, the runnable file, an exercise
    dropout.py                    the lesson's code as the course keeps it: the example at
                                  the top, numpy only, runs alone
    dropout_site/cards.py         what the page shows at build time
    dropout_site/steps.py         the walkthrough, and the editor's fields (@takes)
    dropout_site/practice.py      an exercise's question and its misconception
    dropout_site/messages/en.json the misconception's words
    tests/lessons/dropout/        the lesson's own test against PyTorch

and adds the page to mkdocs.yml's nav, after the lesson pages of its section. The
skeleton's layer is the smallest one with a forward and a backward pass, a scale and a
shift entry by entry (Y = w X + b): replace it with the layer the lesson teaches, keeping
the shape of the files. Nothing else registers a lesson: the shared tests find it.
"""

import argparse
import re
import sys
from pathlib import Path

from coursekit.lessons import SITE_SUFFIX, LessonError, check_name

SECTION = "classes/deep-learning"

MAIN = '''"""{title}, in numpy.

A skeleton from `python -m coursekit.new`: a scale and a shift, entry by entry, the
smallest layer with a forward and a backward pass. Replace it with the layer this lesson
teaches, keeping the shape of the file: the example at the top, numpy only, and it runs
alone.

    forward    Y[i, j]     = w X[i, j] + b
    backward   dL/dX[i, j] = w dL/dY[i, j]
               dL/dw       = sum_{{i,j}} X[i, j] dL/dY[i, j]
               dL/db       = sum_{{i,j}} dL/dY[i, j]

Shapes: X, Y, dL/dY and dL/dX (H, W); w and b numbers.

Run it (`python {name}.py`) to print the worked example: numpy is all it needs.
"""

import numpy as np

# The worked example of the lesson. This is the one place where it is written: the page
# computes every number it shows from these values.
EXAMPLE_X = [[1, -2, 0],
             [0.5, 3, -1]]
EXAMPLE_W = 2
EXAMPLE_B = -1
EXAMPLE_DL_DY = [[1, 0, -1],
                 [0.5, 2, 1]]


class InputError(ValueError):
    """A ValueError about one argument, which `argument` names (the page's number editor
    shows the message next to that argument's field)."""

    def __init__(self, argument, message):
        super().__init__(message)
        self.argument = argument


def forward(X, w, b):
    """Y = w X + b, entry by entry. X (H, W), w and b numbers -> Y (H, W)."""
    return w * np.asarray(X, dtype=float) + b


def backward(dL_dY, X, w):
    """dL/dX, dL/dw and dL/db. dL_dY (H, W), X (H, W), w a number -> (H, W), a number, a number."""
    dL_dY, X = np.asarray(dL_dY, dtype=float), np.asarray(X, dtype=float)
    if dL_dY.shape != X.shape:
        raise InputError("dL_dY", f"dL/dY must have the shape of the output Y, {{X.shape}}, but it has shape "
                                  f"{{dL_dY.shape}}")
    return w * dL_dY, float(np.sum(X * dL_dY)), float(np.sum(dL_dY))


def worked_example():
    """The lesson's example as arrays: X, w, b, dL/dY."""
    return np.array(EXAMPLE_X, dtype=float), float(EXAMPLE_W), float(EXAMPLE_B), np.array(EXAMPLE_DL_DY, dtype=float)


if __name__ == "__main__":
    X, w, b, dL_dY = worked_example()
    dL_dX, dL_dw, dL_db = backward(dL_dY, X, w)
    for label, value in [("X", X), ("w", w), ("b", b), ("Y", forward(X, w, b)), ("dL/dY", dL_dY),
                         ("dL/dX", dL_dX), ("dL/dw", dL_dw), ("dL/db", dL_db)]:
        print(f"{{label}} =\\n{{value}}\\n")
'''

SITE_INIT = '''"""What the site needs for the lesson {name}.md, beside the lesson's own file, {name}.py.

    cards.py      what the page shows, at build time: the worked example, the widgets
    steps.py      the walkthrough, laid out from {name}.py, and the editor's fields
    practice.py   the exercises' questions and their misconceptions
"""
'''

CARDS = '''"""What the {name} page shows, rendered at build time from {name}.py."""

import numpy as np

import {name} as lesson
from coursekit import latex, pages
from coursekit.widgets import Widgets
from {site} import steps


class WorkedExample:
    """X, w, b and dL/dY, and all the lesson's code computes from them."""

    def __init__(self, X, w, b, dL_dY):
        self.X, self.w, self.b, self.dL_dY = X, w, b, dL_dY
        self.Y = lesson.forward(X, w, b)
        self.dL_dX, self.dL_dw, self.dL_db = lesson.backward(dL_dY, X, w)
        self.widgets = Widgets("{name}", steps.widgets, {{"X": X, "w": w, "b": b}})

    def parameters(self):
        return pages.matrix("X", self.X) + pages.scalar("w", self.w) + pages.scalar("b", self.b)

    def forward(self):
        """Every Y[i,j] expanded, then Y."""
        blocks = [pages.expansion("Y", (i, j), "Y", [f"{{latex.operand(self.w)}} \\\\cdot {{latex.operand(x)}} + "
                                                     f"{{latex.operand(self.b)}}"], self.Y[i, j])
                  for (i, j), x in np.ndenumerate(self.X)]
        return pages.expansions(blocks) + pages.matrix("Y", self.Y)

    def backward(self):
        """dL/dY, then dL/dX, dL/dw and dL/db."""
        return (pages.matrix("dL/dY", self.dL_dY, latex.partial("L", "Y"))
                + pages.matrix("dL/dX", self.dL_dX, latex.partial("L", "X"))
                + pages.scalar("dL/dw", self.dL_dw, latex.partial("L", "w"))
                + pages.scalar("dL/db", self.dL_db, latex.partial("L", "b")))

    def editor(self):
        return self.widgets.editor(["X", "w", "b"])


example = WorkedExample(*lesson.worked_example())
'''

STEPS = '''"""The {name} layer one step at a time: what the page's walkthrough shows, laid out from
{name}.py's functions. It runs at build time and in the page's Python (numpy only)."""

import numpy as np

import {name} as lesson
from coursekit.numbers import operand, text
from coursekit.steps import panel, walkthrough
from coursekit.values import Field, takes


def forward_walkthrough(X, w, b):
    """One step per output Y[i, j]."""
    Y = lesson.forward(X, w, b)
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(Y.shape):
        done[i, j] = True
        steps.append({{"sentence": f"Y[{{i}},{{j}}] = {{operand(w)}}\\u00b7{{operand(X[i, j])}} + {{operand(b)}} = "
                                   f"{{text(Y[i, j])}}",
                      "panels": [panel("X", X, current=[i, j]), panel("Y", Y, current=[i, j], filled=done.copy())]}})
    return walkthrough("Forward pass, one entry at a time", steps)


@takes(X=Field("matrix", largest=8), w=Field("number"), b=Field("number"))
def widgets(X, w, b):
    """The walkthroughs of the worked example, for these numbers."""
    return {{"walkthroughs": {{"forward": forward_walkthrough(X, w, b)}}}}
'''

PRACTICE = '''"""The {name} lesson's exercises: the questions a reader answers by hand, and the
misconceptions behind the usual wrong answers, each as the computation it leads to."""

import numpy as np

import {name} as lesson
from coursekit.questions import NumberQuestion


def draw_entry(rng, size=(2, 4), values=(-4, 4)):
    """X of small whole numbers, w and b, and one entry to compute."""
    H, W = (int(v) for v in rng.integers(size[0], size[1] + 1, size=2))
    X = rng.integers(values[0], values[1] + 1, size=(H, W)).astype(float)
    w, b = (float(v) for v in rng.integers(values[0], values[1] + 1, size=2))
    return {{"X": X, "w": w, "b": b, "i": int(rng.integers(H)), "j": int(rng.integers(W))}}


output_entry = NumberQuestion(
    draw=draw_entry, ask="Y[{{i}}, {{j}}]", shown={{"X": "X", "w": "w", "b": "b"}},
    answer=lambda X, w, b, i, j: lesson.forward(X, w, b)[i, j],
    mistakes={{"bias-forgotten": lambda X, w, b, i, j: (w * X[i, j]) if b != 0 else None}},
)
'''

MESSAGES = '''{{
  "mistake.bias-forgotten": "Add b after scaling: Y[i, j] = w·X[i, j] + b. Your answer leaves b out."
}}
'''

PAGE = '''# {title}

What the layer does, in a few sentences; then its parameters, a worked example through
the forward and the backward pass, and the code. Every number below is computed when the
site is built, by the Python file shown at the end of the page ([`{name}.py`]({name}.py)),
and the tests check it against PyTorch.

## Parameters

<div class="grid cards" markdown>

-   **X**: the input, \\(H \\times W\\). **w** and **b**: a scale and a shift, learned.

-   The worked example:

    ```python exec="1" html="1" session="{name}"
    from {site}.cards import example

    print(example.parameters())
    ```

</div>

## Forward pass

<div class="grid cards" markdown>

-   Each output scales its input and shifts it:

    \\[
    Y[i,j] = w\\,X[i,j] + b
    \\]

-   Every output, entry by entry:

    ```python exec="1" html="1" session="{name}"
    print(example.forward())
    ```

</div>

```python exec="1" html="1" session="{name}"
print(example.widgets.walkthrough("forward"))
```

## Backward pass

<div class="grid cards" markdown>

-   \\[
    \\frac{{\\partial L}}{{\\partial X[i,j]}} = w\\,\\frac{{\\partial L}}{{\\partial Y[i,j]}}
    \\]
    \\[
    \\frac{{\\partial L}}{{\\partial w}} = \\sum_{{i,j}} X[i,j]\\,\\frac{{\\partial L}}{{\\partial Y[i,j]}}
    \\]
    \\[
    \\frac{{\\partial L}}{{\\partial b}} = \\sum_{{i,j}} \\frac{{\\partial L}}{{\\partial Y[i,j]}}
    \\]

-   With the example's numbers:

    ```python exec="1" html="1" session="{name}"
    print(example.backward())
    ```

</div>

## Try other numbers

```python exec="1" html="1" session="{name}"
print(example.editor())
```

## Implementation

```pyodide
--8<-- "docs/{section}/{name}.py"
```

## Practice

```exercise
id: {name}-y-entry
kind: number
title: An entry of Y
statement: |
  Scale the entry of \\(X\\) by \\(w\\), then add \\(b\\).
question: {site}.practice:output_entry
```
'''

TEST = '''"""{name}.py against PyTorch (autograd), on the lesson's example and on random inputs, and
the page's numbers read back from the built site."""

import numpy as np
import torch

from tests.support.page_math import Page
from tests.support.site import lesson, page_path

{name} = lesson("{name}")


def oracle(X, w, b, dL_dY):
    x, w_, b_ = (torch.tensor(np.asarray(v, dtype=np.float64), requires_grad=True) for v in (X, w, b))
    y = w_ * x + b_
    y.backward(torch.tensor(dL_dY, dtype=torch.float64))
    return y.detach().numpy(), x.grad.numpy(), float(w_.grad), float(b_.grad)


def test_the_example_and_random_inputs_agree_with_pytorch():
    rng = np.random.default_rng(0)
    cases = [{name}.worked_example()] + [
        (rng.standard_normal(shape), float(rng.standard_normal()), float(rng.standard_normal()),
         rng.standard_normal(shape)) for shape in [(1, 1), (2, 5), (4, 3)] * 30]
    for X, w, b, dL_dY in cases:
        Y, dL_dX, dL_dw, dL_db = oracle(X, w, b, dL_dY)
        np.testing.assert_allclose({name}.forward(X, w, b), Y, rtol=1e-12, atol=1e-12)
        for ours, theirs in zip({name}.backward(dL_dY, X, w), (dL_dX, dL_dw, dL_db)):
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


def test_the_page_shows_what_pytorch_computes(built_site):
    page = Page(built_site / page_path("{section}/{name}.md"))
    X, w, b, dL_dY = {name}.worked_example()
    Y, dL_dX, _, _ = oracle(X, w, b, dL_dY)
    np.testing.assert_allclose(page.matrix("Y"), Y)
    np.testing.assert_allclose(page.matrix("dL/dX"), dL_dX)
'''


def files(name, title, section):
    """{path relative to the project: text} of a new lesson."""
    site = name + SITE_SUFFIX
    fields = dict(name=name, title=title, section=section, site=site)
    folder = f"docs/{section}"
    return {
        f"{folder}/{name}.md": PAGE.format(**fields),
        f"{folder}/{name}.py": MAIN.format(**fields),
        f"{folder}/{site}/__init__.py": SITE_INIT.format(**fields),
        f"{folder}/{site}/cards.py": CARDS.format(**fields),
        f"{folder}/{site}/steps.py": STEPS.format(**fields),
        f"{folder}/{site}/practice.py": PRACTICE.format(**fields),
        f"{folder}/{site}/messages/en.json": MESSAGES.format(**fields),
        f"tests/lessons/{name}/__init__.py": "",
        f"tests/lessons/{name}/test_{name}.py": TEST.format(**fields),
    }


NAV_ENTRY = re.compile(r"^(?P<indent>\s*)- (?P<title>[^:\n]+): (?P<page>\S+\.md)\s*$")


def add_to_nav(config, title, page):
    """mkdocs.yml's text with `title: page` after the last nav entry of the same folder;
    None if the nav has no page in that folder (the instructor places it by hand)."""
    lines = config.splitlines(keepends=True)
    folder = page.rpartition("/")[0]
    last = None
    for number, line in enumerate(lines):
        entry = NAV_ENTRY.match(line)
        if entry and entry["page"].rpartition("/")[0] == folder:
            last = number, entry["indent"]
    if last is None:
        return None
    number, indent = last
    return "".join(lines[:number + 1] + [f"{indent}- {title}: {page}\n"] + lines[number + 1:])


def create(project, name, title=None, section=SECTION):
    """Write the lesson's files into `project` (refusing to overwrite any) and add its page
    to the nav. Returns the paths written, and whether the nav took the page."""
    project = Path(project)
    check_name(name, f"lesson {name}")
    title = title or name.replace("_", " ").capitalize() + " layer"
    written = files(name, title, section)
    existing = [path for path in written if (project / path).exists()]
    if existing:
        raise LessonError(f"the lesson {name} has files already: {', '.join(existing)}")
    for path, text in written.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    updated = add_to_nav(config.read_text(encoding="utf-8"), title, f"{section}/{name}.md")
    if updated is not None:
        config.write_text(updated, encoding="utf-8")
    return list(written), updated is not None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m coursekit.new", description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="the layer's name, a Python name: the page is <name>.md, its file <name>.py")
    parser.add_argument("--title", help="the page's title (default: '<Name> layer')")
    parser.add_argument("--section", default=SECTION, help=f"the folder under docs/ (default: {SECTION})")
    parser.add_argument("--project", default=".", help="the project's folder, where mkdocs.yml is (default: .)")
    arguments = parser.parse_args(argv)
    try:
        written, in_nav = create(arguments.project, arguments.name, arguments.title, arguments.section)
    except LessonError as error:
        print(f"coursekit.new: {error}", file=sys.stderr)
        return 2
    print("\n".join(f"wrote {path}" for path in written))
    page = f"{arguments.section}/{arguments.name}.md"
    print(f"added {page} to mkdocs.yml's nav" if in_nav else
          f"mkdocs.yml's nav has no page in {arguments.section}/: add {page} to it where it belongs")
    print("Next: replace the skeleton's layer (Y = w X + b) in the lesson's file, then `bash scripts/test.sh`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
