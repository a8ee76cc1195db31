// veracity review UI: keyboard shortcuts. Served from the package (CSP: script-src 'self').
// On a page with [data-key] buttons: a accept, r reject, u unsure, n note; "/" focuses the search box.
(function () {
  "use strict";
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    var key = event.key.toLowerCase();
    if (key === "/") {
      var search = document.querySelector("input[type=search]");
      if (search) { event.preventDefault(); search.focus(); }
      return;
    }
    if (key === "n") {
      var note = document.querySelector("[data-note]");
      if (note) { event.preventDefault(); note.focus(); }
      return;
    }
    var button = document.querySelector("button[data-key='" + key + "']");
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
}());
