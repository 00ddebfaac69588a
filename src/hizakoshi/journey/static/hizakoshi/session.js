// Guided session, enhancing a plain form (without JavaScript the person types the reps done):
// a set of holds runs by itself (hold, short rest, next hold; right side then left; a longer
// rest between sets) with a beep or the optional Japanese voice at each start and stop, one
// big button to pause, "this hurts — skip" in one tap (reason "pain", changeable afterwards),
// and a finished session that is never lost: kept in localStorage under a client-made id until
// the server answers 2xx (it treats client_id as idempotent). Logic: pure functions, testable.
(() => {
  "use strict";
  const PREFIX = "hizakoshi.pending.";
  // Between two holds: long enough to let the muscle go and breathe out, short enough that
  // ten 5-second holds take about a minute and a half. An exercise may give its own.
  const REST_S = 4;
  const SET_REST_S = 30; // between sets: the muscle recovers most of its strength in ~30 s
  const SWITCH_S = 6; // time to turn round or move to the other leg
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
  // Rep-only exercises are counted by tap.
  const counter = (reps, sets) => ({ rep: 0, set: 0, reps, sets });
  const finished = (c) => c.set >= c.sets;
  const total = (c) => c.set * c.reps + c.rep;
  const addRep = (c) => {
    if (finished(c)) return c;
    const full = c.rep + 1 >= c.reps;
    return { ...c, rep: full ? 0 : c.rep + 1, set: c.set + (full ? 1 : 0) };
  };
  // A set of holds as steps: {kind: hold|rest|switch|setRest, ms, rep, side, set}.
  const steps = (hold, reps, sets, perSide, rest = REST_S, setRest = SET_REST_S) => {
    const out = [], sides = perSide ? ["right", "left"] : [""];
    const step = (kind, sec, rep, side, set) => out.push({ kind, ms: sec * 1000, rep, side, set });
    for (let s = 0; s < sets; s++) {
      sides.forEach((side, k) => {
        if (k) step("switch", SWITCH_S, 0, side, s);
        for (let r = 1; r <= reps; r++) {
          step("hold", hold, r, side, s);
          if (r < reps) step("rest", rest, r, side, s);
        }
      });
      if (s < sets - 1) step("setRest", setRest, reps, sides.at(-1), s);
    }
    return out;
  };
  // Run: {i: step, t: timer}; past the last step i === steps.length. Time left over from
  // one step carries into the next, so a late tick never stretches the set.
  const run = (list) => ({ i: 0, t: timer(list[0].ms / 1000) });
  const advance = (list, r, now) => {
    let { i, t } = r;
    if (t.phase !== "running") return r;
    while (t.ends <= now) {
      if (i + 1 >= list.length) return { i: list.length, t: { phase: "done", left: 0, ends: 0 } };
      i += 1;
      t = { phase: "running", left: 0, ends: t.ends + list[i].ms };
    }
    return { i, t: { ...t, left: t.ends - now } };
  };
  // Holds done; on a per-side exercise half of both sides together, rounded up (10 on the
  // right and 10 on the left are "10 each side"; stopping after the right side counts 5).
  const held = (list, i) => {
    const done = list.slice(0, i).filter((s) => s.kind === "hold");
    return done.some((s) => s.side) ? Math.ceil(done.length / 2) : done.length;
  };
  const uuid = () => crypto.randomUUID?.() ?? // only in secure contexts; v4 by hand otherwise
    "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
  // Whose it is (site/pwa.py person_key): sent only from that person's pages.
  const owner = () => document.querySelector("meta[name=hizakoshi-person]")?.content || "";
  const entry = (url, fields, id, now) => ({ id, url, fields, at: now, who: owner() });
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
    // offline.js (every page of the site) keeps and sends the same queue, with more care.
    if (window.HizakoshiOffline) return window.HizakoshiOffline.flush();
    if (flushing) return;
    flushing = true;
    try {
      for (const k of pendingKeys(localStorage)) {
        let e = null;
        try { e = JSON.parse(localStorage.getItem(k)); } catch { continue; }
        if (e?.id && e.url && e.fields && (!e.who || e.who === owner())) await send(e);
      }
    } catch {} finally { flushing = false; } // no storage (blocked): nothing was kept
  }

  const S = window.HizakoshiSession = { PREFIX, REST_S, SET_REST_S, SWITCH_S, timer, start,
    pause, tick, secondsLeft, announceAt, counter, addRep, total, finished, steps, run, advance,
    held, uuid, entry, body, outcome, pendingKeys, send, flush };
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
    let voice = null, loop = 0, lock = null, cur = null, audio = null;
    live.setAttribute("aria-live", "polite");
    form.prepend(live);
    const note = make("p", "session-note"); // seen by everyone: was the session saved?
    note.setAttribute("role", "status");
    (end || form).append(note);
    const skips = make("div", "session-skips"); // what was skipped, with "change the reason"
    if (window.speechSynthesis) {
      const lab = make("label", "session-voice");
      voice = make("input");
      voice.type = "checkbox";
      lab.append(voice, " " + fill("voice"));
      form.prepend(lab);
    }
    const say = (key, v) => { live.textContent = fill(key, v); };
    const speak = (text) => {
      if (!voice?.checked) return false;
      const u = new SpeechSynthesisUtterance(text);
      u.lang = "ja-JP";
      speechSynthesis.cancel();
      speechSynthesis.speak(u);
      return true;
    };
    const beep = (hz) => { // a short tone made on the spot: no sound files
      try {
        audio ||= new AudioContext();
        const o = audio.createOscillator(), g = audio.createGain();
        o.frequency.value = hz;
        g.gain.value = 0.3;
        o.connect(g).connect(audio.destination);
        o.start();
        o.stop(audio.currentTime + 0.2);
      } catch {} // no audio on this device: the screen and the count still work
    };
    // Start and stop of each hold: the voice if it is on, a high or low beep otherwise.
    const cue = (word, hz) => speak(word) || beep(hz);
    const wake = () => { // optional: keeps the phone from locking during a set
      if (lock || !navigator.wakeLock) return;
      navigator.wakeLock.request("screen").then((l) => {
        lock = l;
        l.addEventListener("release", () => { lock = null; });
      }, () => {});
    };
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && cur?.r?.t.phase === "running") wake();
    });

    const states = [...form.querySelectorAll("section[data-exercise-id]")].map((sec, i) => {
      const d = sec.dataset, hold = +d.holdSeconds || 0, reps = +d.reps || 1, sets = +d.sets || 1;
      const st = { sec, hold, c: counter(reps, sets), reps: sec.querySelector("[data-field=reps]"),
        skip: sec.querySelector("[data-field=skip]"), name: sec.querySelector("h2")?.textContent };
      if (hold) {
        st.list = steps(hold, reps, sets, !!d.perSide, +d.restSeconds || REST_S);
        st.r = run(st.list);
      }
      st.phase = make("p", "session-phase");
      st.clock = make("p", "session-countdown");
      st.clock.setAttribute("role", "timer");
      st.clock.hidden = st.phase.hidden = !hold;
      st.count = make("p", "session-counter");
      st.go = make("button", "button primary big session-go");
      const skip = make("button", "button danger", fill("skip"));
      const next = make("button", "button", fill("next"));
      const box = make("div", "session-controls");
      box.append(st.phase, st.clock, st.count, st.go);
      if (!hold) box.append(st.all = make("button", "button", fill("didAll")));
      box.append(next, skip);
      for (const b of box.querySelectorAll("button")) b.type = "button";
      (sec.querySelector("[data-controls]") || st.reps?.closest("p, div, label") || sec.lastChild)
        .before(box);
      st.go.onclick = () => press(st);
      next.onclick = () => show(i + 1);
      if (st.all) st.all.onclick = () => { st.c = { ...st.c, rep: 0, set: sets }; draw(st); show(i + 1); };
      skip.hidden = !st.skip;
      if (st.skip) {
        st.skip.hidden = true;
        skip.onclick = () => skipIt(st, i);
      }
      draw(st);
      return st;
    });

    function skipIt(st, i) { // one tap: skipped for pain; the reason may be changed afterwards
      stop(st);
      st.sec.dataset.state = "skipped";
      const box = st.skip, tick = box.querySelector("[data-skipped]");
      const pick = box.querySelector("select");
      if (tick) tick.checked = true;
      if (pick && !pick.value) pick.value = "pain";
      pick?.querySelector("option[value='']")?.remove(); // skipped: only the reasons are left
      const label = pick && box.querySelector(`label[for="${pick.id}"]`);
      if (label) label.textContent = fill("why"); // no longer "another reason": the reason
      const why = () => pick?.selectedOptions[0]?.text || "";
      const line = make("p", "session-skipped");
      const text = make("span", "", fill("skipped", { x: st.name, y: why() }));
      const change = make("button", "button", fill("change"));
      change.type = "button";
      change.setAttribute("aria-expanded", "false");
      change.onclick = () => {
        box.hidden = !box.hidden;
        change.setAttribute("aria-expanded", String(!box.hidden));
        if (!box.hidden) pick?.focus();
      };
      pick?.addEventListener("change", () => { text.textContent = fill("skipped", { x: st.name, y: why() }); });
      if (tick) tick.closest("div, p, label").hidden = true;
      line.append(text, " ", change);
      skips.append(line, box);
      show(i + 1);
      say("skipped", { x: st.name, y: why() });
    }
    function draw(st) {
      if (!st.list) {
        const c = st.c;
        st.count.textContent = fill("count", { d: "", r: total(c) % c.reps || (finished(c) ? c.reps : 0),
          R: c.reps, s: Math.min(c.set + 1, c.sets), S: c.sets });
        st.go.textContent = fill(finished(c) ? "allDone" : total(c) ? "again" : "start");
        st.go.disabled = finished(c);
        if (st.all) st.all.hidden = finished(c);
        if (st.reps) st.reps.value = total(c);
        return;
      }
      const { i, t } = st.r, over = i >= st.list.length, s = st.list[Math.min(i, st.list.length - 1)];
      st.clock.textContent = secondsLeft(t);
      st.phase.textContent = fill(over ? "allDone" : s.kind);
      st.count.textContent = fill("count", { d: s.side ? fill(s.side) : "", r: s.rep,
        R: st.c.reps, s: s.set + 1, S: st.c.sets });
      st.go.textContent = fill(over ? "allDone" : t.phase === "running" ? "pause"
        : t.phase === "paused" ? "resume" : "start");
      st.go.disabled = over;
      if (st.reps) st.reps.value = held(st.list, i);
    }
    function press(st) {
      begin();
      if (!st.list) {
        st.c = addRep(st.c);
        say(finished(st.c) ? "allDone" : "done", { n: total(st.c) });
        return draw(st);
      }
      const p = st.r.t.phase;
      if (p === "running") {
        st.r = { ...st.r, t: pause(st.r.t, Date.now()) };
        say("paused");
      } else {
        if (p === "idle") enter(st, st.list[st.r.i]);
        st.r = { ...st.r, t: start(st.r.t, Date.now()) };
        wake();
        loop ||= setInterval(go, 250);
      }
      go();
    }
    function enter(st, s, prev) { // cues when a step begins
      if (prev?.kind === "hold") cue("おわり", 440);
      if (!s) return say("allDone"); // said once: the last "n done" would be overwritten
      if (prev?.kind === "hold") say("done", { n: held(st.list, st.r.i) });
      if (s.kind === "hold") cue("はじめ", 880);
      else if (s.kind === "switch") { cue("ひだりに かえます", 660); say("switch"); }
      else if (s.kind === "setRest") say("setRest");
      st.last = null;
    }
    function go() {
      const st = cur;
      if (!st?.list) return;
      const before = st.r.i;
      st.r = advance(st.list, st.r, Date.now());
      if (st.r.i !== before) enter(st, st.list[st.r.i], st.list[st.r.i - 1]);
      const s = st.list[st.r.i], sec = secondsLeft(st.r.t);
      if (s?.kind === "hold" && st.r.t.phase === "running" && sec !== st.last) {
        if (announceAt(st.last, sec)) say("secondsLeft", { n: sec });
        if (st.last != null) speak(String(sec));
        st.last = sec;
      }
      if (st.r.t.phase !== "running") loop = clearInterval(loop) || 0;
      draw(st);
    }
    function stop(st) {
      if (st.r?.t.phase === "running") st.r = { ...st.r, t: pause(st.r.t, Date.now()) };
      draw(st);
    }
    function show(i, moved = true) {
      if (cur) stop(cur);
      cur = states[i] || null;
      states.forEach((st, j) => { st.sec.hidden = j !== i; });
      if (end) end.hidden = !!cur;
      (cur?.sec || end)?.before(skips);
      const h = (cur ? cur.sec : end || form).querySelector("h2, h3, legend");
      // Moving on takes the focus (and a screen reader) to the new exercise; opening the page
      // leaves it at the top, where the title and the pain rule are read first.
      if (h && moved) { h.tabIndex = -1; h.focus(); }
    }
    if (states.length) show(0, false);
    // A page opened from the phone's copy (no connection) may be days old: each opening is a
    // session of its own, begun now.
    if (form.elements.client_id) form.elements.client_id.value = uuid();
    const stamp = (name) => { if (form.elements[name]) form.elements[name].value = new Date().toISOString(); };
    stamp("started_at");
    // A page left open since yesterday is today's session from the first "start" pressed.
    let begun = false;
    const begin = () => { if (!begun) stamp("started_at"); begun = true; };
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (end?.hidden) return; // Enter in a reps box is not "finish"
      if (cur) stop(cur);
      let id = form.elements.client_id;
      if (!id) form.append(id = Object.assign(make("input"), { type: "hidden", name: "client_id" }));
      id.value ||= uuid();
      stamp("finished_at"); // kept on the phone, it may arrive days later: it says when it was done
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
