/*
 * Keyboard shortcuts of the console, listed in the "?" dialog (base.html):
 *   g q  queue · g m  my conversations · j / k  next / previous row · c  claim
 *   r  reply box · /  search conversations · ?  this help · Esc  close it.
 * They never fire while typing in a field, nor with Ctrl, Alt or Meta held.
 */
(function () {
  'use strict';

  var pendingG = 0; // time "g" was pressed, waiting for its second key

  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable;
  }

  function dialog() { return document.getElementById('shortcuts'); }

  function openHelp() {
    var d = dialog();
    if (!d || d.open) return;
    if (typeof d.showModal === 'function') d.showModal(); else d.setAttribute('open', '');
    var close = document.getElementById('shortcuts-close');
    if (close) close.focus();
  }

  function rowLinks() {
    var rows = document.querySelectorAll('main tbody tr');
    var links = [];
    for (var i = 0; i < rows.length; i++) {
      var a = rows[i].querySelector('a[href]');
      if (a && rows[i].offsetParent !== null) links.push(a);
    }
    return links;
  }

  function moveRow(step) {
    var links = rowLinks();
    if (!links.length) return;
    var current = -1;
    var row = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest('tr') : null;
    for (var i = 0; i < links.length; i++) {
      if (row && links[i].closest('tr') === row) current = i;
    }
    var next = current < 0 ? (step > 0 ? 0 : links.length - 1)
      : Math.min(Math.max(current + step, 0), links.length - 1);
    links[next].focus();
    links[next].scrollIntoView({ block: 'nearest' });
  }

  function go(hash) {
    var nav = document.getElementById('nav-queue');
    if (!nav) return;
    var url = nav.getAttribute('href') + (hash || '');
    if (window.location.pathname === nav.getAttribute('href') && hash) {
      window.location.hash = hash;
      var target = document.querySelector(hash);
      if (target) target.focus();
    } else {
      window.location.href = url;
    }
  }

  function focusFirst(selectors) {
    for (var i = 0; i < selectors.length; i++) {
      var el = document.querySelector(selectors[i]);
      if (el) { el.focus(); return true; }
    }
    return false;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (typing(event.target)) return;
    var d = dialog();
    if (d && d.open) return; // the dialog handles its own keys (Esc closes it)
    var key = event.key;
    if (pendingG && Date.now() - pendingG < 1500) {
      pendingG = 0;
      if (key === 'q') { event.preventDefault(); go(''); return; }
      if (key === 'm') { event.preventDefault(); go('#mine'); return; }
    }
    pendingG = 0;
    if (key === 'g') { pendingG = Date.now(); return; }
    if (key === '?') { event.preventDefault(); openHelp(); return; }
    if (key === 'j') { event.preventDefault(); moveRow(1); return; }
    if (key === 'k') { event.preventDefault(); moveRow(-1); return; }
    if (key === 'c') {
      var claim = document.getElementById('claim');
      if (claim) { event.preventDefault(); claim.click(); }
      return;
    }
    if (key === 'r') {
      if (focusFirst(['#reply-text'])) event.preventDefault();
      return;
    }
    if (key === '/') {
      event.preventDefault();
      if (focusFirst(['#s-q'])) return;
      var search = document.getElementById('nav-search');
      if (search) window.location.href = search.href;
    }
  }

  function init() {
    document.addEventListener('keydown', onKey);
    var open = document.getElementById('shortcuts-open');
    if (open) open.addEventListener('click', openHelp);
    var d = dialog();
    if (d) {
      d.addEventListener('close', function () {
        if (open) open.focus();
      });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
