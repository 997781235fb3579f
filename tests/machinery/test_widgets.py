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
from coursekit.widgets import Widgets
from tests.machinery.test_lessons_and_python_files import make_docs
from tests.support.site import DOCS

STEPS = '''
from coursekit.page.steps import panel, walkthrough
from coursekit.page.values import Field, takes

@takes(X=Field("matrix", "the input", largest=4), k=Field("count", smallest=1, largest=8))
def widgets(X, k, label="x"):
    return {"walkthroughs": {"main": walkthrough("Main", [{"sentence": f"{label}: {k}", "panels": [panel("X", X)]}])},
            "tables": {"t": "<table><tr><td>1</td></tr></table>"}}

def wrong(X):
    return {"pictures": {}}
'''


@pytest.fixture
def demo(tmp_path):
    """A lesson `demo` whose steps module declares a group of widgets, on a site being built."""
    docs = make_docs(tmp_path, {"s": {"demo.md": "", "demo.py": "", "demo_site/__init__.py": "",
                                      "demo_site/steps.py": STEPS}})
    markdown.Markdown(extensions=["coursekit.site"], extension_configs={"coursekit.site": {"docs_dir": str(docs)}})
    yield importlib.import_module("demo_site.steps")
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
    form = BeautifulSoup(group.editor(["X", "k"]), "html.parser").form
    assert form["class"] == ["number-editor"] and form["data-group"] == "g1" and form["data-runtime"]
    assert form.select_one("label[for=g1-X]").string == "the input"
    assert form.select_one("textarea#g1-X").string == "1 \u22122.5\n0.1 1e-09", "exact values, typed as the page shows"
    assert form.select_one("input#g1-k")["value"] == "3"
    assert form.select_one("#g1-k")["aria-describedby"] == "g1-k-error"
    assert form.select_one("#g1-k-error")["role"] == "alert"
    setup = json.loads(form["data-json"])
    assert setup["call"] == {"module": "demo_site.steps", "function": "widgets"}
    assert setup["fixed"] == {"label": "y"}, "arguments without a field keep the example's"
    assert setup["fields"] == [{"name": "X", "label": "the input", "kind": "matrix", "largest": 4, "smallest": None},
                               {"name": "k", "label": "k", "kind": "count", "largest": 8, "smallest": 1}], \
        "the fields as the function declares them"
    relabelled = BeautifulSoup(group.editor(["k"], labels={"k": "window k"}), "html.parser").form
    assert relabelled.select_one("label[for=g1-k]").string == "window k"


@pytest.mark.parametrize("declare, message", [
    (lambda d: Widgets("g", d.widgets, {"X": [[1]], "k": 1}).editor(["nope"]),
     r"'nope' is not a declared argument of demo_site.steps.widgets \(declared: \['X', 'k'\]\)"),
    (lambda d: Widgets("g", d.widgets, {"X": [[1]] * 5, "k": 1}).editor(["X"]),
     r"demo_site.steps.widgets refuses the example's arguments: the input has shape \(5, 1\): it may have at most 4 rows"),
    (lambda d: Widgets("g", d.widgets, {"X": [[1]], "k": 9}).editor(["k"]),
     r"refuses the example's arguments: the k must be at most 8, not 9. Change the example"),
    (lambda d: Widgets("g", d.wrong, {"X": 1}), r"returned 'pictures': widgets are 'walkthroughs' and 'tables'"),
    (lambda d: Widgets("g", d.widgets, {"X": [[1, 2]], "k": 1}).editor(["label"]), r"'label' is not a declared argument"),
    (lambda d: Widgets("g", lambda X, k: d.widgets(X, k), {"X": [[1]], "k": 1}),
     r"is not a function of a module, found by its name"),
    (lambda d: Widgets("g", d.widgets, {"X": [[1]], "k": 1}).walkthrough("other"),
     r"returns no walkthrough 'other'; it returns \['main'\]"),
])
def test_a_declaration_that_cannot_work_is_refused(demo, declare, message):
    with pytest.raises(ValueError, match=message):
        declare(demo)
