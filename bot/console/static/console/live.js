/*
 * Paisano console: so agents never miss a message. Plain ES2019, no build step.
 *
 * Queue page (#queue): queue.js polls the feed through PaisanoLive.fetchFeed (ETag /
 * If-None-Match: an idle poll is an empty 304) and calls PaisanoLive.decorate(tr, c) for
 * every row (unread count, preview of the last message) and PaisanoLive.feed(data) after
 * each redraw (the team list, and the alerts). Alerts are opt-in: "Activar avisos" plays
 * a short sound and shows a browser notification for a new urgent case and for new
 * messages in one's own conversations; the browser asks for permission only on that click.
 *
 * Conversation page (#conversation): the action forms (reply, note, claim, transfer,
 * release, close) are sent with fetch (Accept: application/json, X-CSRF-Token) instead of
 * reloading; replies and notes then appear through conversation.js's next poll (asked for
 * at once with the "paisano:poll" event), and after a change of hands the page's parts
 * other than the history are fetched again and swapped in. The reply box reports typing
 * at most every TYPING_EVERY_MS. Without JavaScript the forms post and redirect as before.
 *
 * Every server text is inserted with textContent, never as HTML.
 */
(function () {
  'use strict';

  var C = window.PaisanoConsole;
  var ALERTS_KEY = 'paisano.console.alerts';
  var TYPING_EVERY_MS = 3000;
  var ACTIONS = /\/c\/\d+\/(reply|note|claim|transfer|release|close)$/;
  var etags = {}; // url -> [etag, body]
  var previous = null; // the last feed's {urgent ids, unread of mine}, null before the first
  var audio = null;

  // ---- queue: conditional polls ----------------------------------------------------------

  // Like PaisanoConsole.fetchJSON, but a 304 gives back the last body, flagged unchanged.
  function fetchFeed(url, timeoutMs) {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, timeoutMs || 10000) : 0;
    var headers = { 'Accept': 'application/json', 'X-CSRF-Token': C.csrf };
    if (etags[url]) headers['If-None-Match'] = etags[url][0];
    var opts = { method: 'GET', credentials: 'same-origin', cache: 'no-store', headers: headers };
    if (ctrl) opts.signal = ctrl.signal;
    return fetch(url, opts).then(function (res) {
      if (res.status === 304 && etags[url]) {
        return { ok: true, status: 304, body: etags[url][1], unchanged: true };
      }
      return res.json().then(function (body) {
        var tag = res.headers.get('ETag');
        if (res.ok && tag) etags[url] = [tag, body];
        return { ok: res.ok, status: res.status, body: body, unchanged: false };
      }, function () { return { ok: res.ok, status: res.status, body: null }; });
    }).finally(function () { clearTimeout(timer); });
  }

  function unreadBadge(n) {
    var b = document.createElement('span');
    b.className = 'badge badge-unread';
    b.textContent = n + ' sin leer';
    return b;
  }

  // Adds the unread count and the preview to a row drawn by queue.js.
  function decorate(tr, c) {
    if (c.unread > 0) {
      var flag = tr.firstChild;
      flag.insertBefore(document.createTextNode(' '), flag.firstChild);
      flag.insertBefore(unreadBadge(c.unread), flag.firstChild);
      tr.classList.add('unread');
    }
    var topic = tr.querySelector('td[data-label="Tema"]');
    if (topic && c.preview) {
      var p = document.createElement('span');
      p.className = 'preview';
      p.textContent = c.preview;
      topic.appendChild(p);
    }
  }

  function renderTeam(team) {
    var list = document.getElementById('team-list');
    if (!list || !Array.isArray(team)) return;
    var frag = document.createDocumentFragment();
    team.forEach(function (m) {
      var li = document.createElement('li');
      li.className = 'presence-' + m.presence;
      var dot = document.createElement('span');
      dot.className = 'dot';
      dot.setAttribute('aria-hidden', 'true');
      li.appendChild(dot);
      li.appendChild(document.createTextNode(
        m.name + ' · ' + m.label + ' · ' + m.open + (m.open === 1 ? ' abierta' : ' abiertas')));
      frag.appendChild(li);
    });
    list.textContent = '';
    list.appendChild(frag);
  }

  // ---- queue: alerts -------------------------------------------------------------------

  function alertsOn() {
    try { return window.localStorage.getItem(ALERTS_KEY) === '1'; } catch (e) { return false; }
  }

  function setAlerts(on) {
    try { window.localStorage.setItem(ALERTS_KEY, on ? '1' : '0'); } catch (e) { /* private mode */ }
  }

  function beep() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    try {
      if (!audio) audio = new Ctx();
      if (audio.state === 'suspended') audio.resume();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.35);
    } catch (e) { /* no sound: the notification and the page still tell */ }
  }

  function notify(title, body, id) {
    beep();
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    try {
      var n = new Notification(title, { body: body, tag: 'paisano-' + id });
      n.onclick = function () {
        window.focus();
        window.location.href = openUrl(id);
      };
    } catch (e) { /* some browsers allow notifications only from a service worker */ }
  }

  function openUrl(id) {
    var root = document.getElementById('queue') || document.getElementById('conversation');
    return (root.getAttribute('data-open') || '').replace(/\/0$/, '/' + id);
  }

  // On a conversation page the queue is not on screen: with alerts on, its feed is polled
  // here too (a 304 when nothing changed), so a new urgent case or a message in another of
  // one's conversations still rings.
  function alertsFromConversation(root) {
    var url = root.getAttribute('data-feed');
    if (!url) return;
    function tick() {
      if (!alertsOn()) { previous = null; setTimeout(tick, 5000); return; }
      fetchFeed(url, 8000).then(function (res) {
        if (res.ok && res.body) watch(res.body);
      }).catch(function () { /* the next poll tries again */ }).then(function () {
        setTimeout(tick, 3000);
      });
    }
    tick();
  }

  // Compares this feed with the previous one: a new urgent case, or more unread in mine.
  function watch(data) {
    var now = { urgent: {}, mine: {} };
    (data.waiting || []).forEach(function (c) { if (c.urgent) now.urgent[c.id] = true; });
    (data.mine || []).forEach(function (c) { now.mine[c.id] = c.unread || 0; });
    if (previous !== null && alertsOn()) {
      Object.keys(now.urgent).forEach(function (id) {
        if (!previous.urgent[id]) notify('Caso urgente nuevo', 'Conversación ' + id + ' espera en la cola.', id);
      });
      (data.mine || []).forEach(function (c) {
        if ((c.unread || 0) > (previous.mine[c.id] || 0)) {
          notify('Mensaje nuevo', 'Conversación ' + c.id + ': ' + (c.preview || ''), c.id);
        }
      });
    }
    previous = now;
  }

  function feed(data) {
    renderTeam(data.team);
    watch(data);
  }

  function alertsButton() {
    var live = document.getElementById('live');
    if (!live) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.id = 'alerts';
    function label() {
      var on = alertsOn();
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.textContent = on ? 'Avisos activados' : 'Activar avisos';
    }
    button.addEventListener('click', function () {
      var on = !alertsOn();
      setAlerts(on);
      label();
      if (!on) return;
      beep(); // also unlocks sound: browsers allow it only after a click
      if ('Notification' in window && Notification.permission === 'default') {
        Notification.requestPermission();
      }
    });
    label();
    live.parentNode.insertBefore(button, live.nextSibling);
  }

  // ---- conversation: actions without reloading -------------------------------------------

  function say(text, kind) {
    var box = document.getElementById('live-result');
    if (!box) return;
    box.className = 'flash flash-' + (kind || 'ok');
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    box.textContent = text;
    box.hidden = false;
  }

  function post(form) {
    return fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': C.csrf },
      body: new URLSearchParams(new FormData(form))
    }).then(function (res) {
      if (res.status === 401) { window.location.reload(); return null; }
      return res.json().then(function (body) { return body; },
        function () { return { ok: false, message: 'No se pudo (error ' + res.status + '). Intenta de nuevo.' }; });
    });
  }

  // The page's parts other than the history, fetched again after a change of hands.
  function refreshParts() {
    return fetch(window.location.pathname, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('conversation');
        var root = document.getElementById('conversation');
        var history = document.getElementById('transcript');
        if (!fresh || !root) return;
        ['data-status', 'data-assigned'].forEach(function (a) {
          root.setAttribute(a, fresh.getAttribute(a) || '');
        });
        var parts = [];
        Array.prototype.forEach.call(fresh.children, function (child) {
          var keep = child.querySelector('#transcript') && history ? history.closest('#conversation > *') : null;
          parts.push(keep || document.importNode(child, true));
        });
        root.replaceChildren.apply(root, parts);
        document.dispatchEvent(new CustomEvent('paisano:refreshed'));
      });
  }

  function onSubmit(event) {
    var form = event.target;
    if (event.defaultPrevented || !form || form.tagName !== 'FORM') return;
    var match = ACTIONS.exec(form.getAttribute('action') || '');
    if (!match || !form.closest('#conversation')) return;
    event.preventDefault();
    var action = match[1];
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    post(form).then(function (body) {
      if (!body) return;
      say(body.message || '', body.ok ? 'ok' : 'error');
      if (body.warning) say(body.message + ' ' + body.warning, 'warning');
      var handsChanged = action !== 'reply' && action !== 'note';
      if (!body.ok) return handsChanged ? refreshParts() : null; // show how things stand now
      var text = form.querySelector('textarea');
      if (text) text.value = '';
      document.dispatchEvent(new CustomEvent('paisano:poll'));
      if (handsChanged) return refreshParts();
    }).catch(function () {
      say('Sin conexión: no se envió. Intenta de nuevo.', 'error');
    }).then(function () {
      if (button) button.disabled = false;
    });
  }

  function watchTyping() {
    var last = 0;
    document.addEventListener('input', function (event) {
      var box = event.target;
      if (!box || box.id !== 'reply-text' || Date.now() - last < TYPING_EVERY_MS) return;
      var root = document.getElementById('conversation');
      last = Date.now();
      fetch(root.getAttribute('data-api') + '/typing', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Accept': 'application/json', 'X-CSRF-Token': C.csrf }
      }).catch(function () { /* only a hint for the person */ });
    });
  }

  function initConversation(root) {
    var box = document.createElement('p');
    box.id = 'live-result';
    box.hidden = true;
    root.parentNode.insertBefore(box, root);
    document.addEventListener('submit', onSubmit);
    watchTyping();
    alertsFromConversation(root);
  }

  function init() {
    if (document.getElementById('queue')) alertsButton();
    var root = document.getElementById('conversation');
    if (root) initConversation(root);
  }

  window.PaisanoLive = { fetchFeed: fetchFeed, decorate: decorate, feed: feed };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
