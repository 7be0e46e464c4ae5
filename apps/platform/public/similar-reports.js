// Similar reports nearby, progressive: once a category and a point are chosen,
// open public reports of that category near the point are listed (from
// /api/reports/nearby), each with a button that supports it instead of filing
// a new report. Without this script, the form's "look for similar reports"
// button reloads the form (GET) with the same list rendered by the server.
(function () {
  'use strict';
  var section = document.getElementById('similar');
  var forms = document.getElementById('similar-support-forms');
  var category = document.getElementById('category');
  var lat = document.getElementById('latitude');
  var lng = document.getElementById('longitude');
  if (!section || !forms || !category || !lat || !lng || !window.fetch) return;
  var check = document.getElementById('similar-check');
  if (check) check.hidden = true;
  var none = document.getElementById('similar-none');
  if (none) none.hidden = true;

  var parse = function (value) {
    var v = (value || '')
      .trim()
      .replace(/^\u2212/, '-')
      .replace(',', '.');
    return /^-?\d{1,3}(\.\d+)?$/.test(v) ? Number(v) : null;
  };
  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  };
  var el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  var render = function (answer) {
    var list = section.querySelector('.similar-reports__list');
    list.textContent = '';
    forms.textContent = '';
    var items = answer.items || [];
    section.hidden = items.length === 0;
    if (!items.length) return;
    section.querySelector('.similar-reports__intro').textContent = fill(section.getAttribute('data-intro'), {
      category: items[0].category,
      radius: answer.radiusMeters,
    });
    items.forEach(function (item) {
      var id = 'support-' + item.ticket;
      var form = el('form');
      form.method = 'post';
      form.action = item.url + '/dukung';
      form.id = id;
      var token = el('input');
      token.type = 'hidden';
      token.name = '_csrf';
      token.value = forms.getAttribute('data-csrf');
      form.appendChild(token);
      forms.appendChild(form);

      var li = el('li', 'similar-report');
      li.setAttribute('data-ticket', item.ticket);
      var title = el('p', 'similar-report__title');
      var link = el('a', '', item.ticket);
      link.href = item.url;
      title.appendChild(link);
      title.appendChild(document.createTextNode(' · ' + item.status));
      li.appendChild(title);
      li.appendChild(el('p', 'similar-report__text', item.description));
      li.appendChild(
        el(
          'p',
          'field__hint',
          fill(section.getAttribute('data-distance'), { distance: item.distanceMeters }) +
            ' · ' +
            fill(section.getAttribute('data-supports'), { count: item.supports }),
        ),
      );
      var button = el('button', 'button', section.getAttribute('data-support'));
      button.type = 'submit';
      button.setAttribute('form', id);
      li.appendChild(button);
      list.appendChild(li);
    });
  };

  var timer = null;
  var asked = '';
  var look = function () {
    var a = parse(lat.value);
    var b = parse(lng.value);
    if (!category.value || a === null || b === null) {
      render({ items: [] });
      return;
    }
    var query = 'category=' + encodeURIComponent(category.value) + '&latitude=' + a + '&longitude=' + b;
    if (query === asked) return;
    asked = query;
    // In the page's language, whatever the browser's own is.
    var headers = { accept: 'application/json', 'accept-language': document.documentElement.lang || 'id' };
    fetch('/api/reports/nearby?' + query, { headers: headers, credentials: 'omit' })
      .then(function (res) {
        return res.ok ? res.json() : { items: [] };
      })
      .then(function (answer) {
        if (query === asked) render(answer);
      })
      .catch(function () {
        asked = '';
      });
  };
  var soon = function () {
    clearTimeout(timer);
    timer = setTimeout(look, 300);
  };
  [category, lat, lng].forEach(function (input) {
    input.addEventListener('change', soon);
    input.addEventListener('input', soon);
  });
  look();
})();
