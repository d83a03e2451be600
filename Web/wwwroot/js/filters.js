// On a phone the filters come before the results, folded so the results stay one tap away.
// Without JavaScript they stay open, still before the results.
(function () {
  var filters = document.getElementById("filters");
  if (filters && window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) {
    filters.open = false;
  }
})();
