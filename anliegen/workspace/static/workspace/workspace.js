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

// Drafts (issue 16, point 6): the reply and note boxes are saved on the server while the clerk
// types, restored when the page is opened again; leaving with unsaved text asks first.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-draft]");
  Array.prototype.forEach.call(forms, function (form) {
    var url = form.getAttribute("data-draft");
    var kind = form.getAttribute("data-draft-kind");
    var status = form.querySelector(".ws-draft-status");
    var box = function () { return form.querySelector("textarea[name=body]"); };
    if (!box()) return;
    var saved = box().value;
    var timer = null;
    var leaving = false;
    function payload(text) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("kind", kind);
      data.append("body", text);
      return data;
    }
    function save() {
      timer = null;
      var text = box().value;
      if (text === saved) return;
      fetch(url, { method: "POST", body: payload(text), credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          saved = text;
          if (status) status.textContent = status.getAttribute("data-saved-text");
        })
        .catch(function () {
          if (status) status.textContent = status.getAttribute("data-failed-text");
        });
    }
    function later() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 700);
    }
    form.addEventListener("input", later);
    form.addEventListener("htmx:afterSwap", later); // a text module was inserted
    form.addEventListener("submit", function () { leaving = true; });
    window.addEventListener("beforeunload", function (event) {
      if (leaving || box().value === saved) return;
      navigator.sendBeacon(url, payload(box().value));
      event.preventDefault();
      event.returnValue = "";
    });
  });
})();
