// Forms on pages that caches share (a contribution's page with its comment form)
// cannot carry a one-time key from the server: everyone would get the same one. The
// browser makes one instead, so that a double click or a resent form is stored once.
// Without JavaScript the form works on; only a double click is not recognised.
for (const input of document.querySelectorAll("input[data-fresh-key]")) {
  if (!input.value) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    input.value = `b-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  }
}
