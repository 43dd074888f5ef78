/* 현장 보고 (field observation): the phone page and its offline outbox. No build step.
 *
 * Every report is first written to IndexedDB (with its photo blobs), then sent. What cannot be
 * sent (no network, server away) stays there and goes out on the `online` event, on the next page
 * load, or from the service worker's Background Sync, which loads this same file and uses the
 * `MinwonOutbox` part only. The server is idempotent on the report's UUID, so sending one report
 * twice (page and service worker at once) makes one 민원.
 */
(function (root) {
  "use strict";

  // --- outbox: works in the page and in the service worker ---------------------------------------
  var DB_NAME = "minwon-field";
  var STORE = "outbox";

  function openDb() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: "id" }); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function withStore(mode, fn) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var req = fn(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(req ? req.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  var Outbox = {
    put: function (item) { return withStore("readwrite", function (s) { return s.put(item); }); },
    remove: function (id) { return withStore("readwrite", function (s) { return s.delete(id); }); },
    all: function () {
      return withStore("readonly", function (s) { return s.getAll(); }).then(function (items) {
        return (items || []).sort(function (a, b) { return a.created < b.created ? -1 : 1; });
      });
    },

    /* One attempt. Resolves to {state: sent|invalid|login|later, data}. */
    send: function (item) {
      var fd = new FormData();
      fd.append("client_id", item.id);
      fd.append("category", item.category);
      fd.append("text", item.text);
      fd.append("observed_at", item.observed_at);
      if (item.lat != null) { fd.append("lat", item.lat); fd.append("lng", item.lng); }
      if (item.accuracy != null) { fd.append("accuracy", item.accuracy); }
      (item.photos || []).forEach(function (p) { fd.append("photos", p.blob, p.name); });
      return fetch(item.url, {
        method: "POST", body: fd, credentials: "same-origin", redirect: "manual",
        headers: { "X-CSRFToken": item.csrf, "Accept": "application/json" }
      }).then(function (resp) {
        if (resp.type === "opaqueredirect") { return { state: "login", data: {} }; } // session ended
        if (resp.status === 200 || resp.status === 201) {
          return resp.json().then(function (data) { return { state: "sent", data: data }; });
        }
        if (resp.status === 400) {
          return resp.json().then(function (data) { return { state: "invalid", data: data }; });
        }
        if (resp.status === 401 || resp.status === 403) { return { state: "login", data: {} }; }
        return { state: "later", data: {} };
      }, function () { return { state: "later", data: {} }; });
    },

    /* Send everything that may go; stop at the first network failure. */
    flush: function (csrf) {
      if (Outbox._busy) { return Outbox._busy; }
      var results = [];
      Outbox._busy = Outbox.all().then(function (items) {
        var chain = Promise.resolve(true);
        items.forEach(function (item) {
          chain = chain.then(function (go) {
            if (!go || item.error) { return go; }
            if (csrf) { item.csrf = csrf; }
            return Outbox.send(item).then(function (r) {
              results.push({ item: item, result: r });
              if (r.state === "sent") { return Outbox.remove(item.id).then(function () { return true; }); }
              if (r.state === "invalid") {
                item.error = errorText(r.data);
                return Outbox.put(item).then(function () { return true; });
              }
              return false;
            });
          });
        });
        return chain;
      }).then(function () { return results; }, function () { return results; });
      return Outbox._busy.then(function (r) { Outbox._busy = null; return r; });
    },
    _busy: null
  };

  function errorText(data) {
    var errors = (data && data.errors) || {};
    return Object.keys(errors).map(function (k) { return errors[k]; }).join(" ") || "보낼 수 없는 보고입니다.";
  }

  root.MinwonOutbox = Outbox;
  if (typeof document === "undefined") { return; } // the service worker needs only the outbox

  // --- the page ------------------------------------------------------------------------------------
  var form = document.getElementById("field-form");
  if (!form) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var maxPhotos = parseInt(form.dataset.maxPhotos, 10) || 5;
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var photos = [];
  var resultEl = $("field-result");

  function say(text, kind) {
    resultEl.textContent = text;
    resultEl.className = "alert" + (kind ? " alert--" + kind : "");
    resultEl.hidden = !text;
  }

  function newId() {
    if (root.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // Photos: from the camera or the album, kept here so both buttons add up (at most maxPhotos).
  function addPhotos(input) {
    Array.prototype.forEach.call(input.files, function (file) {
      if (photos.length < maxPhotos) { photos.push(file); }
    });
    input.value = "";
    if (photos.length >= maxPhotos) { say("사진은 " + maxPhotos + "장까지 보낼 수 있습니다.", "warning"); }
    drawPreviews();
  }

  function drawPreviews() {
    var list = $("field-previews");
    list.textContent = "";
    photos.forEach(function (file, i) {
      var li = document.createElement("li");
      var img = document.createElement("img");
      img.src = URL.createObjectURL(file);
      img.alt = "사진 " + (i + 1);
      var del = document.createElement("button");
      del.type = "button";
      del.className = "button--secondary";
      del.textContent = "빼기";
      del.setAttribute("aria-label", "사진 " + (i + 1) + " 빼기");
      del.addEventListener("click", function () { photos.splice(i, 1); drawPreviews(); });
      li.appendChild(img);
      li.appendChild(del);
      list.appendChild(li);
    });
  }

  ["photos-camera", "photos-album"].forEach(function (id) {
    $(id).addEventListener("change", function (ev) { addPhotos(ev.target); });
  });

  // Location: the phone's GPS; without it the server falls back to the photo's own position.
  var statusEl = $("field-location-status");
  function locate() {
    form.lat.value = form.lng.value = form.accuracy.value = "";
    if (!navigator.geolocation) {
      statusEl.textContent = "이 기기는 위치를 알려 주지 않습니다. 사진의 위치 정보를 씁니다.";
      return;
    }
    statusEl.textContent = "위치를 찾는 중입니다…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.lat.value = pos.coords.latitude.toFixed(7);
      form.lng.value = pos.coords.longitude.toFixed(7);
      form.accuracy.value = Math.round(pos.coords.accuracy || 0);
      statusEl.textContent = "현재 위치를 함께 보냅니다 (오차 약 " + Math.round(pos.coords.accuracy || 0) + "m).";
    }, function () {
      statusEl.textContent = "휴대전화 위치를 찾지 못했습니다. 사진에 위치 정보가 있으면 그것을 씁니다.";
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }
  $("field-locate").addEventListener("click", locate);

  // The queue ("전송 대기 N건") and anything the server refused.
  function drawQueue() {
    return Outbox.all().then(function (items) {
      var waiting = items.filter(function (i) { return !i.error; }).length;
      $("field-queue").hidden = items.length === 0;
      $("field-queue-count").textContent = "전송 대기 " + waiting + "건" +
        (items.length > waiting ? " · 보내지 못한 보고 " + (items.length - waiting) + "건" : "");
      var list = $("field-queue-items");
      list.textContent = "";
      list.hidden = items.length === 0;
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = item.text + (item.error ? " — " + item.error : " — 연결되면 자동으로 보냅니다.");
        if (item.error) {
          var del = document.createElement("button");
          del.type = "button";
          del.className = "link-button";
          del.textContent = "지우기";
          del.addEventListener("click", function () { Outbox.remove(item.id).then(drawQueue); });
          li.appendChild(document.createTextNode(" "));
          li.appendChild(del);
        }
        list.appendChild(li);
      });
    });
  }

  function flush() {
    return Outbox.flush(csrf).then(function (results) {
      var sent = results.filter(function (r) { return r.result.state === "sent"; });
      if (sent.length === 1) { say(sent[0].result.data.message, "success"); }
      if (sent.length > 1) { say("대기 중이던 보고 " + sent.length + "건을 보냈습니다.", "success"); }
      if (results.some(function (r) { return r.result.state === "login"; })) {
        say("로그인이 끝나 보내지 못했습니다. 다시 로그인하면 이어서 보냅니다.", "warning");
      }
      return drawQueue().then(function () { return results; });
    });
  }
  $("field-queue-send").addEventListener("click", flush);

  function showErrors(data) {
    var errors = (data && data.errors) || {};
    say(Object.keys(errors).map(function (k) { return errors[k]; }).join(" "), "error");
    resultEl.focus && resultEl.setAttribute("tabindex", "-1");
    resultEl.focus();
  }

  function reset() {
    form.text.value = "";
    form.client_id.value = newId();
    var checked = form.querySelector("[name=category]:checked");
    if (checked) { checked.checked = false; }
    photos = [];
    drawPreviews();
    locate();
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var category = form.querySelector("[name=category]:checked");
    var text = form.text.value.trim();
    if (!category || !text) {
      showErrors({ errors: { x: !category ? "분류를 하나 골라 주십시오." : "무엇을 보았는지 한 줄로 적어 주십시오." } });
      return;
    }
    var item = {
      id: form.client_id.value, url: form.dataset.submitUrl, csrf: csrf,
      category: category.value, text: text,
      lat: form.lat.value || null, lng: form.lng.value || null, accuracy: form.accuracy.value || null,
      observed_at: new Date().toISOString(), created: new Date().toISOString(),
      photos: photos.map(function (f) { return { blob: f, name: f.name || "photo.jpg" }; })
    };
    var button = form.querySelector("[type=submit]");
    button.disabled = true;
    // Stored before the first attempt: closing the page or losing the network loses nothing.
    Outbox.put(item).then(function () {
      return navigator.onLine === false ? { state: "later" } : Outbox.send(item);
    }).then(function (r) {
      if (r.state === "sent") {
        return Outbox.remove(item.id).then(function () { reset(); say(r.data.message, "success"); });
      }
      if (r.state === "invalid") {
        return Outbox.remove(item.id).then(function () { showErrors(r.data); });
      }
      reset();
      requestSync();
      say(r.state === "login" ? "로그인이 끝나 보내지 못했습니다. 휴대전화에 저장했으니 다시 로그인하면 보냅니다."
        : "연결이 없어 휴대전화에 저장했습니다. 연결되면 자동으로 보냅니다.", "warning");
    }).then(drawQueue, function () {
      say("휴대전화에 저장하지 못했습니다. 저장 공간을 확인해 주십시오.", "error");
    }).then(function () { button.disabled = false; });
  });

  function requestSync() {
    if (!("serviceWorker" in navigator)) { return; }
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.sync) { return reg.sync.register("field-outbox"); }
    }).catch(function () { /* Background Sync is a bonus; `online` and the next load also send */ });
  }

  form.client_id.value = newId(); // a fresh UUID per page view, even from a cached page
  root.addEventListener("online", flush);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(form.dataset.sw, { scope: form.dataset.scope }).catch(function () {});
    navigator.serviceWorker.addEventListener("message", function (ev) {
      if (ev.data === "field-outbox-changed") { drawQueue(); }
    });
  }
  locate();
  drawQueue().then(function () { if (navigator.onLine !== false) { flush(); } });
})(self);
