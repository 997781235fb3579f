// Linked content tabs (the feature content.tabs.link): the tabs the reader last chose, shown
// again. Material's template's inline script, here as a file (coursekit/csp.py).
"use strict";
(() => {
  const tabs = __md_get("__tabs");
  if (!Array.isArray(tabs)) return;
  for (const set of document.querySelectorAll(".tabbed-set")) {
    const labels = [...set.querySelector(".tabbed-labels").getElementsByTagName("label")];
    const label = tabs.map((tab) => labels.find((candidate) => candidate.innerText.trim() === tab)).find(Boolean);
    if (label) document.getElementById(label.htmlFor).checked = true;
  }
})();
