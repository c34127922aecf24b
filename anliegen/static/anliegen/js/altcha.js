// ALTCHA proof of work (https://altcha.org protocol v1), solved in the browser without any
// third-party service: find n with SHA-256(salt + n) == challenge, send the signed solution.
// Without JavaScript the form shows a small sum instead; this script hides it once solved.
"use strict";
(function () {
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  async function solve(challenge) {
    var encoder = new TextEncoder();
    for (var n = 0; n <= challenge.maxnumber; n++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) { return n; }
    }
    return null;
  }

  document.addEventListener("DOMContentLoaded", async function () {
    var form = document.querySelector("form[data-altcha]");
    if (!form || !window.crypto || !crypto.subtle) { return; }
    var challenge = JSON.parse(form.getAttribute("data-altcha"));
    var status = document.getElementById("pow-status");
    var started = Date.now();
    var number = await solve(challenge);
    if (number === null) { return; }
    document.getElementById("id_altcha").value = btoa(JSON.stringify({
      algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
      salt: challenge.salt, signature: challenge.signature, took: Date.now() - started
    }));
    document.getElementById("spam-sum").hidden = true;
    if (status) { status.textContent = form.getAttribute("data-altcha-done") || ""; }
  });
})();
