// Board map: one pin per public post; popups are built with textContent from masked titles
// (the server already masked them), so nothing in a title can run as HTML.
(function () {
  "use strict";
  var el = document.getElementById("board-map");
  var data = document.getElementById("board-pins");
  if (!el || !data || !window.L) { if (el) el.hidden = true; return; }
  var pins = JSON.parse(data.textContent);
  var center = el.dataset.center.split(",").map(Number);
  var map = L.map(el).setView(center, Number(el.dataset.zoom) || 14);
  L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
  var bounds = [];
  pins.forEach(function (p) {
    var box = document.createElement("div");
    var a = document.createElement("a");
    a.href = p.url; a.textContent = p.tag + " " + p.title;
    box.appendChild(a);
    if (p.status) { var s = document.createElement("div"); s.textContent = p.status; box.appendChild(s); }
    L.marker([p.lat, p.lng], { alt: p.title }).addTo(map).bindPopup(box);
    bounds.push([p.lat, p.lng]);
  });
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  else if (bounds.length === 1) map.setView(bounds[0], 16);
})();
