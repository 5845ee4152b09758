// Practice catalogue filter: narrows the plain list by several facets at once, in the browser.
// Within a facet, ticked terms are alternatives (OR); across facets they all apply (AND).
// The page carries each term as <span class="nd-term" title="facet:term">label</span> and
// each practice as <li class="nd-item nd-facet--term ...">; this script turns the terms into
// checkboxes. Without JavaScript the filter block stays hidden and the full list is shown.
// The facets sit in one folded "filter" control (details.nd-filter-fold), so that on a phone
// the first practice is in the first screen; it opens by itself on a wide screen. Its summary
// counts the ticked terms; the status line (a polite live region) counts the practices shown.
(function () {
  "use strict";
  function setup() {
    var box = document.querySelector(".nd-filter");
    var list = document.querySelector("ul.nd-catalogue");
    if (!box || !list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("li.nd-item"));
    var status = box.querySelector(".nd-filter-status");
    var fold = box.querySelector(".nd-filter-fold");
    var count = box.querySelector(".nd-filter-count");
    if (fold && window.matchMedia && window.matchMedia("(min-width: 60em)").matches) {
      fold.open = true;
    }
    var template = status.getAttribute("title");
    status.removeAttribute("title");
    status.setAttribute("aria-live", "polite");
    var inputs = [];
    box.querySelectorAll("span.nd-term").forEach(function (span) {
      var parts = span.getAttribute("title").split(":");
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.name = parts[0];
      input.value = parts[1];
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + span.textContent));
      span.replaceWith(label);
      inputs.push(input);
    });
    function apply() {
      var wanted = {};
      inputs.forEach(function (input) {
        if (input.checked) (wanted[input.name] = wanted[input.name] || []).push(input.value);
      });
      var ticked = inputs.filter(function (input) { return input.checked; }).length;
      if (count) count.textContent = ticked ? "(" + ticked + ")" : "";
      var shown = 0;
      items.forEach(function (li) {
        var ok = Object.keys(wanted).every(function (facet) {
          return wanted[facet].some(function (id) {
            return li.classList.contains("nd-" + facet + "--" + id);
          });
        });
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = template.replace("{shown}", shown).replace("{total}", items.length);
    }
    box.addEventListener("change", apply);
    box.querySelector(".nd-filter-reset").addEventListener("click", function (event) {
      event.preventDefault();
      inputs.forEach(function (input) { input.checked = false; });
      apply();
    });
    document.documentElement.classList.add("nd-js");
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
