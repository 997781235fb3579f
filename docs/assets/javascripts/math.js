// Typeset the page's math with KaTeX, on first load and after every instant navigation
// (Material's document$ emits for each page it shows).
"use strict";

document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
});
