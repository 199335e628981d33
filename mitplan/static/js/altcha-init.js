// Prepares the ALTCHA widgets of components/altcha.html (proof of work on a form whose
// sender is over a rate limit). mitplan loads ALTCHA's build without inline styles and
// inline workers (dist/altcha/altcha.js), which runs under the strict
// Content-Security-Policy but needs two things from the page:
//   - the worker that does the work, from a same-origin file (data-worker) for the
//     algorithm the server issues (data-algorithm);
//   - its labels in the page's language (data-strings, built with gettext), registered
//     under the widget's `language`; labels not given keep the widget's English.
// Once the check succeeds, the server's error from the last try ("please complete the
// check") goes: it is no longer true.
// Loaded as a module after dist/altcha/altcha.js, so window.$altcha exists.
const { $altcha } = globalThis;

for (const widget of document.querySelectorAll("altcha-widget[data-worker]")) {
  const { algorithm, worker, strings } = widget.dataset;
  if (algorithm && !$altcha.algorithms.has(algorithm)) {
    $altcha.algorithms.set(algorithm, () => new Worker(worker));
  }
  const language = widget.getAttribute("language");
  if (language && strings) {
    try {
      $altcha.i18n.set(language, { ...$altcha.i18n.get("en"), ...JSON.parse(strings) });
    } catch {
      // Unreadable labels: the widget keeps its English ones.
    }
  }
}

for (const widget of document.querySelectorAll(".mp-altcha altcha-widget")) {
  widget.addEventListener("statechange", (event) => {
    if (event.detail?.state !== "verified") return;
    const group = widget.closest(".mp-altcha");
    const error = document.getElementById(`${widget.id}_error`);
    error?.remove();
    group.classList.remove("kern-form-input--error");
    const described = (group.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter((id) => id && id !== `${widget.id}_error`);
    group.setAttribute("aria-describedby", described.join(" "));
  });
}
