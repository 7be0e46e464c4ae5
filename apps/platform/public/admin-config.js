// Keeps each colour picker and its hex text field in step (the text field is what the form sends).
document.querySelectorAll('input[data-color-for]').forEach(function (picker) {
  var text = document.getElementById(picker.getAttribute('data-color-for'));
  if (!text) return;
  picker.addEventListener('input', function () { text.value = picker.value; });
  text.addEventListener('input', function () { if (/^#[0-9a-fA-F]{6}$/.test(text.value)) picker.value = text.value.toLowerCase(); });
});
