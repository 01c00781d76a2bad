/*
 * One conversation: polls GET /console/api/c/<id>?after=<last id> every ~1.2 s and appends
 * new messages to the history; shows a notice when the status or holder changes (claimed by
 * someone else, closed, back in the queue). The canned-answer select fills the reply box.
 */
(function () {
  'use strict';

  var C = window.PaisanoConsole;
  var root, list, apiUrl, pollMs, lastId = 0, status = '', assigned = '';
  var timer = 0, busy = false, failures = 0;

  function author(m) {
    if (m.direction === 'note') return 'Nota interna · ' + m.author;
    if (m.author === 'person') return 'Persona';
    if (m.author === 'bot') return 'Asistente';
    return m.author;
  }

  function kind(m) {
    if (m.author === 'person') return 'person';
    if (m.author === 'bot') return 'bot';
    return 'agent';
  }

  // On wide screens the history scrolls inside its box: keep it pinned to the newest
  // message unless the agent scrolled up to read. On phones it grows with the page, and the
  // page is left alone so the reply box being typed in does not jump away.
  function nearBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  }

  function append(m) {
    if (list.querySelector('li[data-id="' + String(m.id) + '"]')) return;
    var stick = nearBottom();
    var li = document.createElement('li');
    li.className = 'm m-' + m.direction + ' m-' + kind(m) + ' fresh';
    li.setAttribute('data-id', String(m.id));
    var head = document.createElement('div');
    head.className = 'm-head';
    var who = document.createElement('span');
    who.className = 'm-author';
    who.textContent = author(m);
    head.appendChild(who);
    if (m.intent && kind(m) !== 'agent') {
      var intent = document.createElement('span');
      intent.className = 'intent';
      intent.textContent = m.intent;
      head.appendChild(document.createTextNode(' '));
      head.appendChild(intent);
    }
    var time = document.createElement('time');
    time.setAttribute('datetime', m.at || '');
    time.textContent = C.localTime(m.at);
    head.appendChild(document.createTextNode(' '));
    head.appendChild(time);
    li.appendChild(head);
    var p = document.createElement('p');
    p.className = 'm-text';
    p.textContent = m.text;
    li.appendChild(p);
    list.appendChild(li);
    if (stick) list.scrollTop = list.scrollHeight;
  }

  function poll() {
    if (busy) return;
    busy = true;
    C.fetchJSON(apiUrl + '?after=' + encodeURIComponent(String(lastId)), 8000).then(function (res) {
      if (res.status === 401) { window.location.reload(); return; }
      if (!res.ok || !res.body) throw new Error('poll ' + res.status);
      failures = 0;
      (res.body.messages || []).forEach(function (m) {
        append(m);
        if (m.id > lastId) lastId = m.id;
      });
      // live.js swaps the page's parts after an action of this agent: compare with them.
      status = root.getAttribute('data-status') || '';
      assigned = root.getAttribute('data-assigned') || '';
      if (res.body.status !== status || (res.body.assigned_to || '') !== assigned) {
        var notice = document.getElementById('changed');
        if (notice) notice.hidden = false;
      }
    }).catch(function () {
      failures += 1;
    }).then(function () {
      busy = false;
      clearTimeout(timer);
      timer = setTimeout(poll, failures ? Math.min(pollMs * (failures + 1), 10000) : pollMs);
    });
  }

  function initCanned() {
    var select = document.getElementById('canned');
    var box = document.getElementById('reply-text');
    if (!select || !box) return;
    select.addEventListener('change', function () {
      if (!select.value) return;
      if (box.value.trim() && !window.confirm('¿Reemplazar el texto que ya escribiste?')) {
        select.value = '';
        return;
      }
      box.value = select.value;
      box.focus();
    });
  }

  function init() {
    root = document.getElementById('conversation');
    list = document.getElementById('transcript');
    if (!root || !list) return;
    apiUrl = root.getAttribute('data-api');
    lastId = parseInt(root.getAttribute('data-last-id'), 10) || 0;
    status = root.getAttribute('data-status') || '';
    assigned = root.getAttribute('data-assigned') || '';
    pollMs = parseInt(root.getAttribute('data-poll-ms'), 10) || 1200;
    initCanned();
    list.scrollTop = list.scrollHeight; // the latest messages first in view
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) { clearTimeout(timer); poll(); }
    });
    // live.js: an action was sent (poll now) or the page's parts were swapped.
    document.addEventListener('paisano:poll', function () { clearTimeout(timer); poll(); });
    document.addEventListener('paisano:refreshed', initCanned);
    poll();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
