"""Hypothesis feeds every editor of every lesson hostile and clumsy values, one field at a
time, into its example's otherwise valid arguments, through the page's bridge (what the
page's Python answers the number editor: page_runtime.call with JSON arguments).

The groups are found, not listed: every lesson's site modules are read for the widget
groups they make (coursekit.widgets.Widgets), and each group's function declares its
fields (coursekit.page.values.takes), whose kinds say what is hostile for them (tests/support/
fuzz.py). Each call returns a value, or an error about one of the function's declared
arguments whose message names it (as the page writes it); never an error about no field,
a MemoryError or a hang: every call ends within the deadline and allocates less than
MEMORY_LIMIT. That what a lesson accepts is right is each lesson's own test, against PyTorch.
"""

import importlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.lessons import find_lessons
from coursekit.python_files import page_runtime
from coursekit.widgets import Widgets
from tests.support.fuzz import COUNTS, FUZZ, SCALARS, bounded, hostile_matrices, names_word
from tests.support.site import DOCS, lesson

runtime = page_runtime(DOCS)
importlib.import_module("pandas")  # a step table imports it: here once, not inside a timed call


def widget_groups():
    """{group name: Widgets} of every lesson: the groups its site modules make, as module
    variables or as the `widgets` of one."""
    groups = {}
    for found in find_lessons(DOCS).values():
        if found.site is None:
            continue
        for path in sorted(found.site.glob("*.py")):
            module = lesson(f"{found.site_name}.{path.stem}" if path.stem != "__init__" else found.site_name)
            for value in vars(module).values():
                group = value if isinstance(value, Widgets) else getattr(value, "widgets", None)
                if isinstance(group, Widgets):
                    groups[group.group] = group
    return groups


GROUPS = widget_groups()
EDITED = {name: group for name, group in GROUPS.items() if getattr(group.compute, "fields", None)}


def hostile(field, valid):
    """What may arrive where a field of this kind is expected."""
    if field.kind == "matrix":
        return hostile_matrices(valid.tolist() if hasattr(valid, "tolist") else valid)
    return {"number": SCALARS, "count": COUNTS}[field.kind]


def test_the_groups_are_found():
    assert len(EDITED) >= 2, f"groups with declared fields: {sorted(EDITED)} of {sorted(GROUPS)}"


@pytest.mark.parametrize("name", sorted(EDITED))
@FUZZ
@given(data=st.data())
def test_every_editor_gets_a_value_or_an_error_by_its_field(name, data):
    group = EDITED[name]
    fields = group.compute.fields
    field_name = data.draw(st.sampled_from(sorted(fields)), label="field")
    value = data.draw(hostile(fields[field_name], group.arguments[field_name]), label="value")
    arguments = {key: (v.tolist() if hasattr(v, "tolist") else v) for key, v in group.arguments.items()}
    arguments[field_name] = value
    try:
        sent = json.dumps(arguments)
    except (TypeError, ValueError):  # what JSON cannot carry, the page cannot send
        return
    reply = json.loads(bounded(lambda: runtime.call(group.compute.__module__, group.compute.__qualname__, sent)))
    if "value" in reply:
        return
    error = reply["error"]
    assert error["argument"] in fields, f"an error about no field of the editor: {error}"
    label = fields[error["argument"]].label or error["argument"]
    assert names_word(error["message"], label), f"the message does not name {label}: {error}"
