// City finder on the home page: match by Chinese name, full pinyin (the name's own spelling or another
// one readers type, "also") or initials, with or without the province first (四川成都, sichuanchengdu:
// "in" lists how the place's province is written). The data is embedded in the page at build time
// (script#city-index, generator/pages/finder.py); no request is made.
// Every prefecture-level place is in it: one without a page of its own ("via") links to the page
// that serves it, which names the place in a notice at the top.
(function () {
  var box = document.getElementById("city-finder");
  var data = document.getElementById("city-index");
  if (!box || !data) return;
  var cities = JSON.parse(data.textContent);
  var input = box.querySelector("input");
  var list = box.querySelector("ul");
  box.hidden = false;

  function spelt(city) { return [city.pinyin].concat(city.also || []); }

  function matches(city, q) {
    return city.name.indexOf(q) !== -1 || city.short.indexOf(q) !== -1 || city.initials.indexOf(q) === 0 ||
      spelt(city).some(function (p) { return p.indexOf(q) === 0; });
  }

  // 0: the name or its own spelling exactly; 1: another spelling exactly (shanxi: 山西, then 陕西); 2: the rest.
  function closeness(city, q) {
    if (city.short === q || city.name === q || city.pinyin === q) return 0;
    return (city.also || []).indexOf(q) !== -1 ? 1 : 2;
  }

  // What is left of the query once the place's province is taken off its start ("" when it does not start so).
  function rest(city, q) {
    var left = "";
    (city["in"] || []).forEach(function (p) {
      if (!left && q.length > p.length && q.indexOf(p) === 0) left = q.slice(p.length);
    });
    return left;
  }

  function render() {
    // Spaces, apostrophes (lu'an) and ü (lüliang, typed lv) as people type them.
    var q = input.value.trim().toLowerCase().replace(/[\s'’]+/g, "").replace(/ü/g, "v");
    list.innerHTML = "";
    if (!q) return;
    function within(c) { var r = rest(c, q); return r && matches(c, r) ? r : ""; }
    var found = cities.filter(function (c) { return matches(c, q) || within(c); });
    // Exact names and full pinyin first, pages of their own before the places they serve, then the
    // rest (stable order).
    function rank(c) { return 2 * closeness(c, matches(c, q) ? q : within(c)) + (c.via ? 1 : 0); }
    found = found.map(function (c, i) { return [rank(c), i, c]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (x) { return x[2]; }).slice(0, 8);
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "没有找到“" + input.value.trim() + "”。请输入地级市、地区、自治州或盟的名称。";
      list.appendChild(none);
      return;
    }
    found.forEach(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = c.url;
      a.textContent = c.name;
      li.appendChild(a);
      if (c.via) {
        var note = document.createElement("span");
        note.className = "city-via";
        note.textContent = "（尚未单独整理，看" + c.via + "的规定）";
        li.appendChild(note);
      }
      list.appendChild(li);
    });
  }

  input.addEventListener("input", render);
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var first = list.querySelector("a");
    if (first) { event.preventDefault(); window.location.href = first.href; }
  });
})();
