/**
 * The inspector page's browser script (inlined into the page). Plain ES2020, no framework.
 * Messages are untrusted: every value reaches the DOM through `textContent` or attributes set
 * with `setAttribute`/`dataset`, never through `innerHTML`.
 */

/** Browser JavaScript of the inspector page. */
export const INSPECTOR_SCRIPT = String.raw`
(function () {
  'use strict';
  var MAX_ROWS = 500;
  var MAX_KEPT = 5000;
  var TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'];
  var all = [];
  var bySeq = new Map();
  var counters = {};
  var vendors = [];
  var selected = null;
  var pending = false;
  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    status: $('status'), notice: $('notice'), counters: $('counters'), vendor: $('vendor-filter'),
    type: $('type-filter'), user: $('user-filter'), search: $('search'), rows: $('rows'),
    shown: $('shown'), detail: $('detail'), total: $('total')
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function option(value, label) {
    var node = el('option', '', label);
    node.value = value;
    return node;
  }

  function vendorBadge(vendor) {
    var node = el('span', 'badge vendor', vendor);
    node.style.setProperty('--vendor', 'var(--' + vendor + ', #6b7280)');
    return node;
  }

  function summary(m) {
    var s = m.spec || {};
    var value = s.event || s.name || s.groupId || s.previousId;
    if (value === undefined && s.traits && typeof s.traits === 'object') value = Object.keys(s.traits).join(', ');
    return value === undefined || value === null ? '' : String(value);
  }

  function searchText(m) {
    if (m._text === undefined) {
      m._text = [m.vendor, m.type, m.userId || '', m.id, summary(m), JSON.stringify(m.payload)].join(' ').toLowerCase();
    }
    return m._text;
  }

  function matches(m, f) {
    if (f.vendor && m.vendor !== f.vendor) return false;
    if (f.type && m.type !== f.type) return false;
    if (f.user && String(m.userId || '').toLowerCase().indexOf(f.user) === -1) return false;
    if (f.search && searchText(m).indexOf(f.search) === -1) return false;
    return true;
  }

  function currentFilter() {
    return {
      vendor: ui.vendor.value, type: ui.type.value,
      user: ui.user.value.trim().toLowerCase(), search: ui.search.value.trim().toLowerCase()
    };
  }

  function timeOf(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toTimeString().slice(0, 8);
  }

  function rowFor(m) {
    var row = el('div', 'row');
    row.dataset.seq = String(m.seq);
    row.dataset.vendor = m.vendor;
    row.dataset.type = m.type;
    row.setAttribute('role', 'button');
    row.tabIndex = 0;
    if (selected === m.seq) row.classList.add('selected');
    row.appendChild(el('span', 'time', timeOf(m.receivedAt)));
    var v = el('span', ''); v.appendChild(vendorBadge(m.vendor)); row.appendChild(v);
    var t = el('span', ''); t.appendChild(el('span', 'badge type', m.type)); row.appendChild(t);
    row.appendChild(el('span', 'user', m.userId || '—'));
    row.appendChild(el('span', 'summary', summary(m)));
    return row;
  }

  function render() {
    pending = false;
    var f = currentFilter();
    var frag = document.createDocumentFragment();
    var shown = 0, matching = 0;
    for (var i = all.length - 1; i >= 0; i--) {
      var m = all[i];
      if (!matches(m, f)) continue;
      matching++;
      if (shown < MAX_ROWS) { frag.appendChild(rowFor(m)); shown++; }
    }
    if (shown === 0) frag.appendChild(el('div', 'empty', all.length === 0 ? 'Waiting for messages… point your app at this sink.' : 'No message matches the filters.'));
    ui.rows.replaceChildren(frag);
    ui.shown.textContent = 'showing ' + shown + (matching > shown ? ' of ' + matching : '') + ' · ' + all.length + ' in view';
    var buttons = ui.counters.querySelectorAll('.counter');
    for (var j = 0; j < buttons.length; j++) buttons[j].classList.toggle('active', buttons[j].dataset.vendor === f.vendor);
  }

  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(render);
  }

  function renderCounters() {
    var total = 0;
    for (var i = 0; i < vendors.length; i++) {
      var n = counters[vendors[i]] || 0;
      total += n;
      var value = document.getElementById('count-' + vendors[i]);
      if (value) value.textContent = n.toLocaleString();
    }
    ui.total.textContent = total.toLocaleString() + ' messages';
  }

  function setupVendors(list) {
    vendors = list;
    ui.counters.replaceChildren();
    ui.vendor.replaceChildren(option('', 'All vendors'));
    list.forEach(function (vendor) {
      var card = el('button', 'counter');
      card.type = 'button';
      card.dataset.vendor = vendor;
      card.style.setProperty('--vendor', 'var(--' + vendor + ')');
      card.appendChild(el('span', 'name', vendor));
      var value = el('span', 'value', '0');
      value.id = 'count-' + vendor;
      card.appendChild(value);
      card.addEventListener('click', function () {
        ui.vendor.value = ui.vendor.value === vendor ? '' : vendor;
        schedule();
      });
      ui.counters.appendChild(card);
      ui.vendor.appendChild(option(vendor, vendor));
    });
  }

  function json(value) {
    var pre = el('pre', 'json');
    var text = JSON.stringify(value, null, 2);
    if (text === undefined) text = String(value);
    var re = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false)\b|\bnull\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
    var last = 0, match;
    while ((match = re.exec(text)) !== null) {
      if (match.index > last) pre.appendChild(document.createTextNode(text.slice(last, match.index)));
      var cls = match[1] ? (match[2] ? 'k' : (match[1] === '"****"' || /\*\*\*\*"$/.test(match[1]) ? 's masked' : 's')) : match[3] ? 'b' : match[0] === 'null' ? 'z' : 'n';
      pre.appendChild(el('span', cls, match[1] ? match[1] : match[0]));
      if (match[2]) pre.appendChild(document.createTextNode(match[2]));
      last = re.lastIndex;
    }
    if (last < text.length) pre.appendChild(document.createTextNode(text.slice(last)));
    return pre;
  }

  function block(title, content, id) {
    var box = el('section', 'block');
    box.appendChild(el('h3', '', title));
    if (id) content.id = id;
    box.appendChild(content);
    return box;
  }

  function showDetail(m) {
    ui.detail.replaceChildren();
    if (!m) {
      ui.detail.appendChild(el('div', 'empty', 'Select a message to see the Segment-spec view beside the exact vendor payload and the request headers.'));
      return;
    }
    var title = el('h2', '');
    title.appendChild(vendorBadge(m.vendor));
    title.appendChild(el('span', 'badge type', m.type));
    title.appendChild(el('span', '', summary(m) || m.id || 'message'));
    ui.detail.appendChild(title);
    var r = m.request;
    var meta = '#' + m.seq + ' · ' + m.receivedAt + (m.id ? ' · id ' + m.id : '') + (m.userId ? ' · user ' + m.userId : '');
    if (r) meta += ' · ' + r.method + ' ' + r.path + ' → ' + r.status + (r.gzip ? ' (gzip)' : '') + ' · ' + r.bytes + ' B';
    ui.detail.appendChild(el('div', 'meta', meta));
    var columns = el('div', 'columns');
    columns.appendChild(block('Segment spec', json(m.spec), 'spec-json'));
    columns.appendChild(block('Vendor payload (as received)', json(m.payload), 'payload-json'));
    ui.detail.appendChild(columns);
    var table = el('table', 'headers');
    var headers = (r && r.headers) || {};
    Object.keys(headers).sort().forEach(function (name) {
      var tr = el('tr', '');
      tr.appendChild(el('td', '', name));
      var value = String(headers[name]);
      tr.appendChild(el('td', value.indexOf('****') !== -1 ? 'masked' : '', value));
      table.appendChild(tr);
    });
    ui.detail.appendChild(block('Request headers', table, 'headers'));
  }

  function select(seq) {
    selected = seq;
    showDetail(bySeq.get(seq));
    var rows = ui.rows.querySelectorAll('.row');
    for (var i = 0; i < rows.length; i++) rows[i].classList.toggle('selected', Number(rows[i].dataset.seq) === seq);
  }

  function clearAll() {
    all = [];
    bySeq.clear();
    selected = null;
    showDetail(null);
    schedule();
  }

  function add(m) {
    if (bySeq.has(m.seq)) return;
    all.push(m);
    bySeq.set(m.seq, m);
    if (all.length > MAX_KEPT) {
      var gone = all.splice(0, all.length - MAX_KEPT);
      gone.forEach(function (old) { bySeq.delete(old.seq); });
    }
    schedule();
  }

  ui.rows.addEventListener('click', function (event) {
    var row = event.target instanceof Element ? event.target.closest('.row') : null;
    if (row) select(Number(row.dataset.seq));
  });
  ui.rows.addEventListener('keydown', function (event) {
    var row = event.target instanceof Element ? event.target.closest('.row') : null;
    if (row && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); select(Number(row.dataset.seq)); }
  });
  TYPES.forEach(function (type) { ui.type.appendChild(option(type, type)); });
  [ui.vendor, ui.type].forEach(function (node) { node.addEventListener('change', schedule); });
  [ui.user, ui.search].forEach(function (node) { node.addEventListener('input', schedule); });
  showDetail(null);

  var source = new EventSource('/_sink/events');
  function parse(event) { try { return JSON.parse(event.data); } catch (e) { return null; } }
  source.addEventListener('hello', function (event) {
    var data = parse(event);
    if (!data) return;
    if (vendors.length === 0) setupVendors(data.vendors || []);
    counters = (data.counters && data.counters.byVendor) || {};
    renderCounters();
    clearAll();
  });
  source.addEventListener('ready', function () {
    ui.status.textContent = 'live';
    ui.status.className = 'status live';
    document.body.dataset.ready = 'true';
  });
  source.addEventListener('message', function (event) {
    var m = parse(event);
    if (!m) return;
    add(m);
    if (document.body.dataset.ready === 'true') { counters[m.vendor] = (counters[m.vendor] || 0) + 1; renderCounters(); }
  });
  source.addEventListener('stats', function (event) {
    var data = parse(event);
    if (data && data.byVendor) { counters = data.byVendor; renderCounters(); }
  });
  source.addEventListener('reset', function (event) {
    var data = parse(event);
    counters = (data && data.byVendor) || {};
    renderCounters();
    ui.notice.textContent = '';
    clearAll();
  });
  source.addEventListener('dropped', function (event) {
    var data = parse(event);
    ui.notice.textContent = (data ? data.count : 'Some') + ' messages skipped (the page could not keep up)';
  });
  source.onerror = function () {
    ui.status.textContent = 'reconnecting…';
    ui.status.className = 'status down';
    document.body.dataset.ready = 'false';
  };
})();
`
