// Filters the category list as the citizen types (the search button does the same without JS).
(function () {
  var input = document.querySelector("[data-category-filter]");
  if (!input) return;
  var none = document.getElementById("category-none");
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase(), shown = 0;
    document.querySelectorAll("[data-group]").forEach(function (group) {
      var visible = 0;
      group.querySelectorAll("[data-category-item]").forEach(function (item) {
        var hit = !q || item.dataset.search.toLowerCase().indexOf(q) !== -1;
        item.hidden = !hit; if (hit) visible++;
      });
      group.hidden = visible === 0; shown += visible;
    });
    none.hidden = shown !== 0;
  });
})();
