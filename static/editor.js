// The post editor's "Insert image": puts an item's Markdown where the cursor
// is in the text. Without JavaScript the buttons stay hidden and the
// Markdown is there to copy.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const body = document.getElementById("body");
  if (!body) return;
  for (const button of document.querySelectorAll("button[data-insert]")) {
    const source = document.getElementById(button.dataset.insert);
    if (!source) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      const markdown = source.value;
      const start = body.selectionStart ?? body.value.length;
      const end = body.selectionEnd ?? start;
      const before = body.value.slice(0, start);
      const after = body.value.slice(end);
      // An image on a line of its own is its own paragraph (a figure when it has a title).
      const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      const trail = after.startsWith("\n") ? "" : "\n\n";
      body.value = before + lead + markdown + trail + after;
      const caret = (before + lead + markdown).length;
      body.focus();
      body.setSelectionRange(caret, caret);
    });
  }
});
