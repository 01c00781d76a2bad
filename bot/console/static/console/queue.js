/*
 * The live queue: polls GET /console/api/feed every ~1.2 s and redraws the three tables
 * (waiting in queue order, mine, others). Waiting times tick every second between polls.
 * Rows new since the last poll flash briefly; a new waiting conversation also updates the
 * page title so an agent in another tab notices.
 */
(function () {
  'use strict';

  var C = window.PaisanoConsole;
  var CHANNELS = {}; // name -> label, from the page (bot.channels)
  var AGENTS = {}; // login name -> "Rosa Jiménez (rosa)", from the page
  var LANGS = {}; // es -> Español, from the page
  var root, feedUrl, openUrl, pollMs, timer = 0, busy = false, failures = 0;
  var known = null; // ids seen in the previous poll (null before the first)
  var baseTitle = document.title;
  var received = 0; // Date.now() of the last successful poll

  function cell(text, label, cls) {
    var td = document.createElement('td');
    if (label !== null) td.setAttribute('data-label', label);
    if (cls) td.className = cls;
    if (text !== null) td.textContent = text;
    return td;
  }

  function row(c, showAgent) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-id', String(c.id));
    if (c.urgent) tr.className = 'urgent';
    var flag = cell(null, '', null);
    if (c.urgent) {
      var b = document.createElement('span');
      b.className = 'badge badge-urgent';
      b.textContent = 'URGENTE';
      flag.appendChild(b);
      flag.appendChild(document.createTextNode(' '));
    }
    if (c.position) {
      var p = document.createElement('span');
      p.className = 'pos';
      p.textContent = '#' + c.position;
      flag.appendChild(p);
    }
    tr.appendChild(flag);
    tr.appendChild(cell(CHANNELS[c.channel] || c.channel, 'Canal'));
    tr.appendChild(cell(LANGS[c.lang] || c.lang, 'Idioma'));
    tr.appendChild(cell(c.topic_title, 'Tema'));
    var wait = cell(C.ago(c.waiting_seconds), 'Espera', 'wait');
    wait.setAttribute('data-since', c.waiting_since || '');
    tr.appendChild(wait);
    tr.appendChild(cell(c.contact, 'Contacto', 'contact'));
    if (showAgent) tr.appendChild(cell(AGENTS[c.assigned_to] || c.assigned_to || '', 'Agente'));
    var action = cell(null, null, null);
    var a = document.createElement('a');
    a.className = 'button';
    a.href = openUrl.replace(/\/0$/, '/' + c.id);
    a.textContent = 'Abrir';
    action.appendChild(a);
    tr.appendChild(action);
    if (window.PaisanoLive) window.PaisanoLive.decorate(tr, c); // unread count, preview
    return tr;
  }

  function fill(key, items, seen) {
    var body = document.getElementById('rows-' + key);
    if (!body) return;
    var showAgent = body.getAttribute('data-show-agent') === 'yes';
    var frag = document.createDocumentFragment();
    items.forEach(function (c) {
      var tr = row(c, showAgent);
      // A row is "fresh" when the conversation is new here or the person wrote since.
      var sig = c.id + ':' + (c.last_in_id || 0);
      if (known !== null && !known[sig]) tr.classList.add('fresh');
      seen[sig] = true;
      frag.appendChild(tr);
    });
    if (!items.length) {
      var tr = document.createElement('tr');
      tr.className = 'empty';
      var td = cell(body.getAttribute('data-empty'), null, null);
      td.colSpan = showAgent ? 8 : 7;
      tr.appendChild(td);
      frag.appendChild(tr);
    }
    // Redrawing must not take the keyboard focus away from the row an agent is on (j/k, Tab).
    var active = document.activeElement;
    var focusedRow = active && body.contains(active) && active.closest('tr[data-id]');
    var focusedId = focusedRow ? focusedRow.getAttribute('data-id') : null;
    body.textContent = '';
    body.appendChild(frag);
    if (focusedId !== null) {
      var again = body.querySelector('tr[data-id="' + focusedId + '"] a[href]');
      if (again) again.focus({ preventScroll: true });
    }
    var count = document.getElementById('count-' + key);
    if (count) count.textContent = String(items.length);
  }

  function render(data) {
    var seen = {};
    fill('waiting', data.waiting || [], seen);
    fill('mine', data.mine || [], seen);
    fill('others', data.others || [], seen);
    known = seen;
    if (window.PaisanoLive) window.PaisanoLive.feed(data); // team list, alerts
    var counts = data.counts || {};
    ['waiting_urgent', 'waiting_normal', 'assigned_urgent', 'assigned_normal'].forEach(function (k) {
      var el = document.getElementById('n-' + k.replace('_', '-'));
      if (el && counts[k] !== undefined) el.textContent = String(counts[k]);
    });
    var waiting = (counts.waiting_urgent || 0) + (counts.waiting_normal || 0);
    document.title = (waiting ? '(' + waiting + ') ' : '') + baseTitle;
    var estimate = document.getElementById('estimate');
    if (estimate) {
      estimate.textContent = data.estimated_wait_seconds === null ? 'sin datos'
        : C.ago(data.estimated_wait_seconds);
    }
  }

  function setLive(ok) {
    var live = document.getElementById('live');
    if (live) live.classList.toggle('offline', !ok);
  }

  function poll() {
    if (busy) return;
    busy = true;
    // live.js asks with If-None-Match: an unchanged feed is a 304, nothing to redraw.
    (window.PaisanoLive ? window.PaisanoLive.fetchFeed : C.fetchJSON)(feedUrl, 8000).then(function (res) {
      if (res.status === 401) { window.location.reload(); return; }
      if (!res.ok || !res.body) throw new Error('feed ' + res.status);
      received = Date.now();
      failures = 0;
      setLive(true);
      if (!res.unchanged) render(res.body);
    }).catch(function () {
      failures += 1;
      if (failures >= 2) setLive(false);
    }).then(function () {
      busy = false;
      clearTimeout(timer);
      timer = setTimeout(poll, failures ? Math.min(pollMs * (failures + 1), 10000) : pollMs);
    });
  }

  // Waiting times tick locally between polls.
  function tick() {
    if (!received) return;
    var cells = document.querySelectorAll('td.wait[data-since]');
    for (var i = 0; i < cells.length; i++) {
      var since = Date.parse(cells[i].getAttribute('data-since'));
      if (!isNaN(since)) cells[i].textContent = C.ago((Date.now() - since) / 1000);
    }
  }

  function init() {
    root = document.getElementById('queue');
    if (!root) return;
    // The page's filters and page number apply to the live updates too.
    feedUrl = root.getAttribute('data-feed') + window.location.search;
    CHANNELS = JSON.parse(root.getAttribute('data-channels') || '{}');
    AGENTS = JSON.parse(root.getAttribute('data-agents') || '{}');
    LANGS = JSON.parse(root.getAttribute('data-langs') || '{}');
    openUrl = root.getAttribute('data-open');
    pollMs = parseInt(root.getAttribute('data-poll-ms'), 10) || 1200;
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) { clearTimeout(timer); poll(); }
    });
    setInterval(tick, 1000);
    poll();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
