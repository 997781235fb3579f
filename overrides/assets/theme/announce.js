// An announcement the reader dismissed stays hidden while it says the same: Material's
// template's inline script, here as a file (coursekit/csp.py).
"use strict";
(() => {
  const announce = document.querySelector("[data-md-component=announce]");
  if (announce && __md_hash(announce.querySelector(".md-typeset").innerHTML) === __md_get("__announce")) {
    announce.hidden = true;
  }
})();
