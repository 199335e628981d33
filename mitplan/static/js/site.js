// Small enhancements; every page works without them.
// - The language menu (<details>) closes on Escape, on a click elsewhere and when
//   focus leaves it, as a menu should.
// - After a form comes back with errors, focus moves to the error summary so that
//   keyboard and screen-reader users land on it; after a search, a filter or a "look
//   for similar" round-trip, to what changed (the element marked data-focus).
for (const menu of document.querySelectorAll("details.mp-lang__details")) {
  const close = () => {
    if (menu.open) menu.open = false;
  };
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      close();
      menu.querySelector("summary").focus();
    }
  });
  menu.addEventListener("focusout", (event) => {
    if (!menu.contains(event.relatedTarget)) close();
  });
  document.addEventListener("click", (event) => {
    if (!menu.contains(event.target)) close();
  });
}

// Folded filter menus open by themselves where there is room for them
// (before focus moves below: opening them pushes what follows down).
if (window.matchMedia("(min-width: 48em)").matches) {
  for (const more of document.querySelectorAll("details[data-open-wide]")) {
    more.open = true;
  }
}

const summary = document.getElementById("form-errors");
const changed = document.querySelector("[data-focus]");
if (summary) {
  summary.focus();
} else if (changed) {
  changed.focus();
} else if (location.hash) {
  // What a form just made (a comment) takes focus, so keyboard users go on from it.
  const made = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (made && made.getAttribute("tabindex") === "-1") made.focus();
}
// "Your comment is published", "thank you for your report" and "please confirm your
// address" are for the sender only, not for a shared link.
{
  const address = new URL(location.href);
  const once = ["commented", "reported", "subscribed"].filter((name) =>
    address.searchParams.has(name),
  );
  for (const name of once) address.searchParams.delete(name);
  if (once.length) history.replaceState(null, "", address);
}

// A live character count under text areas with a limit. The visible count follows
// every key; screen readers hear it once typing pauses, not on every letter.
// Numbers grouped as the server's messages group them (data-group, may be empty).
const grouped = (n, separator) =>
  String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
for (const area of document.querySelectorAll("textarea[data-limit]")) {
  const limit = Number(area.dataset.limit);
  const format = (n) => grouped(n, area.dataset.group ?? "");
  const shown = document.createElement("p");
  shown.className = "kern-hint mp-count";
  shown.setAttribute("aria-hidden", "true");
  const spoken = document.createElement("p");
  spoken.className = "kern-sr-only";
  spoken.setAttribute("aria-live", "polite");
  area.after(shown, spoken);
  let timer;
  const update = () => {
    // Browsers send a line break as two characters; the server counts one, like this.
    const length = area.value.replace(/\r\n/g, "\n").length;
    const text =
      length > limit
        ? area.dataset.overText.replace("%(over)s", format(length - limit))
        : area.dataset.countText
            .replace("%(count)s", format(length))
            .replace("%(limit)s", format(limit));
    shown.textContent = text;
    shown.classList.toggle("mp-count--over", length > limit);
    clearTimeout(timer);
    timer = setTimeout(() => {
      spoken.textContent = text;
    }, 1000);
  };
  area.addEventListener("input", update);
  update();
  spoken.textContent = "";
}

// Typed text is not lost by leaving the page by accident (a language switch, a link):
// the browser asks first. Sending the form is not leaving.
for (const form of document.querySelectorAll("form.mp-form")) {
  let typed = false;
  form.addEventListener("input", () => {
    typed = true;
  });
  form.addEventListener("submit", () => {
    typed = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (typed) event.preventDefault();
  });
}
