// Material's palette, as the reader last chose it, set before the page is drawn: its
// template's inline script, here as a file (coursekit/csp.py).
"use strict";
(() => {
  const palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    const light = matchMedia("(prefers-color-scheme: light)").matches;
    const input = document.querySelector(light ? "[data-md-color-media='(prefers-color-scheme: light)']"
                                               : "[data-md-color-media='(prefers-color-scheme: dark)']");
    for (const name of ["media", "scheme", "primary", "accent"]) {
      palette.color[name] = input.getAttribute(`data-md-color-${name}`);
    }
  }
  for (const [name, value] of Object.entries(palette.color)) document.body.setAttribute(`data-md-color-${name}`, value);
})();
