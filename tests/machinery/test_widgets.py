"""The widgets' HTML, from what a lesson declares (coursekit.widgets): walkthroughs and
tables from the group's function, and an editor whose fields, call and files the page's
scripts read; a declaration that cannot work stops the build with its reason."""

import importlib
import json

import markdown
import numpy as np
import pytest
from bs4 import BeautifulSoup

from coursekit import lessons
from coursekit.widgets import Field, Widgets
from tests.machinery.test_lessons_and_python_files import make_docs
from tests.support.site import DOCS

STEPS = '''
from coursekit.steps import panel, walkthrough

def widgets(X, k, label="x"):
    return {"walkthroughs": {"main": walkthrough("Main", [{"sentence": f"{label}: {k}", "panels": [panel("X", X)]}])},
            "tables": {"t": "<table><tr><td>1</td></tr></table>"}}

def wrong(X):
    return {"pictures": {}}
'''


@pytest.fixture
def demo(tmp_path):
    """A lesson `demo` whose steps module declares a group of widgets, on a site being built."""
    docs = make_docs(tmp_path, {"s/demo": {"__init__.py": "", "steps.py": STEPS}})
    markdown.Markdown(extensions=["coursekit.site"], extension_configs={"coursekit.site": {"docs_dir": str(docs)}})
    yield importlib.import_module("demo.steps")
    lessons.use(DOCS)


def test_walkthroughs_and_tables_carry_the_groups_data(demo):
    group = Widgets("g1", demo.widgets, {"X": [[1, -2]], "k": 3})
    walk = BeautifulSoup(group.walkthrough("main"), "html.parser").select_one(".walkthrough")
    assert (walk["data-group"], walk["data-walkthrough"]) == ("g1", "main")
    data = json.loads(walk["data-json"])
    assert data["steps"][0]["sentence"] == "x: 3" and data["steps"][0]["panels"][0]["cells"] == [["1", "\u22122"]]
    table = BeautifulSoup(group.table("t"), "html.parser").select_one(".walkthrough-table")
    assert (table["data-group"], table["data-table"], table.td.string) == ("g1", "t", "1")


def test_the_editor_declares_its_fields_call_and_files(demo):
    group = Widgets("g1", demo.widgets, {"X": [[1, -2.5], [0.1, 1e-9]], "k": 3, "label": np.str_("y")})
    form = BeautifulSoup(group.editor([Field("X", "the input", "matrix", largest=4),
                                       Field("k", "k", "count", smallest=1)]), "html.parser").form
    assert form["class"] == ["number-editor"] and form["data-group"] == "g1" and form["data-runtime"]
    assert form.select_one("label[for=g1-X]").string == "the input"
    assert form.select_one("textarea#g1-X").string == "1 \u22122.5\n0.1 1e-09", "exact values, typed as the page shows"
    assert form.select_one("input#g1-k")["value"] == "3"
    assert form.select_one("#g1-k")["aria-describedby"] == "g1-k-error"
    assert form.select_one("#g1-k-error")["role"] == "alert"
    setup = json.loads(form["data-json"])
    assert setup["call"] == {"module": "demo.steps", "function": "widgets"}
    assert setup["fixed"] == {"label": "y"}, "arguments without a field keep the example's"
    assert [field["name"] for field in setup["fields"]] == ["X", "k"]


@pytest.mark.parametrize("declare, message", [
    (lambda d: Widgets("g", d.widgets, {"X": [[1]], "k": 1}).editor([Field("nope", "n", "number")]),
     r"field 'nope' is not an argument of demo.steps.widgets"),
    (lambda d: Field("X", "X", "vector"), r"kind 'vector' is not one of"),
    (lambda d: Widgets("g", d.widgets, {"X": [[1, 2, 3]], "k": 1}).editor([Field("X", "X", "matrix", largest=2)]),
     r"field X: the example's value, shown as '1 2 3', is refused there: 1×3 is too large: here it can be at most 2×2"),
    (lambda d: Widgets("g", d.widgets, {"X": [[1]], "k": 9}).editor([Field("k", "k", "count", smallest=1, largest=8)]),
     r"field k: the example's value, shown as '9', is refused there: \"9\" is not a whole number from 1 to 8"),
    (lambda d: Widgets("g", d.widgets, {"X": [[1]], "k": 2.5}).editor([Field("k", "k", "count")]),
     r"field k: the example's value, 2.5, is shown as '2', which reads as 2"),
    (lambda d: Widgets("g", d.wrong, {"X": 1}), r"returned 'pictures': widgets are 'walkthroughs' and 'tables'"),
    (lambda d: Widgets("g", lambda X, k: d.widgets(X, k), {"X": [[1]], "k": 1}),
     r"is not a function of a module, found by its name"),
    (lambda d: Widgets("g", d.widgets, {"X": [[1]], "k": 1}).walkthrough("other"),
     r"returns no walkthrough 'other'; it returns \['main'\]"),
])
def test_a_declaration_that_cannot_work_is_refused(demo, declare, message):
    with pytest.raises(ValueError, match=message):
        declare(demo)
