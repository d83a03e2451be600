// The import job's page with script on (progress-poll.js): the job's JSON moves the bar and the counts in place;
// once the job has ended, the page's own result section replaces this one.
(function () {
  window.followProgress(document.getElementById("import-job"), "import-job", function (job) {
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
    return job.state === "done" || job.state === "failed";
  });
})();
