// The province's service worker, served at /sw.js (root scope) by the platform.
// - Offline shell: the platform's scripts and styles are cached at install; the
//   pages a citizen opens most (home, report form, lists) are kept as they are
//   visited, and shown from the cache when the network fails; any other page
//   falls back to /luring.
// - Push: a report's status change arrives as a Web Push message and is shown
//   as a notification that opens the report.
// Reports written offline are kept and sent by the page (/static/pwa.js), not here.
'use strict';
var VERSION = '__VERSION__';
var SHELL = 'shell-' + VERSION;
var PAGES = 'pages-' + VERSION;
var SHELL_ASSETS = __SHELL_ASSETS__;
var OFFLINE = '/luring';
// Pages kept for offline use: public, or a form whose sending the page itself handles.
var KEPT_PAGES = /^\/(laporan(\/baru|\/publik)?|darurat|direktori|berita)?\/?$/;

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches
      .open(SHELL)
      .then(function (cache) {
        return cache.addAll(SHELL_ASSETS.concat([OFFLINE, '/manifest.webmanifest']));
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (k) {
              return k !== SHELL && k !== PAGES;
            })
            .map(function (k) {
              return caches.delete(k);
            }),
        );
      })
      .then(function () {
        return self.clients.claim();
      }),
  );
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then(function (response) {
          // A page marked no-store (every answer to a signed-in citizen) is never kept: after signing out,
          // a shared phone must not show the previous person's name offline.
          var private_ = /no-store/i.test(response.headers.get('cache-control') || '');
          if (response.ok && !private_ && KEPT_PAGES.test(url.pathname) && !url.search) {
            var copy = response.clone();
            caches.open(PAGES).then(function (cache) {
              return cache.put(url.pathname, copy);
            });
          }
          return response;
        })
        .catch(function () {
          return caches.match(url.pathname, { ignoreSearch: true }).then(function (hit) {
            return hit || caches.match(OFFLINE);
          });
        }),
    );
    return;
  }

  // The shell's files: from the cache, refreshed from the network in the background.
  if (/^\/(static|assets|pwa)\//.test(url.pathname) || url.pathname === '/manifest.webmanifest') {
    event.respondWith(
      caches.open(SHELL).then(function (cache) {
        return cache.match(request).then(function (hit) {
          var fresh = fetch(request).then(function (response) {
            if (response.ok) cache.put(request, response.clone());
            return response;
          });
          if (hit) {
            fresh.catch(function () {});
            return hit;
          }
          return fresh;
        });
      }),
    );
  }
});

self.addEventListener('push', function (event) {
  var message;
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(message.title || '', {
      body: message.body || '',
      tag: message.tag,
      icon: '/pwa/ikon-192.png',
      badge: '/pwa/ikon-192.png',
      data: { url: message.url || '/' },
    }),
  );
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin);
  if (target.origin !== self.location.origin) target = new URL('/', self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (windows[i].url === target.href && 'focus' in windows[i]) return windows[i].focus();
      }
      return self.clients.openWindow(target.href);
    }),
  );
});
