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
  return el('section', {}, el('h1', {}, t('signIn.title')),
    el('form', { id: 'sign-in', onsubmit: act(async () => {
      const tokens = await api('POST', '/login', { username: user.value, password: password.value });
      sessionStorage.setItem('mrv-token', tokens.access_token);
      await route();
    }) }, el('label', {}, t('signIn.username') + ' ', user), el('label', {}, t('signIn.password') + ' ', password),
    el('button', { type: 'submit' }, t('signIn.submit'))));
}

async function homePage() {
  // The projects this account may see (its memberships; administrators and auditors: all), with their latest period.
  const listing = await api('GET', '/projects?limit=1000');
  return [
    el('section', {}, el('h1', {}, t('home.projects')),
      listing.projects.length === 0 ? el('p', { id: 'no-projects' }, t('home.none')) : el('table', { id: 'projects' },
        el('tr', {}, el('th', {}, t('field.id')), el('th', {}, t('field.name')), el('th', {}, t('project.methodology')),
          el('th', {}, t('home.latestPeriod'))),
        listing.projects.map((p) => el('tr', { 'data-project': p.id },
          el('td', {}, el('a', { href: '#/projects/' + encodeURIComponent(p.id) }, p.id)), el('td', {}, p.name), el('td', {}, p.methodology),
          el('td', {}, p.latestPeriod ? el('a', { href: '#/projects/' + encodeURIComponent(p.id) + '/periods/' + p.latestPeriod },
            String(p.latestPeriod) + ' ', el('span', { class: 'state ' + p.latestState }, p.latestState)) : '-')))),
      listing.next ? el('p', {}, t('home.more')) : null),
    has('OPERATOR', 'ADMIN') ? el('section', {}, el('h2', {}, t('home.registry')), el('a', { href: '#/registry' }, t('home.onboard'))) : null,
    has('CREATOR', 'ADMIN') ? newProjectForm() : null,
  ];
}

function newProjectForm() {
  const f = { id: el('input', { name: 'project-id', required: true }), name: el('input', { name: 'project-name', required: true }),
    methodology: el('input', { name: 'methodology', required: true }), ef: el('input', { name: 'emission-factor', required: true }),
    efFrom: el('input', { name: 'emission-factor-from', type: 'date', required: true }),
    efUntil: el('input', { name: 'emission-factor-until', type: 'date' }),
    efSource: el('input', { name: 'emission-factor-source', size: 60, required: true }),
    devices: el('input', { name: 'device-ids', size: 60, placeholder: 'inv-1, inv-2', required: true }),
    scheme: el('select', { name: 'scheme' }, el('option', { value: 'JCM' }, 'JCM'), el('option', { value: 'J-Credit' }, 'J-Credit')),
    host: el('input', { name: 'host-country' }) };
  return el('section', {}, el('h2', {}, t('project.propose')),
    el('form', { id: 'new-project', onsubmit: act(async () => {
      await api('POST', '/projects', { id: f.id.value, name: f.name.value, methodology: f.methodology.value,
        emissionFactors: [{ tco2PerMwh: Number(f.ef.value), effectiveFrom: f.efFrom.value, effectiveUntil: f.efUntil.value || null,
          source: f.efSource.value }], deviceIds: f.devices.value.split(',').map((d) => d.trim()).filter(Boolean),
        scheme: f.scheme.value, hostCountry: f.host.value || null });
      location.hash = '#/projects/' + encodeURIComponent(f.id.value);
    }) }, el('label', {}, t('field.id') + ' ', f.id), el('label', {}, t('field.name') + ' ', f.name),
    el('label', {}, t('project.methodology') + ' ', f.methodology), el('label', {}, t('project.ef') + ' ', f.ef),
    el('label', {}, t('project.efFrom') + ' ', f.efFrom), el('label', {}, t('project.efUntil') + ' ', f.efUntil),
    el('label', {}, t('project.efSource') + ' ', f.efSource),
    el('label', {}, t('project.deviceIds') + ' ', f.devices), el('label', {}, t('project.scheme') + ' ', f.scheme),
    el('label', {}, t('project.host') + ' ', f.host), el('button', { type: 'submit' }, t('project.proposeButton'))));
}

// The cycle's next stage, for the role that records it: the document's name, its SHA-256 and the date.
function cycleSection(projectId, cycle) {
  const recorders = { PIN: ['CREATOR', 'ADMIN'], METHODOLOGY: ['CREATOR', 'ADMIN'], PDD: ['CREATOR', 'ADMIN'], PLAN: ['CREATOR', 'ADMIN'],
    VALIDATION: ['VERIFIER'], REGISTRATION: ['ADMIN'] };
  const document = el('input', { name: 'document-name', required: true });
  const sha = el('input', { name: 'document-sha256', size: 70, required: true });
  const date = el('input', { name: 'effective-on', type: 'date', required: true });
  return el('section', {}, el('h2', {}, t('cycle.title', cycle.scheme)),
    el('table', { id: 'cycle' }, cycle.stages.map((s) => el('tr', {}, el('td', {}, s.stage), el('td', {}, s.effectiveOn),
      el('td', {}, s.documentName), el('td', { class: 'hash' }, s.documentSha256), el('td', {}, s.recordedBy)))),
    el('p', { id: 'next-stage' }, cycle.next ? t('cycle.next', cycle.next) : t('cycle.registered')),
    cycle.next && has(...recorders[cycle.next]) ? el('form', { id: 'record-stage', onsubmit: act(async () => {
      await api('POST', '/projects/' + encodeURIComponent(projectId) + '/cycle', { stage: cycle.next, documentName: document.value,
        documentSha256: sha.value.trim().toLowerCase(), effectiveOn: date.value });
      await route();
    }) }, el('label', {}, t('cycle.document') + ' ', document), el('label', {}, t('cycle.sha') + ' ', sha),
    el('label', {}, t('cycle.effectiveOn') + ' ', date), el('button', { type: 'submit' }, t('cycle.record', cycle.next))) : null);
}

// The participants' agreed split, one share per line: account,party,basis points.
function allocationSection(projectId, plan) {
  const shares = el('textarea', { name: 'shares', placeholder: 'jp-gov,JAPAN_GOVERNMENT,5000' },
    plan ? plan.shares.map((s) => s.account + ',' + s.party + ',' + s.basisPoints).join('\n') : '');
  const funded = el('input', { name: 'government-funded', type: 'checkbox', checked: plan && plan.governmentFunded });
  return el('section', {}, el('h2', {}, t('allocation.title')),
    el('p', { id: 'allocation' }, plan ? plan.shares.map((s) => s.account + ' ' + (s.basisPoints / 100) + '%').join(', ')
      + (plan.governmentFunded ? t('allocation.governmentFunded') : '') : t('allocation.none')),
    has('CREATOR', 'ADMIN') ? el('form', { id: 'set-allocation', onsubmit: act(async () => {
      await api('PUT', '/projects/' + encodeURIComponent(projectId) + '/allocation', { governmentFunded: funded.checked,
        shares: shares.value.split('\n').filter((l) => l.trim()).map((l) => {
          const [account, party, bp] = l.split(',').map((x) => x.trim());
          return { account, party, basisPoints: Number(bp) };
        }) });
      await route();
    }) }, el('label', {}, t('allocation.shares') + ' ', shares), el('label', {}, funded, t('allocation.funded')),
    el('button', { type: 'submit' }, t('allocation.save'))) : null);
}

// A programme's member sites (J-Credit プログラム型): a page of 100 at a time, enrolment from CSV lines
// (siteId,joinedOn,creditingStartOn,consentSha256,eligibilitySha256,dataSource), and each open
// membership's leaving date.
async function memberSitesSection(projectId) {
  const base = '/projects/' + encodeURIComponent(projectId) + '/member-sites';
  const mayChange = has('CREATOR', 'ADMIN');
  const table = el('table', { id: 'member-sites' }, el('tr', {}, el('th', {}, t('members.site')), el('th', {}, t('members.joined')),
    el('th', {}, t('members.creditingFrom')), el('th', {}, t('members.left')), el('th', {}, t('members.dataSource')), el('th', {}, '')));
  const more = el('button', { id: 'more-members', type: 'button', hidden: true }, t('members.more'));
  let after = null;
  const memberRow = (m) => {
    const leftOn = el('input', { type: 'date', name: 'left-on', required: true });
    return el('tr', { 'data-site': m.siteId }, el('td', {}, m.siteId), el('td', {}, m.joinedOn), el('td', {}, m.creditingStartOn),
      el('td', { class: 'left-on' }, m.leftOn || '-'), el('td', {}, m.dataSource),
      el('td', {}, mayChange && !m.leftOn ? el('form', { class: 'leave', onsubmit: act(async () => {
        await api('POST', base + '/' + encodeURIComponent(m.siteId) + '/leave', { leftOn: leftOn.value });
        await route();
      }) }, leftOn, el('button', { type: 'submit' }, t('members.leave'))) : null));
  };
  const load = async () => {
    const page = await api('GET', base + '?limit=100' + (after ? '&after=' + encodeURIComponent(after) : ''));
    page.members.forEach((m) => table.append(memberRow(m)));
    after = page.next;
    more.hidden = !page.next;
  };
  more.addEventListener('click', act(load));
  await load();
  const csv = el('textarea', { name: 'member-csv', rows: 4, cols: 100,
    placeholder: 'home-0001,2026-06-01,2026-06-01,<consent SHA-256>,<eligibility SHA-256>,metered' });
  const enrolled = el('p', { id: 'enrolled', hidden: true });
  return el('section', {}, el('h2', {}, t('members.title')),
    table.children.length > 1 ? table : el('p', { id: 'no-members' }, t('members.none')), more, enrolled,
    mayChange ? el('form', { id: 'enrol-members', onsubmit: act(async () => {
      const lines = csv.value.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('siteId'));
      const sites = lines.map((line, i) => {
        const f = line.split(',').map((x) => x.trim());
        if (f.length !== 6) throw new Error(t('members.csvLine', i + 1, line));
        return { siteId: f[0], joinedOn: f[1], creditingStartOn: f[2], consentSha256: f[3].toLowerCase(),
          eligibilitySha256: f[4].toLowerCase(), dataSource: f[5] };
      });
      const result = await api('POST', base, sites);
      await route();
      const shown = document.getElementById('enrolled');
      if (shown) { shown.textContent = t('members.enrolled', result.enrolled, result.memberSites); shown.hidden = false; }
    }) }, el('label', {}, t('members.csv') + ' ', csv), el('button', { type: 'submit' }, t('members.enrol'))) : null);
}

async function projectPage(projectId) {
  const project = await api('GET', '/projects/' + encodeURIComponent(projectId));
  const firstDevices = await api('GET', '/projects/' + encodeURIComponent(projectId) + '/devices?limit=20');
  const periods = await api('GET', '/projects/' + encodeURIComponent(projectId) + '/periods');
  const cycle = await api('GET', '/projects/' + encodeURIComponent(projectId) + '/cycle');
  let plan = null;
  try { plan = await api('GET', '/projects/' + encodeURIComponent(projectId) + '/allocation'); } catch (none) { /* none agreed yet */ }
  const from = el('input', { name: 'from', placeholder: '2026-06-20T15:00:00Z', required: true });
  const to = el('input', { name: 'to', placeholder: '2026-06-21T15:00:00Z', required: true });
  return [
    el('section', {}, el('h1', {}, project.name + ' (' + project.id + ')'),
      el('p', { id: 'project-summary' }, t('project.summary', project.methodology, project.emissionFactors.map((ef) => ef.tco2PerMwh + ' tCO2/MWh ('
        + ef.effectiveFrom + ' – ' + (ef.effectiveUntil || '') + ', ' + ef.source + ')').join('; '), project.deviceCount,
        firstDevices.deviceIds.join(', ') + (firstDevices.next ? ', …' : '')))),
    cycleSection(projectId, cycle),
    project.scheme === 'J-Credit' ? await memberSitesSection(projectId) : null,
    allocationSection(projectId, plan),
    el('section', {}, el('h2', {}, t('periods.title')),
      periods.length === 0 ? el('p', {}, t('periods.none')) : el('table', { id: 'periods' },
        el('tr', {}, el('th', {}, t('col.no')), el('th', {}, t('col.from')), el('th', {}, t('col.to')), el('th', {}, t('col.state')),
          el('th', {}, t('col.report'))),
        periods.map((p) => el('tr', {}, el('td', {}, el('a', { href: '#/projects/' + encodeURIComponent(projectId) + '/periods/' + p.number }, String(p.number))),
          el('td', {}, at(p.from, project.timeZone)), el('td', {}, at(p.to, project.timeZone)),
          el('td', {}, el('span', { class: 'state ' + p.state }, p.state)),
          el('td', {}, t('periods.version', p.versions.length)))))),
    has('CREATOR', 'ADMIN') ? el('section', {}, el('h2', {}, t('close.title')),
      el('form', { id: 'close-period', onsubmit: act(async () => {
        const period = await api('POST', '/projects/' + encodeURIComponent(projectId) + '/periods', { from: from.value, to: to.value });
        location.hash = '#/projects/' + encodeURIComponent(projectId) + '/periods/' + period.number;
      }) }, el('label', {}, t('col.from') + ' ', from), el('label', {}, t('col.to') + ' ', to),
      el('button', { type: 'submit' }, t('close.button')))) : null,
  ];
}

// The UTC hours starting in [from, to) grouped into the breakdown's intervals: the denominator of completeness.
function intervalsIn(from, to, seconds) {
  const hour = 3600000;
  const first = Math.ceil(Date.parse(from) / hour) * hour;
  const last = Math.ceil(Date.parse(to) / hour) * hour - hour;
  return last < first ? 0 : Math.floor(last / (seconds * 1000)) - Math.floor(first / (seconds * 1000)) + 1;
}

// One bar per interval of the report's breakdown (per UTC hour for short periods, else per UTC day),
// summing a field of the chosen devices' intervals; hours are labelled by hour of day when the
// period spans at most two days.
// An instant as the site's clock shows it (the project's sites' time zone; UTC if none is recorded),
// written "2026-06-21 00:00 Asia/Tokyo"; the UTC instant on hover.
function localText(iso, zone) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function at(iso, zone) {
  return el('time', { datetime: iso, title: iso }, localText(iso, zone) + ' ' + (zone || 'UTC'));
}

function barsOf(devices, field, hourly, zone) {
  // Hourly bars are labelled in local time; daily bars are UTC days (the report's daily intervals are), so labelled as such.
  const local = (start) => (hourly ? localText(start, zone) : start.slice(0, 10));
  const days = new Set(devices.flatMap((d) => d.intervals).map((i) => local(i.start).slice(0, 10)));
  const label = (start) => (hourly && days.size <= 2 ? local(start).slice(11, 13) : hourly ? local(start).slice(5, 13) : local(start));
  const sums = devices.flatMap((d) => d.intervals)
    .reduce((m, i) => m.set(i.start, (m.get(i.start) || 0) + (i[field] || 0)), new Map());
  return [...sums].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([start, value]) => [label(start), value]);
}

function barChart(id, bars, format, caption) {
  const max = Math.max(1, ...bars.map((b) => b[1]));
  const width = 640;
  const barWidth = Math.max(2, Math.floor((width - 40) / Math.max(1, bars.length)));
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' 180');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', caption(max));
  bars.forEach(([label, value], i) => {
    const h = Math.round((value / max) * 140);
    const rect = document.createElementNS(svg.namespaceURI, 'rect');
    rect.setAttribute('class', 'bar');
    rect.setAttribute('x', 30 + i * barWidth);
    rect.setAttribute('y', 150 - h);
    rect.setAttribute('width', barWidth - 1);
    rect.setAttribute('height', h);
    const title = document.createElementNS(svg.namespaceURI, 'title');
    title.textContent = label + ': ' + format(value);
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
  return el('figure', { id }, svg, el('figcaption', {}, caption(max)));
}

// Energy and flagged readings over the period, for all devices or the one chosen.
function periodCharts(report, zone) {
  const hourly = report.intervalSeconds === 3600;
  const choice = el('select', { id: 'chart-device' }, el('option', { value: '' }, t('chart.allDevices')),
    report.devices.map((d) => el('option', { value: d.deviceId }, d.deviceId)));
  const figures = el('div', {});
  const draw = () => {
    const chosen = choice.value ? report.devices.filter((d) => d.deviceId === choice.value) : report.devices;
    const who = choice.value || t('chart.allDevices');
    const energy = barsOf(chosen, 'energyWh', hourly, zone);
    const flagged = barsOf(chosen, 'flaggedReadings', hourly, zone);
    figures.replaceChildren(
      energy.length === 0 ? el('p', {}, t('chart.none')) : barChart('energy-chart', energy, (wh) => kwh(wh) + ' kWh',
        (max) => t('chart.caption', hourly ? t('chart.hourly') : t('chart.daily'), who, kwh(max))),
      flagged.every((b) => b[1] === 0) ? el('p', { id: 'flag-chart' }, t('chart.noFlags')) : barChart('flag-chart', flagged, String,
        (max) => t('chart.flagsCaption', t('chart.flags', hourly ? t('chart.hour') : t('chart.day')), who, max)));
  };
  choice.addEventListener('change', draw);
  draw();
  return [el('label', {}, t('chart.show') + ' ', choice), figures];
}

// A checklist item's title in the page's language, by its id.
// The service titles each item in English and Japanese (CheckItem).
function checklistTitle(item) {
  return language === 'ja' ? item.titleJa : item.title;
}

async function periodPage(projectId, number) {
  const base = '/projects/' + encodeURIComponent(projectId) + '/periods/' + number;
  const period = await api('GET', base);
  const zone = (await api('GET', '/projects/' + encodeURIComponent(projectId))).timeZone;
  const report = await api('GET', base + '/report.json?version=1');
  const checklist = await api('GET', base + '/checklist');
  // What this account may do now, as the service decides it (PeriodAction): no button the service would refuse.
  const may = new Set((await api('GET', base + '/actions')).actions);
  const latest = period.versions[period.versions.length - 1];
  const expected = intervalsIn(report.from, report.to, report.intervalSeconds);
  const link = (id, lang, kind, text) => el('a', { href: '#', id, onclick: download(base + '/report.' + kind + '?lang=' + lang,
    projectId + '-period-' + number + '-' + lang + '.' + kind) }, text);
  const verification = (lang, text) => el('a', { href: '#', id: 'verification-pdf-' + lang, onclick: download(
    base + '/verification-report.pdf?lang=' + lang, projectId + '-period-' + number + '-verification-' + lang + '.pdf') }, text);
  const sections = [
    el('section', {}, el('h1', {}, t('period.title', number, projectId), el('span', { class: 'state ' + period.state, id: 'state' }, period.state)),
      el('table', {},
        el('tr', {}, el('th', {}, t('period.period')), el('td', { id: 'period-span' }, at(period.from, zone), ' .. ', at(period.to, zone))),
        el('tr', {}, el('th', {}, t('period.credited')), el('td', { id: 'credited-kwh' },
          t('period.creditedDetail', kwh(report.creditedEnergyWh), kwh(report.totalEnergyWh), kwh(report.excludedEnergyWh)))),
        report.selfConsumption ? el('tr', {}, el('th', {}, t('period.selfConsumed')), el('td', { id: 'self-consumed' },
          t('period.selfConsumedDetail', kwh(report.selfConsumption.selfConsumedWh), kwh(report.selfConsumption.exportWh),
            report.selfConsumption.siteMeters.map((m) => m.deviceId).join(', '), report.selfConsumption.fiscalYear))) : null,
        report.members && report.members.length ? el('tr', {}, el('th', {}, t('period.members')), el('td', { id: 'members' },
          t('period.membersDetail', report.members.filter((m) => m.counts).length, report.members.length),
          ...report.members.filter((m) => !m.counts).map((m) => el('div', { class: 'left-out' }, m.siteId + ': ' + m.leftOutBecause)))) : null,
        ...(report.selfConsumption && report.selfConsumption.batteries ? report.selfConsumption.batteries : []).map((b) =>
          el('tr', {}, el('th', {}, t('period.battery', b.deviceId)), el('td', { class: 'battery' },
            t('period.batteryDetail', kwh(b.withheldWh), kwh(b.chargeWh), kwh(b.dischargeWh), kwh(b.capacityWh))))),
        el('tr', {}, el('th', {}, t('period.reductions')), el('td', {}, t('period.reductionsDetail', report.emissionReductionsTco2, report.emissionFactorTco2PerMwh))),
        el('tr', {}, el('th', {}, t('period.credits')), el('td', { id: 'credits' }, t('period.creditsDetail', report.creditsTco2))),
        el('tr', {}, el('th', {}, t('period.onChain')), el('td', {}, t('period.chainPeriod', period.chainPeriodId)
          + (period.firstSerial !== null && period.firstSerial !== undefined ? t('period.serials', period.firstSerial, period.lastSerial) : ''))),
        el('tr', {}, el('th', {}, t('period.hash')), el('td', { class: 'hash' }, period.versions[0].claimSha256 + ' ',
          el('a', { href: '#', onclick: act(async () => { openText(await api('GET', base + '/claim.txt?version=1')); }) }, t('period.claimText')))),
        el('tr', {}, el('th', {}, t('period.sheet')), el('td', {},
          link('xlsx-en', 'en', 'xlsx', 'XLSX (English)'), ' · ', link('xlsx-ja', 'ja', 'xlsx', 'XLSX (日本語)'))),
        el('tr', {}, el('th', {}, t('period.pdf')), el('td', {},
          link('pdf-en', 'en', 'pdf', 'PDF (English)'), ' · ', link('pdf-ja', 'ja', 'pdf', 'PDF (日本語)'))),
        el('tr', {}, el('th', {}, t('period.verificationPdf')), el('td', {},
          verification('en', 'PDF (English)'), ' · ', verification('ja', 'PDF (日本語)'))))),
    el('section', {}, el('h2', {}, t('devices.title')), periodCharts(report, zone),
      el('table', { id: 'devices' },
        el('tr', {}, el('th', {}, t('col.device')), el('th', { class: 'num' }, t('col.kwh')), el('th', { class: 'num' }, t('col.excluded')),
          el('th', { class: 'num' }, t('col.credited')), el('th', { class: 'num' }, t('col.complete')), el('th', {}, t('col.flags'))),
        report.devices.map((d) => el('tr', {}, el('td', {}, d.deviceId), el('td', { class: 'num' }, kwh(d.energyWh)),
          el('td', { class: 'num' }, kwh(d.excludedEnergyWh)), el('td', { class: 'num' }, kwh(d.creditedEnergyWh)),
          el('td', { class: 'num complete' }, d.intervals.filter((i) => i.readings > 0).length + ' / ' + expected),
          el('td', { class: 'flags' }, Object.entries(d.qualityFlags).map(([rule, n]) => rule + ' ' + n).join(', ') || t('flags.none'),
            Object.keys(d.qualityTags || {}).length ? el('span', { class: 'tags' }, ' · ' + t('flags.tags') + ' '
              + Object.entries(d.qualityTags).map(([rule, n]) => rule + ' ' + n).join(', ')) : null,
            d.calibration && d.calibration.uncovered.length ? el('span', { class: 'uncalibrated' }, ' · ' + t('flags.uncalibrated',
              d.calibration.uncovered.length, kwh(d.calibration.correctionWh), d.calibration.accuracyClass,
              d.calibration.maxPermissibleErrorPercent)) : null)))),
      el('p', {}, t('devices.completeNote', report.intervalSeconds === 3600 ? t('devices.hours') : t('devices.days')))),
    el('section', {}, el('h2', {}, t('versions.title')),
      el('table', { id: 'versions' }, el('tr', {}, el('th', {}, t('col.version')), el('th', {}, t('col.why')), el('th', {}, t('col.by')),
        el('th', {}, t('col.changes'))),
        period.versions.map((v) => el('tr', {}, el('td', {}, String(v.version)), el('td', {}, v.reason), el('td', {}, v.createdBy),
          el('td', { class: 'changes' }, v.changes.join('\n'))))),
      latest.version > 1 ? el('p', {}, t('versions.late')) : null),
  ];
  sections.push(el('section', {}, el('h2', {}, t('checklist.title')),
    el('table', { id: 'checklist' }, el('tr', {}, el('th', {}, t('col.item')), el('th', {}, t('col.outcome')), el('th', {}, t('col.evidence'))),
      checklist.items.map((item) => el('tr', { 'data-item': item.id }, el('td', {}, checklistTitle(item)),
        el('td', {}, el('span', { class: 'state ' + item.outcome }, item.outcome)), el('td', {}, item.evidence))))));
  if (period.state === 'ISSUED') {
    const issuance = await api('GET', base + '/issuance');
    sections.push(el('section', {}, el('h2', {}, t('issuance.title')),
      el('table', { id: 'allocations' }, el('tr', {}, el('th', {}, t('col.account')), el('th', {}, t('col.party')),
        el('th', { class: 'num' }, t('col.credits')), el('th', {}, t('col.serials'))),
      issuance.allocations.map((a) => el('tr', { class: 'allocation' }, el('td', {}, a.account), el('td', {}, a.party),
        el('td', { class: 'num' }, String(a.credits)), el('td', {}, a.credits > 0 ? a.firstSerial + '..' + a.lastSerial : '-')))),
      el('p', {}, t('issuance.article6', issuance.article6.authorization ? t('issuance.authorized', issuance.article6.authorization)
        : t('issuance.notAuthorized'), issuance.article6.correspondingAdjustment))));
  }
  if (period.decision) {
    sections.push(el('section', { id: 'decision' }, el('h2', {}, t('decision.title')),
      el('p', {}, t('decision.by', period.decision.approve ? t('decision.approved') : t('decision.rejected'), period.decision.decidedBy,
        localText(period.decision.decidedAt, zone) + ' ' + (zone || 'UTC'))),
      el('pre', {}, period.decision.statement)));
  }
  sections.push(await findingsSection(base, may, zone));
  if (has('VERIFIER', 'AUDITOR')) sections.push(sampleForm(base));
  if (may.has('DECIDE')) sections.push(decisionForm(base, period));
  if (may.has('RESUBMIT')) {
    sections.push(el('section', {}, el('h2', {}, t('resubmit.title')), el('p', {}, t('resubmit.explain')),
      el('button', { id: 'resubmit', onclick: act(async () => {
        const next = await api('POST', base + '/resubmission', {});
        location.hash = '#/projects/' + encodeURIComponent(projectId) + '/periods/' + next.number;
      }) }, t('resubmit.button'))));
  }
  if (may.has('REQUEST_ISSUANCE')) {
    sections.push(el('section', {}, el('h2', {}, t('issuance.title')), el('button', { id: 'request-issuance', onclick: act(async () => {
      await api('POST', base + '/issuance', {}); await route();
    }) }, t('issuance.request'))));
  }
  if (may.has('ISSUE')) {
    sections.push(el('section', {}, el('h2', {}, t('issuance.title')), el('button', { id: 'issue', onclick: act(async () => {
      await api('POST', base + '/issue', {}); await route();
    }) }, t('issuance.issue'))));
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
  const seed = el('input', { name: 'sample-seed', size: 40, placeholder: t('sample.seedPlaceholder') });
  const result = el('div', { id: 'sample' });
  return el('section', {}, el('h2', {}, t('sample.title')), el('p', {}, t('sample.explain')),
    el('form', { id: 'draw-sample', onsubmit: act(async () => {
      const sample = await api('POST', base + '/samples', { size: Number(size.value), seed: seed.value || null });
      const rows = [];
      for (const r of sample.readings) {
        const ok = await verifyInclusion(r.leafIndex, sample.treeSize, r.envelope, r.inclusionProof, sample.root);
        rows.push(el('tr', { class: 'sampled' }, el('td', {}, String(r.leafIndex)), el('td', {}, r.deviceId), el('td', {}, String(r.sequence)),
          el('td', {}, r.timestamp), el('td', {}, el('span', { class: 'state ' + (ok ? 'PASS' : 'FAIL') }, ok ? t('sample.included') : t('sample.notIncluded')))));
      }
      result.replaceChildren(el('p', {}, t('sample.seed') + ' ', el('span', { class: 'hash', id: 'sample-seed-used' }, sample.seed),
        t('sample.root'), el('span', { class: 'hash' }, sample.root), t('sample.leaves', sample.treeSize)),
        el('table', {}, el('tr', {}, el('th', {}, t('col.leaf')), el('th', {}, t('col.device')), el('th', {}, t('col.seq')),
          el('th', {}, t('col.time')), el('th', {}, t('col.inclusion'))), rows));
    }) }, el('label', {}, t('sample.size') + ' ', size), el('label', {}, t('sample.seed') + ' ', seed),
    el('button', { type: 'submit' }, t('sample.draw'))),
    result);
}

// The verifier's findings and their threads; while the period waits for its decision the verifier raises,
// closes and reopens them and the participant (creator) answers them.
async function findingsSection(base, may, zone) {
  const findings = await api('GET', base + '/findings');
  const step = (n, kind, label) => {
    const text = el('input', { name: kind + '-' + n, size: 50, required: true });
    return el('form', { class: 'finding-step', id: kind + '-' + n, onsubmit: act(async () => {
      await api('POST', base + '/findings/' + n + '/' + kind, { text: text.value }); await route();
    }) }, text, el('button', { type: 'submit' }, label));
  };
  const rows = findings.map((f) => el('tr', { 'data-finding': f.number },
    el('td', {}, f.type + ' ' + f.number), el('td', {}, el('span', { class: 'state ' + f.state }, f.state)), el('td', {}, f.checkId || '-'),
    el('td', {}, f.thread.map((e) => el('p', { class: 'finding-entry' }, el('b', {}, e.step + ' · ' + e.by + ' · '
      + localText(e.at, zone) + ' ' + (zone || 'UTC') + ': '), e.text)),
    may.has('ANSWER_FINDING') && f.state === 'OPEN' ? step(f.number, 'answer', t('findings.answer')) : null,
    may.has('RAISE_FINDING') && (f.state === 'ANSWERED' || (f.state === 'OPEN' && f.type === 'FAR')) ? step(f.number, 'close', t('findings.close')) : null,
    may.has('RAISE_FINDING') && f.state === 'ANSWERED' ? step(f.number, 'reopen', t('findings.reopen')) : null)));
  const section = el('section', { id: 'findings' }, el('h2', {}, t('findings.title')), el('p', {}, t('findings.explain')),
    findings.length === 0 ? el('p', {}, t('findings.none')) : el('table', {}, el('tr', {}, el('th', {}, t('findings.type')),
      el('th', {}, t('col.outcome')), el('th', {}, t('col.item')), el('th', {}, t('findings.text'))), rows));
  if (may.has('RAISE_FINDING')) {
    const type = el('select', { name: 'finding-type' }, ['CAR', 'CL', 'FAR'].map((v) => el('option', { value: v }, v)));
    const check = el('input', { name: 'finding-check', size: 16 });
    const text = el('textarea', { name: 'finding-text', required: true });
    section.append(el('form', { id: 'raise-finding', onsubmit: act(async () => {
      await api('POST', base + '/findings', { type: type.value, checkId: check.value || null, text: text.value }); await route();
    }) }, el('label', {}, t('findings.type') + ' ', type), el('label', {}, t('findings.check') + ' ', check),
    el('label', {}, t('findings.text') + ' ', text), el('button', { type: 'submit' }, t('findings.raise'))));
  }
  return section;
}

function decisionForm(base, period) {
  const approve = el('select', { name: 'approve' }, el('option', { value: 'true' }, t('decide.approve')),
    el('option', { value: 'false' }, t('decide.reject')));
  const statement = el('textarea', { name: 'statement', required: true });
  const digest = el('output', { class: 'hash', id: 'digest' });
  const signed = el('pre', { id: 'signed-statement' });
  const signature = el('input', { name: 'signature', size: 70, required: true });
  return el('section', {}, el('h2', {}, t('decide.title')), el('p', {}, t('decide.explain')),
    el('form', { id: 'decide', onsubmit: act(async () => {
      await api('POST', base + '/decision', { approve: approve.value === 'true', statement: statement.value, signature: signature.value });
      await route();
    }) },
    el('label', {}, t('decide.decision') + ' ', approve), el('label', {}, t('decide.statement') + ' ', statement),
    el('button', { type: 'button', id: 'get-digest', onclick: act(async () => {
      const answer = await api('GET', base + '/decision-digest?approve=' + approve.value + '&statement=' + encodeURIComponent(statement.value));
      digest.textContent = answer.digest;
      signed.textContent = answer.statement;
    }) }, t('decide.digest')), ' ', digest, el('p', {}, t('decide.signed')), signed,
    el('label', {}, t('decide.signature') + ' ', signature), el('button', { type: 'submit' }, t('decide.submit'))));
}

// A download needs the bearer token, so it is fetched and handed to the browser as a blob.
function download(path, filename) {
  return act(async () => {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('mrv-token') } });
    if (!response.ok) throw new Error(t('download.failed', response.status));
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: filename });
    document.body.append(link);
    link.click();
    link.remove();
  });
}

function openText(text) {
  main.prepend(el('section', {}, el('h2', {}, t('claim.title')), el('pre', { id: 'claim-text' }, text)));
}

function registryPage() {
  const site = { id: el('input', { name: 'site-id' }), name: el('input', { name: 'site-name' }),
    latitude: el('input', { name: 'latitude' }), longitude: el('input', { name: 'longitude' }),
    timeZone: el('input', { name: 'time-zone', placeholder: 'Asia/Tokyo' }) };
  const csv = el('textarea', { name: 'devices-csv', placeholder: 'id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class' });
  const keys = el('textarea', { name: 'key-lines', placeholder: 'inv-1 ed25519:... (from mrv agent --print-registration)' });
  const result = el('p', { id: 'registry-result', role: 'status' });
  return el('section', {}, el('h1', {}, t('registry.title')),
    el('form', { id: 'site', onsubmit: act(async () => {
      await api('POST', '/sites', { id: site.id.value, name: site.name.value, latitude: Number(site.latitude.value),
        longitude: Number(site.longitude.value), timeZone: site.timeZone.value || null });
      result.textContent = t('registry.siteCreated', site.id.value);
    }) }, el('h2', {}, t('registry.site')), el('label', {}, t('field.id') + ' ', site.id), el('label', {}, t('field.name') + ' ', site.name),
    el('label', {}, t('field.latitude') + ' ', site.latitude), el('label', {}, t('field.longitude') + ' ', site.longitude),
    el('label', {}, t('field.timeZone') + ' ', site.timeZone),
    el('button', { type: 'submit' }, t('registry.createSite'))),
    el('form', { id: 'devices', onsubmit: act(async () => {
      const registered = await api('POST', '/devices', csv.value, 'text/csv');
      result.textContent = t('registry.registered', registered.devices);
    }) }, el('h2', {}, t('registry.devices')), csv, el('button', { type: 'submit' }, t('registry.register'))),
    el('form', { id: 'keys', onsubmit: act(async () => {
      const added = await api('POST', '/devices/keys', keys.value, 'text/plain');
      result.textContent = t('registry.keysAdded', added.added);
    }) }, el('h2', {}, t('registry.keys')), keys, el('button', { type: 'submit' }, t('registry.addKeys'))),
    result);
}

async function route() {
  showProblem('');
  document.getElementById('sign-out').textContent = t('app.signOut');
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
    else page = await homePage();
    main.replaceChildren(...[page].flat().filter(Boolean));
  } catch (error) {
    showProblem(error.message);
  }
}

const languageChoice = document.getElementById('lang');
languageChoice.value = language;
languageChoice.addEventListener('change', () => { setLanguage(languageChoice.value); route(); });
setLanguage(language);

document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('hashchange', route);
route();
