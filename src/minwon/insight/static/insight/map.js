// Insight map: hexagons coloured by how many 민원 they hold (counted on the server). Optional:
// the table under the map carries the same figures and links.
(function () {
  "use strict";
  var el = document.getElementById("insight-map");
  if (!el || !window.L) { if (el) el.hidden = true; return; }
  var center = el.dataset.center.split(",").map(Number);
  var map = L.map(el, { keyboard: true }).setView(center, Math.min(Number(el.dataset.zoom) || 13, 13));
  L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
  var colours = ["#fee8c8", "#fdbb84", "#e34a33", "#7f0000"];
  fetch(el.dataset.src, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
    var top = data.cells.reduce(function (m, c) { return Math.max(m, c.n); }, 1);
    var bounds = [];
    data.cells.forEach(function (c) {
      var level = Math.min(colours.length - 1, Math.floor((c.n / top) * colours.length));
      var poly = L.polygon(c.boundary, { color: "#555", weight: 1, fillColor: colours[level], fillOpacity: 0.65 });
      poly.bindTooltip(c.n + "건");
      poly.on("click", function () { window.location.href = c.href; });
      poly.addTo(map);
      bounds.push([c.lat, c.lng]);
    });
    if (bounds.length) map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
  });
})();
