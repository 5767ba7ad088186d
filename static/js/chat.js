// The live room: the browser side of the chat WebSocket protocol (DESIGN.md §5).
//
// Progressive enhancement: the page carries the read-only transcript and the hosts' forms; this
// script shows the live section instead and hides what it replaces (data-chat-replaced).
// Names and content warnings are always inserted as text; only `body_html`, which the server
// rendered and sanitized once on save, is inserted as HTML.
(function () {
  "use strict";
  var root = document.querySelector("[data-chat-room]");
  if (!root || !window.WebSocket) return;

  // Close codes after which reconnecting cannot help: say why and stop (README, "Live chat
  // protocol"). 4001 gets one more try first: a password change gives this browser a new
  // session key, and only a second refusal means it is really signed out.
  var SIGNED_OUT = 4001;
  var FINAL_CLOSES = {
    4001: "You are signed out. Log in again to come back to the room.",
    4003: "You can't join this room.",
    4005: "You are no longer a member of this group, so the room is closed to you.",
    4007: "Your account is suspended, so you can't take part in live rooms.",
    4011: "This conversation has ended."
  };
  // The same closes in a room of another app's space (a mentorship), which has no group.
  var OWNED_ROOM_CLOSES = {
    4005: "This room is no longer open to you."
  };
  var GROUP_ROOM_KINDS = ["session", "quiet"];
  var ROOM_ENDED = 4011;
  // Close codes after which the server asks for a pause before trying again.
  var PAUSED_CLOSES = {
    4006: { delay: 5000, text: "You are muted. Reading again in a moment…" },
    4008: { delay: 15000, text: "The room is full. Trying again in a moment…" },
    4009: { delay: 10000, text: "Too many frames at once. Reconnecting in a moment…" },
    4010: { delay: 1000, text: "A moderator changed your name in this group. Reconnecting…" }
  };
  var BACKOFF_FIRST_MS = 1000;
  var BACKOFF_MAX_MS = 30000;
  var TYPING_SEND_EVERY_MS = 3000;  // at most one "typing" frame per this long
  var TYPING_SHOWN_MS = 4000;       // how long "X is typing…" stays after their last frame
  var INTERRUPTED_TEXT = "Live delivery is interrupted: your message is saved; others will " +
    "see it when it's back";

  var wsPath = root.getAttribute("data-ws-url");
  var flagUrl = root.getAttribute("data-flag-url");
  var historyPageSize = Number(root.getAttribute("data-history-page-size")) || 50;
  var maxMuteMinutes = Number(root.getAttribute("data-max-mute-minutes")) || 1440;

  var statusLine = root.querySelector("[data-chat-status]");
  var presenceLine = root.querySelector("[data-chat-presence]");
  var earlierButton = root.querySelector("[data-chat-earlier-button]");
  var earlierList = root.querySelector("[data-chat-earlier]");
  var liveList = root.querySelector("[data-chat-messages]");
  var emptyNote = root.querySelector("[data-chat-empty]");
  var typingLine = root.querySelector("[data-chat-typing]");
  var composer = root.querySelector("[data-chat-composer]");
  var bodyField = composer.querySelector("textarea");
  var warningField = composer.querySelector("input[name=content_warning]");
  var sendButton = composer.querySelector("[data-chat-send]");
  var errorLine = composer.querySelector("[data-chat-error]");
  var endButton = root.querySelector("[data-chat-end]");

  var socket = null;
  var you = null;            // the hello's "you": persona, name, role, can_send
  var roomKind = null;       // the hello's room kind: a group's room, or another app's
  var lastId = 0;            // the newest message id seen: ?since= on reconnect
  var oldestId = null;       // the oldest shown: "history" before it
  var shown = new Map();     // message id -> its element, so nothing is ever shown twice
  var greeted = false;       // the first hello fills the backlog (not announced)
  var signedOutOnce = false; // a 4001 since the last hello: the next one is final
  var muteTimer = null;
  var attempts = 0;          // reconnects since the last hello, for the backoff
  var reconnectTimer = null;
  var pausedByServer = false; // the pending reconnect waits out a pause the server asked for
  var stopped = false;       // a final close: never reconnect
  var readOnly = false;      // session ended or room not live
  var pending = null;        // {client_id, body, content_warning, sent, failed}
  var lastTypingSent = 0;
  var typingTimers = new Map(); // name -> timer (a Map: a name is any text, "__proto__" too)

  // --- Small helpers --------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function newClientId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // A version 4 UUID from getRandomValues (randomUUID needs a secure context).
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function setStatus(text) {
    if (statusLine.textContent !== text) statusLine.textContent = text;
  }

  function showError(text) {
    errorLine.textContent = text;
  }

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  // --- Rendering a person and a message -------------------------------------------------------

  // The avatar's colour comes from the persona's random public id, as the server's
  // `people.avatar_colour` does (first byte of its SHA-256, modulo 12), so a member looks the
  // same live and in the transcript. Without SubtleCrypto (plain HTTP) a neutral colour.
  var AVATAR_COLOURS = 12;
  var colourOf = new Map();

  function paintAvatar(avatar, personaId) {
    if (colourOf.has(personaId)) {
      avatar.classList.add("avatar-" + colourOf.get(personaId));
      return;
    }
    if (!(window.crypto && window.crypto.subtle && window.TextEncoder)) {
      avatar.classList.add("avatar-10");
      return;
    }
    window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(personaId))
      .then(function (digest) {
        colourOf.set(personaId, new Uint8Array(digest)[0] % AVATAR_COLOURS);
        avatar.classList.add("avatar-" + colourOf.get(personaId));
      }, function () { avatar.classList.add("avatar-10"); });
  }

  function initialOf(name) {
    var match = /[\p{L}\p{N}]/u.exec(name || "");
    return match ? match[0].toUpperCase() : "?";
  }

  function personaElement(author) {
    var persona = element("span", "persona");
    var avatar = element("span", "avatar", initialOf(author.name));
    avatar.setAttribute("aria-hidden", "true");
    paintAvatar(avatar, author.persona);
    persona.append(avatar, element("bdi", "persona-name", author.name));
    return persona;
  }

  function timeElement(iso) {
    var time = element("time", "muted");
    time.setAttribute("datetime", iso);
    var when = new Date(iso);
    time.textContent = isNaN(when) ? "" :
      when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    return time;
  }

  function bodyElement(frame) {
    var body = element("div", "post-body");
    body.setAttribute("dir", "auto");
    body.innerHTML = frame.body_html;  // sanitized by the server (bleach allowlist)
    if (!frame.content_warning) return body;
    var details = element("details", "content-warning");
    var summary = element("summary", null, "Content warning: ");
    // Both hints are in the page; the stylesheet shows the one that matches the state.
    summary.append(
      element("bdi", null, frame.content_warning),
      element("span", "when-closed", " (open to read)"),
      element("span", "when-open", " (close)")
    );
    details.append(summary, body);
    return details;
  }

  function isOwn(frame) {
    return you !== null && frame.author.persona === you.persona;
  }

  function isHost() {
    return you !== null && you.role === "host";
  }

  function actionsElement(frame) {
    var actions = element("div", "actions");
    if (!isOwn(frame)) {
      var flag = element("a", "flag-link", "Flag");
      flag.href = flagUrl.replace("MESSAGE_ID", String(frame.id));
      actions.append(flag);
    }
    if (isHost()) {
      var remove = element("button", "secondary", "Remove");
      remove.type = "button";
      remove.append(hiddenName(frame.author.name, "message by "));
      remove.addEventListener("click", function () {
        send({ type: "message.remove", message_id: frame.id });
      });
      actions.append(remove);
      if (!isOwn(frame)) actions.append(muteForm(frame));
    }
    return actions;
  }

  function hiddenName(name, before) {
    var hidden = element("span", "visually-hidden", " " + (before || ""));
    hidden.append(element("bdi", null, name));
    return hidden;
  }

  function muteForm(frame) {
    var form = element("form", "inline-form chat-mute");
    var fieldId = "chat-mute-" + frame.id;
    var label = element("label", null, "Mute for (minutes)");
    label.htmlFor = fieldId;
    var minutes = element("input");
    minutes.type = "number";
    minutes.id = fieldId;
    minutes.min = "1";
    minutes.max = String(maxMuteMinutes);
    minutes.value = "15";
    var button = element("button", "secondary", "Mute");
    button.type = "submit";
    button.append(hiddenName(frame.author.name));
    form.append(label, minutes, button);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var count = parseInt(minutes.value, 10);
      if (!(count >= 1 && count <= maxMuteMinutes)) {
        setStatus("Choose for how many minutes, from 1 to " + maxMuteMinutes + ".");
        return;
      }
      if (send({ type: "participant.mute", persona: frame.author.persona, minutes: count })) {
        setStatus("Muted for " + count + " minutes.");
      }
    });
    return form;
  }

  function messageElement(frame) {
    var article = element("article", "card chat-message");
    article.id = "live-message-" + frame.id;
    var header = element("header", "post-header");
    header.append(personaElement(frame.author), " ", timeElement(frame.created));
    var parts = [header, bodyElement(frame), actionsElement(frame)];
    if (!frame.hidden_by_block) {
      article.append.apply(article, parts);
      return article;
    }
    // Folded for the blocker only (DESIGN.md §2), with a way to show it.
    var folded = element("details", "blocked-content");
    var summary = element("summary", null, "Hidden: you blocked this person ");
    summary.append(element("span", "muted when-closed", "(show)"), element("span", "muted when-open", "(hide)"));
    folded.append.apply(folded, [summary].concat(parts));
    article.append(folded);
    return article;
  }

  // --- The message list -----------------------------------------------------------------------

  function updateEmptyNote() {
    emptyNote.hidden = liveList.firstChild !== null || earlierList.firstChild !== null;
  }

  // `place`: "live" appends to the announced list, "backlog" appends to the quiet one,
  // "earlier" puts a page of history above everything.
  function addFrames(frames, place) {
    var batch = document.createDocumentFragment();
    frames.forEach(function (frame) {
      if (place === "live" && frame.type === "message" && frame.id <= lastId) {
        restoreMessage(frame);
        return;
      }
      // A removed message still counts as seen: paging and backfill go past it.
      if (oldestId === null || frame.id < oldestId) oldestId = frame.id;
      if (frame.type === "message.removed") {
        removeMessage(frame.id);
        return;
      }
      if (frame.type !== "message") return;
      acknowledge(frame);  // even if already shown (a resend answered with the original)
      if (shown.has(frame.id)) return;  // never twice
      var node = messageElement(frame);
      shown.set(frame.id, node);
      if (frame.id > lastId) lastId = frame.id;
      batch.append(node);
    });
    if (place === "earlier") earlierList.insertBefore(batch, earlierList.firstChild);
    else if (place === "backlog") earlierList.append(batch);
    else liveList.append(batch);
    updateEmptyNote();
  }

  function removeMessage(id) {
    if (id > lastId) lastId = id;
    var node = shown.get(id);
    if (!node) return;
    // Keep focus in the list if it was on the message going away (a host's Remove button).
    var hadFocus = node.contains(document.activeElement);
    node.remove();
    shown.set(id, null);  // stays known: if it is shown again, it goes back in its place
    if (hadFocus) bodyField.focus();
    updateEmptyNote();
  }

  // A live `message` frame no newer than the newest seen: a message a host or moderator hid,
  // shown again (an appeal overturned the hide, and the server sends its ordinary frame once
  // more), or a resend answered with its original. It goes back in its place, by id, once.
  function restoreMessage(frame) {
    acknowledge(frame);
    if (shown.get(frame.id)) return;  // on the page already: never twice
    // Older than anything loaded: "Load earlier messages" brings it in its turn.
    if (oldestId !== null && frame.id < oldestId) return;
    var node = messageElement(frame);
    var next = null;
    var nextId = Infinity;
    shown.forEach(function (other, id) {
      if (other && id > frame.id && id < nextId) {
        next = other;
        nextId = id;
      }
    });
    shown.set(frame.id, node);
    if (next) next.parentNode.insertBefore(node, next);
    else liveList.append(node);
    updateEmptyNote();
  }

  // --- Sending --------------------------------------------------------------------------------

  // The text stays in the box until the server's own `message` frame for its client_id comes
  // back; a resend of the same text reuses that client_id, which the server never stores twice.
  function submitMessage() {
    var body = bodyField.value;
    var warning = warningField.value;
    if (!body.trim() || readOnly || (you && !you.can_send)) return;
    if (!pending || pending.body !== body || pending.content_warning !== warning) {
      pending = { client_id: newClientId(), body: body, content_warning: warning };
    }
    pending.failed = false;
    showError("");
    pending.sent = sendPending();
    if (!pending.sent) setStatus(reconnectingText());
  }

  function reconnectingText() {
    var kept = pending !== null && !pending.sent && !pending.failed;
    return kept ? "Reconnecting… Your message is kept and will be sent then." : "Reconnecting…";
  }

  function sendPending() {
    var frame = { type: "message.send", client_id: pending.client_id, body: pending.body };
    if (pending.content_warning) frame.content_warning = pending.content_warning;
    return send(frame);
  }

  function acknowledge(frame) {
    if (!pending || frame.client_id !== pending.client_id) return;
    // Clear only what was sent: if the member kept typing, their new text stays.
    if (bodyField.value === pending.body) bodyField.value = "";
    if (warningField.value === pending.content_warning) warningField.value = "";
    pending = null;
    showError("");
  }

  bodyField.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    submitMessage();
  });

  bodyField.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTypingSent < TYPING_SEND_EVERY_MS || !bodyField.value) return;
    if (send({ type: "typing" })) lastTypingSent = now;
  });

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    submitMessage();
  });

  // --- Incoming frames ------------------------------------------------------------------------

  function onHello(frame) {
    you = frame.you;
    roomKind = frame.room ? frame.room.kind : null;
    attempts = 0;
    signedOutOnce = false;
    var backlog = !greeted;
    greeted = true;
    addFrames(frame.messages || [], backlog ? "backlog" : "live");
    if (backlog) earlierButton.hidden = (frame.messages || []).length < historyPageSize;
    readOnly = !(frame.room && frame.room.live);
    watchMuteEnd();
    if (endButton) endButton.parentNode.hidden = !isHost() || readOnly;
    setStatus(readOnly ? "The room is read-only now." : "Connected.");
    updateComposer();
    // A message typed while disconnected, or sent just before the connection dropped and not
    // in the backfill: send it now under the same client_id (stored once whatever happened).
    if (pending && !pending.failed && !readOnly) pending.sent = sendPending();
  }

  function onError(frame) {
    var forPending = pending && frame.ref && frame.ref === pending.client_id;
    if (frame.code === "live_delivery_interrupted") {
      // Stored and acknowledged: the text has done its job.
      if (forPending) {
        bodyField.value = bodyField.value === pending.body ? "" : bodyField.value;
        pending = null;
      }
      showError(INTERRUPTED_TEXT);
      return;
    }
    if (frame.code === "muted" && you) {
      you.can_send = false;
      updateComposer();
    }
    if (forPending) pending.failed = true;
    if (forPending || frame.ref === null || frame.ref === undefined) {
      showError(frame.detail || "That didn't work.");
    }
  }

  function onTyping(frame) {
    var name = String(frame.name);
    clearTimeout(typingTimers.get(name));
    typingTimers.set(name, setTimeout(function () {
      typingTimers.delete(name);
      showTyping();
    }, TYPING_SHOWN_MS));
    showTyping();
  }

  function clearTyping() {
    typingTimers.forEach(function (timer) { clearTimeout(timer); });
    typingTimers.clear();
    showTyping();
  }

  function showTyping() {
    var names = Array.from(typingTimers.keys());
    typingLine.textContent = names.length === 0 ? "" :
      names.length === 1 ? names[0] + " is typing…" :
      names.length === 2 ? names[0] + " and " + names[1] + " are typing…" :
      "Several people are typing…";
  }

  function onHistory(frame) {
    addFrames(frame.messages || [], "earlier");
    earlierButton.disabled = false;
    if (frame.more) return;
    // The button goes away with nothing before it: keep a keyboard user's place at the top.
    var hadFocus = document.activeElement === earlierButton;
    earlierButton.hidden = true;
    if (hadFocus) earlierList.focus();
  }

  function onSessionEnded() {
    readOnly = true;
    if (endButton) endButton.parentNode.hidden = true;
    setStatus("The session has ended.");
    updateComposer();
  }

  var HANDLERS = {
    hello: onHello,
    message: function (frame) { addFrames([frame], "live"); },
    "message.removed": function (frame) { removeMessage(frame.id); },
    presence: function (frame) {
      presenceLine.textContent = frame.count + " here";
      // Presence travels through the live layer: if it arrives, delivery is back.
      if (errorLine.textContent === INTERRUPTED_TEXT) showError("");
    },
    typing: onTyping,
    "session.ended": onSessionEnded,
    history: onHistory,
    error: onError
  };

  function onFrame(event) {
    var frame;
    try {
      frame = JSON.parse(event.data);
    } catch (_error) {
      return;
    }
    var handler = frame && HANDLERS[frame.type];
    if (handler) handler(frame);
  }

  // --- The composer's state -------------------------------------------------------------------

  function updateComposer() {
    var open = socket !== null && socket.readyState === WebSocket.OPEN;
    var canSend = open && you !== null && you.can_send && !readOnly;
    sendButton.disabled = !canSend;
    // Ended: nothing more can be written. Disconnected or muted: the text can still be edited.
    bodyField.disabled = readOnly;
    warningField.disabled = readOnly;
    if (open && you !== null && !you.can_send && !readOnly) setStatus(mutedSentence());
  }

  // The server lifts a mute by itself: let the composer follow at the time it gave.
  function watchMuteEnd() {
    clearTimeout(muteTimer);
    if (you.can_send || !you.muted_until) return;
    var wait = new Date(you.muted_until).getTime() - Date.now();
    if (!(wait > 0)) return;
    muteTimer = setTimeout(function () {
      you.can_send = !readOnly;
      you.muted_until = null;
      setStatus("Connected.");
      updateComposer();
    }, wait + 1000);
  }

  function mutedSentence() {
    if (!you.muted_until) return "You can read, but not send, in this room.";
    var until = new Date(you.muted_until).toLocaleTimeString([], {
      hour: "2-digit", minute: "2-digit"
    });
    return "You are muted until " + until + ". You can still read.";
  }

  // --- Connection -----------------------------------------------------------------------------

  function socketUrl() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var since = lastId > 0 ? "?since=" + lastId : "";
    return scheme + window.location.host + wsPath + since;
  }

  function connect() {
    reconnectTimer = null;
    socket = new WebSocket(socketUrl());
    socket.addEventListener("message", onFrame);
    socket.addEventListener("open", updateComposer);
    socket.addEventListener("close", onClose);
  }

  function onClose(event) {
    socket = null;
    updateComposer();
    clearTyping();
    if (event.code === SIGNED_OUT && !signedOutOnce) {
      signedOutOnce = true;
      setStatus(reconnectingText());
      schedule(backoffDelay());
      return;
    }
    if (FINAL_CLOSES[event.code]) {
      stopped = true;
      if (event.code === ROOM_ENDED) readOnly = true;
      updateComposer();
      setStatus(finalCloseText(event.code));
      return;
    }
    var paused = PAUSED_CLOSES[event.code];
    pausedByServer = Boolean(paused);
    if (paused) {
      setStatus(paused.text);
      schedule(paused.delay);
      return;
    }
    setStatus(reconnectingText());
    schedule(backoffDelay());
  }

  function finalCloseText(code) {
    var owned = roomKind !== null && GROUP_ROOM_KINDS.indexOf(roomKind) === -1;
    return (owned && OWNED_ROOM_CLOSES[code]) || FINAL_CLOSES[code];
  }

  // Exponential backoff with jitter, so a restarted server is not met by everyone at once.
  function backoffDelay() {
    var ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * Math.pow(2, attempts));
    attempts += 1;
    return ceiling / 2 + Math.random() * ceiling / 2;
  }

  function schedule(delay) {
    if (stopped || reconnectTimer !== null) return;
    reconnectTimer = setTimeout(connect, delay);
  }

  // Back online (a phone leaving a tunnel): try now rather than at the end of the backoff.
  // Not during a pause the server asked for: that timer's delay is its own.
  window.addEventListener("online", function () {
    if (reconnectTimer === null || pausedByServer) return;
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    connect();
  });

  earlierButton.addEventListener("click", function () {
    if (oldestId === null) return;
    if (send({ type: "history", before: oldestId })) earlierButton.disabled = true;
  });

  if (endButton) {
    endButton.addEventListener("click", function () {
      send({ type: "session.end" });
    });
  }

  // --- Start: show the live room in place of the read-only page parts ---------------------------

  Array.prototype.forEach.call(document.querySelectorAll("[data-chat-replaced]"), function (node) {
    node.hidden = true;
  });
  root.hidden = false;
  sendButton.disabled = true;
  connect();
})();
