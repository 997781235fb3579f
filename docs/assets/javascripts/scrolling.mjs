// A box that scrolls (a wide formula, a matrix, code) must be reachable by the keyboard,
// or a reader without a mouse never sees its end: while its content is larger than the box,
// it takes focus (the arrow keys then scroll it) and is named; when it fits again, it is a
// tab stop no longer. Whether it fits changes with the page's width, so it is watched, and
// when a font arrives (KaTeX's are wider than the fallback the formula was first set in).
"use strict";

const LABELLED = new Map();  // element watched -> the name it has while it scrolls
const watcher = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.isConnected) update(target);
    else forget(target);  // redrawn: a walkthrough's step, a new report; or another page
  }
});
document.fonts.addEventListener("loadingdone", () => {
  for (const box of LABELLED.keys()) {
    if (box.isConnected) update(box);
    else forget(box);
  }
});

function forget(box) {
  watcher.unobserve(box);
  LABELLED.delete(box);
}

const SCROLLS = /auto|scroll/;

function update(box) {
  const { overflowX, overflowY } = getComputedStyle(box);
  const scrolls = (SCROLLS.test(overflowX) && box.scrollWidth > box.clientWidth)
    || (SCROLLS.test(overflowY) && box.scrollHeight > box.clientHeight);
  if (scrolls === box.hasAttribute("data-scrolls")) return;
  if (scrolls) {
    box.setAttribute("data-scrolls", "");
    box.tabIndex = 0;
    if (!box.hasAttribute("role")) box.setAttribute("role", "group");
    box.setAttribute("aria-label", LABELLED.get(box));
  } else {
    box.removeAttribute("data-scrolls");
    box.removeAttribute("tabindex");
    if (box.getAttribute("role") === "group") box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
}

/** Make `box` focusable and named `label` whenever its content overflows it. */
export function reachableWhenScrolling(box, label) {
  LABELLED.set(box, label);
  watcher.observe(box);
}
