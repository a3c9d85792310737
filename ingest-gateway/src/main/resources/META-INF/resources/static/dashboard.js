// pushmon dashboard: forms and buttons call the JSON API, times stay relative, the overview follows live status.
// Pages are complete without this script; it adds the actions and the live updates.
(() => {
  'use strict';
  const tenant = document.querySelector('meta[name="pushmon-tenant"]')?.content;

  async function call(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (tenant) headers['X-Pushmon-Tenant'] = tenant;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      const message = (json && json.error) || text || ('HTTP ' + response.status);
      throw new Error(response.status === 429 ? 'Too many attempts: ' + message : message);
    }
    return json;
  }

  // A form's enabled fields as the API's JSON: data-type says int, bool, list (checkboxes) or csv.
  function body(form) {
    const out = {};
    for (const field of form.elements) {
      if (!field.name || field.name.startsWith('_') || field.disabled || field.closest('fieldset[disabled]')) continue;
      const type = field.dataset.type;
      if (type === 'list') {
        out[field.name] = out[field.name] || [];
        if (field.type === 'checkbox' && field.checked) out[field.name].push(field.value);
        continue;
      }
      if (type === 'bool') { out[field.name] = field.checked; continue; }
      const value = field.value.trim();
      if (value === '' && field.dataset.optional !== undefined) continue;
      if (type === 'int') out[field.name] = value === '' ? null : Number(value);
      else if (type === 'csv') out[field.name] = value === '' ? [] : value.split(',').map(v => v.trim()).filter(Boolean);
      else out[field.name] = field.type === 'password' ? field.value : value;
    }
    return out;
  }

  function after(element, result) {
    const then = element.dataset.then;
    if (then) {
      const next = then.replace(':id', result && result.id ? encodeURIComponent(result.id) : '');
      window.location.assign(next);
    } else if (element.dataset.reload !== undefined) {
      window.location.reload();
    }
  }

  function messages(element) {
    const scope = element.closest('form') || document;
    return {
      error: scope.querySelector('.error') || document.getElementById('action-error'),
      done: scope.querySelector('.done') || document.getElementById('action-done')
    };
  }

  function showSecret(element, result) {
    const key = result && (result.key || result.secret);
    if (!key) return false;
    let box = document.getElementById('new-key');
    if (!box) {
      box = document.createElement('div');
      box.id = 'new-key';
      box.className = 'secret-box';
      box.innerHTML = '<p role="status"><strong>Copy this secret now: it is not shown again.</strong></p>'
        + '<div class="copy-row"><label for="new-key-value">Secret</label><input id="new-key-value" type="text" readonly>'
        + '<button type="button" data-copy="new-key-value">Copy</button></div><p><a class="continue" href="#">Continue</a></p>';
      (element.closest('section') || document.querySelector('main')).appendChild(box);
      const go = element.dataset.then ? element.dataset.then.replace(':id', result.id || '') : window.location.pathname;
      box.querySelector('a.continue').href = go;
    }
    box.hidden = false;
    box.querySelector('#new-key-value').value = key;
    box.querySelector('#new-key-value').focus();
    return true;
  }

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!form.dataset.api) return;
    event.preventDefault();
    const { error, done } = messages(form);
    if (error) error.textContent = '';
    const submit = form.querySelector('button[type=submit]');
    if (submit) submit.disabled = true;
    try {
      const result = await call(form.dataset.method || 'POST', form.dataset.api, body(form));
      if ((form.dataset.showKey !== undefined || form.dataset.showSecret !== undefined) && showSecret(form, result)) return;
      if (form.dataset.done && done) { done.textContent = form.dataset.done; form.reset(); return; }
      after(form, result);
    } catch (e) {
      if (error) { error.textContent = e.message; error.focus?.(); }
    } finally {
      if (submit) submit.disabled = false;
    }
  });

  document.addEventListener('click', async (event) => {
    const copy = event.target.closest('[data-copy]');
    if (copy) {
      const source = document.getElementById(copy.dataset.copy);
      const text = source.value !== undefined ? source.value : source.textContent;
      try { await navigator.clipboard.writeText(text); copy.textContent = 'Copied'; }
      catch (e) { if (source.select) source.select(); copy.textContent = 'Press Ctrl+C'; }
      setTimeout(() => { copy.textContent = 'Copy'; }, 2000);
      return;
    }
    const tests = event.target.closest('[data-test-channels]');
    if (tests) {
      const { error, done } = messages(tests);
      const results = [];
      for (const id of tests.dataset.testChannels.trim().split(/\s+/)) {
        try {
          const r = await call('POST', '/api/channels/' + encodeURIComponent(id) + '/test');
          results.push(r && r.ok ? 'delivered' : 'failed' + (r && r.error ? ': ' + r.error : ''));
        } catch (e) { results.push('failed: ' + e.message); }
      }
      done.textContent = 'Test notification: ' + results.join('; ');
      error.textContent = '';
      return;
    }
    const button = event.target.closest('button[data-api]');
    if (!button) return;
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    const { error, done } = messages(button);
    if (error) error.textContent = '';
    button.disabled = true;
    try {
      const result = await call(button.dataset.method || 'POST', button.dataset.api);
      if (button.dataset.reportTest !== undefined) {
        done.textContent = result && result.ok ? 'Test delivered' + (result.statusCode ? ' (HTTP ' + result.statusCode + ')' : '')
          : 'Test failed: ' + ((result && result.error) || 'no answer');
        return;
      }
      if (button.dataset.showSecret !== undefined && showSecret(button, result)) return;
      after(button, result);
    } catch (e) {
      if (error) error.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  });

  document.addEventListener('change', (event) => {
    const target = event.target;
    if (target.matches('[data-autosubmit]')) {
      const form = target.form;
      if (form.dataset.api) form.requestSubmit(); else form.submit();
    }
    if (target.matches('[data-kind-switch]')) {
      target.closest('form').querySelectorAll('fieldset[data-kind]').forEach(set => {
        set.disabled = set.dataset.kind !== target.value;
      });
    }
    if (target.matches('[data-kind-select]')) {
      target.closest('form').querySelectorAll('fieldset[data-kind]').forEach(set => {
        const on = set.dataset.kind === target.value;
        set.disabled = !on;
        set.hidden = !on;
      });
    }
  });

  // Tabs of the code examples, with arrow keys as the ARIA pattern has them.
  document.querySelectorAll('[data-tabs]').forEach(tabs => {
    const buttons = [...tabs.querySelectorAll('[role=tab]')];
    const select = (tab) => {
      buttons.forEach(b => {
        const on = b === tab;
        b.setAttribute('aria-selected', String(on));
        b.tabIndex = on ? 0 : -1;
        document.getElementById(b.getAttribute('aria-controls')).hidden = !on;
      });
      tab.focus();
    };
    buttons.forEach((b, i) => {
      b.addEventListener('click', () => select(b));
      b.addEventListener('keydown', (e) => {
        if (e.key === 'ArrowRight') select(buttons[(i + 1) % buttons.length]);
        if (e.key === 'ArrowLeft') select(buttons[(i - 1 + buttons.length) % buttons.length]);
      });
    });
  });

  function relative(iso) {
    if (!iso) return '–';
    const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
    const abs = Math.abs(seconds);
    const text = abs < 60 ? abs + ' s' : abs < 3600 ? Math.floor(abs / 60) + ' min'
      : abs < 86400 ? Math.floor(abs / 3600) + ' h' : Math.floor(abs / 86400) + ' d';
    return seconds > 0 ? 'in ' + text : text + ' ago';
  }
  function refreshTimes() {
    document.querySelectorAll('time[data-rel]').forEach(t => {
      const iso = t.getAttribute('datetime');
      t.textContent = relative(iso);
      if (iso) t.title = iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
    });
  }
  refreshTimes();
  setInterval(refreshTimes, 5000);

  // The overview follows live status: rows change in place, down ones move to the top, counts follow.
  const table = document.querySelector('table[data-live]');
  if (table && window.EventSource) {
    const rank = { down: 0, started: 1, unknown: 2, up: 3, 'new': 4, paused: 5 };
    const counts = () => {
      const tally = {};
      table.querySelectorAll('tbody tr').forEach(r => { tally[r.dataset.status] = (tally[r.dataset.status] || 0) + 1; });
      document.querySelectorAll('[data-count]').forEach(c => {
        if (!document.querySelector('.filters [name=q]')?.value && !document.querySelector('.filters [name=status]')?.value
          && !document.querySelector('.filters [name=tag]')?.value) c.textContent = tally[c.dataset.count] || 0;
      });
    };
    const resort = () => {
      const body = table.tBodies[0];
      [...body.rows].sort((a, b) => (rank[a.dataset.status] - rank[b.dataset.status])
        || a.dataset.name.localeCompare(b.dataset.name, undefined, { sensitivity: 'base' }))
        .forEach(r => body.appendChild(r));
    };
    const source = new EventSource(table.dataset.live);
    source.addEventListener('monitor', (event) => {
      const row = JSON.parse(event.data);
      const tr = table.querySelector('tr[data-id="' + CSS.escape(row.id) + '"]');
      if (!tr) return;
      const changed = tr.dataset.status !== row.status;
      tr.dataset.status = row.status;
      const status = tr.querySelector('[data-field=status]');
      status.textContent = row.status;
      status.className = 'status ' + row.status;
      const last = tr.querySelector('[data-field=last]');
      last.setAttribute('datetime', row.lastHeartbeatAt || '');
      const next = tr.querySelector('[data-field=next]');
      next.setAttribute('datetime', row.nextDeadlineAt || '');
      refreshTimes();
      if (changed) { resort(); counts(); }
    });
  }

})();
