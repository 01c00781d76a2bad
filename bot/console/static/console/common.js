/*
 * Paisano Helpline console: helpers shared by every page. Plain ES2019, no build step.
 * Exposes window.PaisanoConsole = {fetchJSON, localTime, ago, csrf}.
 * Every server text is inserted with textContent, never as HTML.
 */
(function () {
  'use strict';

  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') || '' : '';

  // Resolves to {ok, status, body}; rejects on network failure or timeout.
  function fetchJSON(url, timeoutMs) {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, timeoutMs || 10000) : 0;
    var opts = {
      method: 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf }
    };
    if (ctrl) opts.signal = ctrl.signal;
    return fetch(url, opts).then(function (res) {
      return res.json().then(
        function (body) { return { ok: res.ok, status: res.status, body: body }; },
        function () { return { ok: res.ok, status: res.status, body: null }; }
      );
    }).finally(function () { clearTimeout(timer); });
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function localTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    return pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function ago(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    seconds = Math.max(0, Math.floor(seconds));
    if (seconds < 60) return seconds + ' s';
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) return minutes + ' min';
    return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function init() {
    // Times come as UTC from the server: show them in the agent's own clock.
    var times = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var text = localTime(times[i].getAttribute('datetime'));
      if (text) times[i].textContent = text;
    }
    // Forms that ask before doing something that cannot be undone.
    document.addEventListener('submit', function (event) {
      var form = event.target;
      var question = form && form.getAttribute && form.getAttribute('data-confirm');
      if (question && !window.confirm(question)) event.preventDefault();
    });
  }

  window.PaisanoConsole = { fetchJSON: fetchJSON, localTime: localTime, ago: ago, csrf: csrf };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
