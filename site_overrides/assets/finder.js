// City finder on the home page: match by Chinese name, full pinyin or initials.
// The data is embedded in the page at build time (script#city-index); no request is made.
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

  function matches(city, q) {
    return city.name.indexOf(q) !== -1 || city.short.indexOf(q) !== -1 ||
      city.pinyin.indexOf(q) === 0 || city.initials.indexOf(q) === 0;
  }

  function render() {
    var q = input.value.trim().toLowerCase().replace(/\s+/g, "");
    list.innerHTML = "";
    if (!q) return;
    var found = cities.filter(function (c) { return matches(c, q); });
    // Exact names and full pinyin first, then pages of their own, then the rest (stable order).
    function rank(c) { return (c.short === q || c.name === q || c.pinyin === q ? 0 : 2) + (c.via ? 1 : 0); }
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
