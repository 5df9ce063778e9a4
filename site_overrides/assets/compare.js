// Filters and sorting for the comparison table (compare/index.md). The table is complete
// without this script; it only hides rows/columns and reorders rows. No framework, no network.
(function () {
  "use strict";
  var controls = document.getElementById("compare-controls");
  var table = controls && document.querySelector(".md-typeset table");
  if (!table || !table.tHead || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var missingSort = controls.dataset.missingSort;   // the vocabulary's "未整理" key, from the page

  function info(row) { return row.cells[0].querySelector(".cmp-j"); }

  function select(label, options, onchange) {
    var wrap = document.createElement("label");
    var box = document.createElement("select");
    wrap.appendChild(document.createTextNode(label));
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = o[0];
      option.textContent = o[1];
      box.appendChild(option);
    });
    box.addEventListener("change", onchange);
    wrap.appendChild(box);
    controls.appendChild(wrap);
    return box;
  }

  var groups = [["", "全部地区"]], seen = {};
  rows.forEach(function (row) {
    var j = info(row);
    if (j && !seen[j.dataset.group]) {
      seen[j.dataset.group] = true;
      groups.push([j.dataset.group, j.dataset.groupName]);
    }
  });
  var situations = [["", "全部情形"]];
  headers.slice(1).forEach(function (th, i) { situations.push([String(i + 1), th.textContent.trim()]); });

  var province = select("地区：", groups, filter);
  var situation = select("情形：", situations, filter);
  var count = document.createElement("span");
  count.className = "compare-count";
  count.setAttribute("aria-live", "polite");
  controls.appendChild(count);

  function filter() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = !province.value || info(row).dataset.group === province.value;
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      for (var i = 1; i < row.cells.length; i++) {
        row.cells[i].hidden = situation.value !== "" && String(i) !== situation.value;
      }
    });
    count.textContent = "显示 " + shown + " / " + rows.length + " 个地区";
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

  filter();
})();
