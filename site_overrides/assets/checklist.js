// A place's 办事清单 (generator/pages/checklist.py): when the address names one checklist
// (?s=<situation id>, or #<situation id>), show only that one, so printing gives that one sheet;
// each checklist's 打印 button (hidden without JavaScript) shows only its own and prints. Without
// JavaScript every checklist is shown and printed, one per page. Holds no text: the words are the page's.
(function () {
  "use strict";
  var box = document.querySelector(".checklists");
  if (!box) return;
  var sections = box.querySelectorAll("section.checklist");

  function named() {
    var id = new URLSearchParams(window.location.search).get(box.getAttribute("data-query"));
    if (!id && window.location.hash) {
      try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { id = ""; }
    }
    return id;
  }

  function show(id) {
    var known = false, i;
    for (i = 0; i < sections.length; i++) { if (sections[i].id === id) known = true; }
    for (i = 0; i < sections.length; i++) { sections[i].hidden = known && sections[i].id !== id; }
  }

  for (var i = 0; i < sections.length; i++) {
    (function (section) {
      var button = section.querySelector(".checklist-print");
      if (!button) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        window.history.replaceState(null, "", window.location.pathname + "#" + section.id);
        show(section.id);
        window.print();
      });
    })(sections[i]);
  }
  window.addEventListener("hashchange", function () { show(named()); });
  show(named());
})();
