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
  function signedOut(reason) {
    if (done) { return; }
    done = true;
    window.location.href = '/login?reason=' + reason;
  }
  function expire() {
    if (done) { return; }
    try { localStorage.setItem(OUT, String(Date.now())); } catch (e) { /* ignore */ }
    request('POST', '/logout', function () { signedOut('idle'); });
  }
  function tick() {
    var left = Math.ceil((expiresAt - Date.now()) / 1000);
    if (left <= 0) { expire(); return; }
    if (left <= warn) { secs.textContent = String(left); show(); } else { hide(); }
  }
  stay.addEventListener('click', function () {
    request('POST', '/session/extend', function (x) {
      if (x.status === 200) {
        var r = JSON.parse(x.responseText);
        expiresAt = Date.now() + r.idle_remaining * 1000;
        share(); hide();
      } else { signedOut('expired'); }
    });
  });
  dialog.addEventListener('keydown', function (e) {
    if (e.key === 'Tab') { e.preventDefault(); stay.focus(); }
    if (e.key === 'Escape') { e.preventDefault(); stay.click(); }
  });
  window.addEventListener('storage', function (e) {
    if (e.key === KEY && e.newValue) {
      var v = parseInt(e.newValue, 10);
      if (v > expiresAt) { expiresAt = v; tick(); }
    } else if (e.key === OUT) { signedOut('idle'); }
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
  setInterval(tick, 1000);
  tick();
}());
