// "@" autocomplete for the post textareas that carry data-mention-names (the URL of the
// group's member names). Typing "@" and a few letters lists matching members of this group;
// ArrowDown/ArrowUp move through them, Enter or Tab picks one, Escape closes the list, and a
// click picks too. Without this script, typing the whole name after "@" works the same: the
// server finds mentions when the post is saved.
(function () {
  "use strict";

  var MAX_TYPED = 32; // longer than any name: no lookup
  var DELAY_MS = 150;
  var counter = 0;

  // The "@word" being typed just before the caret, or null. Names hold spaces, so what is
  // typed may too; an "@" right after a letter (an email address) starts nothing.
  function typedMention(textarea) {
    var caret = textarea.selectionStart;
    if (caret !== textarea.selectionEnd) return null;
    var before = textarea.value.slice(0, caret);
    var at = before.lastIndexOf("@");
    if (at === -1) return null;
    var typed = before.slice(at + 1);
    if (!typed || typed.length > MAX_TYPED || /[\n@]/.test(typed) || /^\s/.test(typed)) return null;
    if (at > 0 && /[\p{L}\p{N}_]/u.test(before.charAt(at - 1))) return null;
    return { start: at, end: caret, typed: typed };
  }

  function attach(textarea) {
    var source = textarea.getAttribute("data-mention-names");
    var id = "mention-list-" + ++counter;
    var list = document.createElement("ul");
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People in this group");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    textarea.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", id);

    var names = [];
    var active = -1;
    var mention = null;
    var timer = null;
    var asked = 0; // the newest request; older answers arriving late are dropped

    function close() {
      list.hidden = true;
      list.textContent = "";
      names = [];
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) textarea.setAttribute("aria-activedescendant", id + "-" + index);
      else textarea.removeAttribute("aria-activedescendant");
    }

    function pick(index) {
      if (!mention || index < 0 || index >= names.length) return;
      var value = textarea.value;
      var name = names[index];
      var inserted = "@" + name + " ";
      textarea.value = value.slice(0, mention.start) + inserted + value.slice(mention.end);
      var caret = mention.start + inserted.length;
      textarea.setSelectionRange(caret, caret);
      close();
      status.textContent = name + " inserted.";
      textarea.focus();
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function show(found) {
      names = found;
      list.textContent = "";
      if (!names.length) {
        close();
        status.textContent = "";
        return;
      }
      names.forEach(function (name, index) {
        var option = document.createElement("li");
        option.id = id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = name;
        option.dir = "auto";
        // mousedown, not click: the textarea keeps the focus and the caret.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(index);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      highlight(0);
      status.textContent =
        names.length + (names.length === 1 ? " name" : " names") +
        " found. Up and down arrows to choose, Enter to insert, Escape to close.";
    }

    function lookUp() {
      mention = typedMention(textarea);
      if (!mention) {
        close();
        return;
      }
      var request = ++asked;
      var url = source + "?q=" + encodeURIComponent(mention.typed);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { names: [] };
        })
        .then(function (body) {
          if (request === asked) show(Array.isArray(body.names) ? body.names : []);
        })
        .catch(function () {
          if (request === asked) close();
        });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, DELAY_MS);
    });

    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % names.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + names.length) % names.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        if (active >= 0) {
          event.preventDefault();
          pick(active);
        }
      } else if (event.key === "Escape") {
        event.preventDefault(); // the list closes; the page's own Escape handling waits
        event.stopPropagation();
        close();
      }
    });

    textarea.addEventListener("blur", function () {
      // After a click on an option (mousedown keeps the focus, but a tap may not).
      setTimeout(close, 200);
    });
  }

  document.querySelectorAll("textarea[data-mention-names]").forEach(attach);
})();
