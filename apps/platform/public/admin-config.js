// Keeps each colour picker and its hex text field in step (the text field is what the form sends).
document.querySelectorAll('input[data-color-for]').forEach(function (picker) {
  var text = document.getElementById(picker.getAttribute('data-color-for'));
  if (!text) return;
  picker.addEventListener('input', function () {
    text.value = picker.value;
  });
  text.addEventListener('input', function () {
    if (/^#[0-9a-fA-F]{6}$/.test(text.value)) picker.value = text.value.toLowerCase();
  });
});

// Shows the chosen logo before it is uploaded: the preview of a logo change happens in the browser.
(function () {
  var input = document.getElementById('logo');
  var preview = document.getElementById('logo-preview');
  var figure = document.getElementById('logo-preview-figure');
  if (!input || !preview || !figure) return;
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file || !/^image\/(png|jpeg|webp)$/.test(file.type)) {
      figure.hidden = true;
      return;
    }
    preview.src = URL.createObjectURL(file);
    figure.hidden = false;
  });
})();
