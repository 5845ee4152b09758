/* Pages that stay readable without signal (issue 18): the service worker of the published site.
 *
 * The build writes this file to the site root as /sw.js (plugins/nondaeng/mkdocs/offline.py),
 * with the build mark in BUILD replaced by a hash of the built site. What it does:
 *
 * - keeps what a reader opens on this site (pages, their assets, the search index once used)
 *   in the "seen" cache, at most SEEN_CAP bytes, the least recently stored evicted first;
 * - keeps what a reader asks for ("keep for offline": a practice page and its handout PDFs)
 *   in the "kept" cache, which only the reader clears (on the /offline/ page);
 * - answers from the network first, and from what it kept when there is no connection. Files
 *   whose name carries a content hash (Material's bundles) and fonts come from the cache first;
 * - never touches a request to another host, or the offline pack's zip;
 * - a new build is a new worker: it fetches the kept pages again and drops the old caches.
 *
 * Messages from the page (assets/js/sw-register.js), answered on the port sent with them:
 * {type: "seen", urls}, {type: "keep", urls}, {type: "list"}, {type: "clear"}.
 */
"use strict";

const BUILD = "__NONDAENG_BUILD__";
const PREFIX = "nondaeng-";
const SEEN = `${PREFIX}seen-${BUILD}`;
const KEPT = `${PREFIX}kept-${BUILD}`;
const SEEN_CAP = 25 * 1000 * 1000;  // bytes
const SCOPE = new URL(self.registration.scope);
const IMMUTABLE = /\.[0-9a-f]{8}\.min\.(js|css)$|\.woff2$/;

/* Same host, inside the site, and not the worker itself or the zip of the whole site. */
function ours(url) {
  url = new URL(url, SCOPE);
  return url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname) &&
    !/\/sw\.js$|\.zip$/.test(url.pathname);
}

function clean(url) {
  url = new URL(url, SCOPE);
  url.hash = "";
  return url.href;
}

/* Store a copy with its size in a header (for the cap and for the list). Only whole answers. */
async function store(cache, url, response) {
  if (!response || response.status !== 200 || response.type === "opaque") return 0;
  const body = await response.blob();
  const headers = new Headers(response.headers);
  headers.set("x-nondaeng-bytes", String(body.size));
  await cache.put(url, new Response(body, { status: 200, headers }));
  return body.size;
}

async function sizes(cache) {
  const out = [];
  for (const request of await cache.keys()) {
    const hit = await cache.match(request);
    out.push({ url: request.url, bytes: Number(hit && hit.headers.get("x-nondaeng-bytes")) || 0 });
  }
  return out;
}

/* Oldest first (a cache lists its entries in the order they were stored). */
async function trim() {
  const cache = await caches.open(SEEN);
  const entries = await sizes(cache);
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  for (const entry of entries) {
    if (total <= SEEN_CAP) break;
    await cache.delete(entry.url);
    total -= entry.bytes;
  }
}

async function remember(url, response) {
  await store(await caches.open(SEEN), clean(url), response);
  await trim();
}

async function fromCache(request) {
  const url = clean(request.url);
  for (const name of [KEPT, SEEN]) {
    const hit = await (await caches.open(name)).match(url);
    if (hit) return hit;
  }
  return undefined;
}

self.addEventListener("fetch", event => {
  const request = event.request;
  if (request.method !== "GET" || !ours(request.url) || request.headers.has("range")) return;
  event.respondWith((async () => {
    if (IMMUTABLE.test(new URL(request.url).pathname)) {
      const hit = await fromCache(request);
      if (hit) return hit;
    }
    try {
      const response = await fetch(request);
      event.waitUntil(remember(request.url, response.clone()));
      return response;
    } catch (error) {
      const hit = await fromCache(request);
      if (hit) return hit;
      throw error;
    }
  })());
});

async function fetchAll(name, urls) {
  const cache = await caches.open(name);
  let files = 0, bytes = 0;
  for (const url of new Set(urls.filter(ours).map(clean))) {
    const size = await store(cache, url, await fetch(url));
    if (size) { files += 1; bytes += size; }
  }
  if (name === SEEN) await trim();
  return { files, bytes };
}

async function list() {
  return {
    build: BUILD,
    kept: await sizes(await caches.open(KEPT)),
    seen: await sizes(await caches.open(SEEN)),
  };
}

async function clear() {
  for (const name of await caches.keys())
    if (name.startsWith(PREFIX)) await caches.delete(name);
  return { cleared: true };
}

self.addEventListener("message", event => {
  const message = event.data || {};
  const port = event.ports[0];
  const urls = Array.isArray(message.urls) ? message.urls.map(String) : [];
  const jobs = {
    seen: () => fetchAll(SEEN, urls),
    keep: () => fetchAll(KEPT, urls),
    list,
    clear,
  };
  if (!port || !jobs[message.type]) return;
  event.waitUntil(jobs[message.type]().then(
    answer => port.postMessage(answer),
    error => port.postMessage({ error: String(error) })));
});

self.addEventListener("install", () => self.skipWaiting());

/* A new build: fetch the kept pages again into this build's cache (an old copy stays when
   there is no connection), carry over the files whose name changes with their content, then
   drop every cache of the other builds. */
self.addEventListener("activate", event => event.waitUntil((async () => {
  const names = (await caches.keys()).filter(n => n.startsWith(PREFIX));
  const kept = await caches.open(KEPT), seen = await caches.open(SEEN);
  for (const name of names.filter(n => n !== SEEN && n !== KEPT)) {
    const old = await caches.open(name);
    for (const request of await old.keys())
      if (IMMUTABLE.test(new URL(request.url).pathname))
        await (name.startsWith(`${PREFIX}kept-`) ? kept : seen).put(request, await old.match(request));
  }
  for (const name of names.filter(n => n.startsWith(`${PREFIX}kept-`) && n !== KEPT)) {
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      if (IMMUTABLE.test(new URL(request.url).pathname)) continue;
      try {
        await store(kept, request.url, await fetch(request.url, { cache: "no-cache" }));
      } catch (error) {
        await kept.put(request, await old.match(request));
      }
    }
  }
  await Promise.all(names.filter(n => n !== SEEN && n !== KEPT).map(n => caches.delete(n)));
  await self.clients.claim();
})()));
