// Keyboard shortcuts for the workspace. Loaded as a file (no inline script) for a strict CSP.
// "/" search, "i" inbox, "e" intake, "r" reply, "n" internal note, "?" this list.
(function () {
  "use strict";
  var focusTargets = { "/": "ws-search", r: "reply-id_body", n: "note-id_body" };
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
    if (event.key === "?") {
      // The help is a plain <details> in the header (it works without JavaScript too).
      var help = document.getElementById("ws-shortcuts");
      if (help) {
        event.preventDefault();
        help.open = !help.open;
        help.querySelector("summary").focus();
      }
      return;
    }
    var target = focusTargets[event.key];
    if (target && document.getElementById(target)) {
      event.preventDefault();
      document.getElementById(target).focus();
      return;
    }
    var link = document.querySelector('[data-shortcut="' + event.key + '"]');
    if (link) {
      event.preventDefault();
      window.location.href = link.getAttribute("href");
    }
  });
})();

// A refused action re-renders the long ticket page: bring its message (shown at the form that
// caused it) into view and focus, so that nobody has to look for it.
(function () {
  "use strict";
  var alert = document.querySelector(".ws-action .ws-error, form .ws-error");
  if (!alert) return;
  alert.setAttribute("tabindex", "-1");
  alert.scrollIntoView({ block: "center" });
  alert.focus();
})();
