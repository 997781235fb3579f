// The content tab the address names (#__tabbed_1_2) is the one shown: Material's template's
// inline script, here as a file (coursekit/csp.py). Run again for every page instant
// navigation shows.
"use strict";
(() => {
  const target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
