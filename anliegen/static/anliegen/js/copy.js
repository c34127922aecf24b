// "Link kopieren": without this file the link is plain text to select and copy.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    var status = document.getElementById("copy-status");
    if (!source || !status) { return; }
    function say(text) {
      // Emptied first so that a second press is announced again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
    function selectSource() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    function fallback() {
      // Clipboard API only on secure origins: copy the selected text the old way.
      selectSource();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      say(done ? button.dataset.copied : button.dataset.failed);
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.href || source.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { say(button.dataset.copied); },
          fallback
        );
      } else {
        fallback();
      }
    });
  });
});
