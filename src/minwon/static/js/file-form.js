// Filing form: a Leaflet map that writes the pin into the hidden lat/lng inputs, "use my location",
// and a nudge to the similar-민원 box. Everything here is optional: the form works without it.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var lat = document.getElementById("id_lat");
  var lng = document.getElementById("id_lng");
  var status = document.getElementById("map-status");
  var title = document.getElementById("id_title");
  if (!el || !lat || !lng) return;

  function say(text) { status.textContent = text; }
  function placeChanged() {
    if (window.htmx && title) window.htmx.trigger(title, "minwon-place");
  }
  if (!window.L) {
    document.getElementById("map-block").hidden = true;  // Leaflet failed to load: address only
    return;
  }

  var center = el.dataset.center.split(",").map(Number);
  var map = L.map(el, { keyboard: true }).setView(center, Number(el.dataset.zoom) || 15);
  var tiles = L.tileLayer(el.dataset.tiles, {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap",
  }).addTo(map);
  var warned = false;
  tiles.on("tileerror", function () {
    // Offline or blocked tiles: the map stays clickable over a blank background.
    if (!warned) { warned = true; if (!lat.value) say(status.dataset.tilesFailed); }
  });

  var marker = null;
  function setPin(latlng, pan) {
    var la = Math.round(latlng.lat * 1e6) / 1e6, ln = Math.round(latlng.lng * 1e6) / 1e6;
    lat.value = la; lng.value = ln;
    if (marker) marker.setLatLng(latlng);
    else marker = L.marker(latlng, { alt: el.dataset.labelPin, keyboard: false }).addTo(map);
    if (pan) map.setView(latlng, Math.max(map.getZoom(), 17));
    say(status.dataset.chosen + ": " + la + ", " + ln);
    placeChanged();
  }
  if (lat.value && lng.value) setPin(L.latLng(Number(lat.value), Number(lng.value)), true);

  map.on("click", function (e) { setPin(e.latlng, false); });
  document.getElementById("pin-center").addEventListener("click", function () { setPin(map.getCenter(), false); });
  document.getElementById("pin-clear").addEventListener("click", function () {
    if (marker) { map.removeLayer(marker); marker = null; }
    lat.value = ""; lng.value = "";
    say(status.dataset.none);
    placeChanged();
  });

  var geo = document.getElementById("use-location");
  if (!("geolocation" in navigator)) { geo.hidden = true; return; }
  geo.addEventListener("click", function () {
    say(status.dataset.geoWait);
    navigator.geolocation.getCurrentPosition(
      function (pos) { setPin(L.latLng(pos.coords.latitude, pos.coords.longitude), true); },
      function () { say(status.dataset.geoFailed); },
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
    );
  });
})();
