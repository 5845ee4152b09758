// Small accessibility repairs of the theme (mkdocs-material 9.8), made in the page because
// the theme has no setting for them:
// - the search dialog (div.md-search role=dialog) gets a name: the search box's own label,
//   which Material already translates ("ค้นหา" / "Search");
// - a table too wide for the screen scrolls inside itself: it joins the Tab order so that a
//   keyboard user can scroll it with the arrow keys (WCAG 2.1.1).
(function () {
  "use strict";
  function setup() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
    }
    scrollers();
    window.addEventListener("resize", scrollers);
    window.addEventListener("load", scrollers);
  }
  function scrollers() {
    document.querySelectorAll(".md-typeset table, .md-typeset__scrollwrap").forEach(function (t) {
      if (t.scrollWidth > t.clientWidth + 1) {
        t.setAttribute("tabindex", "0");
      } else if (t.getAttribute("tabindex") === "0") {
        t.removeAttribute("tabindex");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
