// The reports of a list as clustered pins on a map, each opening its report;
// overdue ones drawn red. One script for the public feed (#feed-map, pins from
// its cards) and the console's agency map (#agency-map, pins from its list):
// a `.feed-map[data-pins-from]` box names the list its pins come from. Shown
// only once a tile of the tenant's tile source has loaded (tile-probe.js);
// without tiles the list alone carries the page.
(function () {
  'use strict';
  var L = window.L;
  if (!L || !L.markerClusterGroup) return;
  var escape = function (s) {
    return s.replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  };

  Array.prototype.forEach.call(document.querySelectorAll('.feed-map[data-pins-from]'), function (box) {
    var b = box.getAttribute('data-bounds').split(',').map(Number);
    var bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
    var tiles = box.getAttribute('data-tiles');

    var showMap = function () {
      box.hidden = false;
      var map = L.map(box.querySelector('.feed-map__canvas'), { scrollWheelZoom: false });
      map.attributionControl.setPrefix(false);
      L.tileLayer(tiles, {
        maxZoom: Number(box.getAttribute('data-max-zoom')) || 19,
        attribution: escape(box.getAttribute('data-attribution') || ''),
      }).addTo(map);
      var cluster = L.markerClusterGroup();
      var points = [];
      Array.prototype.forEach.call(document.querySelectorAll(box.getAttribute('data-pins-from') + ' [data-lat]'), function (item) {
        var p = L.latLng(Number(item.getAttribute('data-lat')), Number(item.getAttribute('data-lng')));
        if (!isFinite(p.lat) || !isFinite(p.lng)) return;
        var title = item.getAttribute('data-title');
        var marker =
          item.getAttribute('data-overdue') === 'yes'
            ? L.circleMarker(p, { radius: 10, color: '#8a0015', fillColor: '#b00020', fillOpacity: 0.9 })
            : L.marker(p, { title: title, alt: title });
        var link = document.createElement('a');
        link.href = item.getAttribute('data-href');
        link.textContent = title;
        marker.bindPopup(link);
        cluster.addLayer(marker);
        points.push(p);
      });
      map.addLayer(cluster);
      box.setAttribute('data-pins', String(points.length));
      if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 15 });
      else map.fitBounds(bounds);
    };

    // One tile of the province first: the map is shown only if tiles can load.
    window.whenTilesLoad(tiles, bounds, showMap);
  });
})();
