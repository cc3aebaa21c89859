// Send Test Email webview. Talks to the extension only through postMessage; keeps the form (never
// a password: the webview never has one) in the webview state so it survives a reload.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const $ = (id) => document.getElementById(id);
  const form = $('form');
  const fields = ['set', 'from', 'to', 'subject', 'text', 'html', 'port'];
  const PHASES = [
    ['connect', 'Connect'],
    ['greeting', 'Greeting'],
    ['ehlo', 'EHLO'],
    ['starttls', 'STARTTLS'],
    ['ehlo-tls', 'EHLO (TLS)'],
    ['auth', 'Authenticate'],
    ['mail', 'MAIL FROM'],
    ['rcpt', 'RCPT TO'],
    ['data', 'DATA'],
    ['quit', 'QUIT'],
  ];
  let sets = [];
  let running = false;
  let phaseOrder = [];

  const saved = vscode.getState() || {};
  for (const f of fields) if (saved[f] !== undefined && f !== 'set') $(f).value = saved[f];

  function saveState() {
    const state = {};
    for (const f of fields) state[f] = $(f).value;
    vscode.setState(state);
  }
  form.addEventListener('input', saveState);
  form.addEventListener('change', saveState);

  function text(el, value) {
    el.textContent = value;
    return el;
  }
  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function currentSet() {
    return sets.find((s) => s.id === $('set').value);
  }

  function renderSets(preselect) {
    const select = $('set');
    const wanted = preselect || select.value || saved.set;
    select.replaceChildren();
    if (!sets.length) {
      const opt = el('option', '', 'No saved credentials');
      opt.value = '';
      select.appendChild(opt);
      select.disabled = true;
      $('add-set').classList.remove('hidden');
      text($('set-hint'), 'Add SMTP credentials first; the password stays in the editor\u2019s secret storage.');
      return;
    }
    select.disabled = false;
    $('add-set').classList.add('hidden');
    for (const s of sets) {
      const opt = el('option', '', s.name + ' \u2014 ' + s.description);
      opt.value = s.id;
      select.appendChild(opt);
    }
    if (sets.some((s) => s.id === wanted)) select.value = wanted;
    onSetChanged(false);
  }

  function onSetChanged(userAction) {
    const s = currentSet();
    if (!s) return;
    const hint = [s.host + ':' + s.port];
    if (s.sandbox === true) hint.push('account in the SES sandbox: recipients must be verified');
    if (s.sandbox === false) hint.push('production access');
    text($('set-hint'), hint.join(' \u00b7 '));
    const list = $('from-list');
    list.replaceChildren();
    for (const id of s.identities) {
      const opt = document.createElement('option');
      opt.value = id;
      list.appendChild(opt);
    }
    for (const d of s.domains) {
      const opt = document.createElement('option');
      opt.value = 'test@' + d;
      list.appendChild(opt);
    }
    if ((userAction || !$('from').value) && s.from) $('from').value = s.from;
    setPort(s.port, s.tls);
    if (userAction) vscode.postMessage({ type: 'selectSet', setId: s.id });
    saveState();
  }
  $('set').addEventListener('change', () => onSetChanged(true));

  // The credentials' own port is always offered, also when it is not one of SES's (a relay, a test server).
  function setPort(port, tls) {
    const select = $('port');
    const value = port + ':' + tls;
    for (const opt of select.querySelectorAll('option[data-custom]')) if (opt.value !== value) opt.remove();
    if (![...select.options].some((o) => o.value === value)) {
      const opt = el('option', '', port + ' \u00b7 ' + (tls === 'implicit' ? 'TLS' : 'STARTTLS') + ' (from the credentials)');
      opt.value = value;
      opt.dataset.custom = '1';
      select.insertBefore(opt, select.firstChild);
    }
    select.value = value;
  }
  $('add-set').addEventListener('click', () => vscode.postMessage({ type: 'addCredentials' }));
  $('open-log').addEventListener('click', (e) => {
    e.preventDefault();
    vscode.postMessage({ type: 'openLog' });
  });

  function renderSimulator(simulator) {
    const box = $('simulator');
    box.replaceChildren();
    for (const [label, address] of Object.entries(simulator)) {
      const b = el('button', 'chip', label);
      b.type = 'button';
      b.title = address;
      b.setAttribute('aria-label', 'Send to ' + address);
      b.addEventListener('click', () => {
        $('to').value = address;
        saveState();
        $('to').focus();
      });
      box.appendChild(b);
    }
  }

  function setRunning(value) {
    running = value;
    $('send').disabled = value;
    $('cancel').classList.toggle('hidden', !value);
    $('send-anyway').classList.add('hidden');
  }

  function showError(message) {
    text($('form-error'), message || '');
  }

  function submit(force) {
    showError('');
    if (running) return;
    const s = currentSet();
    if (!s) return showError('Choose saved SMTP credentials first.');
    if (!$('from').value.trim()) return fieldError('from', 'Enter the From address.');
    if (!$('to').value.trim()) return fieldError('to', 'Enter a recipient, or click a simulator address.');
    const [port, tls] = $('port').value.split(':');
    $('warnings').classList.add('hidden');
    vscode.postMessage({
      type: 'send',
      form: {
        setId: s.id,
        from: $('from').value,
        to: $('to').value,
        subject: $('subject').value,
        text: $('text').value,
        html: $('html').value,
        port: Number(port),
        tls: tls,
        force: force,
      },
    });
  }
  function fieldError(id, message) {
    showError(message);
    $(id).focus();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(false);
  });
  $('send-anyway').addEventListener('click', () => submit(true));
  $('cancel').addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));

  function resetProgress(endpoint) {
    $('progress').classList.remove('hidden');
    text($('endpoint'), endpoint ? '\u2014 ' + endpoint : '');
    $('transcript').replaceChildren();
    $('result').classList.add('hidden');
    $('result').replaceChildren();
    const list = $('phases');
    list.replaceChildren();
    phaseOrder = [];
    for (const [id, label] of PHASES) {
      const li = el('li', 'phase pending');
      li.dataset.phase = id;
      li.appendChild(el('span', 'icon', '\u25cb'));
      li.appendChild(el('span', 'label', label));
      li.appendChild(el('span', 'time muted', ''));
      list.appendChild(li);
    }
  }

  function markPhase(phase, state, ms) {
    const li = document.querySelector('.phase[data-phase="' + CSS.escape(phase) + '"]');
    if (!li) return;
    li.className = 'phase ' + state;
    text(li.querySelector('.icon'), state === 'ok' ? '\u2713' : state === 'failed' ? '\u2717' : state === 'active' ? '\u2026' : '\u25cb');
    if (ms !== undefined) text(li.querySelector('.time'), ms + ' ms');
  }

  function onPhase(phase) {
    const prev = phaseOrder[phaseOrder.length - 1];
    if (prev) markPhase(prev, 'ok');
    phaseOrder.push(phase);
    markPhase(phase, 'active');
  }

  function appendTranscript(line) {
    const pre = $('transcript');
    const row = el('div', 'line ' + (line.dir === 'C' ? 'client' : line.dir === 'S' ? 'server' : 'event'));
    row.appendChild(el('span', 'muted', ('+' + line.t + 'ms').padStart(8) + ' ' + line.dir + ' '));
    row.appendChild(document.createTextNode(line.text));
    pre.appendChild(row);
    pre.scrollTop = pre.scrollHeight;
  }

  function showResult(message) {
    setRunning(false);
    for (const p of message.phases || []) markPhase(p.phase, p.ok ? 'ok' : 'failed', p.ms);
    for (const li of document.querySelectorAll('.phase.pending')) li.classList.add('skipped');
    const box = $('result');
    box.replaceChildren();
    box.classList.remove('hidden');
    box.className = 'result ' + (message.ok ? 'ok' : 'failed');
    if (message.ok) {
      box.appendChild(el('h3', '', '\u2713 Accepted by SES'));
      const row = el('p');
      row.appendChild(text(el('span'), 'Message ID: '));
      const code = el('code', 'message-id', message.messageId || '(none in the reply)');
      code.id = 'message-id';
      row.appendChild(code);
      box.appendChild(row);
      if (message.attempts > 1) box.appendChild(el('p', 'muted', 'Accepted on attempt ' + message.attempts + ' after temporary failures.'));
      box.appendChild(el('p', 'muted', message.response || ''));
      return;
    }
    const f = message.failure || {};
    box.appendChild(el('h3', '', '\u2717 Failed in ' + (f.phase || 'unknown phase')));
    if (f.reply) box.appendChild(el('p', 'reply', f.reply));
    else if (f.message) box.appendChild(el('p', 'reply', f.message));
    const causes = message.causes || [];
    if (causes.length) {
      box.appendChild(el('h4', '', 'Diagnosis'));
      const ol = el('ol', 'causes');
      ol.id = 'causes';
      for (const c of causes) {
        const li = el('li', 'cause ' + c.confidence);
        li.dataset.cause = c.id;
        const title = el('div', 'cause-title');
        title.appendChild(el('span', 'badge ' + c.confidence, c.confidence));
        title.appendChild(document.createTextNode(' ' + c.title));
        li.appendChild(title);
        li.appendChild(el('div', 'cause-fix', 'Fix: ' + c.fix));
        ol.appendChild(li);
      }
      box.appendChild(ol);
    }
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.type !== 'string') return;
    switch (m.type) {
      case 'init':
        sets = Array.isArray(m.sets) ? m.sets : [];
        renderSimulator(m.simulator || {});
        renderSets(m.preselect);
        break;
      case 'confirm': {
        const box = $('warnings');
        box.replaceChildren();
        box.appendChild(el('strong', '', 'Before sending:'));
        const ul = el('ul');
        for (const w of m.warnings) ul.appendChild(el('li', '', w));
        box.appendChild(ul);
        box.classList.remove('hidden');
        $('send-anyway').classList.remove('hidden');
        break;
      }
      case 'started':
        setRunning(true);
        resetProgress(m.endpoint);
        break;
      case 'phase':
        onPhase(m.phase);
        break;
      case 'transcript':
        appendTranscript(m.line);
        break;
      case 'retry':
        appendTranscript({ t: 0, dir: '*', text: 'temporary failure (' + (m.reply || '4xx') + '), retrying in ' + m.delayMs / 1000 + ' s' });
        resetPhasesForRetry();
        break;
      case 'result':
        showResult(m);
        break;
      case 'error':
        setRunning(false);
        showError(m.message);
        break;
    }
  });

  function resetPhasesForRetry() {
    phaseOrder = [];
    for (const li of document.querySelectorAll('.phase')) {
      li.className = 'phase pending';
      text(li.querySelector('.icon'), '\u25cb');
      text(li.querySelector('.time'), '');
    }
  }

  vscode.postMessage({ type: 'ready' });
})();
