/* 回答几个问题: every question and answer is already in the page (rendered at build time by
   generator/pages/templates/_flow.md.j2 with the place page's own partials), hidden. This script only
   moves between them: it shows one part at a time, keeps the questions answered for 上一步, moves focus
   to what is shown, and shows the part that a link's #fragment names (the FAQ lists link to answers).
   It writes no text of its own. No framework and no request. */
(function () {
  "use strict";

  var app = document.getElementById("checker-app");
  if (!app || !app.getAttribute("data-start")) { return; }
  var start = app.getAttribute("data-start");
  var controls = app.querySelector(".checker-controls");
  var back = app.querySelector("[data-back]");
  var restart = app.querySelector("[data-restart]");
  var trail = [];          // the parts left by answering, for 上一步
  var current = null;

  function part(id) { return id ? document.getElementById(id) : null; }   // ids as the page names them

  function show(id, focus) {
    var shown = part(id);
    if (!shown) { return; }
    Array.prototype.forEach.call(app.querySelectorAll(".checker-node, .checker-nojs"), function (node) {
      node.hidden = true;
    });
    shown.hidden = false;
    var also = part(shown.getAttribute("data-with"));     // with an answer: the place's contacts
    if (also) { also.hidden = false; }
    current = id;
    back.hidden = !trail.length;
    restart.hidden = id === start;
    controls.hidden = back.hidden && restart.hidden;
    if (focus === true) { focus = shown.querySelector(".checker-focus, .rule-outcome"); }
    if (focus) {                      // not on page load: the page must not jump
      if (focus.tabIndex < 0) { focus.tabIndex = -1; }
      focus.focus();
    }
  }

  // A #fragment inside a part (an answer's heading, a footnote's quote): show that part and go there.
  function follow() {
    var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var node = target && app.contains(target) && target.closest(".checker-node");
    if (!node || node.id === current) { return false; }
    trail = [];
    show(node.id, target);
    target.scrollIntoView();
    return true;
  }

  app.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !app.contains(button)) { return; }
    if (button.hasAttribute("data-go")) {
      trail.push(current);
      show(button.getAttribute("data-go"), true);
    } else if (button.hasAttribute("data-back") && trail.length) {
      show(trail.pop(), true);
    } else if (button.hasAttribute("data-restart")) {
      trail = [];
      show(start, true);
    }
  });
  window.addEventListener("hashchange", follow);

  if (!follow()) { show(start, false); }
}());
