/* Service worker of the field report page (scope {{ scope }}), version {{ version }}.
   Pages: network first, the cached copy when offline. Static files: cache first.
   Background Sync sends the outbox that field.js keeps in IndexedDB. */
"use strict";
importScripts("{{ outbox_js }}");
var CACHE = "minwon-field-{{ version }}";
var PRECACHE = {{ precache|safe }};
// Only these pages are kept for offline use: never CSV exports or other people's figures.
var OFFLINE_PAGES = {{ offline_pages|safe }};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(PRECACHE); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("minwon-field-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) { return; }
  if (req.mode === "navigate") {
    event.respondWith(fetch(req).then(function (resp) {
      if (resp.ok && !resp.redirected && OFFLINE_PAGES.indexOf(new URL(req.url).pathname) !== -1) {
        var copy = resp.clone();
        caches.open(CACHE).then(function (cache) { cache.put(req, copy); });
      }
      return resp;
    }).catch(function () {
      return caches.match(req, { ignoreSearch: true }).then(function (hit) {
        return hit || caches.match("{{ scope }}");
      });
    }));
    return;
  }
  event.respondWith(caches.match(req).then(function (hit) { return hit || fetch(req); }));
});

self.addEventListener("sync", function (event) {
  if (event.tag !== "field-outbox") { return; }
  event.waitUntil(self.MinwonOutbox.flush().then(function () {
    return self.clients.matchAll();
  }).then(function (clients) {
    clients.forEach(function (c) { c.postMessage("field-outbox-changed"); });
  }));
});
