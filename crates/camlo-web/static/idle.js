/* camlo idle-session warning: 60 s before the server's idle limit a dialog counts down.
   "Stay" is a CSRF-protected POST that extends the session on the server; at zero the page signs
   out and says why. Tabs share the expiry through localStorage. ES5 only: old PCs. */
(function () {
  var body = document.body;
  var dialog = document.getElementById('idle-dialog');
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!dialog || !meta || body.getAttribute('data-idle-remaining') === null) { return; }
  var csrf = meta.getAttribute('content');
  var warn = parseInt(body.getAttribute('data-idle-warn') || '60', 10);
  var secs = document.getElementById('idle-seconds');
  var stay = document.getElementById('idle-stay');
  var KEY = 'camlo-idle-expires', OUT = 'camlo-signed-out';
  var expiresAt = Date.now() + parseInt(body.getAttribute('data-idle-remaining'), 10) * 1000;
  var shown = false, lastFocus = null, done = false;

  function share() { try { localStorage.setItem(KEY, String(expiresAt)); } catch (e) { /* private mode */ } }
  function show() {
    if (shown) { return; }
    shown = true; lastFocus = document.activeElement; dialog.hidden = false; stay.focus();
  }
  function hide() {
    if (!shown) { return; }
    shown = false; dialog.hidden = true;
    if (lastFocus && lastFocus.focus) { lastFocus.focus(); }
  }
  function request(method, url, onload) {
    var x = new XMLHttpRequest();
    x.open(method, url);
    x.setRequestHeader('Accept', 'application/json');
    x.setRequestHeader('X-CSRF-Token', csrf);
    x.onload = function () { onload(x); };
    x.onerror = function () { onload(x); };
    x.send();
  }
  var DRAFT = 'camlo-draft:' + window.location.pathname;
  // What the official was typing survives the sign-out: the fields of the page's forms (never
  // passwords, files or tokens) are kept in this browser and put back after signing in again.
  function keepDraft() {
    var saved = [], forms = document.forms, i, j, el;
    for (i = 0; i < forms.length; i++) {
      if ((forms[i].getAttribute('method') || 'get').toLowerCase() !== 'post') { continue; }
      for (j = 0; j < forms[i].elements.length; j++) {
        el = forms[i].elements[j];
        if (!el.name || el.name === '_csrf' || /^(password|hidden|file|submit|button)$/.test(el.type)) { continue; }
        if ((el.type === 'checkbox' || el.type === 'radio') ? el.checked !== el.defaultChecked : el.value !== el.defaultValue) {
          saved.push([i, el.name, el.type === 'checkbox' || el.type === 'radio' ? (el.checked ? '1' : '') : el.value, el.type]);
        }
      }
    }
    try {
      if (saved.length) { localStorage.setItem(DRAFT, JSON.stringify({ at: Date.now(), fields: saved })); }
    } catch (e) { /* private mode */ }
  }
  function restoreDraft() {
    var raw = null, d, i, f, el;
    try { raw = localStorage.getItem(DRAFT); localStorage.removeItem(DRAFT); } catch (e) { return; }
    if (!raw) { return; }
    try { d = JSON.parse(raw); } catch (e) { return; }
    if (!d || Date.now() - d.at > 12 * 3600 * 1000) { return; }
    for (i = 0; i < d.fields.length; i++) {
      f = d.fields[i];
      el = document.forms[f[0]] && document.forms[f[0]].elements[f[1]];
      if (!el || el.length) { continue; }
      if (f[3] === 'checkbox' || f[3] === 'radio') { el.checked = f[2] === '1'; } else if (!el.value || el.value === el.defaultValue) { el.value = f[2]; }
    }
    var note = document.getElementById('draft-restored');
    if (note) { note.hidden = false; }
  }
  function signedOut(reason) {
    if (done) { return; }
    done = true;
    // Signing in again comes back to this page.
    window.location.href = '/login?reason=' + reason + '&next=' +
      encodeURIComponent(window.location.pathname + window.location.search);
  }
  function expire() {
    if (done) { return; }
    keepDraft();
    try { localStorage.setItem(OUT, String(Date.now())); } catch (e) { /* ignore */ }
    request('POST', '/logout', function () { signedOut('idle'); });
  }
  // Typing and clicking are activity: they extend the session, at most once a minute.
  var lastExtend = Date.now();
  function extend(then) {
    lastExtend = Date.now();
    request('POST', '/session/extend', function (x) {
      if (x.status === 200) {
        var r = JSON.parse(x.responseText);
        expiresAt = Date.now() + r.idle_remaining * 1000;
        share(); hide();
      } else if (then) { then(x); }
    });
  }
  function activity() {
    if (shown || done || Date.now() - lastExtend < 60000) { return; }
    extend(null);
  }
  document.addEventListener('keydown', activity, true);
  document.addEventListener('click', activity, true);
  function tick() {
    var left = Math.ceil((expiresAt - Date.now()) / 1000);
    if (left <= 0) { expire(); return; }
    if (left <= warn) { secs.textContent = String(left); show(); } else { hide(); }
  }
  stay.addEventListener('click', function () {
    extend(function () { signedOut('expired'); });
  });
  dialog.addEventListener('keydown', function (e) {
    if (e.key === 'Tab') { e.preventDefault(); stay.focus(); }
    if (e.key === 'Escape') { e.preventDefault(); stay.click(); }
  });
  window.addEventListener('storage', function (e) {
    if (e.key === KEY && e.newValue) {
      var v = parseInt(e.newValue, 10);
      if (v > expiresAt) { expiresAt = v; tick(); }
    } else if (e.key === OUT) { keepDraft(); signedOut('idle'); }
  });
  // Re-sync with the server now and then; polling the status never extends the session.
  setInterval(function () {
    request('GET', '/session/status', function (x) {
      if (x.status !== 200) { return; }
      var r = JSON.parse(x.responseText);
      if (!r.authenticated) { signedOut('idle'); return; }
      expiresAt = Date.now() + r.idle_remaining * 1000; share();
    });
  }, 30000);
  share();
  restoreDraft();
  setInterval(tick, 1000);
  tick();
}());
