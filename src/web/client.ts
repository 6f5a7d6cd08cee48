/**
 * The page's script, run by the browser (plain JavaScript, no build step): it draws each lab from
 * the server-sent events, opens terminals (xterm.js on a websocket), runs the checks and shows
 * each result as it comes, and runs `lab trace` and `lab flows --during`. Elements carry data-*
 * attributes naming what they show, for people reading the page's source and for its browser tests.
 */
export const CLIENT_SCRIPT = String.raw`
'use strict';
const TOKEN = document.body.dataset.token;
const q = (path) => path + (path.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(TOKEN);
const el = (tag, attrs, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
};
const options = (names) => names.map((n) => el('option', { value: n, textContent: n }));
const sections = new Map();

function nodeRow(n, down) {
  const daemons = n.daemons.map((d) => d.name + (d.running ? '' : ' (' + d.state + ')')).join(' ');
  const state = !n.present ? 'missing' : down ? 'DOWN' : 'up';
  const extra = [n.address, n.chassis ? 'on ' + n.chassis : '', n.registered ? 'registered: ' + n.registered : '', n.versions ? 'OVN ' + n.versions.ovn + ', OVS ' + n.versions.ovs : ''].filter(Boolean).join('; ');
  return el('tr', { 'data-node': n.name, 'data-down': String(down), class: down ? 'down' : '' }, el('td', { textContent: n.name }), el('td', { textContent: n.kind }), el('td', { textContent: state }), el('td', { textContent: extra }), el('td', { textContent: daemons }));
}

/**
 * A terminal as big as its element: the fit addon gives xterm.js the columns and rows that fit,
 * at the start and whenever the element changes size (the window resized, its corner dragged);
 * each new size goes to the server, which sizes the shell's pty to it (the shell gets SIGWINCH).
 * The holder's data-cols and data-rows say the size the terminal shows.
 */
function openTerminal(lab, node, box) {
  const term = new Terminal({ fontSize: 13, convertEol: false });
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  const holder = el('div', { class: 'term', 'data-node': node }, el('div', { class: 'term-title', textContent: node + ' (lab shell ' + node + ')' }));
  const screen = el('div', { class: 'screen' });
  holder.append(screen);
  box.prepend(holder);
  term.open(screen);
  fit.fit();
  const shown = () => Object.assign(holder.dataset, { cols: String(term.cols), rows: String(term.rows) });
  shown();
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(proto + '//' + location.host + q('/api/labs/' + encodeURIComponent(lab) + '/nodes/' + encodeURIComponent(node) + '/terminal?cols=' + term.cols + '&rows=' + term.rows));
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (m) => term.write(new Uint8Array(m.data));
  const refit = new ResizeObserver(() => fit.fit());
  refit.observe(screen);
  ws.onclose = (e) => {
    term.write('\r\n[' + (e.reason || 'closed') + ']\r\n');
    holder.dataset.closed = 'true';
    refit.disconnect();
  };
  term.onData((data) => ws.readyState === 1 && ws.send(JSON.stringify({ type: 'input', data })));
  // A size chosen before the socket opened goes once it has.
  ws.onopen = () => ws.send(JSON.stringify({ type: 'resize', cols: term.cols, rows: term.rows }));
  term.onResize((size) => {
    shown();
    if (ws.readyState === 1) ws.send(JSON.stringify({ type: 'resize', cols: size.cols, rows: size.rows }));
  });
  term.focus();
}

async function runChecks(lab, list, summary, button) {
  button.disabled = true;
  list.replaceChildren();
  summary.textContent = 'running…';
  summary.dataset.state = 'running';
  const res = await fetch(q('/api/labs/' + encodeURIComponent(lab) + '/checks'), { method: 'POST' });
  if (!res.ok) {
    summary.textContent = (await res.json()).error;
    summary.dataset.state = 'error';
    button.disabled = false;
    return;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const line of lines.filter(Boolean)) checkEvent(JSON.parse(line), list, summary);
  }
  button.disabled = false;
}

function checkEvent(e, list, summary) {
  if (e.done) {
    summary.textContent = e.error ? 'error: ' + e.error : e.passed + ' passed, ' + e.failed + ' failed';
    summary.dataset.state = e.error ? 'error' : e.failed ? 'failed' : 'passed';
    return;
  }
  let li = [...list.children].find((c) => c.dataset.check === e.check);
  if (!li) list.append((li = el('li', { 'data-check': e.check })));
  li.dataset.state = e.state;
  li.textContent = '[' + e.state.toUpperCase() + '] ' + e.check + (e.detail ? ': ' + e.detail : '') + (e.ms !== undefined ? ' (' + (e.ms / 1000).toFixed(2) + 's)' : '');
}

async function post(lab, what, body) {
  const res = await fetch(q('/api/labs/' + encodeURIComponent(lab) + '/' + what), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const out = await res.json();
  if (!res.ok) throw new Error(out.error);
  return out;
}

function flowText(r) {
  const lines = r.flows.map((f) => 'table=' + f.table + ' +' + f.delta + ' pkts  ' + (f.lflow ? f.lflow.stage + ' (' + f.lflow.datapath + ')\n    logical: match=(' + f.lflow.match + ') action=(' + f.lflow.actions + ')' : '(not from a logical flow)') + '\n    openflow: priority=' + f.priority + (f.match ? ',' + f.match : '') + ' actions=' + f.actions);
  return r.output + '\n' + r.flows.length + ' flows counted packets (exit ' + r.exitCode + '):\n' + lines.join('\n');
}

function tools(v) {
  const tFrom = el('select', {}, ...options(v.vms));
  const tTo = el('input', { value: v.vms[1] || '', size: 14, placeholder: 'VM or address' });
  const tProto = el('input', { value: 'icmp', size: 8 });
  const tOut = el('pre', { class: 'trace-output' });
  const fCh = el('select', {}, ...options(v.chassis));
  // The first VM pings the second, on the first VM's chassis: a first look at the flows.
  const fNode = el('select', {}, ...options([...v.vms, ...v.nodes.map((n) => n.name).filter((n) => !v.vms.includes(n))]));
  const firstVm = v.nodes.find((n) => n.name === v.vms[0]);
  if (firstVm && firstVm.chassis) fCh.value = firstVm.chassis;
  const fCmd = el('input', { value: 'ping -c1 -W2 ' + (v.nodes.find((n) => n.name === v.vms[1])?.address || '').split('/')[0], size: 40 });
  const fOut = el('pre', { class: 'flows-output' });
  const run = (out, fn) => async () => {
    out.textContent = 'running…';
    try {
      out.textContent = await fn();
    } catch (e) {
      out.textContent = 'error: ' + e.message;
    }
  };
  return el('div', { class: 'tools' },
    el('h3', { textContent: 'lab trace' }), tFrom, ' → ', tTo, ' proto ', tProto, ' ',
    el('button', { class: 'trace', textContent: 'trace', onclick: run(tOut, async () => { const r = await post(v.name, 'trace', { from: tFrom.value, to: tTo.value, proto: tProto.value }); return '$ ' + r.command + '\n' + r.output; }) }), tOut,
    el('h3', { textContent: 'lab flows --during' }), 'chassis ', fCh, ' while ', fNode, ' runs ', fCmd, ' ',
    el('button', { class: 'flows', textContent: 'run', onclick: run(fOut, async () => flowText(await post(v.name, 'flows', { chassis: fCh.value, node: fNode.value, command: fCmd.value }))) }), fOut);
}

/** The score as lab check keeps it: passed of total, and each exercise's state. */
function exerciseText(x) {
  if (!x) return 'This lab has no exercises.';
  const each = x.exercises.map((e) => e.number + '. ' + e.name + ': ' + (e.passed ? 'passed' : e.started ? 'not yet' : 'not started'));
  return 'score ' + x.passed + '/' + x.total + ' (lab check scores it; lab exercise shows the next task) · ' + each.join(' · ');
}

function labSection(v) {
  const s = { graph: el('div', { class: 'graph' }), nodes: el('tbody'), title: el('h2'), terms: el('div', { class: 'terms' }), note: el('p', { class: 'note' }) };
  const pick = el('select', { class: 'term-node' }, ...options(v.nodes.map((n) => n.name)));
  const openBtn = el('button', { class: 'open-terminal', textContent: 'open terminal', onclick: () => openTerminal(v.name, pick.value, s.terms) });
  if (!v.terminals) openBtn.disabled = true;
  const list = el('ul', { class: 'checks' });
  const summary = el('span', { class: 'checks-summary' });
  const runBtn = el('button', { class: 'run-checks', textContent: 'run the checks', onclick: () => runChecks(v.name, list, summary, runBtn) });
  s.root = el('section', { class: 'lab', 'data-lab': v.name, id: 'lab-' + v.name }, s.title, s.note, s.graph,
    el('table', { class: 'nodes' }, el('thead', {}, el('tr', {}, ...['node', 'kind', 'state', 'addresses', 'daemons'].map((h) => el('th', { textContent: h })))), s.nodes),
    el('h3', { textContent: 'terminals' }), pick, ' ', openBtn, s.terms,
    el('h3', { textContent: 'checks (' + v.checks.length + ' and the daemons check)' }), runBtn, ' ', summary, list,
    tools(v),
    el('h3', { textContent: 'exercise' }),
    (s.exercise = el('p', { class: 'exercise', 'data-score': '' })));
  document.getElementById('labs').append(s.root);
  return s;
}

/** One row per lab, for whoever watches several (an instructor): owner, state, score, nodes down, a link to its section. */
function roomRow(v) {
  const link = el('a', { href: '#lab-' + v.name, textContent: v.name });
  const score = v.exercise ? v.exercise.passed + '/' + v.exercise.total : '';
  return el('tr', { 'data-lab': v.name }, el('td', {}, link), ...[v.owner || 'unknown', v.health, score, v.down.join(', ')].map((t) => el('td', { textContent: t })));
}

function update(labs) {
  document.getElementById('empty').hidden = labs.length > 0;
  const room = document.getElementById('room');
  room.hidden = labs.length < 2;
  room.tBodies[0].replaceChildren(...labs.map(roomRow));
  for (const v of labs) {
    const s = sections.get(v.name) || sections.set(v.name, labSection(v)).get(v.name);
    s.root.dataset.health = v.health;
    s.title.textContent = 'lab ' + v.name + ': ' + v.health + ' (runtime ' + v.runtime + ', owner ' + (v.owner || 'unknown') + ')';
    s.note.textContent = v.problem || (v.down.length ? 'down: ' + v.down.join(', ') : '');
    if (s.svg !== v.svg) s.graph.innerHTML = s.svg = v.svg;
    s.graph.dataset.down = v.down.join(' ');
    s.nodes.replaceChildren(...v.nodes.map((n) => nodeRow(n, v.down.includes(n.name))));
    s.exercise.dataset.score = v.exercise ? v.exercise.passed + '/' + v.exercise.total : '';
    s.exercise.textContent = exerciseText(v.exercise);
  }
  for (const [name, s] of sections) if (!labs.some((v) => v.name === name)) { s.root.remove(); sections.delete(name); }
  document.getElementById('root-warning').hidden = !labs.some((v) => v.hostFiles && v.terminals);
  document.body.dataset.updated = String(Date.now());
}

const events = new EventSource(q('/api/events'));
events.onmessage = (m) => update(JSON.parse(m.data));
events.onerror = () => { document.getElementById('status').textContent = 'lost the server: retrying…'; };
events.onopen = () => { document.getElementById('status').textContent = 'live'; };
`;
