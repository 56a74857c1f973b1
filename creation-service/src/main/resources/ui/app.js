'use strict';
// The creation service's pages: plain DOM, no framework. Every figure comes from the API; text from
// the API is only ever set as textContent, never parsed as HTML.

const main = document.getElementById('main');
const problemBox = document.getElementById('problem');
let me = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function showProblem(message) {
  problemBox.textContent = message;
  problemBox.hidden = !message;
}

async function api(method, path, body, contentType) {
  const headers = {};
  const token = sessionStorage.getItem('mrv-token');
  if (token) headers.Authorization = 'Bearer ' + token;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload });
  const text = await response.text();
  if (!response.ok) {
    let detail = response.status + ' ' + response.statusText;
    try { detail = JSON.parse(text).detail || detail; } catch (notJson) { /* keep the status line */ }
    if (response.status === 401 && path !== '/login') signOut();
    throw new Error(detail);
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') && text ? JSON.parse(text) : text;
}

function act(action) {
  return async (event) => {
    if (event) event.preventDefault();
    showProblem('');
    try { await action(event); } catch (error) { showProblem(error.message); }
  };
}

function has(...roles) {
  return me && me.roles.some((role) => roles.includes(role));
}

function kwh(wh) {
  return (wh / 1000).toLocaleString('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

function signOut() {
  sessionStorage.removeItem('mrv-token');
  me = null;
  location.hash = '#/';
  route();
}

function signInPage() {
  const user = el('input', { name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  return el('section', {}, el('h1', {}, 'Sign in'),
    el('form', { id: 'sign-in', onsubmit: act(async () => {
      const tokens = await api('POST', '/login', { username: user.value, password: password.value });
      sessionStorage.setItem('mrv-token', tokens.access_token);
      await route();
    }) }, el('label', {}, 'Username ', user), el('label', {}, 'Password ', password), el('button', { type: 'submit' }, 'Sign in')));
}

function homePage() {
  const project = el('input', { name: 'project', required: true });
  return [
    el('section', {}, el('h1', {}, 'Projects'),
      el('form', { id: 'open-project', onsubmit: act(() => { location.hash = '#/projects/' + encodeURIComponent(project.value); }) },
        el('label', {}, 'Project id ', project), el('button', { type: 'submit' }, 'Open'))),
    has('OPERATOR', 'ADMIN') ? el('section', {}, el('h2', {}, 'Registry'), el('a', { href: '#/registry' }, 'Onboard sites, devices and keys')) : null,
    has('CREATOR', 'ADMIN') ? newProjectForm() : null,
  ];
}

function newProjectForm() {
  const f = { id: el('input', { name: 'project-id', required: true }), name: el('input', { name: 'project-name', required: true }),
    methodology: el('input', { name: 'methodology', required: true }), ef: el('input', { name: 'emission-factor', required: true }),
    devices: el('input', { name: 'device-ids', size: 60, placeholder: 'inv-1, inv-2', required: true }),
    scheme: el('select', { name: 'scheme' }, el('option', { value: 'JCM' }, 'JCM'), el('option', { value: 'J-Credit' }, 'J-Credit')),
    host: el('input', { name: 'host-country' }) };
  return el('section', {}, el('h2', {}, 'Propose a project'),
    el('form', { id: 'new-project', onsubmit: act(async () => {
      await api('POST', '/projects', { id: f.id.value, name: f.name.value, methodology: f.methodology.value,
        emissionFactorTco2PerMwh: Number(f.ef.value), deviceIds: f.devices.value.split(',').map((d) => d.trim()).filter(Boolean),
        scheme: f.scheme.value, hostCountry: f.host.value || null });
      location.hash = '#/projects/' + encodeURIComponent(f.id.value);
    }) }, el('label', {}, 'Id ', f.id), el('label', {}, 'Name ', f.name), el('label', {}, 'Methodology and version ', f.methodology),
    el('label', {}, 'Emission factor (tCO2/MWh) ', f.ef), el('label', {}, 'Device ids ', f.devices), el('label', {}, 'Scheme ', f.scheme),
    el('label', {}, 'Host country ', f.host), el('button', { type: 'submit' }, 'Propose')));
}

// The cycle's next stage, for the role that records it: the document's name, its SHA-256 and the date.
function cycleSection(projectId, cycle) {
  const recorders = { PIN: ['CREATOR', 'ADMIN'], METHODOLOGY: ['CREATOR', 'ADMIN'], PDD: ['CREATOR', 'ADMIN'], PLAN: ['CREATOR', 'ADMIN'],
    VALIDATION: ['VERIFIER'], REGISTRATION: ['ADMIN'] };
  const document = el('input', { name: 'document-name', required: true });
  const sha = el('input', { name: 'document-sha256', size: 70, required: true });
  const date = el('input', { name: 'effective-on', type: 'date', required: true });
  return el('section', {}, el('h2', {}, 'Project cycle (' + cycle.scheme + ')'),
    el('table', { id: 'cycle' }, cycle.stages.map((s) => el('tr', {}, el('td', {}, s.stage), el('td', {}, s.effectiveOn),
      el('td', {}, s.documentName), el('td', { class: 'hash' }, s.documentSha256), el('td', {}, s.recordedBy)))),
    el('p', { id: 'next-stage' }, cycle.next ? 'Next: ' + cycle.next : 'Registered'),
    cycle.next && has(...recorders[cycle.next]) ? el('form', { id: 'record-stage', onsubmit: act(async () => {
      await api('POST', '/projects/' + encodeURIComponent(projectId) + '/cycle', { stage: cycle.next, documentName: document.value,
        documentSha256: sha.value.trim().toLowerCase(), effectiveOn: date.value });
      await route();
    }) }, el('label', {}, 'Document ', document), el('label', {}, 'SHA-256 ', sha), el('label', {}, 'Effective on ', date),
    el('button', { type: 'submit' }, 'Record ' + cycle.next)) : null);
}

// The participants' agreed split, one share per line: account,party,basis points.
function allocationSection(projectId, plan) {
  const shares = el('textarea', { name: 'shares', placeholder: 'jp-gov,JAPAN_GOVERNMENT,5000' },
    plan ? plan.shares.map((s) => s.account + ',' + s.party + ',' + s.basisPoints).join('\n') : '');
  const funded = el('input', { name: 'government-funded', type: 'checkbox', checked: plan && plan.governmentFunded });
  return el('section', {}, el('h2', {}, 'Allocation'),
    el('p', { id: 'allocation' }, plan ? plan.shares.map((s) => s.account + ' ' + (s.basisPoints / 100) + '%').join(', ')
      + (plan.governmentFunded ? ' (government-funded)' : '') : 'No allocation agreed yet.'),
    has('CREATOR', 'ADMIN') ? el('form', { id: 'set-allocation', onsubmit: act(async () => {
      await api('PUT', '/projects/' + encodeURIComponent(projectId) + '/allocation', { governmentFunded: funded.checked,
        shares: shares.value.split('\n').filter((l) => l.trim()).map((l) => {
          const [account, party, bp] = l.split(',').map((x) => x.trim());
          return { account, party, basisPoints: Number(bp) };
        }) });
      await route();
    }) }, el('label', {}, 'Shares (account,party,basis points per line) ', shares), el('label', {}, funded, ' government-funded (model project)'),
    el('button', { type: 'submit' }, 'Save allocation')) : null);
}

async function projectPage(projectId) {
  const project = await api('GET', '/projects/' + encodeURIComponent(projectId));
  const periods = await api('GET', '/projects/' + encodeURIComponent(projectId) + '/periods');
  const cycle = await api('GET', '/projects/' + encodeURIComponent(projectId) + '/cycle');
  let plan = null;
  try { plan = await api('GET', '/projects/' + encodeURIComponent(projectId) + '/allocation'); } catch (none) { /* none agreed yet */ }
  const from = el('input', { name: 'from', placeholder: '2026-06-20T15:00:00Z', required: true });
  const to = el('input', { name: 'to', placeholder: '2026-06-21T15:00:00Z', required: true });
  return [
    el('section', {}, el('h1', {}, project.name + ' (' + project.id + ')'),
      el('p', {}, 'Methodology: ' + project.methodology + '; emission factor ' + project.emissionFactorTco2PerMwh + ' tCO2/MWh; devices: '
        + project.deviceIds.join(', '))),
    cycleSection(projectId, cycle),
    allocationSection(projectId, plan),
    el('section', {}, el('h2', {}, 'Monitoring periods'),
      periods.length === 0 ? el('p', {}, 'No period closed yet.') : el('table', { id: 'periods' },
        el('tr', {}, el('th', {}, 'No.'), el('th', {}, 'From'), el('th', {}, 'To'), el('th', {}, 'State'), el('th', {}, 'Report')),
        periods.map((p) => el('tr', {}, el('td', {}, el('a', { href: '#/projects/' + encodeURIComponent(projectId) + '/periods/' + p.number }, String(p.number))),
          el('td', {}, p.from), el('td', {}, p.to), el('td', {}, el('span', { class: 'state ' + p.state }, p.state)),
          el('td', {}, 'version ' + p.versions.length))))),
    has('CREATOR', 'ADMIN') ? el('section', {}, el('h2', {}, 'Close a monitoring period'),
      el('form', { id: 'close-period', onsubmit: act(async () => {
        const period = await api('POST', '/projects/' + encodeURIComponent(projectId) + '/periods', { from: from.value, to: to.value });
        location.hash = '#/projects/' + encodeURIComponent(projectId) + '/periods/' + period.number;
      }) }, el('label', {}, 'From ', from), el('label', {}, 'To ', to), el('button', { type: 'submit' }, 'Close period'))) : null,
  ];
}

function energyChart(devices, intervalSeconds) {
  // The report's breakdown is per UTC hour (short periods) or per UTC day; hours are labelled by
  // hour of day when the period spans at most two days.
  const hourly = intervalSeconds === 3600;
  const days = new Set(devices.flatMap((d) => d.intervals).map((i) => i.start.slice(0, 10)));
  const label = (start) => (hourly && days.size <= 2 ? start.slice(11, 13) : hourly ? start.slice(5, 13) : start.slice(0, 10));
  const bars = [...devices.flatMap((d) => d.intervals)
    .reduce((m, i) => m.set(label(i.start), (m.get(label(i.start)) || 0) + i.energyWh), new Map())];
  if (bars.length === 0) return el('p', {}, 'No hourly energy in the results for this period.');
  bars.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const max = Math.max(1, ...bars.map((b) => b[1]));
  const width = 640;
  const barWidth = Math.max(2, Math.floor((width - 40) / Math.max(1, bars.length)));
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' 180');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', (hourly ? 'Energy per UTC hour' : 'Energy per day') + ', all devices');
  bars.forEach(([label, wh], i) => {
    const h = Math.round((wh / max) * 140);
    const rect = document.createElementNS(svg.namespaceURI, 'rect');
    rect.setAttribute('class', 'bar');
    rect.setAttribute('x', 30 + i * barWidth);
    rect.setAttribute('y', 150 - h);
    rect.setAttribute('width', barWidth - 1);
    rect.setAttribute('height', h);
    const title = document.createElementNS(svg.namespaceURI, 'title');
    title.textContent = label + ': ' + kwh(wh) + ' kWh';
    rect.append(title);
    svg.append(rect);
    if (bars.length <= 31 || i % Math.ceil(bars.length / 12) === 0) {
      const text = document.createElementNS(svg.namespaceURI, 'text');
      text.setAttribute('x', 30 + i * barWidth);
      text.setAttribute('y', 165);
      text.textContent = label;
      svg.append(text);
    }
  });
  return el('figure', {}, svg, el('figcaption', {}, (hourly ? 'Energy per UTC hour' : 'Energy per day') + ' (kWh), all devices; peak ' + kwh(max) + ' kWh'));
}

async function periodPage(projectId, number) {
  const base = '/projects/' + encodeURIComponent(projectId) + '/periods/' + number;
  const period = await api('GET', base);
  const report = await api('GET', base + '/report.json?version=1');
  const checklist = await api('GET', base + '/checklist');
  const latest = period.versions[period.versions.length - 1];
  const sections = [
    el('section', {}, el('h1', {}, 'Monitoring period ' + number + ' of ' + projectId + ' ', el('span', { class: 'state ' + period.state, id: 'state' }, period.state)),
      el('table', {},
        el('tr', {}, el('th', {}, 'Period'), el('td', {}, period.from + ' .. ' + period.to)),
        el('tr', {}, el('th', {}, 'Credited EG'), el('td', { id: 'credited-kwh' }, kwh(report.creditedEnergyWh) + ' kWh (of ' + kwh(report.totalEnergyWh)
          + ' kWh metered, ' + kwh(report.excludedEnergyWh) + ' kWh excluded for quality flags)')),
        el('tr', {}, el('th', {}, 'Emission reductions'), el('td', {}, report.emissionReductionsTco2 + ' tCO2 (EF ' + report.emissionFactorTco2PerMwh + ' tCO2/MWh)')),
        el('tr', {}, el('th', {}, 'Credits'), el('td', { id: 'credits' }, report.creditsTco2 + ' tCO2 (rounded down)')),
        el('tr', {}, el('th', {}, 'On chain'), el('td', {}, 'period #' + period.chainPeriodId
          + (period.firstSerial !== null && period.firstSerial !== undefined ? '; serials ' + period.firstSerial + '..' + period.lastSerial : ''))),
        el('tr', {}, el('th', {}, 'Report hash'), el('td', { class: 'hash' }, period.versions[0].claimSha256 + ' ',
          el('a', { href: '#', onclick: act(async () => { openText(await api('GET', base + '/claim.txt?version=1')); }) }, 'claim text'))),
        el('tr', {}, el('th', {}, 'Monitoring Report Sheet'), el('td', {},
          el('a', { href: '#', id: 'xlsx-en', onclick: download(base + '/report.xlsx?lang=en', projectId + '-period-' + number + '-en.xlsx') }, 'XLSX (English)'),
          ' · ',
          el('a', { href: '#', id: 'xlsx-ja', onclick: download(base + '/report.xlsx?lang=ja', projectId + '-period-' + number + '-ja.xlsx') }, 'XLSX (日本語)'))),
        el('tr', {}, el('th', {}, 'Report (PDF)'), el('td', {},
          el('a', { href: '#', id: 'pdf-en', onclick: download(base + '/report.pdf?lang=en', projectId + '-period-' + number + '-en.pdf') }, 'PDF (English)'),
          ' · ',
          el('a', { href: '#', id: 'pdf-ja', onclick: download(base + '/report.pdf?lang=ja', projectId + '-period-' + number + '-ja.pdf') }, 'PDF (日本語)'))))),
    el('section', {}, el('h2', {}, 'Devices'), energyChart(report.devices, report.intervalSeconds),
      el('table', { id: 'devices' },
        el('tr', {}, el('th', {}, 'Device'), el('th', { class: 'num' }, 'kWh'), el('th', { class: 'num' }, 'Excluded kWh'),
          el('th', { class: 'num' }, 'Credited kWh'), el('th', {}, 'Quality flags (readings)')),
        report.devices.map((d) => el('tr', {}, el('td', {}, d.deviceId), el('td', { class: 'num' }, kwh(d.energyWh)),
          el('td', { class: 'num' }, kwh(d.excludedEnergyWh)), el('td', { class: 'num' }, kwh(d.creditedEnergyWh)),
          el('td', {}, Object.entries(d.qualityFlags).map(([rule, n]) => rule + ' ' + n).join(', ') || 'none'))))),
    el('section', {}, el('h2', {}, 'Report versions'),
      el('table', { id: 'versions' }, el('tr', {}, el('th', {}, 'Version'), el('th', {}, 'Why'), el('th', {}, 'By'), el('th', {}, 'Changes')),
        period.versions.map((v) => el('tr', {}, el('td', {}, String(v.version)), el('td', {}, v.reason), el('td', {}, v.createdBy),
          el('td', { class: 'changes' }, v.changes.join('\n'))))),
      latest.version > 1 ? el('p', {}, 'Late data changed the report after it was submitted; issuance is blocked until it is re-verified.') : null),
  ];
  sections.push(el('section', {}, el('h2', {}, 'Verification checklist'),
    el('table', { id: 'checklist' }, el('tr', {}, el('th', {}, 'Item'), el('th', {}, 'Outcome'), el('th', {}, 'Evidence')),
      checklist.items.map((item) => el('tr', { 'data-item': item.id }, el('td', {}, item.title),
        el('td', {}, el('span', { class: 'state ' + item.outcome }, item.outcome)), el('td', {}, item.evidence))))));
  if (period.state === 'ISSUED') {
    const issuance = await api('GET', base + '/issuance');
    sections.push(el('section', {}, el('h2', {}, 'Issuance'),
      el('table', { id: 'allocations' }, el('tr', {}, el('th', {}, 'Account'), el('th', {}, 'Party'), el('th', { class: 'num' }, 'Credits'),
        el('th', {}, 'Serials')),
      issuance.allocations.map((a) => el('tr', { class: 'allocation' }, el('td', {}, a.account), el('td', {}, a.party),
        el('td', { class: 'num' }, String(a.credits)), el('td', {}, a.credits > 0 ? a.firstSerial + '..' + a.lastSerial : '-')))),
      el('p', {}, 'Article 6.2: ' + (issuance.article6.authorization ? 'authorized (' + issuance.article6.authorization + ')' : 'not authorized')
        + '; corresponding adjustment ' + issuance.article6.correspondingAdjustment)));
  }
  if (period.decision) {
    sections.push(el('section', { id: 'decision' }, el('h2', {}, 'Verification'),
      el('p', {}, (period.decision.approve ? 'Approved' : 'Rejected') + ' by ' + period.decision.decidedBy + ' at ' + period.decision.decidedAt),
      el('pre', {}, period.decision.statement)));
  }
  if (has('VERIFIER', 'AUDITOR')) sections.push(sampleForm(base));
  if (has('VERIFIER') && (period.state === 'SUBMITTED' || period.state === 'RESTATED')) sections.push(decisionForm(base, period));
  if (has('CREATOR') && period.state === 'APPROVED') {
    sections.push(el('section', {}, el('h2', {}, 'Issuance'), el('button', { id: 'request-issuance', onclick: act(async () => {
      await api('POST', base + '/issuance', {}); await route();
    }) }, 'Request issuance')));
  }
  if (has('ADMIN') && period.state === 'ISSUANCE_REQUESTED') {
    sections.push(el('section', {}, el('h2', {}, 'Issuance'), el('button', { id: 'issue', onclick: act(async () => {
      await api('POST', base + '/issue', {}); await route();
    }) }, 'Issue credits')));
  }
  return sections;
}

// RFC 9162 section 2.1.3.2: does this leaf, at this index of a tree of this size, hash up to root?
async function sha256(...parts) {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) { bytes.set(part, offset); offset += part.length; }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function fromHex(hex) {
  return new Uint8Array(hex.match(/../g).map((b) => parseInt(b, 16)));
}

async function verifyInclusion(index, size, envelopeHex, proofHex, rootHex) {
  let fn = BigInt(index);
  let sn = BigInt(size) - 1n;
  let r = await sha256(new Uint8Array([0]), fromHex(envelopeHex));
  for (const node of proofHex.map(fromHex)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await sha256(new Uint8Array([1]), node, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      r = await sha256(new Uint8Array([1]), r, node);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && [...r].map((b) => b.toString(16).padStart(2, '0')).join('') === rootHex;
}

function sampleForm(base) {
  const size = el('input', { name: 'sample-size', type: 'number', min: 1, max: 1000, value: 10 });
  const seed = el('input', { name: 'sample-seed', size: 40, placeholder: 'hex; empty for a random seed' });
  const result = el('div', { id: 'sample' });
  return el('section', {}, el('h2', {}, 'Sample readings'),
    el('p', {}, 'Draws readings at random (the seed is recorded, so anyone redraws the same ones); this page checks each'
      + ' inclusion proof itself against the anchored root.'),
    el('form', { id: 'draw-sample', onsubmit: act(async () => {
      const sample = await api('POST', base + '/samples', { size: Number(size.value), seed: seed.value || null });
      const rows = [];
      for (const r of sample.readings) {
        const ok = await verifyInclusion(r.leafIndex, sample.treeSize, r.envelope, r.inclusionProof, sample.root);
        rows.push(el('tr', { class: 'sampled' }, el('td', {}, String(r.leafIndex)), el('td', {}, r.deviceId), el('td', {}, String(r.sequence)),
          el('td', {}, r.timestamp), el('td', {}, el('span', { class: 'state ' + (ok ? 'PASS' : 'FAIL') }, ok ? 'included' : 'NOT included'))));
      }
      result.replaceChildren(el('p', {}, 'Seed ', el('span', { class: 'hash', id: 'sample-seed-used' }, sample.seed), '; root ',
        el('span', { class: 'hash' }, sample.root), ' (' + sample.treeSize + ' leaves)'),
        el('table', {}, el('tr', {}, el('th', {}, 'Leaf'), el('th', {}, 'Device'), el('th', {}, 'Seq'), el('th', {}, 'Time'),
          el('th', {}, 'Inclusion proof')), rows));
    }) }, el('label', {}, 'How many ', size), el('label', {}, 'Seed ', seed), el('button', { type: 'submit' }, 'Draw sample')),
    result);
}

function decisionForm(base, period) {
  const approve = el('select', { name: 'approve' }, el('option', { value: 'true' }, 'Approve'), el('option', { value: 'false' }, 'Reject'));
  const statement = el('textarea', { name: 'statement', required: true });
  const digest = el('output', { class: 'hash', id: 'digest' });
  const signature = el('input', { name: 'signature', size: 70, required: true });
  return el('section', {}, el('h2', {}, 'Decide'),
    el('p', {}, 'Sign the digest with your own verifier key (EIP-191 personal message); the key never reaches this service.'),
    el('form', { id: 'decide', onsubmit: act(async () => {
      await api('POST', base + '/decision', { approve: approve.value === 'true', statement: statement.value, signature: signature.value });
      await route();
    }) },
    el('label', {}, 'Decision ', approve), el('label', {}, 'Statement ', statement),
    el('button', { type: 'button', id: 'get-digest', onclick: act(async () => {
      const answer = await api('GET', base + '/decision-digest?approve=' + approve.value + '&statement=' + encodeURIComponent(statement.value));
      digest.textContent = answer.digest;
    }) }, 'Digest to sign'), ' ', digest,
    el('label', {}, 'Signature (hex) ', signature), el('button', { type: 'submit' }, 'Submit decision')));
}

// A download needs the bearer token, so it is fetched and handed to the browser as a blob.
function download(path, filename) {
  return act(async () => {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('mrv-token') } });
    if (!response.ok) throw new Error('download failed: ' + response.status);
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: filename });
    document.body.append(link);
    link.click();
    link.remove();
  });
}

function openText(text) {
  main.prepend(el('section', {}, el('h2', {}, 'Claim text'), el('pre', { id: 'claim-text' }, text)));
}

function registryPage() {
  const site = { id: el('input', { name: 'site-id' }), name: el('input', { name: 'site-name' }),
    latitude: el('input', { name: 'latitude' }), longitude: el('input', { name: 'longitude' }) };
  const csv = el('textarea', { name: 'devices-csv', placeholder: 'id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class' });
  const keys = el('textarea', { name: 'key-lines', placeholder: 'inv-1 ed25519:... (from mrv agent --print-registration)' });
  const result = el('p', { id: 'registry-result', role: 'status' });
  return el('section', {}, el('h1', {}, 'Registry'),
    el('form', { id: 'site', onsubmit: act(async () => {
      await api('POST', '/sites', { id: site.id.value, name: site.name.value, latitude: Number(site.latitude.value), longitude: Number(site.longitude.value) });
      result.textContent = 'Site ' + site.id.value + ' created.';
    }) }, el('h2', {}, 'Site'), el('label', {}, 'Id ', site.id), el('label', {}, 'Name ', site.name),
    el('label', {}, 'Latitude ', site.latitude), el('label', {}, 'Longitude ', site.longitude), el('button', { type: 'submit' }, 'Create site')),
    el('form', { id: 'devices', onsubmit: act(async () => {
      const registered = await api('POST', '/devices', csv.value, 'text/csv');
      result.textContent = registered.devices + ' devices registered.';
    }) }, el('h2', {}, 'Devices (CSV)'), csv, el('button', { type: 'submit' }, 'Register devices')),
    el('form', { id: 'keys', onsubmit: act(async () => {
      const added = await api('POST', '/devices/keys', keys.value, 'text/plain');
      result.textContent = added.added + ' keys added.';
    }) }, el('h2', {}, 'Keys (registration statements)'), keys, el('button', { type: 'submit' }, 'Add keys')),
    result);
}

async function route() {
  showProblem('');
  const token = sessionStorage.getItem('mrv-token');
  const signOutButton = document.getElementById('sign-out');
  if (!token) {
    document.getElementById('who').textContent = '';
    signOutButton.hidden = true;
    main.replaceChildren(signInPage());
    return;
  }
  try {
    me = me || await api('GET', '/me');
    document.getElementById('who').textContent = me.name + ' (' + me.roles.join(', ') + ')';
    signOutButton.hidden = false;
    const path = location.hash.replace(/^#/, '') || '/';
    let match;
    let page;
    if ((match = path.match(/^\/projects\/([^/]+)\/periods\/(\d+)$/))) page = await periodPage(decodeURIComponent(match[1]), Number(match[2]));
    else if ((match = path.match(/^\/projects\/([^/]+)$/))) page = await projectPage(decodeURIComponent(match[1]));
    else if (path === '/registry') page = registryPage();
    else page = homePage();
    main.replaceChildren(...[page].flat().filter(Boolean));
  } catch (error) {
    showProblem(error.message);
  }
}

document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('hashchange', route);
route();
