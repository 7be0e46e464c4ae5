// The agency directory: groups fold (a phone screen is not 6,000 px long) and a
// search box shows the agencies whose name, parent or region match, opening their groups.
(function () {
  'use strict';
  var box = document.getElementById('directory-search-box');
  var input = document.getElementById('directory-search');
  var status = document.getElementById('directory-search-status');
  if (!box || !input) return;
  box.hidden = false;
  var fold = function (s) {
    return s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  };
  var groups = Array.prototype.slice.call(document.querySelectorAll('[data-group]'));
  input.addEventListener('input', function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var total = 0;
    groups.forEach(function (group) {
      var shown = 0;
      Array.prototype.forEach.call(group.querySelectorAll('[data-search]'), function (card) {
        var text = fold(card.getAttribute('data-search'));
        var ok = words.every(function (w) {
          return text.indexOf(w) >= 0;
        });
        card.hidden = !ok;
        if (ok) shown++;
      });
      group.hidden = shown === 0;
      group.open = words.length > 0 && shown > 0;
      total += shown;
    });
    status.textContent = words.length ? status.getAttribute('data-matches').replace('{count}', String(total)) : '';
  });
})();
