"""The page's widgets, rendered at build time from what a lesson declares; drawn and run by
docs/assets/widgets/ (walkthrough.mjs, number-editor.mjs).

A lesson declares a group of widgets with one of its functions and the arguments of its
example:

    forward = Widgets("<group>", steps.widgets, {"X": ..., "K": ..., ...})
    print(forward.walkthrough("forward"))     # the walkthrough, built from the example
    print(forward.editor(["X", "K"]))         # a form to change the arguments X and K

`steps.widgets(**arguments)` returns {"walkthroughs": {name: walkthrough}, "tables":
{name: html}} (coursekit.page.steps builds walkthroughs). The page shows what it returns for the
example; the editor calls the same function in the page's Python with the reader's
numbers (through the runner's bridge, by module and name) and redraws the group's
widgets. The editor's fields are the function's arguments as it declares them with
coursekit.page.values.takes (a matrix, a number, a count, and their limits): the same
declaration hardens what the reader sends. A ValueError whose `argument` attribute names an argument is shown next to that
field; the reader's text stays where it is.
"""

import importlib
from html import escape

import numpy as np

from coursekit import site
from coursekit.json_data import json_attribute
from coursekit.messages import message
from coursekit.page import answers, language
from coursekit.page.numbers import parts, text

class Widgets:
    """The widgets of one group: what `compute(**arguments)` returns, for the example's arguments."""

    def __init__(self, group, compute, arguments):
        module, name = getattr(compute, "__module__", None), getattr(compute, "__qualname__", "")
        if module is None or "<" in name or _find(importlib.import_module(module), name) is not compute:
            raise ValueError(f"{compute!r} is not a function of a module, found by its name: the page's Python "
                             "calls the group's function by its module and name")
        self.group, self.compute, self.arguments = group, compute, dict(arguments)
        try:
            self.shown = compute(**self.arguments)
        except ValueError as error:  # an editor starts from the example: a reader must be able to type it
            if not isinstance(getattr(error, "argument", None), str):
                raise  # not about an argument: the lesson's own bug, with its traceback
            raise ValueError(f"{_name(compute)} refuses the example's arguments: {error}. Change the example, or "
                             f"what the function declares (@coursekit.page.values.takes)") from None
        for kind in self.shown:
            if kind not in ("walkthroughs", "tables"):
                raise ValueError(f"{_name(compute)} returned {kind!r}: widgets are 'walkthroughs' and 'tables'")

    def walkthrough(self, name):
        """A walkthrough, stepping through the example's steps, usable without Python in the page."""
        data = self._part("walkthroughs", name)
        return (f'<div class="walkthrough" data-group="{escape(self.group)}" data-walkthrough="{escape(name)}" '
                f'{json_attribute(data)}></div>')

    def table(self, name):
        """A table (HTML the group's function made, its values escaped). On a phone it scrolls
        sideways: a named tab stop, so that the keyboard can scroll it too."""
        return (f'<div class="walkthrough-table" data-group="{escape(self.group)}" data-table="{escape(name)}" '
                f'tabindex="0" role="region" aria-label="{escape(message("walkthrough.table"))}">'
                f'{self._part("tables", name)}</div>')

    def _part(self, kind, name):
        found = self.shown.get(kind, {})
        if name not in found:
            raise ValueError(f"{_name(self.compute)} returns no {kind[:-1]} {name!r}; it returns {sorted(found)}")
        return found[name]

    def editor(self, names, labels=None, submit=None):
        """The form where the reader changes the arguments `names` of the group's function,
        filled with the example's values; the other arguments stay the example's. Each field
        is as the function declares it (coursekit.page.values.takes); `labels` may name one
        otherwise on the form; `submit` labels the button (default: the catalog's "Recompute")."""
        declared = getattr(self.compute, "fields", {})
        fields = []
        for name in names:
            if name not in declared:
                raise ValueError(f"{name!r} is not a declared argument of {_name(self.compute)} "
                                 f"(declared: {sorted(declared)}): declare it with @coursekit.page.values.takes")
            field = declared[name]  # the example's value fits it: the function took it
            _check_typed(name, field, self.arguments[name])
            fields.append({"name": name, "label": (labels or {}).get(name) or field.label or name,
                           "kind": field.kind, "largest": field.largest, "smallest": field.smallest})
        settings = site.current("number editor")
        submit = message("editor.recompute") if submit is None else submit
        restore = message("editor.restore")
        edited = set(names)
        setup = {
            "call": {"module": self.compute.__module__, "function": self.compute.__qualname__},
            "fixed": {name: _jsonable(value) for name, value in self.arguments.items() if name not in edited},
            "fields": fields,
        }
        settings.python_files.for_module(self.compute.__module__)  # the page's Python has what it imports
        controls = "".join(self._control(field) for field in fields)
        attributes = "".join(f' {k}="{escape(v)}"' for k, v in settings.runtime_attributes().items())
        return (f'<form class="number-editor" data-group="{escape(self.group)}"{attributes} {json_attribute(setup)} '
                'novalidate>'
                f'<div class="number-editor-fields">{controls}</div>'
                '<div class="number-editor-buttons">'
                f'<button type="submit" class="md-button md-button--primary">{escape(submit)}</button>'
                f'<button type="button" class="md-button number-editor-restore">{escape(restore)}</button>'
                '</div><p class="number-editor-status" role="status"></p></form>')

    def _control(self, field):
        value = _field_text(field["kind"], self.arguments[field["name"]])
        key = f"{self.group}-{field['name']}"
        described = f'aria-describedby="{escape(key)}-error"'
        if field["kind"] == "matrix":
            rows = max(2, value.count("\n") + 1)
            control = (f'<textarea id="{escape(key)}" name="{escape(field["name"])}" rows="{rows}" '
                       f'spellcheck="false" {described}>{escape(value)}</textarea>')
        else:
            control = (f'<input id="{escape(key)}" name="{escape(field["name"])}" value="{escape(value)}" '
                       f'inputmode="{"numeric" if field["kind"] == "count" else "decimal"}" {described}>')
        return (f'<div class="number-editor-field"><label for="{escape(key)}">{escape(field["label"])}</label>{control}'
                f'<p class="number-editor-error" id="{escape(key)}-error" role="alert"></p></div>')


def _field_text(kind, value):
    """A value as the reader types it: a matrix one row per line, entries separated by spaces."""
    if kind == "matrix":
        return "\n".join(" ".join(_typed(v) for v in row) for row in np.asarray(value, dtype=float))
    if kind == "count":
        return str(int(value))
    return _typed(value)


LIMITS = {"matrix": ("largest",), "number": (), "count": ("smallest", "largest")}
"""The declared limits the page's parser holds each kind of field to."""


def _check_typed(name, field, value):
    """The editor starts from the example, as its field shows it, and the page reads that
    text by the rules of coursekit.page.answers (the page's parser, typed-values.mjs, has the
    same): it must read back as the example."""
    typed = _field_text(field.kind, value)
    limits = {limit: getattr(field, limit) for limit in LIMITS[field.kind]}
    try:
        read = answers.read_typed(field.kind, typed, language.current(), **limits)
    except answers.Problem as problem:
        raise ValueError(f"field {name}: the example's value, shown as {typed!r}, is refused there: "
                         f"{message(problem.key, **problem.params)}") from None
    if not np.array_equal(np.asarray(read, dtype=float), np.asarray(value, dtype=float)):
        raise ValueError(f"field {name}: the example's value, {value}, is shown as {typed!r}, which reads as {read}")


def _typed(value):
    """A number as the page shows it, where that is the number itself; else as Python
    writes it, every digit (an input must hold the example's value, not its rounding)."""
    _, digits, exponent = parts(value)
    if exponent is None and float(digits) == abs(float(value)):
        return text(value)
    return repr(float(value))


def _find(module, name):
    """module.<name>, a dotted name as __qualname__ gives it (as the page's bridge finds it)."""
    for part in name.split("."):
        module = getattr(module, part, None)
    return module


def _jsonable(value):
    """numpy's arrays and numbers as JSON's."""
    return value.tolist() if isinstance(value, (np.ndarray, np.generic)) else value


def _name(function):
    return f"{function.__module__}.{function.__qualname__}"
