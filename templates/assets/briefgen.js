// briefgen: accessibility fixes for the theme's markup.
// Material's search dialog (role="dialog") has no accessible name; screen readers announce it as
// an unnamed dialog (axe-core: aria-dialog-name). Name it after its search box.
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
  var input = dialog.querySelector('input[aria-label]');
  dialog.setAttribute('aria-label', input ? input.getAttribute('aria-label') : 'Search');
});
