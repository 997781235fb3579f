// The cookie consent form (the setting extra.consent): Material's template's inline script,
// here as a file (coursekit/csp.py).
"use strict";
(() => {
  const form = document.forms.consent;
  const consent = __md_get("__consent");
  if (consent) {
    for (const input of form.elements) if (input.name) input.checked = consent[input.name] || false;
  } else if (location.protocol !== "file:") {
    setTimeout(() => { document.querySelector("[data-md-component=consent]").hidden = false; }, 250);
  }
  for (const action of ["submit", "reset"]) {
    form.addEventListener(action, (event) => {
      event.preventDefault();
      if (event.type === "reset") for (const input of form.elements) if (input.name) input.checked = false;
      __md_set("__consent", Object.fromEntries([...new FormData(form).keys()].map((name) => [name, true])));
      location.hash = "";
      location.reload();
    });
  }
})();
