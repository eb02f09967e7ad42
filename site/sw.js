// The service worker makes the site work offline after the first visit. The files of this
// build (FILES, filled in by pagegen with a version that changes with any file) are answered
// from the cache, so a return visit does not download or re-store the 20 MB engine; pages are
// fetched from the network first, so a reader online gets new lessons at once, and fall back to
// the cache offline. A new build changes this file, which installs the new files and drops the
// old ones. (The development server unregisters this worker: it would hide live edits.)
const VERSION = '/*VERSION*/';
const FILES = [
  /*FILES*/
];
const CACHE = `looplab-${VERSION}`;

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('looplab-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

const PRECACHED = new Set(FILES.map((f) => new URL(f, self.registration.scope).href));

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  url.search = '';
  url.hash = '';
  const isPage = e.request.mode === 'navigate' || url.pathname.endsWith('.html');
  if (PRECACHED.has(url.href) && !isPage) {
    e.respondWith(caches.match(url.href, { cacheName: CACHE }).then((hit) => hit || fetch(e.request)));
    return;
  }
  e.respondWith(fetch(e.request).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      caches.open(CACHE).then((c) => c.put(e.request, copy));
    }
    return res;
  }).catch(() => caches.match(e.request, { ignoreSearch: true }).then((hit) => hit || Response.error())));
});
