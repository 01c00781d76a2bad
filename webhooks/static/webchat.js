/*
 * Paisano Helpline web chat (SMEI Guanajuato). Plain ES2019, no dependencies, no build step.
 *
 * Wire protocol (see webhooks/templates/webchat.html for the DOM):
 *   POST /webchat/messages  {"text", "ui_lang", "lang"?} + header X-CSRF-Token
 *        ui_lang: the page's language (a first guess only); lang: sent once, right after
 *        the person picked a language with the buttons (an explicit choice that sticks)
 *        -> {"replies": [{id, text, author, menu?}], "menu": [{n, title}], "handoff": bool, "lang"}
 *        (menu: true on the reply the buttons belong under; its text has no written list)
 *        4xx/5xx -> {"error": "..."}
 *   GET  /webchat/messages?after=<last id seen> -> {"messages": [{id, text, author, agent?}],
 *        "with_people": bool, "position": place in line while waiting or null,
 *        "typing": bool (an agent is typing a reply now)}
 *
 * While the person is with people the status line shows the place in line (rewritten only
 * when it changes) and "… está escribiendo" for a few seconds after each typing report;
 * a hidden tab then still polls every 10 s, and its title says when an agent answered.
 *
 * The last seen id only advances from polls, never from POST replies: a human agent's
 * message can get an id lower than the bot reply returned by a POST, and skipping past it
 * would lose it. Ids already shown are tracked, so a message is never shown twice; the
 * person's own messages (shown at once, before the server gives them an id) are matched
 * to their polled copies by text.
 *
 * Every text from the server is rendered as text nodes, never as HTML. Only https: links
 * (wa.me included) and phone numbers written +52 ... / 011 52 ... become links (https:,
 * tel:); an <a> is built with its href set from the match, so nothing else can be a link.
 */
(function () {
  'use strict';

  var STRINGS = {
    es: {
      notice: 'Asistente automático de la SMEI. En una emergencia llama al 911.',
      language: 'Idioma',
      conversation: 'Conversación',
      welcome: 'Hola 👋 Soy el asistente automático de la SMEI. Escribe tu pregunta o «menu».',
      privacyNote: 'Guardamos tus mensajes para contestarte; puedes borrarlos cuando quieras.',
      privacyLink: 'Aviso de privacidad',
      messageLabel: 'Escribe tu mensaje',
      placeholder: 'Escribe aquí…',
      send: 'Enviar',
      hint: 'Enter envía · Mayús+Enter: nueva línea',
      authorBot: 'Asistente SMEI:',
      authorPerson: 'Tú:',
      authorAgent: 'Agente',
      options: 'Opciones',
      offline: 'Sin conexión, reintenta.',
      errorGeneric: 'Lo sentimos, no pudimos enviar tu mensaje. Intenta de nuevo.',
      errorSession: 'Tu sesión expiró. Recarga la página e intenta de nuevo.',
      errorTooLong: 'Tu mensaje es muy largo. Escríbelo más corto, por favor.',
      errorRate: 'Recibimos muchos mensajes desde tu conexión. Espera un momento, por favor. Si hay peligro, llama al 911, o llama o escribe por WhatsApp a la SMEI: +52 473 359 9794.',
      errorServer: 'El servicio tiene un problema. Intenta de nuevo en unos minutos.',
      handoff: 'Te comunicamos con una persona del equipo. Te responderá aquí.',
      reconnecting: 'Sin conexión. Reintentando…',
      place: 'Tu lugar en la fila: {n}.',
      agentTyping: 'Una persona del equipo está escribiendo…',
      newReply: 'Nueva respuesta'
    },
    en: {
      notice: 'Automated assistant of the SMEI. In an emergency, call 911.',
      language: 'Language',
      conversation: 'Conversation',
      welcome: 'Hi 👋 I am the SMEI automated assistant. Type your question or “menu”.',
      privacyNote: 'We keep your messages to answer you; you can erase them any time.',
      privacyLink: 'Privacy notice',
      messageLabel: 'Type your message',
      placeholder: 'Type here…',
      send: 'Send',
      hint: 'Enter sends · Shift+Enter: new line',
      authorBot: 'SMEI assistant:',
      authorPerson: 'You:',
      authorAgent: 'Agent',
      options: 'Options',
      offline: 'No connection, try again.',
      errorGeneric: 'Sorry, we could not send your message. Please try again.',
      errorSession: 'Your session expired. Reload the page and try again.',
      errorTooLong: 'Your message is too long. Please make it shorter.',
      errorRate: 'We are getting many messages from your connection. Please wait a moment. If there is danger, call 911, or call or WhatsApp the SMEI: +52 473 359 9794.',
      errorServer: 'The service has a problem. Please try again in a few minutes.',
      handoff: 'We are connecting you with a person from our team. They will answer here.',
      reconnecting: 'No connection. Retrying…',
      place: 'Your place in line: {n}.',
      agentTyping: 'Someone from the team is typing…',
      newReply: 'New reply'
    },
    ht: {
      notice: 'Asistan otomatik SMEI a. Si gen yon ijans, rele 911.',
      language: 'Lang',
      conversation: 'Konvèsasyon',
      welcome: 'Bonjou 👋 Mwen se asistan otomatik SMEI a. Ekri kesyon ou oswa «menu».',
      privacyNote: 'Nou kenbe mesaj ou yo pou nou reponn ou; ou ka efase yo nenpòt ki lè.',
      privacyLink: 'Avi sou vi prive',
      messageLabel: 'Ekri mesaj ou',
      placeholder: 'Ekri isit la…',
      send: 'Voye',
      hint: 'Enter voye · Shift+Enter: nouvo liy',
      authorBot: 'Asistan SMEI:',
      authorPerson: 'Ou:',
      authorAgent: 'Ajan',
      options: 'Opsyon',
      offline: 'Pa gen koneksyon, eseye ankò.',
      errorGeneric: 'Padon, nou pa t kapab voye mesaj ou a. Tanpri eseye ankò.',
      errorSession: 'Sesyon ou fini. Rechaje paj la epi eseye ankò.',
      errorTooLong: 'Mesaj ou a twò long. Tanpri ekri l pi kout.',
      errorRate: 'Nou resevwa anpil mesaj nan koneksyon ou. Tanpri tann yon ti moman. Si gen danje, rele 911, oswa rele oswa ekri SMEI sou WhatsApp: +52 473 359 9794.',
      errorServer: 'Sèvis la gen yon pwoblèm. Eseye ankò nan kèk minit.',
      handoff: 'N ap mete w an kontak ak yon moun nan ekip la. L ap reponn ou isit la.',
      reconnecting: 'Pa gen koneksyon. N ap eseye ankò…',
      place: 'Plas ou nan liy la: {n}.',
      agentTyping: 'Yon moun nan ekip la ap ekri…',
      newReply: 'Nouvo repons'
    }
  };
  var LANGS = ['es', 'en', 'ht'];
  var AUTHORS = ['bot', 'agent', 'person'];
  var STORAGE_KEY = 'paisano.webchat.lang';
  var POLL_MS = 2000; // while waiting for a person, or right after a message
  var POLL_SLOW_MS = 10000; // idle: never more than one request every 10 s
  var POLL_FAST_FOR_MS = 30000; // how long "right after a message" lasts
  var POLL_TIMEOUT_MS = 15000;
  var POST_TIMEOUT_MS = 30000;
  var TYPING_SHOWN_MS = 6000; // one "typing" report shows this long

  var el = {};
  var state = {
    lang: 'es',
    picked: '', // a language the person just chose with the buttons, sent with the next message
    endpoint: '/webchat/messages',
    csrf: '',
    busy: false,
    lastId: 0,
    seen: new Set(),
    byId: new Map(),
    pending: [],
    pollTimer: 0,
    polling: false,
    pollErrors: 0,
    pollDelay: 0, // the last delay used, so idle polls back off 2 s -> 4 s -> 8 s -> 10 s
    waiting: false, // asked for a person, no agent has written yet
    lastActivity: 0, // Date.now() of the last message sent or received
    statusKey: '',
    focusMenuNext: false,
    autoScrollUntil: 0,
    shownFirstPoll: false,
    withPeople: false, // the last poll said people handle the case (waiting or with an agent)
    position: 0, // the place in line shown, 0 for none
    typingTimer: 0,
    unseenReplies: 0, // agent replies that came while the tab was hidden
    baseTitle: ''
  };

  function t(key) {
    var table = STRINGS[state.lang] || STRINGS.es;
    return table[key] || STRINGS.es[key] || key;
  }

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  // ---- language -------------------------------------------------------------------------

  function readStoredLang() {
    try {
      return window.localStorage.getItem(STORAGE_KEY);
    } catch (e) {
      return null; // storage blocked (private mode, cookies off): fall back to the page's lang
    }
  }

  function storeLang(lang) {
    try {
      window.localStorage.setItem(STORAGE_KEY, lang);
    } catch (e) {
      /* the choice just won't survive a reload */
    }
  }

  function applyLang(lang) {
    state.lang = LANGS.indexOf(lang) >= 0 ? lang : 'es';
    document.documentElement.lang = state.lang;
    document.documentElement.setAttribute('data-lang', state.lang);
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].textContent = t(nodes[i].getAttribute('data-i18n'));
    }
    nodes = document.querySelectorAll('[data-i18n-placeholder]');
    for (i = 0; i < nodes.length; i++) {
      nodes[i].setAttribute('placeholder', t(nodes[i].getAttribute('data-i18n-placeholder')));
    }
    nodes = document.querySelectorAll('[data-i18n-aria-label]');
    for (i = 0; i < nodes.length; i++) {
      nodes[i].setAttribute('aria-label', t(nodes[i].getAttribute('data-i18n-aria-label')));
    }
    var privacy = document.getElementById('privacy-link');
    var base = privacy ? privacy.getAttribute('data-privacy-base') : null;
    if (base) privacy.setAttribute('href', base + '?lang=' + state.lang);
    var buttons = document.querySelectorAll('.lang[data-lang]');
    for (i = 0; i < buttons.length; i++) {
      var on = buttons[i].getAttribute('data-lang') === state.lang;
      buttons[i].setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    renderStatus();
  }

  // ---- transcript -----------------------------------------------------------------------

  // While our own smooth scroll runs, the view is not at the bottom yet but still "pinned".
  function isNearBottom() {
    var s = el.scroller;
    if (Date.now() < state.autoScrollUntil) return true;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
  }

  function scrollToBottom() {
    var s = el.scroller;
    var smooth = !reducedMotion() && state.shownFirstPoll;
    state.autoScrollUntil = smooth ? Date.now() + 800 : 0;
    if (typeof s.scrollTo === 'function') {
      s.scrollTo({ top: s.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    } else {
      s.scrollTop = s.scrollHeight;
    }
  }

  function appendItem(li, forceScroll) {
    var stick = forceScroll || isNearBottom();
    el.messages.appendChild(li);
    if (stick) scrollToBottom();
    return li;
  }

  function makeMessage(author, text, agentName) {
    var li = document.createElement('li');
    li.className = 'msg msg-' + author;
    var who = document.createElement('span');
    who.className = 'msg-author';
    if (author === 'agent') {
      // Visible: the person must see that a human has joined.
      if (agentName) {
        who.appendChild(document.createTextNode(String(agentName) + ' · '));
      }
      var role = document.createElement('span');
      role.setAttribute('data-i18n', 'authorAgent');
      role.textContent = t('authorAgent');
      who.appendChild(role);
    } else {
      who.className += ' visually-hidden';
      var key = author === 'person' ? 'authorPerson' : 'authorBot';
      who.setAttribute('data-i18n', key);
      who.textContent = t(key);
    }
    li.appendChild(who);
    var p = document.createElement('p');
    p.className = 'msg-text';
    appendLinked(p, String(text));
    li.appendChild(p);
    return li;
  }

  // https: links and dialable numbers (+52 473 359 9794, 011 52 473 359 9794).
  var LINK_RE = /(https:\/\/[^\s<>"'«»]+)|((?:\+|011 )52(?:[ -]?\d){10})/g;

  // Appends ``text`` to ``parent`` as text nodes, with only https: and tel: links.
  function appendLinked(parent, text) {
    var last = 0;
    var m;
    LINK_RE.lastIndex = 0;
    while ((m = LINK_RE.exec(text)) !== null) {
      var shown = m[0];
      var href;
      if (m[1]) {
        shown = shown.replace(/[.,;:!?)\]]+$/, ''); // the sentence's punctuation is not the link's
        href = shown;
        LINK_RE.lastIndex = m.index + shown.length;
      } else {
        href = 'tel:+' + shown.replace(/^011 /, '').replace(/\D/g, '');
      }
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var a = document.createElement('a');
      a.setAttribute('href', href);
      a.textContent = shown;
      if (m[1]) {
        a.setAttribute('target', '_blank');
        a.setAttribute('rel', 'noopener noreferrer');
      }
      parent.appendChild(a);
      last = m.index + shown.length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function addNotice(key) {
    var li = document.createElement('li');
    li.className = 'msg msg-error';
    var p = document.createElement('p');
    p.className = 'msg-text';
    p.textContent = t(key);
    li.appendChild(p);
    return appendItem(li, true);
  }

  function normalize(text) {
    return String(text).replace(/\s+/g, ' ').trim();
  }

  function takePending(text) {
    var wanted = normalize(text);
    for (var i = 0; i < state.pending.length; i++) {
      if (state.pending[i].text === wanted) {
        return state.pending.splice(i, 1)[0];
      }
    }
    return null;
  }

  function rememberId(id, li) {
    state.seen.add(String(id));
    state.byId.set(String(id), li);
    li.setAttribute('data-id', String(id));
  }

  // Shows one server message unless its id was already shown. Returns its <li> or null.
  function addServerMessage(m) {
    if (!m || typeof m.text !== 'string') return null;
    var hasId = m.id !== undefined && m.id !== null && m.id !== '';
    if (hasId && state.seen.has(String(m.id))) return null;
    var author = AUTHORS.indexOf(m.author) >= 0 ? m.author : 'bot';
    if (author === 'person' && hasId) {
      var mine = takePending(m.text);
      if (mine) {
        rememberId(m.id, mine.li);
        return null;
      }
    }
    var li = makeMessage(author, m.text, m.agent);
    if (hasId) rememberId(m.id, li);
    return appendItem(li, false);
  }

  function noteId(id) {
    var n = Number(id);
    if (isFinite(n) && n > state.lastId) state.lastId = n;
  }

  // ---- menu -----------------------------------------------------------------------------

  function removeMenus() {
    var menus = el.messages.querySelectorAll('.menu');
    for (var i = 0; i < menus.length; i++) menus[i].parentNode.removeChild(menus[i]);
  }

  function renderMenu(items, anchor) {
    var box = document.createElement('div');
    box.className = 'menu';
    box.setAttribute('role', 'group');
    box.setAttribute('data-i18n-aria-label', 'options');
    box.setAttribute('aria-label', t('options'));
    items.forEach(function (item) {
      if (!item || item.n === undefined || item.n === null) return;
      var n = String(item.n);
      var title = item.title ? String(item.title) : '';
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'menu-option';
      b.setAttribute('data-n', n);
      // The number on the button: the same number works typed, and on every channel.
      var num = document.createElement('span');
      num.className = 'menu-n';
      num.textContent = n;
      b.appendChild(num);
      if (title) b.appendChild(document.createTextNode(' · ' + title));
      box.appendChild(b);
    });
    if (!box.firstChild) return null;
    var stick = isNearBottom();
    anchor.appendChild(box);
    if (stick) scrollToBottom();
    return box;
  }

  function lastBotItem() {
    var bots = el.messages.querySelectorAll('.msg-bot');
    return bots.length ? bots[bots.length - 1] : null;
  }

  // ---- status line ----------------------------------------------------------------------

  function setStatus(key) {
    state.statusKey = key || '';
    renderStatus();
  }

  function renderStatus() {
    if (!el.status) return;
    // Never hidden: a live region must stay in the accessibility tree to be announced.
    var text = state.statusKey ? t(state.statusKey) : '';
    if (state.statusKey === 'handoff' && state.position) {
      text += ' ' + t('place').replace('{n}', String(state.position));
    }
    el.status.textContent = text;
  }

  // ---- while people handle the case ------------------------------------------------------

  // The place in line: the status line is rewritten only when it changes.
  function showPosition(position) {
    var place = typeof position === 'number' && position > 0 ? position : 0;
    if (place === state.position) return;
    state.position = place;
    if (place && !state.statusKey) state.statusKey = 'handoff';
    renderStatus();
  }

  function showAgentTyping(on) {
    if (!el.agentTyping) return;
    clearTimeout(state.typingTimer);
    el.agentTyping.textContent = t('agentTyping');
    el.agentTyping.hidden = !on;
    if (on) {
      state.lastActivity = Date.now(); // someone is about to write: poll fast for a while
      state.typingTimer = setTimeout(function () { el.agentTyping.hidden = true; }, TYPING_SHOWN_MS);
    }
  }

  // A hidden tab's title says an agent answered, until the person looks again.
  function noteAgentReply() {
    if (!document.hidden) return;
    state.unseenReplies += 1;
    document.title = '(' + state.unseenReplies + ') ' + t('newReply') + ' · ' + state.baseTitle;
  }

  function restoreTitle() {
    if (!state.unseenReplies) return;
    state.unseenReplies = 0;
    document.title = state.baseTitle;
  }

  // ---- network --------------------------------------------------------------------------

  // Resolves to {ok, status, body}; rejects only on network failure or timeout.
  function fetchJSON(url, options, timeoutMs) {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, timeoutMs) : 0;
    var opts = Object.assign({ credentials: 'same-origin', cache: 'no-store' }, options);
    if (ctrl) opts.signal = ctrl.signal;
    return fetch(url, opts)
      .then(function (res) {
        return res.json().then(
          function (body) { return { ok: res.ok, status: res.status, body: body }; },
          function () { return { ok: res.ok, status: res.status, body: null }; }
        );
      })
      .finally(function () { clearTimeout(timer); });
  }

  function errorKey(status) {
    if (status === 401 || status === 403) return 'errorSession';
    if (status === 413) return 'errorTooLong';
    if (status === 429) return 'errorRate';
    if (status >= 500) return 'errorServer';
    return 'errorGeneric';
  }

  // ---- sending --------------------------------------------------------------------------

  function setBusy(busy) {
    state.busy = busy;
    el.form.setAttribute('aria-busy', busy ? 'true' : 'false');
    // aria-disabled, not disabled: a disabled button would drop keyboard focus.
    el.send.setAttribute('aria-disabled', busy ? 'true' : 'false');
    var options = el.messages.querySelectorAll('.menu-option');
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute('aria-disabled', busy ? 'true' : 'false');
    }
    var stick = isNearBottom();
    el.typing.hidden = !busy;
    if (busy && stick) scrollToBottom();
  }

  function onSent(body) {
    removeMenus();
    var replies = Array.isArray(body.replies) ? body.replies : [];
    var anchor = null;
    var menuAnchor = null;
    replies.forEach(function (r) {
      var li = addServerMessage(r);
      if (r && r.id !== undefined && r.id !== null) li = li || state.byId.get(String(r.id)) || null;
      if (li && li.classList.contains('msg-bot')) {
        anchor = li;
        // The buttons go under the reply that carries the menu, not under a later notice.
        if (r.menu === true && !menuAnchor) menuAnchor = li;
      }
    });
    var menu = null;
    if (Array.isArray(body.menu) && body.menu.length) {
      menu = renderMenu(body.menu, menuAnchor || anchor || lastBotItem() || el.welcome);
    }
    // Until the person picks a language, the page follows the one they write in.
    if (!readStoredLang() && LANGS.indexOf(body.lang) >= 0 && body.lang !== state.lang) {
      applyLang(body.lang);
    }
    if (body.handoff === true) {
      state.waiting = true;
      setStatus('handoff');
    } else if (state.statusKey === 'handoff') {
      setStatus('');
    }
    if (state.focusMenuNext) {
      if (menu && menu.firstChild) menu.firstChild.focus();
      else el.input.focus();
    }
    state.focusMenuNext = false;
  }

  // Sends text; shows it at once; resolves true when the server took it.
  function send(text, shown) {
    state.lastActivity = Date.now();
    var mineLi = appendItem(makeMessage('person', shown || text, null), true);
    mineLi.classList.add('msg-pending');
    var mine = { text: normalize(text), li: mineLi };
    state.pending.push(mine);
    setBusy(true);

    function failed(key) {
      var i = state.pending.indexOf(mine);
      if (i >= 0) state.pending.splice(i, 1);
      if (mineLi.parentNode) mineLi.parentNode.removeChild(mineLi);
      addNotice(key);
      state.focusMenuNext = false;
      return false;
    }

    return fetchJSON(state.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/json',
        'X-CSRF-Token': state.csrf
      },
      body: JSON.stringify(state.picked ? { text: text, ui_lang: state.lang, lang: state.picked }
        : { text: text, ui_lang: state.lang })
    }, POST_TIMEOUT_MS)
      .then(function (res) {
        if (!res.ok || !res.body || typeof res.body !== 'object') return failed(errorKey(res.status));
        mineLi.classList.remove('msg-pending');
        state.picked = '';
        onSent(res.body);
        return true;
      }, function () {
        return failed('offline');
      })
      .then(function (ok) {
        setBusy(false);
        schedulePoll(ok ? 300 : nextPollDelay());
        return ok;
      });
  }

  function submitTyped() {
    var text = el.input.value.trim();
    if (!text) {
      el.input.focus();
      return;
    }
    if (state.busy) return;
    el.input.value = '';
    autosize();
    send(text, null).then(function (ok) {
      if (ok) return;
      // Keep what the person typed: put it back, ahead of anything typed meanwhile.
      var now = el.input.value;
      el.input.value = now ? text + '\n' + now : text;
      autosize();
    });
  }

  function onMenuClick(event) {
    var b = event.target.closest ? event.target.closest('.menu-option') : null;
    if (!b || !el.messages.contains(b)) return;
    if (state.busy || b.getAttribute('aria-disabled') === 'true') return;
    var n = b.getAttribute('data-n');
    // Keyboard activation (detail 0): keep focus in the flow once the menu is replaced.
    state.focusMenuNext = event.detail === 0;
    send(n, b.textContent);
  }

  // ---- polling --------------------------------------------------------------------------

  // The next poll's delay in ms, or -1 for none (a hidden tab polls again when shown; while
  // people handle the case it still polls every 10 s, so its title can say an agent wrote).
  // Pure, so the browser test can check it: s = {hidden, people, errors, waiting, idleMs, last}.
  function pollDelay(s) {
    if (s.hidden) return s.people && !s.errors ? POLL_SLOW_MS : -1;
    if (s.errors > 0) return POLL_SLOW_MS;
    if (s.waiting || s.idleMs < POLL_FAST_FOR_MS) return POLL_MS;
    return Math.min(Math.max(s.last, POLL_MS) * 2, POLL_SLOW_MS);
  }

  function nextPollDelay() {
    return pollDelay({
      hidden: document.hidden,
      people: state.withPeople,
      errors: state.pollErrors,
      waiting: state.waiting,
      idleMs: Date.now() - state.lastActivity,
      last: state.pollDelay
    });
  }

  function schedulePoll(delay) {
    clearTimeout(state.pollTimer);
    state.pollTimer = 0;
    if (delay < 0) return;
    state.pollDelay = delay;
    state.pollTimer = setTimeout(poll, delay);
  }

  function poll() {
    if (state.polling) return;
    state.polling = true;
    var url = state.endpoint + '?after=' + encodeURIComponent(String(state.lastId));
    fetchJSON(url, { method: 'GET', headers: { 'Accept': 'application/json' } }, POLL_TIMEOUT_MS)
      .then(function (res) {
        if (!res.ok || !res.body || !Array.isArray(res.body.messages)) throw new Error('poll ' + res.status);
        res.body.messages.forEach(function (m) {
          if (addServerMessage(m) && state.shownFirstPoll) {
            state.lastActivity = Date.now(); // a new message: someone is writing
            if (m.author === 'agent') {
              state.waiting = false;
              showAgentTyping(false);
              noteAgentReply();
            }
          }
          if (m) noteId(m.id);
        });
        state.withPeople = res.body.with_people === true;
        if (state.withPeople || state.position) showPosition(res.body.position);
        if (res.body.typing === true) showAgentTyping(true);
        state.pollErrors = 0;
        state.shownFirstPoll = true; // the restored history jumps into place; later ones glide
        if (state.statusKey === 'reconnecting') setStatus('');
      })
      .catch(function () {
        state.pollErrors += 1;
        if (state.pollErrors >= 2 && state.statusKey !== 'handoff') setStatus('reconnecting');
      })
      .then(function () {
        state.polling = false;
        schedulePoll(nextPollDelay());
      });
  }

  // ---- composer -------------------------------------------------------------------------

  function autosize() {
    var input = el.input;
    input.style.height = 'auto';
    var border = input.offsetHeight - input.clientHeight;
    input.style.height = input.scrollHeight + border + 'px';
  }

  function onKeyDown(event) {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    // An IME is composing (e.g. accents on some keyboards): Enter confirms the word.
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submitTyped();
  }

  function init() {
    el.form = document.getElementById('composer');
    el.input = document.getElementById('message');
    el.send = document.getElementById('send');
    el.messages = document.getElementById('messages');
    el.scroller = document.getElementById('scroller');
    el.status = document.getElementById('status');
    el.typing = document.getElementById('typing');
    el.agentTyping = document.getElementById('agent-typing');
    state.baseTitle = document.title;
    el.welcome = document.getElementById('welcome');
    if (!el.form || !el.input || !el.messages) return;

    var meta = document.querySelector('meta[name="csrf-token"]');
    state.csrf = meta ? meta.getAttribute('content') || '' : '';
    state.endpoint = el.form.getAttribute('data-endpoint') || state.endpoint;

    var stored = readStoredLang();
    applyLang(LANGS.indexOf(stored) >= 0 ? stored : document.documentElement.getAttribute('data-lang'));

    el.form.addEventListener('submit', function (event) {
      event.preventDefault();
      submitTyped();
    });
    el.input.addEventListener('keydown', onKeyDown);
    el.input.addEventListener('input', autosize);
    el.messages.addEventListener('click', onMenuClick);

    var langButtons = document.querySelectorAll('.lang[data-lang]');
    for (var i = 0; i < langButtons.length; i++) {
      langButtons[i].addEventListener('click', function (event) {
        var lang = event.currentTarget.getAttribute('data-lang');
        storeLang(lang);
        applyLang(lang);
        state.picked = lang;
      });
    }

    document.addEventListener('visibilitychange', function () {
      if (document.hidden) schedulePoll(nextPollDelay());
      else {
        restoreTitle();
        if (!state.polling) schedulePoll(0);
      }
    });
    window.addEventListener('online', function () {
      if (!state.polling) schedulePoll(0);
    });

    setBusy(false);
    autosize();
    schedulePoll(0); // after=0 also brings back the conversation after a reload
  }

  // For the browser tests: the polling schedule, a pure function.
  window.PaisanoWebchat = Object.freeze({ pollDelay: pollDelay });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
