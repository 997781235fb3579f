// Material's search is a dialog (role="dialog") without a name, which a screen reader
// announces as just "dialog": it takes the name of its search field, in the theme's
// language. Material keeps the header, search included, across instant navigation.
"use strict";
(() => {
  const dialog = document.querySelector(".md-search[role=dialog]");
  const field = dialog?.querySelector(".md-search__input[aria-label]");
  if (field && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
})();
