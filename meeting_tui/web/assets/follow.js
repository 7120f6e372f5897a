// The follow page: new states swapped in as they come, clocks ticked from their figures.
// The HTML of every region is made by the server (meeting_tui/web/page.py), escaped
// there; this script writes text only through textContent.
(() => {
  "use strict";
  const body = document.body;
  const live = body.dataset.mode === "live";
  const shown = {};  // region -> the HTML it shows
  let at = Date.parse(body.dataset.at);
  let version = Number(body.dataset.version);
  let offset = 0;  // the server's clock less ours, in ms
  let currentKey = null;
  let etag = null;
  let lastAt = body.dataset.at;

  const pad = (n) => String(n).padStart(2, "0");
  function duration(seconds) {  // core/clock.py format_duration
    const total = Math.max(0, Math.floor(seconds));
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  }
  function minutes(seconds) {  // core/clock.py format_minutes
    const m = Math.floor(seconds / 60);
    if (m >= 60) return `${Math.floor(m / 60)}h${pad(m % 60)}`;
    return m ? `${m}m` : `${Math.floor(seconds)}s`;
  }
  function clockLine(spent, plan) {  // core/follow_state.py clock_line
    if (plan === null) return duration(spent) + " · no plan";
    const left = plan * 60 - spent;
    const tail = left < 0 ? `${duration(-left)} over` : `${duration(left)} left`;
    return `${duration(spent)} of ${plan} min · ${tail}`;
  }
  function level(spent, plan) {  // core/follow_state.py level
    if (plan === null) return "unplanned";
    if (spent > plan * 60) return "over";
    return spent >= 0.8 * plan * 60 ? "near" : "ok";
  }
  function limitText(limit) {  // core/floor.py limit_text
    const m = Math.floor(limit / 60), s = limit % 60;
    return s ? `${m}:${pad(s)}` : `${m} min`;
  }
  function countdown(elapsed, limit) {  // core/follow_state.py countdown_clock
    if (limit === null) return duration(elapsed);
    const left = limit - elapsed;
    return left < 0 ? `+${duration(-left)}` : duration(left);
  }
  function speechLine(elapsed, limit) {  // core/follow_state.py speech_line
    if (limit === null) return duration(elapsed);
    const left = limit - elapsed;
    const tail = left < 0 ? `${duration(-left)} over` : `${duration(left)} left`;
    return `${duration(elapsed)} of ${limitText(limit)} · ${tail}`;
  }
  function speechLevel(elapsed, limit) {  // core/floor.py level
    if (limit === null) return "unplanned";
    if (elapsed > limit) return "over";
    return elapsed >= 0.8 * limit ? "warn" : "ok";
  }
  function setCountdownLevel(node, name) {
    for (const l of ["unplanned", "ok", "warn", "over"]) {
      node.classList.toggle(`countdown--${l}`, l === name);
    }
  }
  function hhmm(ms) {
    const d = new Date(ms), today = new Date(Date.now() + offset);
    const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    if (d.toDateString() === today.toDateString()) return time;
    return d.toLocaleDateString(undefined, {weekday: "short"}) + " " + time;
  }
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
  function setLevel(node, name) {
    for (const l of ["unplanned", "ok", "near", "over"]) {
      node.classList.toggle(`clock--${l}`, l === name);
    }
  }

  function tick() {
    const now = Date.now() + offset;
    const elapsed = Math.max(0, (now - at) / 1000);
    for (const node of document.querySelectorAll("[data-tick]")) {
      const d = node.dataset;
      const running = d.running === "true";
      const plan = d.plan === undefined || d.plan === "" ? null : Number(d.plan);
      const spent = Number(d.spent) + (running ? elapsed : 0);
      if (d.tick === "wall") setText(node, hhmm(now));
      else if (d.tick === "clock") { setText(node, duration(spent)); setLevel(node, level(spent, plan)); }
      else if (d.tick === "line") { setText(node, clockLine(spent, plan)); setLevel(node, level(spent, plan)); }
      else if (d.tick === "minutes") setText(node, minutes(spent));
      else if (d.tick === "countdown" || d.tick === "speech") {
        const limit = d.limit === "" ? null : Number(d.limit);
        const spoken = Number(d.elapsed) + (running ? elapsed : 0);
        setText(node, d.tick === "countdown" ? countdown(spoken, limit)
                                             : speechLine(spoken, limit));
        setCountdownLevel(node, speechLevel(spoken, limit));
      }
      else if (d.tick === "over") {
        const section = Number(d.section) + (running ? elapsed : 0);
        node.hidden = !(plan !== null && section > plan * 60);
      }
      else if (d.tick === "estimate") {
        const remaining = Number(d.remaining), left = Number(d.currentLeft);
        const end = running ? at + 1000 * (elapsed + remaining - Math.min(elapsed, left))
                            : now + 1000 * remaining;
        setText(node, hhmm(end));
      }
    }
  }

  function apply(data) {
    if (typeof data !== "object" || data === null || !data.regions || !data.state) return;
    for (const [name, html] of Object.entries(data.regions)) {
      const node = document.getElementById(name);
      if (node && shown[name] !== html) { node.innerHTML = html; shown[name] = html; }
    }
    lastAt = data.state.at;
    at = Date.parse(lastAt);
    version = data.version;
    body.dataset.version = String(version);
    document.title = `${data.state.title} · follow`;
    const current = data.state.current;
    const key = current ? current.key : null;
    if (key !== currentKey) {
      if (currentKey !== null || key !== null) {
        setText(document.getElementById("announce"), current
          ? `Now: ${current.number} ${current.title}`.replace("  ", " ")
          : "No item under discussion.");
      }
      currentKey = key;
    }
    tick();
  }

  function listen() {
    const source = new EventSource("events");
    source.addEventListener("hello", (event) => {
      const server = Date.parse(JSON.parse(event.data).now);
      if (!Number.isNaN(server)) offset = server - Date.now();
    });
    source.addEventListener("message", (event) => {
      try { apply(JSON.parse(event.data)); } catch (e) { /* a broken message: wait */ }
    });
    // EventSource reconnects by itself when the server goes and comes back.
  }

  async function poll() {
    try {
      const headers = etag ? {"If-None-Match": etag} : {};
      const response = await fetch("state.json", {cache: "no-store", headers});
      const date = Date.parse(response.headers.get("Date") || "");
      if (!Number.isNaN(date)) offset = date + 500 - Date.now();  // Date is to the second
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        const data = await response.json();
        if (data.state && data.state.at !== lastAt) apply(data);
      }
    } catch (e) { /* offline for a moment: the next poll tries again */ }
    setTimeout(poll, 1000);
  }

  for (const name of ["top", "now", "decisions", "agenda", "status"]) {
    const node = document.getElementById(name);
    if (node) shown[name] = node.innerHTML;
  }
  currentKey = body.dataset.current || null;
  tick();
  setInterval(tick, 250);
  if (live) listen(); else setTimeout(poll, 1000);
})();
