// The service worker (served at /sw.js by site/pwa.py, which puts CONFIG in front of this).
// Static files: kept at install under their hashed names, answered from the phone.
// Pages: always asked of the network first; Today, today's session and the diary form are kept
// for the one person logged in (cache "pages-<their key>"), so they open without a connection.
// Any other page without a connection: the offline page. Nothing from another host, ever.
"use strict";
const ASSETS = "assets-" + CONFIG.version;
const PAGES = "pages-";
const FRESH_MS = 10 * 60 * 1000; // a kept page younger than this is not fetched again

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(ASSETS)
    .then((c) => c.addAll([...CONFIG.assets, CONFIG.offline]))
    .then(() => self.skipWaiting())); // a new deploy takes over at once: pages are not cached
});

self.addEventListener("activate", (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) {
      if (k.startsWith("assets-") && k !== ASSETS) await caches.delete(k);
    }
    await self.clients.claim();
    // The kept pages name the old files: fetch them again while the phone is online.
    const name = await pagesName();
    if (name) await refresh(name, true).catch(() => {});
  })());
});

const pagesName = async () => (await caches.keys()).find((k) => k.startsWith(PAGES));
async function forget(except) {
  for (const k of await caches.keys()) {
    if (k.startsWith(PAGES) && k !== except) await caches.delete(k);
  }
}

// A page tells who is logged in ("" for no one): someone else's pages are dropped at once.
// It also takes that page over: Chromium's claim at activation can miss the page that has just
// registered the worker (seen after a quick login), which would then work offline only from
// its next page.
self.addEventListener("message", (e) => {
  const who = e.data && e.data.person;
  if (typeof who !== "string") return;
  e.waitUntil(self.clients.claim()
    .then(() => forget(who && PAGES + who))
    .then(() => who && refresh(PAGES + who)));
});

async function refresh(name, always) {
  const c = await caches.open(name);
  for (const path of CONFIG.pages) {
    const kept = await c.match(path);
    const age = Date.now() - Date.parse(kept?.headers.get("date") || 0);
    if (!always && age < FRESH_MS) continue;
    const r = await fetch(path, { credentials: "same-origin" }).catch(() => null);
    // Logged out meanwhile (a redirect to the login page): keep nothing of theirs.
    if (r && r.redirected) return forget("");
    if (r && r.ok && (await pagesName()) === name) await c.put(path, r);
  }
}

self.addEventListener("fetch", (e) => {
  const r = e.request, url = new URL(r.url);
  if (url.origin !== location.origin) return;
  if (r.method !== "GET") {
    // Logging in or out, deleting the account: nobody's pages are kept past it. Any other
    // post (a diary, a session) changes what the kept pages show: they are fetched again.
    const who = r.mode === "navigate" && CONFIG.forget.includes(url.pathname);
    const sent = (who ? forget("") : Promise.resolve()).then(() => fetch(r));
    if (!who) e.waitUntil(sent.then(stale, () => {}));
    // A failed post: the offline page, or for the queue's own posts a plain network error.
    e.respondWith(sent.catch(() => (r.mode === "navigate" ? offline() : Response.error())));
  } else if (url.pathname.startsWith(CONFIG.static)) {
    e.respondWith(caches.match(r).then((hit) => hit || fetch(r)));
  } else if (r.mode === "navigate") {
    // Only the plain page is kept: /me/diary/?day=... is another day's form.
    e.respondWith(page(e, url.pathname, CONFIG.pages.includes(url.pathname) && !url.search));
  }
});

const stale = () => pagesName().then((name) => name && refresh(name, true));
const offline = async () => (await caches.match(CONFIG.offline)) || Response.error();

async function page(e, path, keep) {
  try {
    const r = await fetch(e.request);
    const name = keep && r.ok && r.type === "basic" && (await pagesName());
    if (name) {
      const copy = r.clone(); // before the page starts reading the body
      e.waitUntil(caches.open(name).then((c) => c.put(path, copy)));
    }
    return r;
  } catch {
    const name = keep && (await pagesName());
    return (name && (await (await caches.open(name)).match(path))) || offline();
  }
}
