// While someone writes a contribution, show similar ones that exist already, so they
// can support one instead of writing a duplicate. Without JavaScript the form's
// "Look for similar contributions" button does the same with a page reload.
const form = document.querySelector("form[data-similar-url]");
if (form) {
  const title = form.querySelector("#id_title");
  const text = form.querySelector("#id_text");
  const button = form.querySelector(".mp-similar__check");
  if (button) button.hidden = true;
  let timer = null;
  let last = "";
  const look = async () => {
    // The start of the text is enough to find similar ones, and keeps the address
    // short (long texts in Arabic script would exceed what servers accept).
    const query = new URLSearchParams({
      title: title.value.slice(0, 200),
      text: text.value.slice(0, 400),
    });
    if (query.toString() === last) return;
    last = query.toString();
    try {
      const response = await fetch(`${form.dataset.similarUrl}?${query}`, {
        headers: { Accept: "text/html" },
        credentials: "omit",
      });
      if (!response.ok) return;
      const fresh = new DOMParser()
        .parseFromString(await response.text(), "text/html")
        .getElementById("similar");
      const current = document.getElementById("similar");
      if (fresh && current) current.replaceWith(fresh);
    } catch {
      // Offline or server busy: the form works on without suggestions.
    }
  };
  for (const field of [title, text]) {
    field?.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(look, 700);
    });
  }
}
