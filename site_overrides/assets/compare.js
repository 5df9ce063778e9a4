// Filters and sorting for a comparison table (compare/in/<unit>/). The table is complete without
// this script; it only hides rows, columns and inherited cells, and reorders rows. No framework,
// no network.
//
// The filters live in the query string, so that a journalist can share a view:
//   ?s=death,emigration   only these situations (column ids); none, or none known = all
//   &cities=1             only cities: the rows of the nation and of provinces hidden (a 直辖市 stays)
//   &own=1                hide inherited rules (see OWN_HELP)
// Anything else in the address is kept as it is and otherwise ignored. Not the hash: the
// footnote links use it.
(function () {
  "use strict";
  var controls = document.getElementById("compare-controls");
  var table = controls && document.querySelector(".md-typeset table");
  if (!table || !table.tHead || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var missingSort = controls.dataset.missingSort;   // the vocabulary's "未整理" key, from the page
  var CITIES_HELP = "只看城市：不显示全国和省（自治区）的行；直辖市保留。";
  var OWN_HELP = "隐藏沿用：沿用上级规定的格子只留“沿用某地”几个字；" +
    "所选情形里没有一条本地自己规定的地区，整行不显示。";

  function info(row) { return row.cells[0].querySelector(".cmp-j"); }

  // Read before the sort buttons are added to the headings.
  var columns = headers.slice(1).map(function (th, i) {
    var tag = th.querySelector("[data-situation]");
    return { index: i + 1, id: tag ? tag.dataset.situation : String(i + 1), name: th.textContent.trim() };
  });
  var known = {};
  columns.forEach(function (c) { known[c.id] = c; });

  // Per row: is it a city, and per column what the cell holds (own rule, inherited, or none).
  var facts = rows.map(function (row) {
    var j = info(row);
    var kinds = {};
    columns.forEach(function (c) {
      var cell = row.cells[c.index];
      kinds[c.id] = cell.querySelector(".cmp-inherited") ? "inherited"
        : cell.querySelector(".cmp-cell:not(.unknown)") ? "own" : "none";
    });
    return { row: row, city: !(j.classList.contains("cmp-national") || j.classList.contains("cmp-province")),
             kinds: kinds };
  });
  // An inherited cell, when hidden, keeps only its "沿用某地" mark.
  var inheritedParts = [];
  facts.forEach(function (f) {
    columns.forEach(function (c) {
      if (f.kinds[c.id] !== "inherited") return;
      Array.prototype.forEach.call(f.row.cells[c.index].children, function (el) {
        if (!el.classList.contains("cmp-inherited")) inheritedParts.push(el);
      });
    });
  });

  function readState() {
    var params = new URLSearchParams(location.search), chosen = [];
    (params.get("s") || "").split(",").forEach(function (id) {
      if (known[id] && chosen.indexOf(id) < 0) chosen.push(id);
    });
    return { situations: chosen, cities: params.get("cities") === "1", own: params.get("own") === "1" };
  }

  // Our keys are written last and by hand: ids are [a-z-], and a comma reads better than %2C.
  function query(state) {
    var params = new URLSearchParams(location.search);
    ["s", "cities", "own"].forEach(function (key) { params.delete(key); });
    var parts = params.toString() ? [params.toString()] : [];
    if (state.situations.length) parts.push("s=" + state.situations.join(","));
    if (state.cities) parts.push("cities=1");
    if (state.own) parts.push("own=1");
    return parts.length ? "?" + parts.join("&") : "";
  }

  function checkbox(parent, text, describedBy) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    if (describedBy) box.setAttribute("aria-describedby", describedBy);
    label.appendChild(box);
    label.appendChild(document.createTextNode(text));
    parent.appendChild(label);
    box.addEventListener("change", changed);
    return box;
  }

  var fieldset = document.createElement("fieldset");
  fieldset.className = "compare-situations";
  var legend = document.createElement("legend");
  legend.textContent = "只看这些情形（可多选；都不选＝全部情形）";
  fieldset.appendChild(legend);
  controls.appendChild(fieldset);
  var situationBoxes = columns.map(function (c) {
    var box = checkbox(fieldset, c.name);
    box.value = c.id;
    return box;
  });
  var options = document.createElement("div");
  options.className = "compare-options";
  controls.appendChild(options);
  var cities = checkbox(options, "只看城市", "compare-cities-help");
  var own = checkbox(options, "隐藏沿用", "compare-own-help");
  [["compare-cities-help", CITIES_HELP], ["compare-own-help", OWN_HELP]].forEach(function (help) {
    var p = document.createElement("p");
    p.id = help[0];
    p.className = "compare-help";
    p.textContent = help[1];
    controls.appendChild(p);
  });
  var count = document.createElement("p");
  count.className = "compare-count";
  count.setAttribute("aria-live", "polite");
  controls.appendChild(count);
  // Other pages of the same table keep the view.
  var pagerLinks = Array.prototype.slice.call(document.querySelectorAll(".compare-pager a"));
  pagerLinks.forEach(function (a) { a.dataset.base = a.getAttribute("href").split("?")[0]; });

  function changed() {
    var state = {
      situations: situationBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }),
      cities: cities.checked, own: own.checked
    };
    history.replaceState(history.state, "", location.pathname + query(state) + location.hash);
    apply(state);
  }

  function apply(state) {
    situationBoxes.forEach(function (b) { b.checked = state.situations.indexOf(b.value) >= 0; });
    cities.checked = state.cities;
    own.checked = state.own;
    var shown = columns.filter(function (c) {
      return !state.situations.length || state.situations.indexOf(c.id) >= 0;
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      columns.forEach(function (c) { row.cells[c.index].hidden = shown.indexOf(c) < 0; });
    });
    var visibleRows = 0;
    facts.forEach(function (f) {
      var visible = (!state.cities || f.city) &&
        (!state.own || shown.some(function (c) { return f.kinds[c.id] === "own"; }));
      f.row.hidden = !visible;
      if (visible) visibleRows += 1;
    });
    inheritedParts.forEach(function (el) { el.hidden = state.own; });
    var q = query(state);
    pagerLinks.forEach(function (a) { a.setAttribute("href", a.dataset.base + q); });
    count.textContent = "显示 " + visibleRows + " / " + rows.length + " 个地区，" +
      shown.length + " / " + columns.length + " 种情形";
  }

  // Sort keys: the first column keeps the grouped order; a situation column orders
  // 能 → 视情况 → 不能 → 未查明 → 未整理, then by evidence grade (data-sort, written by the generator).
  function key(row, column) {
    if (column === 0) return ("00000" + info(row).dataset.order).slice(-6);
    var cell = row.cells[column].querySelector(".cmp-cell");
    return (cell ? cell.dataset.sort : missingSort) + ("00000" + info(row).dataset.order).slice(-6);
  }

  headers.forEach(function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "compare-sort";
    button.textContent = "⇅";
    button.title = column === 0 ? "按地区分组排序" : "按结果排序：能取出的在前";
    button.setAttribute("aria-label", button.title);
    button.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      rows.slice().sort(function (a, b) {
        var x = key(a, column), y = key(b, column);
        return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
      }).forEach(function (row) { body.appendChild(row); });
    });
    th.appendChild(button);
  });

  apply(readState());
})();
