// Small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Move keyboard and screen-reader focus to the error summary after a failed submit, else
  // to the heading of a page that follows a step (review, confirmation): a screen reader
  // starts reading there, not at the header.
  var target = document.getElementById("error-summary") ||
    document.querySelector("[data-focus-on-load]");
  if (target) { target.focus(); }
});
