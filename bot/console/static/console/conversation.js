/*
 * One conversation: polls GET /console/api/c/<id>?after=<last id> every ~1.2 s and appends
 * new messages to the history; shows a notice when the status or holder changes (claimed by
 * someone else, closed, back in the queue).
 */
(function () {
  'use strict';

  var C = window.PaisanoConsole;
  var root, list, scroller, apiUrl, pollMs, lastId = 0, status = '', assigned = '';
  var names = { intents: {}, agents: {} };
  var timer = 0, busy = false, failures = 0;

  function agentName(name) { return names.agents[name] || name; }

  function author(m) {
    if (m.direction === 'note') return 'Nota interna · ' + agentName(m.author);
    if (m.author === 'person') return 'Persona';
    if (m.author === 'bot') return 'Asistente';
    return agentName(m.author);
  }

  function kind(m) {
    if (m.author === 'person') return 'person';
    if (m.author === 'bot') return 'bot';
    return 'agent';
  }

  // The history scrolls inside its box, which CSS (column-reverse) keeps at its end: in
  // that layout scrollTop is 0 at the newest message and negative above it. Stay pinned to
  // the newest message unless the agent scrolled up to read.
  function nearBottom() {
    return Math.abs(scroller.scrollTop) < 120 ||
      scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  }

  function toEnd() {
    scroller.scrollTop = getComputedStyle(scroller).flexDirection === 'column-reverse'
      ? 0 : scroller.scrollHeight;
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
      intent.setAttribute('data-intent', m.intent);
      intent.textContent = names.intents[m.intent] || m.intent;
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
    var empty = list.querySelector('.m-empty');
    if (empty) empty.parentNode.removeChild(empty);
    list.appendChild(li);
    if (stick) toEnd();
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

  function init() {
    root = document.getElementById('conversation');
    list = document.getElementById('transcript');
    scroller = document.getElementById('scroller');
    if (!root || !list || !scroller) return;
    try { names = JSON.parse(root.getAttribute('data-names') || '') || names; } catch (e) { /* keep ids */ }
    apiUrl = root.getAttribute('data-api');
    lastId = parseInt(root.getAttribute('data-last-id'), 10) || 0;
    status = root.getAttribute('data-status') || '';
    assigned = root.getAttribute('data-assigned') || '';
    pollMs = parseInt(root.getAttribute('data-poll-ms'), 10) || 1200;
    toEnd(); // the latest messages first in view
    // On a phone, bring the history to the top of the screen: the newest message sits just
    // above the reply box pinned at the bottom (unless the URL asks for another place).
    if (!window.location.hash && window.matchMedia('(max-width: 760px)').matches) {
      var history = document.getElementById('history');
      if (history) window.scrollTo(0, history.getBoundingClientRect().top + window.pageYOffset);
    }
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) { clearTimeout(timer); poll(); }
    });
    // live.js: an action was sent (poll now) or the page's parts were swapped.
    document.addEventListener('paisano:poll', function () { clearTimeout(timer); poll(); });
    poll();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
