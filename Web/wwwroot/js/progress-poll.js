// Long work followed on its page with script on (an import job, a harvest): the work's JSON every second goes to
// show(), which moves the numbers in place and says whether the work has ended; then the page, read again, gives
// the part named by replacedId, which takes the place of the one shown, still without a reload.
window.followProgress = function (element, replacedId, show) {
  if (!element || !window.fetch) {
    return;
  }
  var url = element.getAttribute("data-status");
  function ended() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (answer) { return answer.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var done = page.getElementById(replacedId);
        var shown = document.getElementById(replacedId);
        if (done && shown) {
          shown.replaceWith(done);
        }
      });
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error(answer.status);
        }
        return answer.json();
      })
      .then(function (status) {
        if (show(status)) {
          ended();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        // The JSON cannot be read now: the page itself, reloaded, still says where the work is.
        window.setTimeout(function () { window.location.reload(); }, 2000);
      });
  }
  window.setTimeout(poll, 1000);
};
