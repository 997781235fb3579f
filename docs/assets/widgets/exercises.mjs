// Exercises (declared in the page's ```exercise fences, coursekit/exercises.py): numbers by
// hand, code, concept checks. Numbers are drawn and answers checked by the lesson's own
// Python (coursekit/practice.py) in the page's Python, through the runner's bridge; what
// would give an answer away (the right option, the explanations, the hints, the solution)
// is in the page sealed, and opened only when the reader gets there. What the reader does is
// kept in this browser (progress.mjs); the top of the page says what is done and tried.
"use strict";

import { Practice } from "./exercises/summary.mjs";
import { NumberExercise } from "./exercises/number.mjs";
import { CodeExercise } from "./exercises/code.mjs";
import { ChoiceExercise } from "./exercises/choice.mjs";

const KINDS = { number: NumberExercise, code: CodeExercise, choice: ChoiceExercise };

function init() {
  const sections = [...document.querySelectorAll(".exercise[data-exercise]:not([data-ready])")];
  if (!sections.length) return;
  for (const section of sections) section.dataset.ready = "";
  new Practice(sections, KINDS).init();
}

if (typeof document$ !== "undefined") document$.subscribe(() => setTimeout(init, 0));
else init();
