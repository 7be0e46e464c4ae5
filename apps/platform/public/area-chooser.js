// The report form's area chooser, progressive: the server-rendered selects work without it.
// With it, the kecamatan list narrows to the chosen kabupaten/kota, the kelurahan list is fetched
// from /api/wilayah/<kecamatan> (the tenant's own province only), and a search finds a kelurahan
// or kecamatan by name and fills the three selects.
(function () {
  'use strict';
  var root = document.getElementById('area-chooser');
  if (!root || !window.fetch) return;
  var kabkota = document.getElementById('kabkota');
  var kecamatan = document.getElementById('kecamatan');
  var kelurahan = document.getElementById('kelurahan');
  var searchBox = root.querySelector('.area-chooser__search');
  var search = document.getElementById('area-search');
  var status = document.getElementById('area-search-status');
  var results = document.getElementById('area-results');
  var reload = root.querySelector('.area-chooser__reload');
  var hint = document.getElementById('kelurahan-hint');
  if (reload) reload.hidden = true;
  if (hint) {
    hint.hidden = true;
    kelurahan.removeAttribute('aria-describedby');
  }
  searchBox.hidden = false;

  // Every kecamatan option as rendered, to rebuild the list for one kabupaten/kota.
  var groups = Array.prototype.map.call(kecamatan.querySelectorAll('optgroup'), function (g) {
    return { code: g.getAttribute('data-code'), label: g.label, options: Array.prototype.slice.call(g.children) };
  });
  var firstKecamatan = kecamatan.options[0];

  function showKecamatanOf(code) {
    var chosen = kecamatan.value;
    kecamatan.textContent = '';
    kecamatan.appendChild(firstKecamatan);
    groups.forEach(function (g) {
      if (code && g.code !== code) return;
      var group = document.createElement('optgroup');
      group.label = g.label;
      group.setAttribute('data-code', g.code);
      g.options.forEach(function (o) {
        group.appendChild(o);
      });
      kecamatan.appendChild(group);
    });
    kecamatan.value = chosen;
    if (kecamatan.value !== chosen) kecamatan.value = '';
  }

  function fillKelurahan(code, selected) {
    kelurahan.textContent = '';
    var first = document.createElement('option');
    first.value = '';
    first.textContent = code ? root.getAttribute('data-choose-village') : kelurahan.getAttribute('data-first') || '';
    kelurahan.appendChild(first);
    if (!code) return Promise.resolve();
    return fetch('/api/wilayah/' + encodeURIComponent(code), { headers: { accept: 'application/json' } })
      .then(function (r) {
        return r.ok ? r.json() : { areas: [] };
      })
      .then(function (body) {
        body.areas.forEach(function (a) {
          var o = document.createElement('option');
          o.value = a.code;
          o.textContent = a.name;
          kelurahan.appendChild(o);
        });
        if (selected) kelurahan.value = selected;
      });
  }

  kelurahan.setAttribute('data-first', kelurahan.options[0] ? kelurahan.options[0].textContent : '');
  kabkota.addEventListener('change', function () {
    showKecamatanOf(kabkota.value);
    if (kecamatan.value === '') fillKelurahan('');
  });
  kecamatan.addEventListener('change', function () {
    var option = kecamatan.options[kecamatan.selectedIndex];
    var parent = option && option.getAttribute('data-parent');
    if (parent && kabkota.value !== parent) {
      kabkota.value = parent;
      showKecamatanOf(parent);
    }
    fillKelurahan(kecamatan.value);
  });
  if (kabkota.value) showKecamatanOf(kabkota.value);

  function choose(result) {
    kabkota.value = result.kabkota;
    showKecamatanOf(result.kabkota);
    kecamatan.value = result.kecamatan;
    fillKelurahan(result.kecamatan, result.kelurahan).then(function () {
      results.textContent = '';
      status.textContent = result.path;
      (result.kelurahan ? kelurahan : kecamatan).focus();
    });
  }

  var timer = null;
  var asked = 0;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    var q = search.value.trim();
    if (q.length < 2) {
      results.textContent = '';
      status.textContent = '';
      return;
    }
    timer = setTimeout(function () {
      var ticket = ++asked;
      status.textContent = root.getAttribute('data-searching');
      fetch('/api/wilayah/cari?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
        .then(function (r) {
          return r.ok ? r.json() : { results: [] };
        })
        .then(function (body) {
          if (ticket !== asked) return;
          results.textContent = '';
          body.results.forEach(function (result) {
            var item = document.createElement('li');
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'area-chooser__result';
            button.textContent = result.path;
            button.addEventListener('click', function () {
              choose(result);
            });
            item.appendChild(button);
            results.appendChild(item);
          });
          status.textContent = body.results.length
            ? root.getAttribute('data-found').replace('{count}', String(body.results.length))
            : root.getAttribute('data-no-match');
        });
    }, 250);
  });
})();
