// The report form's small helpers, progressive: the form works without them.
// "Use my location" fills latitude and longitude from the browser; choosing a
// category pre-selects its default privacy until the citizen picks one.
(function () {
  'use strict';
  var button = document.getElementById('use-location');
  var status = document.getElementById('location-status');
  var lat = document.getElementById('latitude');
  var lng = document.getElementById('longitude');
  if (button && lat && lng && 'geolocation' in navigator) {
    button.hidden = false;
    button.addEventListener('click', function () {
      status.textContent = button.getAttribute('data-locating');
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lng.value = position.coords.longitude.toFixed(6);
        status.textContent = button.getAttribute('data-found');
        button.disabled = false;
      }, function () {
        status.textContent = button.getAttribute('data-failed');
        button.disabled = false;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }
  var category = document.getElementById('category');
  var radios = document.querySelectorAll('input[name="privacy"]');
  var chosen = Array.prototype.some.call(radios, function (r) { return r.checked; });
  Array.prototype.forEach.call(radios, function (r) { r.addEventListener('change', function () { chosen = true; }); });
  if (category) {
    category.addEventListener('change', function () {
      if (chosen) return;
      var option = category.options[category.selectedIndex];
      var privacy = option && option.getAttribute('data-privacy');
      Array.prototype.forEach.call(radios, function (r) { r.checked = r.value === privacy; });
    });
  }
})();
