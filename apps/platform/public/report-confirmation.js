// The anonymous reporter's tracking link: shown whole, with copy and share
// buttons (the Web Share API on phones), so the report is not lost with the page.
(function () {
  'use strict';
  var box = document.getElementById('share-link');
  var input = document.getElementById('tracking-link');
  if (!box || !input) return;
  var status = document.getElementById('share-status');
  input.value = location.origin + input.getAttribute('data-path');
  input.addEventListener('focus', function () {
    input.select();
  });
  var copy = document.getElementById('copy-link');
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      navigator.clipboard.writeText(input.value).then(
        function () {
          status.textContent = box.getAttribute('data-copied');
        },
        function () {
          input.select();
        },
      );
    });
  }
  var share = document.getElementById('share-tracking-link');
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener('click', function () {
      navigator.share({ title: box.getAttribute('data-share-title'), url: input.value }).catch(function () {
        /* dismissed */
      });
    });
  }
})();
