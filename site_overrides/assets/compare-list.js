// Filters and sorting for a situation's national list (compare/<situation>/). The list is complete
// without this script: one item per place, with its facts in data-* attributes written by the
// generator (compare.py RowView). The script only hides and reorders items. No framework, no network.
//
// The filters live in the query string, so that a journalist can share a view:
//   ?p=hunan,guangdong   only these provincial units (ids)
//   &a=cash-yes          only these answers (cash-yes, cash-maybe, cash-no, cash-unknown, researched, missing)
//   &g=A,B               only these grades
//   &own=1               only places with a rule of their own
//   &sort=answer|grade|checked   the order (default: the site's order of places)
// Unknown values are ignored.
(function () {
  "use strict";
  var controls = document.getElementById("list-controls");
  var list = controls && document.querySelector(".cmp-places");
  if (!list) return;
  var items = Array.prototype.slice.call(list.children);
  function split(text) { return text ? text.split(",") : []; }
  var units = split(controls.dataset.units), unitNames = split(controls.dataset.unitNames);
  var answers = split(controls.dataset.answers), answerNames = split(controls.dataset.answerNames);
  var grades = ["A", "B", "C"];
  var SORTS = [["", "地区顺序"], ["answer", "结果：能取出的在前"], ["grade", "证据等级：A 在前"],
               ["checked", "核对日期：最近的在前"]];

  function readState() {
    var params = new URLSearchParams(location.search);
    function pick(key, known) {
      return split(params.get(key) || "").filter(function (v, i, all) {
        return known.indexOf(v) >= 0 && all.indexOf(v) === i;
      });
    }
    var sort = params.get("sort") || "";
    return { p: pick("p", units), a: pick("a", answers), g: pick("g", grades), own: params.get("own") === "1",
             sort: SORTS.some(function (s) { return s[0] === sort; }) ? sort : "" };
  }

  function query(state) {
    var params = new URLSearchParams(location.search);
    ["p", "a", "g", "own", "sort"].forEach(function (key) { params.delete(key); });
    var parts = params.toString() ? [params.toString()] : [];
    ["p", "a", "g"].forEach(function (key) { if (state[key].length) parts.push(key + "=" + state[key].join(",")); });
    if (state.own) parts.push("own=1");
    if (state.sort) parts.push("sort=" + state.sort);
    return parts.length ? "?" + parts.join("&") : "";
  }

  function select(labelText, values, names) {
    var label = document.createElement("label");
    label.appendChild(document.createTextNode(labelText));
    var box = document.createElement("select");
    values.forEach(function (v, i) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = names[i];
      box.appendChild(option);
    });
    label.appendChild(box);
    controls.appendChild(label);
    box.addEventListener("change", changed);
    return box;
  }

  var unitBox = select("省份：", [""].concat(units), ["全部"].concat(unitNames));
  var answerBox = select("结果：", [""].concat(answers), ["全部"].concat(answerNames));
  var gradeBox = select("证据等级：", ["", "A", "B", "C"], ["全部", "A", "B", "C（待核实）"]);
  var sortBox = select("排序：", SORTS.map(function (s) { return s[0]; }), SORTS.map(function (s) { return s[1]; }));
  var ownLabel = document.createElement("label");
  var own = document.createElement("input");
  own.type = "checkbox";
  ownLabel.appendChild(own);
  ownLabel.appendChild(document.createTextNode("只看本地自己的规定"));
  controls.appendChild(ownLabel);
  own.addEventListener("change", changed);
  var count = document.createElement("p");
  count.className = "compare-count";
  count.setAttribute("aria-live", "polite");
  controls.appendChild(count);

  // A filter from the address may hold several values; the menus show one (or the first).
  var current = readState();

  function changed() {
    var state = {
      p: unitBox.value ? [unitBox.value] : [], a: answerBox.value ? [answerBox.value] : [],
      g: gradeBox.value ? [gradeBox.value] : [], own: own.checked, sort: sortBox.value
    };
    history.replaceState(history.state, "", location.pathname + query(state) + location.hash);
    apply(state);
  }

  function key(item, sort) {
    var d = item.dataset;
    if (sort === "answer") return d.sort + d.order;
    if (sort === "grade") return (d.grade || "Z") + d.sort + d.order;
    if (sort === "checked") return "~" + invert(d.checked || "") + d.order;
    return d.order;
  }
  // Newest first in an ascending sort: each digit replaced by its complement.
  function invert(date) { return date.replace(/\d/g, function (c) { return String(9 - Number(c)); }) || "~"; }

  function apply(state) {
    unitBox.value = state.p[0] || "";
    answerBox.value = state.a[0] || "";
    gradeBox.value = state.g[0] || "";
    own.checked = state.own;
    sortBox.value = state.sort;
    var shown = 0;
    items.forEach(function (item) {
      var d = item.dataset;
      var visible = (!state.p.length || state.p.indexOf(d.unit) >= 0) &&
        (!state.a.length || state.a.indexOf(d.answer) >= 0) &&
        (!state.g.length || state.g.indexOf(d.grade) >= 0) && (!state.own || d.kind === "own");
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    items.slice().sort(function (x, y) {
      var a = key(x, state.sort), b = key(y, state.sort);
      return a < b ? -1 : a > b ? 1 : 0;
    }).forEach(function (item) { list.appendChild(item); });
    count.textContent = "显示 " + shown + " / " + items.length + " 个地区";
  }

  apply(current);
})();
