// Guided session, enhancing a plain form (without JavaScript the person types the reps done):
// hold countdown, rep/set counter, optional Japanese voice count, "this hurts — skip", and a
// finished session that is never lost: kept in localStorage under a client-made id until the
// server answers 2xx (it treats client_id as idempotent). Logic: pure functions, testable.
(() => {
  "use strict";
  const PREFIX = "hizakoshi.pending.";
  // Timer: {phase: idle|running|paused|done, left: ms, ends: ms epoch while running}
  const timer = (sec) => ({ phase: "idle", left: sec * 1000, ends: 0 });
  const start = (t, now) => ({ phase: "running", left: t.left, ends: now + t.left });
  const pause = (t, now) => ({ phase: "paused", left: Math.max(0, t.ends - now), ends: 0 });
  const tick = (t, now) => {
    if (t.phase !== "running") return t;
    const left = Math.max(0, t.ends - now);
    return left ? { ...t, left } : { phase: "done", left: 0, ends: 0 };
  };
  const secondsLeft = (t) => Math.ceil(t.left / 1000);
  // Screen readers hear the time every 5 s; every second would drown everything else.
  const announceAt = (prev, sec) => sec !== prev && sec > 0 && sec % 5 === 0;
  const counter = (reps, sets) => ({ rep: 0, set: 0, reps, sets });
  const finished = (c) => c.set >= c.sets;
  const total = (c) => c.set * c.reps + c.rep;
  const addRep = (c) => {
    if (finished(c)) return c;
    const full = c.rep + 1 >= c.reps;
    return { ...c, rep: full ? 0 : c.rep + 1, set: c.set + (full ? 1 : 0) };
  };
  const uuid = () => crypto.randomUUID?.() ?? // only in secure contexts; v4 by hand otherwise
    "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
  const entry = (url, fields, id, now) => ({ id, url, fields, at: now });
  // A queued entry can outlive its page's CSRF token (logging in rotates it): send today's.
  const body = (fields, token) => new URLSearchParams(fields.map(([k, v]) =>
    [k, token && k === "csrfmiddlewaretoken" ? token : v]));
  // A 2xx after a redirect (to the login page, say) did not store anything: keep and retry.
  const outcome = (status, redirected) => status >= 200 && status < 300 && !redirected ? "sent"
    : status === 400 || status === 422 ? "invalid" : "retry";
  const forget = (id) => { try { localStorage.removeItem(PREFIX + id); } catch {} };
  const pendingKeys = (store) => Object.keys(store).filter((k) => k.startsWith(PREFIX));

  const csrf = () => {
    const el = document.querySelector("[name=csrfmiddlewaretoken], meta[name=csrf-token]");
    return el ? el.value || el.content : "";
  };
  async function send(e) {
    let r;
    try {
      r = await fetch(e.url, { method: "POST", body: body(e.fields, csrf()),
        credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrf() } });
    } catch { return { outcome: "retry" }; }
    const o = outcome(r.status, r.redirected);
    if (o === "sent") forget(e.id);
    const j = await r.json().catch(() => ({}));
    return { outcome: o, next: j?.next };
  }
  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (const k of pendingKeys(localStorage)) {
        let e = null;
        try { e = JSON.parse(localStorage.getItem(k)); } catch { continue; }
        if (e?.id && e.url && e.fields) await send(e);
      }
    } catch {} finally { flushing = false; } // no storage (blocked): nothing was kept
  }

  const S = window.HizakoshiSession = { PREFIX, timer, start, pause, tick, secondsLeft,
    announceAt, counter, addRep, total, finished, uuid, entry, body, outcome, pendingKeys,
    send, flush };
  addEventListener("online", flush);
  flush();
  const form = document.querySelector("form[data-session]");
  if (form) S.page = enhance(form);

  function enhance(form) {
    // Texts come from the page, in its language: {{ labels|json_script:"session-labels" }}.
    const L = JSON.parse(document.getElementById("session-labels")?.textContent || "{}");
    const fill = (s, v = {}) => (L[s] || s).replace(/\{(\w)\}/g, (_, k) => v[k]);
    const make = (tag, cls, text) => Object.assign(document.createElement(tag),
      cls ? { className: cls } : {}, text ? { textContent: text } : {});
    const end = form.querySelector("[data-session-end]");
    const live = make("p", "visually-hidden");
    let voice = null, loop = 0, lock = null, cur = null;
    live.setAttribute("aria-live", "polite");
    form.prepend(live);
    const note = make("p", "session-note"); // seen by everyone: was the session saved?
    note.setAttribute("role", "status");
    (end || form).append(note);
    if (window.speechSynthesis) {
      const lab = make("label", "session-voice");
      voice = make("input");
      voice.type = "checkbox";
      lab.append(voice, " " + fill("voice"));
      form.prepend(lab);
    }
    const say = (key, v) => { live.textContent = fill(key, v); };
    const speak = (text) => {
      if (!voice?.checked) return;
      const u = new SpeechSynthesisUtterance(text);
      u.lang = "ja-JP";
      speechSynthesis.cancel();
      speechSynthesis.speak(u);
    };
    const wake = () => { // optional: keeps the phone from locking during a hold
      if (lock || !navigator.wakeLock) return;
      navigator.wakeLock.request("screen").then((l) => {
        lock = l;
        l.addEventListener("release", () => { lock = null; });
      }, () => {});
    };
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && cur?.t.phase === "running") wake();
    });

    const states = [...form.querySelectorAll("section[data-exercise-id]")].map((sec, i) => {
      const d = sec.dataset, st = { sec, hold: +d.holdSeconds || 0,
        c: counter(+d.reps || 1, +d.sets || 1), reps: sec.querySelector("[data-field=reps]"),
        skip: sec.querySelector("[data-field=skip]") };
      st.t = timer(st.hold);
      st.clock = make("p", "session-countdown");
      st.clock.setAttribute("role", "timer");
      st.clock.hidden = !st.hold;
      st.count = make("p", "session-counter");
      st.go = make("button", "button primary big");
      const skip = make("button", "button danger", fill("skip"));
      const next = make("button", "button", fill("next"));
      const box = make("div", "session-controls");
      box.append(st.clock, st.count, st.go, skip, next);
      for (const b of box.children) b.type = "button";
      (sec.querySelector("[data-controls]") || st.reps?.closest("p, div, label") || sec.lastChild)
        .before(box);
      st.go.onclick = () => press(st);
      next.onclick = () => show(i + 1);
      skip.hidden = !st.skip;
      if (st.skip) {
        const ok = make("button", "button danger", fill("skipOk"));
        ok.type = "button";
        st.skip.append(ok);
        st.skip.hidden = true;
        skip.setAttribute("aria-expanded", "false");
        skip.onclick = () => {
          st.skip.hidden = !st.skip.hidden;
          skip.setAttribute("aria-expanded", String(!st.skip.hidden));
          if (!st.skip.hidden) st.skip.querySelector("select, input, textarea").focus();
        };
        ok.onclick = () => {
          const r = st.skip.querySelector("select, input:checked, textarea");
          if (!r?.value) return say("reason");
          stop(st);
          sec.dataset.state = "skipped";
          show(i + 1);
        };
      }
      draw(st);
      return st;
    });

    function draw(st) {
      const c = st.c, p = st.t.phase;
      st.clock.textContent = secondsLeft(st.t);
      st.count.textContent = fill("count",
        { r: c.rep, R: c.reps, s: Math.min(c.set + 1, c.sets), S: c.sets });
      st.go.textContent = fill(finished(c) ? "allDone" : p === "running" ? "pause"
        : p === "paused" ? "resume" : total(c) ? "again" : "start");
      st.go.disabled = finished(c);
      if (st.reps) st.reps.value = total(c);
    }
    function press(st) {
      const p = st.t.phase;
      if (!st.hold) return rep(st);
      if (p === "running") {
        st.t = pause(st.t, Date.now());
        say("paused");
      } else {
        if (p === "done") st.t = timer(st.hold);
        if (p !== "paused") speak("はじめ");
        st.t = start(st.t, Date.now());
        st.last = null;
        wake();
        loop ||= setInterval(run, 250);
      }
      run();
    }
    function run() {
      const st = cur;
      if (!st) return;
      st.t = tick(st.t, Date.now());
      const sec = secondsLeft(st.t);
      if (st.t.phase === "running" && sec !== st.last) {
        if (announceAt(st.last, sec)) say("left", { n: sec });
        if (st.last != null) speak(String(sec));
        st.last = sec;
      }
      if (st.t.phase === "done" && st.last !== 0) {
        st.last = 0;
        speak("おわり");
        rep(st);
      }
      if (st.t.phase !== "running") loop = clearInterval(loop) || 0;
      draw(st);
    }
    function rep(st) {
      st.c = addRep(st.c);
      say(finished(st.c) ? "allDone" : "done", { n: total(st.c) });
      draw(st);
    }
    function stop(st) {
      if (st.t.phase === "running") st.t = pause(st.t, Date.now());
      draw(st);
    }
    function show(i) {
      if (cur) stop(cur);
      cur = states[i] || null;
      states.forEach((st, j) => { st.sec.hidden = j !== i; });
      if (end) end.hidden = !!cur;
      const h = (cur ? cur.sec : end || form).querySelector("h2, h3, legend");
      if (h) { h.tabIndex = -1; h.focus(); }
    }
    if (states.length) show(0);

    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (end?.hidden) return; // Enter in a reps box is not "finish"
      if (cur) stop(cur);
      let id = form.elements.client_id;
      if (!id) form.append(id = Object.assign(make("input"), { type: "hidden", name: "client_id" }));
      id.value ||= uuid();
      const fields = [...new FormData(form)].filter(([, v]) => typeof v === "string");
      const e = entry(form.action, fields, id.value, Date.now());
      // Stored before sending, so closing the tab mid-request loses nothing either.
      try { localStorage.setItem(PREFIX + e.id, JSON.stringify(e)); } catch {}
      lock?.release();
      const r = await send(e);
      if (r.outcome === "sent") {
        note.textContent = fill("sent");
        if (r.next) location.assign(r.next);
      } else if (r.outcome === "invalid") { // let the server show its field messages
        forget(e.id);
        form.submit();
      } else note.textContent = fill("queued");
    });
    return { states, show };
  }
})();
