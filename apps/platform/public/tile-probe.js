// Loads one tile of the province before a map is shown: offline, or with the
// tile server blocked, the page keeps its map-free fallback. Shared by the
// report form's picker (report-map.js) and the maps of report pins (pin-map.js).
window.whenTilesLoad = function (tiles, bounds, show) {
  var z = 10;
  var centre = bounds.getCenter();
  var x = Math.floor(((centre.lng + 180) / 360) * Math.pow(2, z));
  var rad = (centre.lat * Math.PI) / 180;
  var y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * Math.pow(2, z));
  var probe = new Image();
  probe.onload = show;
  probe.src = L.Util.template(tiles, { s: 'a', z: z, x: x, y: y, r: '' });
};
