// A page reached for a place without a page of its own (?city=<adcode>, from the home-page finder):
// name the place at the top. The list it reads is in the page (#uncovered), which is also what a
// reader without JavaScript sees.
(function () {
  var box = document.getElementById("uncovered");
  if (!box) return;
  var code = new URLSearchParams(window.location.search).get(box.getAttribute("data-query"));
  if (!code || !/^[0-9]{6}$/.test(code)) return;
  var place = box.querySelector('[data-adcode="' + code + '"]');
  if (!place) return;
  var banner = box.querySelector(".uncovered-banner");
  banner.querySelector(".uncovered-name").textContent = place.textContent;
  var province = place.getAttribute("data-province");
  if (province) banner.querySelector(".uncovered-province").textContent = "，" + province + "也还没有整理";
  banner.hidden = false;
  place.classList.add("uncovered-here");
  var details = box.querySelector("details");
  if (details) details.open = false;
})();
