// Small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Move keyboard and screen-reader focus to the error summary after a failed submit.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
