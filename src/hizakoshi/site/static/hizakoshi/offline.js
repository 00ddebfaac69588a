// Installable and offline, on every page: registers the service worker (/sw.js, site/pwa.py),
// says plainly when there is no connection, keeps a diary saved without one on this phone (as
// session.js keeps a session: localStorage, under a client-made id) and sends what is kept
// when the connection is back, from the pages of the person who kept it and no one else's.
(() => {
  "use strict";
  const PREFIX = "hizakoshi.pending.";
  const SKIP = ["csrfmiddlewaretoken", "seen", "client_id"]; // never put back into a form
  const $ = (s, el = document) => el.querySelector(s);
  const notes = $("[data-offline-notes]");
  const D = notes ? notes.dataset : {};
  const who = $("meta[name=hizakoshi-person]")?.content || "";
  const keepMs = (+D.keepDays || 7) * 864e5;
  const neutral = !!$("[data-offline-page]"); // the offline page names no one
  const mine = (e) => !e.who || e.who === who || neutral;
  function note(name, on, href) { // shows or hides one note; its link is made when shown
    const el = notes && $(`[data-note=${name}]`, notes);
    if (!el) return;
    el.hidden = !on;
    if (!on || !el.dataset.link) return;
    const a = $("a", el) || el.appendChild(Object.assign(document.createElement("a"), { textContent: el.dataset.link }));
    a.href = href || el.dataset.href;
  }
  const token = () => $("[name=csrfmiddlewaretoken]")?.value || "";
  const pad = (n) => String(n).padStart(2, "0");
  const localDay = (d = new Date()) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const uuid = () => crypto.randomUUID?.() ?? // only in secure contexts; v4 by hand otherwise
    "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));

  // The queue: one localStorage item per kept post {id, url, fields, at, who, kind?, day?}.
  const put = (e) => { try { localStorage.setItem(PREFIX + e.id, JSON.stringify(e)); } catch {} };
  const drop = (id) => { try { localStorage.removeItem(PREFIX + id); } catch {} };
  function kept() {
    const out = [];
    try {
      for (const k of Object.keys(localStorage)) {
        if (!k.startsWith(PREFIX)) continue;
        try { const e = JSON.parse(localStorage.getItem(k)); if (e?.id && e.url && e.fields) out.push(e); } catch {}
      }
    } catch {} // no storage (blocked): nothing was kept
    return out;
  }

  async function send(e) {
    let r;
    try {
      // A kept post can outlive its page's CSRF token (logging in rotates it): send today's.
      const body = new URLSearchParams(e.fields.map(([k, v]) => [k, (k === SKIP[0] && token()) || v]));
      r = await fetch(e.url, { method: "POST", body, credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token() } });
    } catch { return "offline"; }
    // Logged out meanwhile: the login page answered. Kept, and sent after logging in.
    if (r.redirected && new URL(r.url).pathname === D.login) return "login";
    if (r.ok && !r.redirected) {
      drop(e.id);
      return (await r.json().catch(() => ({}))).urgent ? "urgent" : "sent";
    }
    // Refused as it stands (a field, a day no longer open, changed elsewhere): the person looks.
    if (e.kind === "diary" && [400, 404, 409].includes(r.status)) {
      put({ ...e, review: r.status });
      return "review";
    }
    return "retry"; // a server error, an old CSRF token: tried again later
  }
  let flushing = null, wait = 2000;
  const flush = () => (flushing ||= run().finally(() => { flushing = null; }));
  async function run() {
    const got = {};
    for (const e of kept()) {
      if (Date.now() - e.at > keepMs) { drop(e.id); continue; } // the phone keeps little
      if (!mine(e) || neutral || e.review || !navigator.onLine) continue;
      const o = await send(e);
      got[o] = true;
      if (o === "login" || o === "offline") break;
    }
    show(got);
    // "Online" can come before the connection really works: try again, less and less often.
    if ((got.offline || got.retry) && navigator.onLine) setTimeout(flush, (wait = Math.min(wait * 2, 6e4)));
    else wait = 2000;
  }
  function show(got = {}) {
    const left = kept().filter(mine), review = left.find((e) => e.review);
    const waiting = left.some((e) => !e.review);
    const login = waiting && !neutral && (!who || got.login);
    note("offline", !navigator.onLine && !neutral); // the offline page says it itself
    note("login", login || (!who && !neutral && kept().length > 0));
    note("pending", waiting && !login);
    if (!left.some((e) => e.kind === "diary" && !e.review)) {
      const k = $("[data-diary-kept]");
      if (k) k.hidden = true;
    }
    note("sent", (got.sent || got.urgent) && !waiting);
    note("urgent", got.urgent);
    note("review", !!review && !!who, review?.url);
  }

  // Where the server received a diary sent by the form itself, it names it: forgotten here.
  // Any other kept post whose page never came back is sent by the queue instead.
  const received = $("[data-diary-received]")?.dataset.diaryReceived;
  for (const e of kept()) {
    if (e.id === received) drop(e.id);
    else if (e.inflight) put({ ...e, inflight: false });
  }

  const form = $("form[data-diary]");
  if (form) diary(form);
  function diary(form) {
    // "Today's check-in" opened from the phone's copy on a later day is for the day it is now.
    const day = () => (form.dataset.today !== undefined ? localDay() : form.dataset.day);
    const mark = (sel, on) => { const el = $(sel); if (el) el.hidden = !on; };
    const signs = () => [...form.querySelectorAll("[name=red_flag_signs]:checked, [name^=event_]:checked")].length > 0;
    const mineToday = (e) => mine(e) && e.kind === "diary" && e.day === day();
    const found = kept().find(mineToday);
    if (found) { // what the phone still keeps for this day, back in the form
      fill(found.fields);
      mark("[data-diary-review]", !!found.review);
      mark("[data-diary-kept]", !found.review);
    }
    form.addEventListener("submit", (ev) => {
      const d = day(), url = new URL(form.action);
      if (!/\d{4}-\d\d-\d\d\/$/.test(url.pathname)) url.searchParams.set("day", d);
      let id = form.elements.client_id;
      if (!id) form.append(id = Object.assign(document.createElement("input"), { type: "hidden", name: "client_id" }));
      id.value = uuid();
      // The version seen belongs to the page's day: for another day the phone has seen nothing.
      const fields = [...new FormData(form)].filter(([, v]) => typeof v === "string")
        .map(([k, v]) => [k, k === "seen" && d !== form.dataset.day ? "" : v]);
      for (const e of kept().filter(mineToday)) drop(e.id); // the newest answers for a day win
      const e = { id: id.value, url: url.pathname + url.search, fields, at: Date.now(), who,
        kind: "diary", day: d };
      if (navigator.onLine) return put({ ...e, inflight: true }); // the form goes as usual
      ev.preventDefault();
      put(e);
      mark("[data-diary-review]", false);
      mark("[data-diary-kept]", true);
      mark("[data-diary-kept-sign]", signs());
      show();
    });
    function fill(fields) {
      for (const el of form.elements) {
        if (!el.name || SKIP.includes(el.name) || el.type === "submit") continue;
        const values = fields.filter(([k]) => k === el.name).map(([, v]) => v);
        if (el.type === "checkbox" || el.type === "radio") el.checked = values.includes(el.value);
        else el.value = values[0] ?? "";
        el.dispatchEvent(new Event("change", { bubbles: true })); // steps.js shows follow-ups
      }
    }
  }

  window.HizakoshiOffline = { flush, kept, localDay };
  addEventListener("online", () => { show(); flush(); });
  addEventListener("offline", () => show());
  show();
  if (navigator.onLine) flush();
  if (!("serviceWorker" in navigator) || !D.sw) return;
  navigator.serviceWorker.register(D.sw, { scope: "/" }).catch(() => {});
  // Tell the worker who is logged in, so that it keeps their pages and drops anyone else's.
  // Not from the offline page, which names no one, nor from a copy shown without a connection.
  if (navigator.onLine && !$("[data-offline-page]")) {
    navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage({ person: who }));
  }
})();
