/* 长辈版 (large text, high contrast, side bars folded away; styles in extra.css under html.elder).
   Loaded in <head> without defer (site_overrides/main.html): the class is set before the page is
   drawn. The choice is kept in localStorage ("elder-mode": "on" / "off") and applies on every page.
   The switch (partials/header.html) is hidden without JavaScript; the normal page needs none.
   No framework and no request. */
(function () {
  "use strict";
  var KEY = "elder-mode";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }

  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode: this page only */ }
  }

  function apply(on) {
    root.classList.toggle("elder", on);
    var switches = document.querySelectorAll(".elder-switch");
    for (var i = 0; i < switches.length; i++) { switches[i].setAttribute("aria-pressed", on ? "true" : "false"); }
  }

  apply(stored());

  function wire() {
    var switches = document.querySelectorAll(".elder-switch");
    for (var i = 0; i < switches.length; i++) {
      switches[i].hidden = false;
      switches[i].addEventListener("click", function () {
        var on = !root.classList.contains("elder");
        remember(on);
        apply(on);
      });
    }
    apply(root.classList.contains("elder"));
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", wire); } else { wire(); }
}());
