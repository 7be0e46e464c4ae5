// The report form's location picker, progressive:
// - place search over the province's own regions (/laporan/tempat), no external geocoder;
// - a Leaflet map with a draggable pin, shown only once a tile of the tenant's
//   tile source has loaded: offline or with tiles blocked, the citizen keeps the
//   place search, "use my location" and the coordinate fields, and no text
//   mentions a map that is not there.
(function () {
  'use strict';
  var lat = document.getElementById('latitude');
  var lng = document.getElementById('longitude');
  if (!lat || !lng) return;

  // "-6,2" (a decimal comma, as Indonesian keyboards type it) is -6.2.
  var parse = function (value) {
    var v = (value || '').trim().replace(/^\u2212/, '-');
    if (/^[-+]?\d+,\d+$/.test(v)) v = v.replace(',', '.');
    var n = Number(v);
    return v !== '' && isFinite(n) ? n : null;
  };
  var setFields = function (latitude, longitude) {
    lat.value = latitude.toFixed(6);
    lng.value = longitude.toFixed(6);
    lat.dispatchEvent(new Event('change', { bubbles: true }));
  };

  // Map (when tiles load).
  var box = document.getElementById('location-map');
  var map = null;
  var marker = null;
  var moveMarker = function (zoom) {
    if (!map) return;
    var a = parse(lat.value);
    var b = parse(lng.value);
    if (a === null || b === null) return;
    marker.setLatLng([a, b]);
    if (zoom) map.setView([a, b], Math.max(map.getZoom(), zoom));
    else if (!map.getBounds().contains([a, b])) map.panTo([a, b]);
  };

  // Place search.
  var searchBox = document.getElementById('place-search-box');
  var search = document.getElementById('place-search');
  var results = document.getElementById('place-results');
  var region = document.getElementById('region');
  var status = document.getElementById('location-status');
  if (searchBox && search && results && window.fetch) {
    searchBox.hidden = false;
    var timer = null;
    var asked = 0;
    var choose = function (place) {
      setFields(place.lat, place.lng);
      moveMarker(13);
      if (region && region.querySelector('option[value="' + place.code + '"]')) region.value = place.code;
      results.textContent = '';
      if (status) status.textContent = results.getAttribute('data-chosen').replace('{name}', place.name);
    };
    var show = function (places) {
      results.textContent = '';
      if (!places.length) {
        var none = document.createElement('li');
        none.textContent = results.getAttribute('data-none');
        results.appendChild(none);
        return;
      }
      places.forEach(function (place) {
        var item = document.createElement('li');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'place-results__choice';
        button.textContent = place.within ? place.name + ' (' + place.within + ')' : place.name;
        button.addEventListener('click', function () {
          choose(place);
        });
        item.appendChild(button);
        results.appendChild(item);
      });
    };
    search.addEventListener('input', function () {
      clearTimeout(timer);
      var q = search.value.trim();
      if (q.length < 2) {
        results.textContent = '';
        return;
      }
      timer = setTimeout(function () {
        var mine = ++asked;
        fetch('/laporan/tempat?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
          .then(function (r) {
            return r.ok ? r.json() : [];
          })
          .then(function (places) {
            if (mine === asked) show(places);
          })
          .catch(function () {
            /* offline: the coordinate fields remain */
          });
      }, 250);
    });
    // Enter in the search box picks the first place instead of sending the form.
    search.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      var first = results.querySelector('button');
      if (first) first.click();
    });
  }

  if (!box || !window.L) return;
  var L = window.L;
  var b = box.getAttribute('data-bounds').split(',').map(Number);
  var bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
  var tiles = box.getAttribute('data-tiles');
  var maxZoom = Number(box.getAttribute('data-max-zoom')) || 19;
  var escape = function (s) {
    return s.replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  };

  var showMap = function () {
    box.hidden = false;
    map = L.map('location-map-canvas', { maxBounds: bounds.pad(0.5), scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    L.tileLayer(tiles, { maxZoom: maxZoom, attribution: escape(box.getAttribute('data-attribution') || '') }).addTo(map);
    var a = parse(lat.value);
    var c = parse(lng.value);
    var start = a !== null && c !== null ? L.latLng(a, c) : bounds.getCenter();
    if (a !== null && c !== null) map.setView(start, 15);
    else map.fitBounds(bounds);
    marker = L.marker(start, {
      draggable: true,
      autoPan: true,
      keyboard: true,
      title: box.querySelector('#map-hint').textContent,
      alt: box.querySelector('#location-map-canvas').getAttribute('aria-label'),
    }).addTo(map);
    marker.on('dragend', function () {
      var p = marker.getLatLng();
      setFields(p.lat, p.lng);
    });
    map.on('click', function (e) {
      marker.setLatLng(e.latlng);
      setFields(e.latlng.lat, e.latlng.lng);
    });
    lat.addEventListener('change', function () {
      moveMarker(15);
    });
    lng.addEventListener('change', function () {
      moveMarker(15);
    });
  };

  // One tile of the province first: the map is shown only if tiles can load.
  window.whenTilesLoad(tiles, bounds, showMap);
})();
