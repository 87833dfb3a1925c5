/* camlo one-stop: irreversible steps (refuse, reject, withdraw, return) ask before they are
   sent. ES5 only: old PCs. Without JavaScript the form still works. */
(function () {
  var forms = document.querySelectorAll('form[data-confirm]');
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener('submit', function (e) {
      if (!window.confirm(this.getAttribute('data-confirm'))) { e.preventDefault(); }
    });
  }
}());
