// The post forms (reply, new thread, edit): preview in place, quote into the reply box, and ask
// before leaving a page with unsent text. Plain script, no library, no inline handlers (CSP).
// Every part has a no-JavaScript path in the page itself: the Preview button posts the form,
// the Quote link prefills the reply box from the server. Nothing is stored on the device
// (no localStorage or sessionStorage): a shared computer must not keep what someone wrote.
(function () {
  "use strict";

  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-composer]"));
  if (!forms.length) return;

  // --- Opening at the error ---------------------------------------------------------------
  // The server marks the field with the error `autofocus`. Chrome ignores autofocus on a page
  // whose address has a fragment (the reply form's `#reply`), and scrolling to the fragment,
  // after the page has loaded, can take focus back: focus it now and once more after that.
  var marked = document.querySelector("form[data-composer] [autofocus]");
  function focusMarked() {
    if (marked && document.activeElement !== marked) marked.focus();
  }
  focusMarked();
  window.addEventListener("load", function () { window.setTimeout(focusMarked, 0); });

  // --- Leaving with unsent text -----------------------------------------------------------
  var submitting = false;

  function changed(form) {
    // A form the server sent back (after a preview or an error) holds text not yet sent.
    if (form.getAttribute("data-composer") === "unsent") return true;
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "hidden" || !("defaultValue" in field)) return false;
      if (field.tagName === "BUTTON") return false;
      return field.value !== field.defaultValue;
    });
  }

  window.addEventListener("beforeunload", function (event) {
    // The quick exit hides the page before it leaves: it must never be held up by a prompt.
    if (document.documentElement.style.display === "none") return;
    if (submitting || !forms.some(changed)) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need a value to show their own prompt
  });

  // --- Preview ----------------------------------------------------------------------------
  forms.forEach(function (form) {
    var region = form.parentNode.querySelector("[data-preview-region]");
    var button = form.querySelector("[data-preview-button]");

    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!(region && button && submitter === button && window.fetch && window.FormData)) {
        submitting = true;
        return;
      }
      event.preventDefault();
      var data = new FormData(form);
      data.append("preview", "1");
      button.disabled = true;
      region.setAttribute("aria-busy", "true");
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Lantern-Fragment": "preview" },
      })
        .then(function (response) {
          return response.text().then(function (html) {
            if (!response.ok && response.status !== 400) throw new Error(response.status);
            return html;
          });
        })
        .then(function (html) {
          // The fragment comes from our own server, rendered by the same sanitizer as posts.
          region.innerHTML = html;
        })
        .catch(function () {
          region.textContent = "The preview could not be loaded. Your text is still here.";
        })
        .then(function () {
          button.disabled = false;
          region.removeAttribute("aria-busy");
        });
    });
  });

  // --- Quote ------------------------------------------------------------------------------
  var replyForm = document.querySelector("#reply form[data-composer]");
  var replyBox = replyForm && replyForm.querySelector("textarea[name='body']");
  if (!replyBox) return;

  function quoted(author, text) {
    var lines = text.replace(/\s+$/, "").split(/\r?\n/).map(function (line) {
      return line.trim() ? "> " + line : ">";
    });
    // Names are escaped as the server escapes them (groups/views/composing.py).
    var name = author.replace(/([\\`*_\[\]<>#!|~])/g, "\\$1");
    return name + " wrote:\n\n" + lines.join("\n") + "\n\n";
  }

  function insert(text) {
    var current = replyBox.value;
    var separator = current && !/\n\n$/.test(current) ? (/\n$/.test(current) ? "\n" : "\n\n") : "";
    replyBox.value = current + separator + text;
    replyBox.focus();
    replyBox.setSelectionRange(replyBox.value.length, replyBox.value.length);
    replyBox.scrollIntoView({ block: "center" });
  }

  function selectionInside(post) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return "";
    var body = post.querySelector(".post-body");
    var range = selection.getRangeAt(0);
    if (!body || !body.contains(range.commonAncestorContainer)) return "";
    return selection.toString();
  }

  // Pressing a link may clear the selection before its click: note it when the press starts.
  var pressedSelection = null;
  document.addEventListener("mousedown", function (event) {
    var link = event.target.closest && event.target.closest("a.quote-link");
    var post = link && link.closest("article.post");
    pressedSelection = post ? { link: link, text: selectionInside(post) } : null;
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.quote-link");
    if (!link) return;
    var post = link.closest("article.post");
    var author = link.getAttribute("data-quote-author") || "";
    var selected = post ? selectionInside(post) : "";
    if (!selected && pressedSelection && pressedSelection.link === link) {
      selected = pressedSelection.text;
    }
    pressedSelection = null;
    event.preventDefault();
    if (selected.trim()) {
      insert(quoted(author, selected));
      return;
    }
    // The whole post: its Markdown source, from the server (the page shows only HTML).
    fetch(link.getAttribute("data-quote-source"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(insert)
      .catch(function () {
        window.location.href = link.href; // the no-JavaScript path
      });
  });
})();
