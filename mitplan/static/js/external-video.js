// Videos from a platform (cms/blocks/external_video.html): the placeholder loads
// nothing from the platform; "Load video" inserts the player only on this click.
(function () {
  "use strict";
  function ready(root) {
    if (root.hasAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    var button = root.querySelector("[data-mp-load]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.className = "mp-external-video__frame";
      frame.title = root.getAttribute("data-title");
      frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      // The site sends no referrer elsewhere; players refuse to play without one.
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.src = root.getAttribute("data-src");
      root.querySelector(".mp-external-video__placeholder").replaceWith(frame);
      frame.focus();
    });
  }
  document.querySelectorAll("[data-mp-external-video]").forEach(ready);
})();
