// A place page. (1) Folded parts (依据和说明, 本页说明, 网传说法 …: <details>) open when a link or the address
// points into them, and all open for printing, so a footnote always lands on its quote and paper shows
// everything. (2) A page reached for a place without a page of its own (?city=<adcode>, from the home-page
// finder) names that place at the top; the list it reads is in the page (#uncovered), which is also what a
// reader without JavaScript sees. No text is written here.
(function () {
  function reveal(id) {
    var target = id && document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target && target.tagName === "DETAILS") target.scrollIntoView();
  }
  function fromHash() { reveal(decodeURIComponent(window.location.hash.slice(1))); }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) reveal(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { closed.forEach(function (d) { d.open = false; }); });
  fromHash();
})();

// A page reached for a place without a page of its own (?city=<adcode>, from the home-page finder):
// name the place at the top (#uncovered-banner). The list it reads is in the page below the answer cards
// (#uncovered), which is also what a reader without JavaScript lands on.
(function () {
  var banner = document.getElementById("uncovered-banner");
  var list = document.getElementById("uncovered");
  if (!banner || !list) return;
  var code = new URLSearchParams(window.location.search).get(banner.getAttribute("data-query"));
  if (!code || !/^[0-9]{6}$/.test(code)) return;
  var place = list.querySelector('[data-adcode="' + code + '"]');
  if (!place) return;
  banner.querySelector(".uncovered-name").textContent = place.textContent;
  var province = place.getAttribute("data-province");
  if (province) banner.querySelector(".uncovered-province").textContent = "，" + province + "也还没有整理";
  banner.hidden = false;
  place.classList.add("uncovered-here");
  list.open = false;
  window.scrollTo(0, 0);
})();
