// A source's page while it harvests, with script on (progress-poll.js): the source's JSON moves the pages and rows
// in place; once the run has ended, the page read again (its last run, history and chart) replaces this one.
(function () {
  window.followProgress(document.getElementById("harvest-run"), "source-page", function (history) {
    if (!history.status.running) {
      return true;
    }
    var run = history.status.currentRun;
    var state = document.getElementById("harvest-state");
    state.textContent = state.getAttribute(run ? "data-reading" : "data-starting");
    var pages = run ? run.pages : 0;
    document.getElementById("harvest-progress").textContent = pages + " pages";
    document.getElementById("harvest-pages").textContent = pages;
    document.getElementById("harvest-rows").textContent = run ? run.rowsRead : 0;
    document.getElementById("harvest-stored").textContent = run ? run.stored : 0;
    document.getElementById("harvest-rejected").textContent = run ? run.failed : 0;
    return false;
  });
})();
