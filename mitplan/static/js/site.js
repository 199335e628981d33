// Small enhancements; every page works without them.
// - The language menu (<details>) closes on Escape, on a click elsewhere and when
//   focus leaves it, as a menu should.
// - After a form comes back with errors, focus moves to the error summary so that
//   keyboard and screen-reader users land on it.
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

const summary = document.getElementById("form-errors");
if (summary) summary.focus();
