/* ksr-library: small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  function filterCatalogue(form) {
    var rows = document.querySelectorAll(".ksr-catalogue table tbody tr");
    var count = form.querySelector(".ksr-filters__count");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select").forEach(function (select) {
        if (select.value) wanted[select.name] = select.value;
      });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(wanted).every(function (key) {
          return (" " + (row.getAttribute("data-" + key) || "") + " ").indexOf(" " + wanted[key] + " ") >= 0;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = "Pokazano dokumentów: " + shown + " z " + rows.length;
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy-permalink]").forEach(function (button) {
      var link = button.parentElement.querySelector("a.ksr-permalink");
      if (!link) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var url = link.href;
        var done = function () { button.textContent = "Skopiowano"; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(done, function () { window.prompt("Skopiuj odnośnik:", url); });
        } else {
          window.prompt("Skopiuj odnośnik:", url);
        }
      });
    });
  }

  function start() {
    var form = document.querySelector("form[data-ksr-filters]");
    if (form) filterCatalogue(form);
    copyButtons();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
