// Quick exit: blank the page at once, then replace it with a neutral site so that Back does not
// return here. Nothing is sent to Lantern on the way out. Without JavaScript the button is a
// plain link to the same site (rel="noreferrer" and Referrer-Policy: same-origin hide where it
// came from: other sites never get a Lantern address as referrer).
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.getAttribute("data-quick-exit-url") || link.href;
  var PRESS_WINDOW_MS = 2000;

  function leave(event) {
    if (event) event.preventDefault();
    // Hide first: the navigation may take a moment, and the screen must not linger.
    document.documentElement.style.display = "none";
    document.title = "";
    window.location.replace(target);
  }

  link.addEventListener("click", leave);

  // Shift pressed three times within two seconds, as in GOV.UK's "Exit this page". A Shift that
  // was used to type a capital letter does not count, so writing a post never triggers it.
  var presses = [];
  var shiftModifiedAKey = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) shiftModifiedAKey = false;
      return;
    }
    presses = [];
    if (event.shiftKey) shiftModifiedAKey = true;
  }, true);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (shiftModifiedAKey) {
      shiftModifiedAKey = false;
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < PRESS_WINDOW_MS; });
    presses.push(now);
    if (presses.length >= 3) leave();
  }, true);

  // A modal <dialog> covers everything and makes the rest of the page inert, the button
  // included: give each open dialog its own copy, so Quick exit stays one click away.
  function equipDialog(dialog) {
    if (!dialog.open || dialog.querySelector(".quick-exit")) return;
    var copy = link.cloneNode(true);
    copy.removeAttribute("id");
    copy.addEventListener("click", leave);
    dialog.insertBefore(copy, dialog.firstChild);
  }
  if (window.MutationObserver) {
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.target.tagName === "DIALOG") equipDialog(change.target);
      });
    }).observe(document.documentElement, {
      attributes: true, attributeFilter: ["open"], subtree: true
    });
  }
})();
