// Search on every way text arrives, not only on key-up: the theme searches on "keyup", which
// a paste from the menu, an IME composition (拼音 input: the characters arrive at compositionend)
// or dictation never sends. Each of these re-sends a keyup so the theme reads the new value.
(function () {
  "use strict";
  var input = document.querySelector("input.md-search__input");
  if (!input) return;
  function nudge() {
    setTimeout(function () { input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); }, 0);
  }
  input.addEventListener("paste", nudge);
  input.addEventListener("compositionend", nudge);
  input.addEventListener("input", function (event) { if (!event.isComposing) nudge(); });
})();
