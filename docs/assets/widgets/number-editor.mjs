// The number editor: a form whose fields a lesson declares (coursekit/widgets.py). The
// reader's numbers are read here (typed-values.mjs: a typo gets its message at once, with no Python), then
// the lesson's own function is called with them in the page's Python (the runner's
// callPython), and the walkthroughs and tables of the editor's group show what it
// returned. An error the function raises about one argument is shown by that field. The
// reader's text always stays as typed; the widgets keep the last valid numbers.
"use strict";

import { callPython } from "../runner/bridge.mjs";
import { walkthroughsOf } from "./walkthrough.mjs";
import { t } from "../messages/messages.mjs";
import { readTyped, TypedValueProblem } from "./typed-values.mjs";

class NumberEditor {
  constructor(form) {
    this.form = form;
    this.group = form.dataset.group;
    this.setup = JSON.parse(form.dataset.json);
    this.status = form.querySelector(".number-editor-status");
    this.button = form.querySelector('button[type="submit"]');
    this.originalValues = Object.fromEntries(this.setup.fields.map(({ name }) => [name, this.control(name).value]));
    this.originalTables = new Map([...this.tables()].map(([name, table]) => [name, table.innerHTML]));
    this.generation = 0;  // a reply to an earlier Recompute, after Back or a later Recompute, is dropped
  }

  init() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.recompute();
    });
    this.form.querySelector(".number-editor-restore").addEventListener("click", () => this.restore());
  }

  control(name) {
    return this.form.elements.namedItem(name);
  }

  tables() {
    const found = new Map();
    for (const table of document.querySelectorAll(".walkthrough-table[data-group]")) {
      if (table.dataset.group === this.group) found.set(table.dataset.table, table);
    }
    return found;
  }

  fieldError(name, message) {
    this.form.querySelector(`#${CSS.escape(`${this.group}-${name}`)}-error`).textContent = message;
    this.control(name).setAttribute("aria-invalid", message ? "true" : "false");
  }

  /** The fields' values, or null where one is not valid (each such field says why). */
  read() {
    const values = {};
    let valid = true;
    for (const field of this.setup.fields) {
      try {
        const typed = this.control(field.name).value;
        values[field.name] = readTyped(field.kind, typed, field, document.documentElement.lang);
        this.fieldError(field.name, "");
      } catch (error) {
        if (!(error instanceof TypedValueProblem)) throw error;
        this.fieldError(field.name, t("editor.field-problem", { label: field.label, problem: t(error.key, error.params) }));
        valid = false;
      }
    }
    return valid ? values : null;
  }

  async recompute() {
    const values = this.read();
    if (!values) {
      this.status.textContent = t("editor.see-field");
      return;
    }
    const generation = ++this.generation;
    this.button.disabled = true;
    this.status.textContent = t("editor.recomputing");
    try {
      const { module, function: name } = this.setup.call;
      const { value, error } = await callPython(this.form, module, name, { ...this.setup.fixed, ...values },
        { onStatus: (text) => { if (generation === this.generation) this.status.textContent = text; } });
      if (generation !== this.generation) return;
      if (error) {
        const field = this.setup.fields.find(({ name: field }) => field === error.argument);
        if (field) this.fieldError(field.name, error.message);
        this.status.textContent = field ? t("editor.see-field") : t("editor.not-recomputed", { reason: error.message });
        return;
      }
      this.show(value);
      this.status.textContent = t("editor.recomputed");
    } catch (error) {
      if (generation === this.generation) this.status.textContent = t("editor.failed", { reason: error.message });
    } finally {
      this.button.disabled = false;
    }
  }

  /** What the lesson's function returned: {walkthroughs: {name: data}, tables: {name: html}}. */
  show({ walkthroughs = {}, tables = {} }) {
    for (const [name, walkthrough] of walkthroughsOf(this.group)) {
      if (name in walkthroughs) walkthrough.show(walkthroughs[name]);
    }
    for (const [name, table] of this.tables()) {
      if (name in tables) table.innerHTML = tables[name];  // HTML the lesson's Python made, its values escaped
    }
  }

  restore() {
    this.generation++;
    for (const [name, value] of Object.entries(this.originalValues)) {
      this.control(name).value = value;
      this.fieldError(name, "");
    }
    for (const walkthrough of walkthroughsOf(this.group).values()) walkthrough.show(walkthrough.original);
    for (const [name, table] of this.tables()) table.innerHTML = this.originalTables.get(name);
    this.status.textContent = t("editor.restored");
  }
}

function init() {
  for (const form of document.querySelectorAll(".number-editor:not([data-ready])")) {
    form.dataset.ready = "";
    new NumberEditor(form).init();
  }
}

// After the walkthroughs (whose module subscribes first), in a task of its own.
if (typeof document$ !== "undefined") document$.subscribe(() => setTimeout(init, 0));
else init();
