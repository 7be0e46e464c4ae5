// The installable app, on every page:
// - registers the service worker (/sw.js: offline shell, push notifications);
// - the outbox: a report written without a connection is kept in this browser
//   (IndexedDB, photos included) and sent when the connection returns, under
//   the idempotency key of its form (the `submission` secret the server derives
//   the key from), so a report is never filed twice, even if an answer is lost;
//   the citizen sees it waiting, and when it was sent;
// - "turn on notifications" buttons ([data-push]): a Web Push subscription for
//   the signed-in citizen's reports, or for the one report of a tracking page.
(function () {
  'use strict';
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {});
  }

  var panel = document.getElementById('outbox');
  var DB = 'replika-outbox';
  var STORE = 'reports';
  var KEEP_SENT_MS = 7 * 86400000;
  var locale = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID';

  var open = function () {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) {
        reject(new Error('no IndexedDB'));
        return;
      }
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(STORE, { keyPath: 'id' });
      };
      req.onsuccess = function () {
        resolve(req.result);
      };
      req.onerror = function () {
        reject(req.error);
      };
    });
  };
  var tx = function (mode, fn) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var result = fn(t.objectStore(STORE));
        t.oncomplete = function () {
          db.close();
          resolve(result && 'result' in result ? result.result : undefined);
        };
        t.onerror = function () {
          db.close();
          reject(t.error);
        };
      });
    });
  };
  var all = function () {
    return tx('readonly', function (s) {
      return s.getAll();
    });
  };
  var put = function (entry) {
    return tx('readwrite', function (s) {
      s.put(entry);
    });
  };
  var remove = function (id) {
    return tx('readwrite', function (s) {
      s.delete(id);
    });
  };

  // A fresh form secret: 24 random bytes in base64url (the server's own format).
  var newSeed = function () {
    var bytes = new Uint8Array(24);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  var when = function (ms) {
    return new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  };
  var text = function (key, values) {
    return (panel.getAttribute('data-' + key) || '').replace(/\{(\w+)\}/g, function (all, k) {
      return values && k in values ? values[k] : all;
    });
  };

  var render = function () {
    if (!panel) return Promise.resolve();
    return all()
      .then(function (entries) {
        entries.sort(function (a, b) {
          return b.createdAt - a.createdAt;
        });
        var list = panel.querySelector('ul');
        list.textContent = '';
        entries.forEach(function (entry) {
          var li = document.createElement('li');
          li.className = 'outbox__item outbox__item--' + entry.state;
          li.setAttribute('data-state', entry.state);
          var line = document.createElement('p');
          if (entry.state === 'sent') {
            line.textContent = text('sent', { time: when(entry.sentAt), ticket: entry.ticket });
            li.appendChild(line);
            if (entry.url) {
              var link = document.createElement('a');
              link.href = entry.url;
              link.textContent = text('track');
              li.appendChild(link);
            }
          } else if (entry.state === 'failed') {
            line.textContent = text('failed', { time: when(entry.createdAt), reason: entry.error || '' });
            li.appendChild(line);
          } else {
            line.textContent = text('waiting', { time: when(entry.createdAt), category: entry.category || '' });
            li.appendChild(line);
          }
          list.appendChild(li);
        });
        panel.hidden = entries.length === 0;
      })
      .catch(function () {});
  };

  // Keeps the report form's content for later; resolves when it is stored.
  var keep = function (form) {
    var data = new FormData(form);
    var fields = [];
    var photos = [];
    data.forEach(function (value, name) {
      if (typeof value === 'string') fields.push([name, value]);
      else if (name === 'photos' && value.size > 0) photos.push(value);
    });
    var seedField = form.querySelector('input[name="submission"]');
    var category = form.querySelector('#category');
    return all()
      .then(function (entries) {
        var seed = seedField && seedField.value;
        // The cached form always carries the same secret: a second report written offline gets its own.
        if (
          !seed ||
          entries.some(function (e) {
            return e.id === seed;
          })
        )
          seed = newSeed();
        fields = fields
          .filter(function (f) {
            return f[0] !== 'submission';
          })
          .concat([['submission', seed]]);
        var entry = {
          id: seed,
          createdAt: Date.now(),
          state: 'waiting',
          fields: fields,
          photos: photos,
          category: category && category.selectedIndex > 0 ? category.options[category.selectedIndex].textContent.trim() : '',
        };
        return put(entry);
      })
      .then(function () {
        // The next report from this page is another report.
        form.reset();
        if (seedField) seedField.value = newSeed();
        return render();
      })
      .then(function () {
        if (panel) {
          panel.scrollIntoView();
          panel.focus();
        }
      });
  };

  // Sends one kept report as its form would have been sent, with a fresh CSRF token.
  var send = function (entry) {
    return fetch('/laporan/baru', { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) {
        return res.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var token = page.querySelector('form.report-form input[name="_csrf"]');
        if (!token) throw new Error('no form');
        var body = new FormData();
        entry.fields.forEach(function (f) {
          if (f[0] !== '_csrf') body.append(f[0], f[1]);
        });
        body.append('_csrf', token.value);
        entry.photos.forEach(function (photo) {
          body.append('photos', photo, photo.name || 'foto.jpg');
        });
        return fetch('/laporan/baru', { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'text/html' } });
      })
      .then(function (res) {
        return res.text().then(function (html) {
          var page = new DOMParser().parseFromString(html, 'text/html');
          var ticket = page.getElementById('ticket');
          if (res.ok && ticket) {
            var track = page.querySelector('.report-confirmation a.button');
            entry.state = 'sent';
            entry.sentAt = Date.now();
            entry.ticket = ticket.textContent.trim();
            entry.url = track ? track.getAttribute('href') : null;
            entry.photos = [];
            entry.fields = [];
            return put(entry);
          }
          // Refused for its content (the form checked itself, so rare): say why; anything else is tried again later.
          if (res.status === 400 || res.status === 413 || res.status === 422) {
            var summary = page.querySelector('.error-summary');
            entry.state = 'failed';
            entry.error = summary ? summary.textContent.replace(/\s+/g, ' ').trim() : String(res.status);
            return put(entry);
          }
          throw new Error('try again later: ' + res.status);
        });
      });
  };

  var flushing = false;
  var flushNow = function () {
    if (flushing || navigator.onLine === false) return Promise.resolve();
    flushing = true;
    return all()
      .then(function (entries) {
        var now = Date.now();
        var chain = Promise.resolve();
        entries.forEach(function (entry) {
          if (entry.state === 'sent' && now - entry.sentAt > KEEP_SENT_MS)
            chain = chain.then(function () {
              return remove(entry.id);
            });
          if (entry.state !== 'waiting') return;
          chain = chain
            .then(function () {
              return send(entry);
            })
            .then(render);
        });
        return chain;
      })
      .catch(function () {})
      .then(function () {
        flushing = false;
        return render();
      });
  };
  // One tab at a time sends (Web Locks); the idempotency key makes a second send harmless anyway.
  var flush = function () {
    if (navigator.locks && navigator.locks.request) {
      return navigator.locks.request('replika-outbox', { ifAvailable: true }, function (lock) {
        return lock ? flushNow() : null;
      });
    }
    return flushNow();
  };

  window.ReplikaOutbox = {
    keep: function (form) {
      return keep(form).then(flush);
    },
    flush: flush,
  };
  window.addEventListener('online', function () {
    void flush();
  });
  setInterval(function () {
    if (navigator.onLine !== false) void flush();
  }, 30000);
  void render().then(flush);

  // Notifications by Web Push.
  var urlBase64ToBytes = function (value) {
    var padded = (value + '==='.slice((value.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  };
  Array.prototype.forEach.call(document.querySelectorAll('[data-push]'), function (box) {
    var button = box.querySelector('button');
    var status = box.querySelector('[role="status"]');
    if (!button || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
    if (Notification.permission === 'denied') return;
    box.hidden = false;
    button.addEventListener('click', function () {
      button.disabled = true;
      Notification.requestPermission()
        .then(function (permission) {
          if (permission !== 'granted') throw new Error('denied');
          return Promise.all([
            navigator.serviceWorker.ready,
            fetch('/push/kunci', { credentials: 'same-origin' }).then(function (r) {
              return r.json();
            }),
          ]);
        })
        .then(function (both) {
          return both[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: urlBase64ToBytes(both[1].publicKey) });
        })
        .then(function (subscription) {
          var body = { subscription: subscription.toJSON() };
          if (box.getAttribute('data-ticket')) {
            body.ticket = box.getAttribute('data-ticket');
            body.token = box.getAttribute('data-token');
          }
          return fetch('/push/langganan', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', 'x-csrf-token': box.getAttribute('data-csrf') },
            body: JSON.stringify(body),
          });
        })
        .then(function (res) {
          if (!res.ok) throw new Error(String(res.status));
          status.textContent = box.getAttribute('data-done');
        })
        .catch(function () {
          status.textContent = box.getAttribute('data-failed');
          button.disabled = false;
        });
    });
  });
})();
