// A concept check: options in this reader's order; once answered, why each is right or
// not (sealed in the page until then).
"use strict";

import { t } from "../../messages/messages.mjs";
import { element } from "../walkthrough.mjs";
import { newSeed, shuffled } from "../progress.mjs";
import { Exercise } from "./exercise.mjs";
import { button, unseal } from "./parts.mjs";

/** A concept check: options in this reader's order; an explanation for each, once answered. */
export class ChoiceExercise extends Exercise {
  init() {
    this.sealed = unseal(this.section.dataset.sealed).options;
    this.state.order ??= newSeed();
    this.list = element("ul", { class: "exercise-options", role: "list" });
    this.again = button(t("practice.try-again"), { hidden: "" });
    this.again.addEventListener("click", () => {
      delete this.state.choice;
      this.state.order = newSeed();
      this.keep();
      this.draw();
    });
    const controls = element("div", { class: "exercise-buttons" });
    controls.append(this.again, this.resetButton());
    this.body.replaceChildren(this.list, this.feedback, controls);
    this.draw();
  }

  draw() {
    this.list.replaceChildren();
    for (const index of shuffled(this.setup.options.length, this.state.order)) {
      const item = element("li", { class: "exercise-option" });
      const choose = button("", { class: "exercise-option-button", "aria-pressed": "false" });
      choose.innerHTML = this.setup.options[index];  // Markdown the build rendered from the declaration
      choose.dataset.index = index;
      window.typesetMathIn?.(choose);
      choose.addEventListener("click", () => this.choose(index));
      const why = element("div", { class: "exercise-why", hidden: "" });
      item.append(choose, why);
      this.list.append(item);
    }
    this.say([]);
    this.again.hidden = true;
    if (this.state.choice !== undefined) this.answered(this.state.choice);
  }

  choose(index) {
    if (this.state.choice !== undefined) return;
    this.state.choice = index;
    this.record(null);
    this.mark(this.sealed[index].right);
    this.answered(index);
    this.feedback.focus();  // the options are disabled now: the keyboard goes on from the verdict
  }

  answered(chosen) {
    for (const item of this.list.children) {
      const choose = item.querySelector("button");
      const index = Number(choose.dataset.index);
      const { right, why } = this.sealed[index];
      choose.setAttribute("aria-pressed", String(index === chosen));
      choose.disabled = true;
      item.classList.toggle("exercise-option--right", right);
      item.classList.toggle("exercise-option--chosen", index === chosen);
      const box = item.querySelector(".exercise-why");
      const tags = [right && t("practice.choice.right"), index === chosen && t("practice.choice.yours")].filter(Boolean);
      box.innerHTML = why;  // Markdown the build rendered from the declaration
      if (tags.length) box.prepend(element("strong", { class: "exercise-why-tag" }, `${tags.join(" · ")}: `));
      box.hidden = false;
    }
    const right = this.sealed[chosen].right;
    this.say([element("strong", {}, t(right ? "practice.verdict.right" : "practice.verdict.wrong")), " ",
      t(right ? "practice.choice.well-done" : "practice.choice.read-why")], { kind: right ? "right" : "wrong" });
    this.again.hidden = right;
    window.typesetMathIn?.(this.list);
  }

  afterReset() {
    this.state.order = newSeed();
    this.draw();
  }
}

