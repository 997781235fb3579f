// Typeset the page's math with KaTeX, on first load and after every instant navigation
// (Material's document$ emits for each page it shows). One formula at a time, yielding
// to the browser every few milliseconds, so that a page full of math never blocks
// scrolling or a click for long. A display formula wider than its card scrolls sideways,
// and can then be reached and scrolled with the keyboard (scrolling.mjs).
"use strict";
import { t } from "../messages/messages.mjs";
import { reachableWhenScrolling } from "./scrolling.mjs";

const mathOptions = {
  delimiters: [
    { left: "\\(", right: "\\)", display: false },
    { left: "\\[", right: "\\]", display: true },
  ],
  throwOnError: false,
};
const SLICE_MS = 30;

function typeset(element) {
  renderMathInElement(element, mathOptions);
  // Display math scrolls in its own box, Material's div.arithmatex (lesson.css).
  if (element.matches("div.arithmatex")) reachableWhenScrolling(element, t("scroll.formula"));
}

async function typesetMath(body) {
  let sliceStart = performance.now();
  for (const element of body.querySelectorAll(".arithmatex")) {
    typeset(element);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
}

// Widgets that show Markdown later (an exercise's hints and explanations) typeset it with this.
window.typesetMathIn = (root) => {
  for (const element of root.querySelectorAll(".arithmatex")) typeset(element);
};

// In a task of its own, not inside the one in which Material sets the page up.
document$.subscribe(({ body }) => setTimeout(() => typesetMath(body), 0));
