// The public feed's map: this page's reports as clustered pins, each linking to
// its report. Shown only once a tile of the tenant's tile source has loaded;
// without tiles the cards alone carry the feed.
(function () {
  'use strict';
  var box = document.getElementById('feed-map');
  var L = window.L;
  if (!box || !L || !L.markerClusterGroup) return;
  var b = box.getAttribute('data-bounds').split(',').map(Number);
  var bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
  var tiles = box.getAttribute('data-tiles');
  var escape = function (s) {
    return s.replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  };

  var showMap = function () {
    box.hidden = false;
    var map = L.map('feed-map-canvas', { scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    L.tileLayer(tiles, {
      maxZoom: Number(box.getAttribute('data-max-zoom')) || 19,
      attribution: escape(box.getAttribute('data-attribution') || ''),
    }).addTo(map);
    var cluster = L.markerClusterGroup();
    var points = [];
    Array.prototype.forEach.call(document.querySelectorAll('#feed-cards [data-lat]'), function (card) {
      var p = L.latLng(Number(card.getAttribute('data-lat')), Number(card.getAttribute('data-lng')));
      if (!isFinite(p.lat) || !isFinite(p.lng)) return;
      var title = card.getAttribute('data-title');
      var marker = L.marker(p, { title: title, alt: title });
      var link = document.createElement('a');
      link.href = card.getAttribute('data-href');
      link.textContent = title;
      marker.bindPopup(link);
      cluster.addLayer(marker);
      points.push(p);
    });
    map.addLayer(cluster);
    if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 15 });
    else map.fitBounds(bounds);
  };

  // One tile of the province first: the map is shown only if tiles can load.
  window.whenTilesLoad(tiles, bounds, showMap);
})();
