// Call timer: elapsed time against the topic's recommended call time, with a warning shortly
// before it ends (staff protection). The server records start/end itself; this only informs.
(function () {
  "use strict";
  var box = document.getElementById("call-timer");
  var topic = document.getElementById("id_topic");
  if (!box || !topic) return;
  var started = parseInt(box.dataset.started, 10) || Date.now();
  var warnAt = parseInt(box.dataset.warn, 10) || 120;
  var lastState = "";

  function minutes() {
    var opt = topic.options[topic.selectedIndex];
    return parseInt((opt && opt.dataset.minutes) || "20", 10);
  }
  function mmss(s) {
    var m = Math.floor(s / 60), r = s % 60;
    return m + "분 " + (r < 10 ? "0" : "") + r + "초";
  }
  function tick() {
    var elapsed = Math.max(0, Math.floor((Date.now() - started) / 1000));
    var limit = minutes() * 60, left = limit - elapsed;
    var state = left <= 0 ? "over" : left <= warnAt ? "warn" : "ok";
    var text = "통화 " + mmss(elapsed) + " / 권장 " + minutes() + "분";
    if (state === "warn") text += " — 권장 시간이 " + mmss(left) + " 남았습니다. 통화 마무리를 준비하십시오.";
    if (state === "over") text += " — 권장 통화 시간을 넘었습니다.";
    box.textContent = text;
    box.className = "call-timer call-timer--" + state;
    // Screen readers hear only state changes, not every second.
    box.setAttribute("aria-live", state !== lastState && state !== "ok" ? "assertive" : "off");
    lastState = state;
  }
  topic.addEventListener("change", tick);
  // A caller looked up is usually the caller being recorded: carry the number into the form.
  var lookup = document.getElementById("lookup-phone"), phone = document.getElementById("id_phone");
  if (lookup && phone) {
    lookup.form.addEventListener("submit", function () { if (!phone.value) phone.value = lookup.value; });
  }
  tick();
  setInterval(tick, 1000);
})();
