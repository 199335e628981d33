// The survey's live results (htmx swaps them when a response arrived): the tables
// a reader opened stay open, and the focus goes back to the same link or control,
// so keyboard and screen-reader users keep their place.
(function () {
  var kept = null;
  function selectorOf(element) {
    if (!element || element === document.body) return null;
    if (element.id) return "#" + CSS.escape(element.id);
    var href = element.getAttribute && element.getAttribute("href");
    if (href) return '[href="' + CSS.escape(href) + '"]';
    var details = element.closest && element.closest("details[id]");
    if (details && element.tagName === "SUMMARY") return "#" + CSS.escape(details.id) + " > summary";
    return null;
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target.id !== "results") return;
    kept = {
      open: Array.prototype.map.call(
        event.detail.target.querySelectorAll("details[id][open]"),
        function (details) { return details.id; }
      ),
      focus: selectorOf(document.activeElement),
    };
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!kept) return;
    kept.open.forEach(function (id) {
      var details = document.getElementById(id);
      if (details) details.open = true;
    });
    var focused = kept.focus && document.querySelector("#results " + kept.focus);
    if (focused) focused.focus({ preventScroll: true });
    kept = null;
  });
})();
