// 引用本条 on the comparison pages: every cell or row carries its permalink (its id) and its citation
// text (data-cite, written by the generator: model/grid.py Cell.cite_as). Clicking a cell or row
// outside its links — or arriving at its permalink — shows one panel under it with the link and the
// text, selected, and a copy button. One panel for the page: no element per cell. No network.
(function () {
  "use strict";
  var panel = document.createElement("div");
  panel.className = "cite-panel";
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-label", "引用本条");
  var title = document.createElement("strong");
  title.textContent = "引用本条";
  var text = document.createElement("textarea");
  text.readOnly = true;
  text.rows = 3;
  text.setAttribute("aria-label", "引用本条的文字");
  var copy = document.createElement("button");
  copy.type = "button";
  copy.textContent = "复制";
  var link = document.createElement("a");
  link.textContent = "本条链接";
  panel.appendChild(title);
  panel.appendChild(text);
  panel.appendChild(copy);
  panel.appendChild(link);
  copy.addEventListener("click", function () {
    text.select();
    if (navigator.clipboard) navigator.clipboard.writeText(text.value);
    else document.execCommand("copy");
    copy.textContent = "已复制";
  });

  function show(element) {
    if (!element || !element.dataset.cite) return;
    text.value = element.dataset.cite;
    link.href = "#" + element.id;
    copy.textContent = "复制";
    (element.tagName === "LI" ? element : element.parentNode).appendChild(panel);
    text.focus();
    text.select();
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("a, button, textarea, .cite-panel")) return;
    var target = event.target.closest("[data-cite]") ||
      (event.target.closest("td") && event.target.closest("td").querySelector("[data-cite]"));
    if (!target) return;
    history.replaceState(history.state, "", location.pathname + location.search + "#" + target.id);
    show(target);
  });
  function fromHash() {
    if (location.hash.length > 1) show(document.getElementById(decodeURIComponent(location.hash.slice(1))));
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
