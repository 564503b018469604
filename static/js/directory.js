/*
 * The directory with JavaScript: htmx (static/vendor/htmx) sends the filter form and the page
 * links and swaps in the results; this file keeps people oriented while it does. The results
 * region is marked busy during a request, and after a page link the focus moves to the heading
 * of the results, so keyboard and screen-reader users start at the top of the new page.
 */
(function () {
  "use strict";

  function setBusy(event, busy) {
    var target = event.detail.target;
    if (!target) {
      return;
    }
    if (busy) {
      target.setAttribute("aria-busy", "true");
    } else {
      target.removeAttribute("aria-busy");
    }
  }

  function focusResultsHeading(event) {
    var source = event.detail.elt;
    var target = event.detail.target;
    if (!source || !target || !source.closest || !source.closest(".omzien-pagination")) {
      return;
    }
    var section = target.closest("section");
    var heading = section && section.querySelector("h2[tabindex='-1']");
    if (heading) {
      heading.focus();
    }
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    setBusy(event, true);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    setBusy(event, false);
  });
  document.addEventListener("htmx:afterSettle", focusResultsHeading);
})();
