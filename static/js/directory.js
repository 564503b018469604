/*
 * The directory with JavaScript: htmx (static/vendor/htmx) sends the filter form and the page
 * links and swaps in the results; this file keeps the addresses tidy and people oriented.
 * - Empty filters are left out of the request, so the address bar shows only what was chosen.
 * - The results region is marked busy during a request.
 * - After a page link, the focus moves to the heading of the results, so keyboard and
 *   screen-reader users start at the top of the new page.
 */
(function () {
  "use strict";

  var DEFAULTS = { sort: "relevance" };
  var focusAfterSwap = false;

  function leaveOutEmptyFilters(event) {
    var formData = event.detail.formData;
    if (!formData || event.detail.verb !== "get") {
      return;
    }
    var unused = [];
    formData.forEach(function (value, key) {
      if (value === "" || DEFAULTS[key] === value) {
        unused.push(key);
      }
    });
    unused.forEach(function (key) {
      formData.delete(key);
    });
  }

  function setBusy(event, busy) {
    var target = event.detail.target;
    if (target && busy) {
      target.setAttribute("aria-busy", "true");
    } else if (target) {
      target.removeAttribute("aria-busy");
    }
  }

  function focusResultsHeading(event) {
    if (!focusAfterSwap) {
      return;
    }
    focusAfterSwap = false;
    var section = event.detail.target && event.detail.target.closest("section");
    var heading = section && section.querySelector("h2[tabindex='-1']");
    if (heading) {
      heading.focus();
    }
  }

  document.addEventListener("htmx:configRequest", leaveOutEmptyFilters);
  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    focusAfterSwap = Boolean(source && source.closest && source.closest(".omzien-pagination"));
    setBusy(event, true);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    setBusy(event, false);
  });
  document.addEventListener("htmx:afterSettle", focusResultsHeading);
})();
