// The import job's page with script on: the job's JSON every second moves the bar and the counts in place;
// once the job has ended, the page's own result section replaces this one, still without a reload.
(function () {
  var section = document.getElementById("import-job");
  if (!section || !window.fetch) {
    return;
  }
  var url = section.getAttribute("data-status");
  function show(job) {
    var state = document.getElementById("import-state");
    var bar = document.getElementById("import-progress");
    var phase = job.state === "queued" ? "queued" : job.validRows === null ? "checking" : "storing";
    if (state) {
      state.textContent = state.getAttribute("data-" + phase);
    }
    if (bar && job.validRows !== null) {
      bar.max = Math.max(1, job.validRows);
      bar.value = job.rowsStored;
      bar.textContent = job.rowsStored + " of " + job.validRows;
    }
    document.getElementById("rows-checked").textContent = job.rowsChecked;
    document.getElementById("rows-stored").textContent = job.rowsStored;
    document.getElementById("rows-total").textContent =
      job.totalRows === null ? "" : " (the file has " + job.totalRows + " rows, " + job.validRows + " valid)";
  }
  function ended() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (answer) { return answer.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var done = page.getElementById("import-job");
        if (done) {
          section.replaceWith(done);
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
      .then(function (job) {
        show(job);
        if (job.state === "done" || job.state === "failed") {
          ended();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        // The JSON cannot be read now: the page itself, reloaded, still says where the job is.
        window.setTimeout(function () { window.location.reload(); }, 2000);
      });
  }
  window.setTimeout(poll, 1000);
})();
