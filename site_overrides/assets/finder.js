// City finder on the home page: match by Chinese name, full pinyin or initials.
// The data is embedded in the page at build time (script#city-index); no request is made.
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
    var found = cities.filter(function (c) { return matches(c, q); }).slice(0, 8);
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "没有找到“" + input.value.trim() + "”。本站还没有收录这个地区。";
      list.appendChild(none);
      return;
    }
    found.forEach(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = c.url;
      a.textContent = c.name;
      li.appendChild(a);
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
