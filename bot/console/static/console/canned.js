/*
 * Canned answers in the reply box. Typing "/" at the start of a word opens a list of saved
 * answers whose code or title holds what follows ("/hor"), the conversation's language and
 * the team's answers first (GET /console/api/canned?lang=..&q=..). ArrowDown / ArrowUp move,
 * Enter or a click inserts the answer in place of "/hor", Escape closes. The box keeps the
 * focus (aria-activedescendant), the list is a listbox, and a status line says how many were
 * found. The select above the box ("Usar") fills it in place too; without this script it
 * reloads the page with the answer in the box.
 */
(function () {
  'use strict';

  var C = window.PaisanoConsole;
  var box, pop, list, status, api, lang;
  var items = [], active = -1, token = null, seq = 0, timer = 0;

  // "/" at the start of the text or after a space, then up to 30 letters, up to the caret.
  function currentToken() {
    var before = box.value.slice(0, box.selectionStart);
    var m = /(^|\s)\/([^\s/]{0,30})$/.exec(before);
    if (!m) return null;
    return { start: before.length - m[2].length - 1, end: before.length, query: m[2] };
  }

  function close() {
    pop.hidden = true;
    items = [];
    active = -1;
    token = null;
    box.removeAttribute('aria-activedescendant');
    while (list.firstChild) list.removeChild(list.firstChild);
  }

  function highlight(index) {
    var options = list.querySelectorAll('[role="option"]');
    if (!options.length) return;
    active = (index + options.length) % options.length;
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute('aria-selected', i === active ? 'true' : 'false');
    }
    box.setAttribute('aria-activedescendant', options[active].id);
    options[active].scrollIntoView({ block: 'nearest' });
  }

  function langName(code) {
    return { es: 'Español', en: 'Inglés', ht: 'Criollo haitiano' }[code] || code;
  }

  function render(found) {
    while (list.firstChild) list.removeChild(list.firstChild);
    items = found;
    active = -1;
    found.forEach(function (item, i) {
      var li = document.createElement('li');
      li.id = 'canned-opt-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = item.title;
      var meta = document.createElement('span');
      meta.className = 'canned-meta';
      meta.textContent = '/' + item.code + ' · ' + langName(item.lang) + ' · ' +
        (item.source === 'team' ? 'equipo' : 'asistente');
      li.appendChild(meta);
      // mousedown, not click: the box must not lose the caret before the answer goes in
      li.addEventListener('mousedown', function (event) {
        event.preventDefault();
        insert(i);
      });
      list.appendChild(li);
    });
    pop.hidden = false;
    status.textContent = found.length ?
      found.length + (found.length === 1 ? ' respuesta encontrada' : ' respuestas encontradas') +
        '. Flechas para elegir, Enter para insertar, Esc para cerrar.' :
      'Ninguna respuesta guardada con ese código o título.';
    if (!found.length) {
      var none = document.createElement('li');
      none.className = 'canned-empty';
      none.setAttribute('role', 'presentation');
      none.textContent = 'Ninguna respuesta con ese código o título.';
      list.appendChild(none);
    } else {
      highlight(0);
    }
  }

  function lookup() {
    token = currentToken();
    if (!token) { close(); return; }
    var mine = ++seq;
    var url = api + '?lang=' + encodeURIComponent(lang) + '&q=' + encodeURIComponent(token.query);
    C.fetchJSON(url, 8000).then(function (res) {
      if (mine !== seq || !token) return; // a newer search or the list was closed
      if (!res.ok || !res.body) { close(); return; }
      render(res.body.items || []);
    }).catch(function () { close(); });
  }

  function put(text, start, end) {
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    var caret = start + text.length;
    box.focus();
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function insert(index) {
    var item = items[index];
    var where = token;
    if (!item || !where) return;
    close();
    put(item.body, where.start, where.end);
    status.textContent = 'Respuesta «' + item.title + '» insertada.';
  }

  function onKey(event) {
    if (pop.hidden) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); highlight(active + 1); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); highlight(active - 1); }
    else if (event.key === 'Enter' && items.length && active >= 0) {
      event.preventDefault();
      insert(active);
    } else if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); close(); }
    else if (event.key === 'Tab') { close(); }
  }

  // The select above the box: fill the box in place instead of reloading the page.
  function initSelect() {
    var form = document.getElementById('canned-form');
    var select = document.getElementById('canned-pick');
    if (!form || !select) return;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!select.value) return;
      var url = api + '?lang=' + encodeURIComponent(lang) + '&ref=' + encodeURIComponent(select.value);
      C.fetchJSON(url, 8000).then(function (res) {
        var item = res.ok && res.body && res.body.items && res.body.items[0];
        if (!item) return;
        if (box.value.trim() && !window.confirm('¿Reemplazar el texto que ya escribiste?')) return;
        put(item.body, 0, box.value.length);
        select.value = '';
      });
    });
  }

  function init() {
    box = document.getElementById('reply-text');
    pop = document.getElementById('canned-pop');
    list = document.getElementById('canned-list');
    status = document.getElementById('canned-status');
    if (!box || !pop || !list || !status) return;
    api = list.getAttribute('data-api');
    lang = list.getAttribute('data-lang') || 'es';
    box.parentNode.insertBefore(pop, box.nextSibling); // the list right under the box
    box.setAttribute('aria-autocomplete', 'list');
    box.setAttribute('aria-controls', 'canned-list');
    box.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 120);
    });
    box.addEventListener('keydown', onKey);
    box.addEventListener('blur', function () { setTimeout(close, 150); });
    initSelect();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
  // live.js swaps the page's parts in after a claim: the new reply box needs the search too.
  document.addEventListener('paisano:refreshed', init);
})();
