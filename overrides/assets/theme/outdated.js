// The banner of an outdated version of the site: Material's template's inline script, here
// as a file (coursekit/csp.py). The site's root is the tag's data-base.
"use strict";
(() => {
  const banner = document.querySelector("[data-md-component=outdated]");
  const base = new URL(document.currentScript.dataset.base, location);
  if (__md_get("__outdated", sessionStorage, base) === true && banner) banner.hidden = false;
})();
