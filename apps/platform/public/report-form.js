// The report form's small helpers, progressive: the form works without them.
// - "Use my location" fills latitude and longitude from the browser.
// - Choosing a category pre-selects its default privacy until the citizen picks one.
// - A search box narrows the category list.
// - Before sending, the form checks itself (the browser's constraint validation)
//   and lists every problem at once, worded like the server's messages.
// - With photos, the form is sent with a progress bar (slow connections).
// - Without a connection, the report is kept in this browser and sent when the
//   connection returns (the outbox of /static/pwa.js).
(function () {
  'use strict';
  var form = document.querySelector('form.report-form');
  if (!form) return;
  var each = function (list, fn) {
    Array.prototype.forEach.call(list, fn);
  };

  // Use my location.
  var button = document.getElementById('use-location');
  var status = document.getElementById('location-status');
  var lat = document.getElementById('latitude');
  var lng = document.getElementById('longitude');
  if (button && lat && lng && 'geolocation' in navigator) {
    button.hidden = false;
    button.addEventListener('click', function () {
      status.textContent = button.getAttribute('data-locating');
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(6);
          lng.value = position.coords.longitude.toFixed(6);
          lat.dispatchEvent(new Event('change', { bubbles: true }));
          status.textContent = button.getAttribute('data-found');
          button.disabled = false;
        },
        function () {
          status.textContent = button.getAttribute('data-failed');
          button.disabled = false;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
  }

  // Default privacy of the chosen category.
  var category = document.getElementById('category');
  var radios = document.querySelectorAll('input[name="privacy"]');
  var chosen = Array.prototype.some.call(radios, function (r) {
    return r.checked;
  });
  each(radios, function (r) {
    r.addEventListener('change', function () {
      chosen = true;
    });
  });
  if (category) {
    category.addEventListener('change', function () {
      if (chosen) return;
      var option = category.options[category.selectedIndex];
      var privacy = option && option.getAttribute('data-privacy');
      each(radios, function (r) {
        r.checked = r.value === privacy;
      });
    });
  }

  // Category search: hides the categories (and groups) that do not match; one match is chosen.
  var searchBox = document.getElementById('category-search-box');
  var search = document.getElementById('category-search');
  var searchStatus = document.getElementById('category-search-status');
  if (searchBox && search && category) {
    searchBox.hidden = false;
    var fold = function (s) {
      return s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
    };
    search.addEventListener('input', function () {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var matches = [];
      each(category.querySelectorAll('optgroup'), function (group) {
        var groupName = fold(group.label);
        var shown = 0;
        each(group.querySelectorAll('option'), function (option) {
          var text = fold(option.textContent) + ' ' + groupName;
          var ok = words.every(function (w) {
            return text.indexOf(w) >= 0;
          });
          option.hidden = !ok;
          option.disabled = !ok;
          if (ok) {
            shown++;
            matches.push(option);
          }
        });
        group.hidden = shown === 0;
      });
      if (!words.length) {
        searchStatus.textContent = '';
        return;
      }
      if (matches.length === 1) {
        category.value = matches[0].value;
        category.dispatchEvent(new Event('change', { bubbles: true }));
      }
      searchStatus.textContent = matches.length
        ? searchStatus.getAttribute('data-matches').replace('{count}', String(matches.length))
        : searchStatus.getAttribute('data-none');
    });
  }

  // The form checks itself before sending and names every problem at once.
  var summary = document.getElementById('client-errors');
  var description = document.getElementById('description');
  var problemsOf = function () {
    var problems = [];
    var seen = {};
    each(form.querySelectorAll('input, select, textarea'), function (el) {
      if (!el.willValidate) return;
      var bad = !el.checkValidity();
      // minlength only applies to text the user typed; check it ourselves.
      if (el === description && el.value.trim().length < Number(el.getAttribute('minlength') || 0)) bad = true;
      el.toggleAttribute('aria-invalid', bad);
      if (bad) el.setAttribute('aria-invalid', 'true');
      var message = el.getAttribute('data-message') || el.validationMessage;
      if (bad && !seen[message]) {
        seen[message] = true;
        problems.push({ id: el.id, message: message });
      }
    });
    return problems;
  };
  var showProblems = function (problems) {
    var list = summary.querySelector('ul');
    list.textContent = '';
    problems.forEach(function (p) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '#' + p.id;
      link.textContent = p.message;
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = problems.length === 0;
    if (problems.length) summary.focus();
  };

  // Sending with a progress bar: the answer (confirmation or the form with errors) replaces the page.
  var progress = document.getElementById('upload-progress');
  var bar = document.getElementById('upload-progress-bar');
  var photos = document.getElementById('photos');
  var sending = false;
  var sendWithProgress = function () {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener('load', function () {
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', function () {
      sending = false;
      progress.hidden = true;
      // The connection dropped: keep the report for later (same form secret, so a send that did arrive is not repeated),
      // or fall back to the browser's own submission.
      if (window.ReplikaOutbox) void window.ReplikaOutbox.keep(form);
      else form.submit();
    });
    progress.hidden = false;
    bar.value = 0;
    xhr.send(new FormData(form));
  };

  if (summary) {
    form.addEventListener('submit', function (event) {
      var problems = problemsOf();
      if (problems.length) {
        event.preventDefault();
        showProblems(problems);
        return;
      }
      showProblems([]);
      if (sending) {
        event.preventDefault();
        return;
      }
      if (navigator.onLine === false && window.ReplikaOutbox) {
        event.preventDefault();
        void window.ReplikaOutbox.keep(form);
        return;
      }
      if (photos && photos.files && photos.files.length && window.FormData && progress) {
        event.preventDefault();
        sending = true;
        sendWithProgress();
      }
    });
  }
})();
