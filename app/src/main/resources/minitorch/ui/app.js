'use strict';
// The sandbox's pages: a sidebar of modules and their pages (as the original's Streamlit app), each page a
// function that builds its controls and asks the server (this library) for what to draw.

const MODULES = [
  { name: 'Module 0', pages: [['m0-math', 'Math Sandbox'], ['m0-module', 'Module Sandbox'], ['m0-manual', 'Module 0: Manual']] },
  { name: 'Module 1', pages: [['m1-scalar', 'Scalar Sandbox'], ['m1-autodiff', 'Autodiff Sandbox'], ['m1-train', 'Module 1: Scalar']] },
  { name: 'Module 2', pages: [['m2-tensor', 'Tensor Sandbox'], ['m2-autograd', 'Autograd Sandbox'], ['m2-train', 'Module 2: Tensor']] },
  { name: 'Module 3', pages: [['m3-train', 'Module 3: Efficient']] },
  { name: 'Module 4', pages: [['m4-images', 'Module 4: Images'], ['m4-sentiment', 'Module 4: Sentiment']] },
];
const DATASETS = ['Simple', 'Diag', 'Split', 'Xor', 'Circle', 'Spiral'];
const RATES = [0.001, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0];

/** What the current page must do when it is left (close a training stream). */
let leavePage = () => {};

// ---- small helpers -------------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function field(label, input) { return h('label', {}, label, input); }

function select(id, options, value) {
  const s = h('select', { id });
  for (const o of options) {
    const [v, text, disabled] = Array.isArray(o) ? o : [String(o), String(o), false];
    s.append(h('option', { value: v, selected: String(v) === String(value), disabled }, text));
  }
  return s;
}

function val(id) { return document.getElementById(id).value; }

/** GET a JSON answer; a 4xx/5xx answer rejects with the server's one-line message. */
async function api(path, params = {}) {
  const response = await fetch(path + '?' + new URLSearchParams(params));
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

/** Runs an async page action, showing a failure's message in errorBox instead of breaking the page. */
async function guarded(errorBox, action) {
  errorBox.textContent = '';
  try { await action(); } catch (e) { errorBox.textContent = e.message; }
}

function fmt(v, digits = 4) { return v === null || v === undefined ? '—' : (+v).toFixed(digits); }

// ---- sidebar and routing --------------------------------------------------------------------------

function currentPage() {
  const id = location.hash.slice(1);
  return MODULES.some(m => m.pages.some(p => p[0] === id)) ? id : 'm1-autodiff';
}

function renderSidebar(pageId) {
  const moduleIndex = MODULES.findIndex(m => m.pages.some(p => p[0] === pageId));
  const modules = document.getElementById('modules');
  modules.innerHTML = '';
  MODULES.forEach((m, i) => modules.append(h('label', {},
      h('input', { type: 'radio', name: 'module', id: 'module-' + i, checked: i === moduleIndex,
        onchange: () => { location.hash = m.pages[0][0]; } }), ' ', m.name)));
  const pages = document.getElementById('pages');
  pages.innerHTML = '';
  for (const [id, title] of MODULES[moduleIndex].pages) {
    pages.append(h('label', {}, h('input', { type: 'radio', name: 'page', id: 'page-' + id, checked: id === pageId,
      onchange: () => { location.hash = id; } }), ' ', title));
  }
}

function route() {
  leavePage();
  leavePage = () => {};
  const id = currentPage();
  renderSidebar(id);
  const main = document.getElementById('page');
  main.innerHTML = '';
  main.dataset.page = id;
  delete main.dataset.ready;
  Promise.resolve(PAGES[id](main))
    .catch(e => main.append(h('div', { class: 'error', id: 'page-error' }, e.message)))
    .finally(() => { if (main.dataset.page === id) main.dataset.ready = 'true'; });
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);

// ---- Module 0: Math Sandbox -----------------------------------------------------------------------

async function mathPage(main) {
  const error = h('div', { class: 'error', id: 'error' });
  const fns = await api('/api/operators');
  const fnSelect = select('fn', fns.map(f => [f.name, `${f.name} (${f.arity === 1 ? 'x' : 'x, y'})`]), 'sigmoid');
  const plot = h('div', { id: 'plot' });
  main.append(h('h1', {}, 'Math Sandbox'),
    h('p', { class: 'note' }, 'Every function of minitorch.operators.Operators. One argument: f and its derivative by ' +
      'central difference. Two arguments: f over a grid (x across, y up).'),
    h('div', { class: 'controls' }, field('function', fnSelect),
      field('from', h('input', { type: 'text', id: 'lo', value: '-5', size: 5 })),
      field('to', h('input', { type: 'text', id: 'hi', value: '5', size: 5 })),
      h('button', { id: 'draw', onclick: () => draw() }, 'Draw')),
    error, plot);
  fnSelect.addEventListener('change', () => draw());
  const draw = () => guarded(error, async () => {
    const r = await api('/api/math', { fn: val('fn'), lo: val('lo'), hi: val('hi') });
    plot.innerHTML = '';
    if (r.arity === 1) {
      const c = h('canvas', { width: 640, height: 360, id: 'chart' });
      plot.append(c);
      lineChart(c, [{ name: r.name + '(x)', xs: r.xs, ys: r.f, color: '#1f77b4' },
        { name: 'derivative (central difference)', xs: r.xs, ys: r.derivative, color: '#d62728', dash: [6, 5] }], { xlabel: 'x' });
    } else {
      const c = h('canvas', { width: 420, height: 440, id: 'chart' });
      plot.append(c);
      heatMap(c, r.grid, `${r.name}(x, y), x and y in [${val('lo')}, ${val('hi')}]`);
    }
  });
  await draw();
}

// ---- Module 0: Module Sandbox ---------------------------------------------------------------------

async function modulePage(main) {
  const error = h('div', { class: 'error', id: 'error' });
  const out = h('div', { id: 'module-out' });
  main.append(h('h1', {}, 'Module Sandbox'),
    h('p', { class: 'note' }, 'A module tree with its named parameters, from minitorch.module.Module. "MyModule" is the ' +
      "original's default: class MyModule(Module) with self.parameter1 = Parameter(15)."),
    h('div', { class: 'controls' },
      field('model', select('model', [['mymodule', 'MyModule'], ['scalar', 'run_scalar network'],
        ['tensor', 'run_tensor network'], ['fast', 'run_fast_tensor network']], 'mymodule')),
      field('hidden', h('input', { type: 'text', id: 'hidden', value: '2', size: 4 })),
      h('button', { id: 'show', onclick: () => show() }, 'Show')),
    error, out);
  document.getElementById('model').addEventListener('change', () => show());
  const tree = node => h('div', { class: 'mtree' },
    h('div', { class: 'mname' }, `${node.name}: ${node.type}`),
    node.parameters.length ? h('div', { class: 'note' },
      node.parameters.map(p => `${p.name}${p.shape.length ? ' ' + JSON.stringify(p.shape) : ''} = ${p.value}`).join(' · ')) : '',
    node.children.map(tree));
  const show = () => guarded(error, async () => {
    const r = await api('/api/module', { model: val('model'), hidden: val('hidden') });
    out.innerHTML = '';
    const rows = Object.entries(r.namedParameters).map(([k, v]) => h('tr', {}, h('td', { class: 'text' }, k), h('td', { class: 'text' }, v)));
    out.append(h('div', { class: 'row' },
      h('div', { class: 'panel' }, h('h2', {}, 'Module tree'), tree(r.tree)),
      h('div', { class: 'panel' }, h('h2', {}, 'namedParameters()'),
        h('div', { class: 'tablebox' }, h('table', { id: 'parameters' }, h('tr', {}, h('th', {}, 'name'), h('th', {}, 'value')), rows))),
      h('div', { class: 'panel' }, h('h2', {}, 'toString()'), h('pre', {}, r.text))));
  });
  await show();
}

// ---- Module 0: Manual -----------------------------------------------------------------------------

async function manualPage(main) {
  const error = h('div', { class: 'error', id: 'error' });
  const canvas = h('canvas', { width: 420, height: 420, id: 'boundary' });
  const score = h('div', { id: 'score', class: 'note' });
  const slider = (id, value) => {
    const label = h('span', { id: id + '-value' }, value);
    const s = h('input', { type: 'range', id, min: -10, max: 10, step: 0.1, value,
      oninput: () => { label.textContent = s.value; update(); } });
    return field(h('span', {}, id, ' = ', label), s);
  };
  main.append(h('h1', {}, 'Module 0: Manual'),
    h('p', { class: 'note' }, 'A linear classifier sigmoid(w1·x1 + w2·x2 + b) with its weights set by hand.'),
    h('div', { class: 'controls' }, field('dataset', select('dataset', DATASETS, 'Simple')),
      field('points', h('input', { type: 'text', id: 'pts', value: '50', size: 4 })),
      slider('w1', 1), slider('w2', 1), slider('b', -1)),
    error, canvas, score);
  ['dataset', 'pts'].forEach(id => document.getElementById(id).addEventListener('change', () => update()));
  const update = () => guarded(error, async () => {
    const r = await api('/api/manual', { dataset: val('dataset'), pts: val('pts'), w1: val('w1'), w2: val('w2'), b: val('b') });
    drawBoundary(canvas, r.x, r.y, r.boundary);
    score.textContent = `correct: ${r.correct}/${r.y.length}`;
    score.dataset.weights = [val('w1'), val('w2'), val('b')].join(',');
  });
  await update();
}

// ---- Module 1: Scalar Sandbox ---------------------------------------------------------------------

async function scalarPage(main) {
  const error = h('div', { class: 'error', id: 'error' });
  const plot = h('div', { id: 'plot', class: 'row' });
  const presets = ['x * x', 'sigmoid(x)', 'relu(x) * 2.0 - x', 'exp(x / 10.0)', 'log(x * x + 1.0)', 'x * y', 'sigmoid(x * y) + x'];
  const input = h('input', { type: 'text', id: 'expr', class: 'wide', value: 'x * x' });
  main.append(h('h1', {}, 'Scalar Sandbox'),
    h('p', { class: 'note' }, 'f through minitorch.scalar.Scalar. Of x: f(x) at x = i − 50 + 1e-5 (i = 1..99), the ' +
      'derivative from backward() beside the central difference. Of x and y: f, ∂f/∂x and ∂f/∂y from backward().'),
    h('div', { class: 'controls' }, field('preset', select('preset', presets, 'x * x')), field('f =', input),
      h('button', { id: 'draw', onclick: () => draw() }, 'Draw')),
    error, plot);
  document.getElementById('preset').addEventListener('change', e => { input.value = e.target.value; draw(); });
  input.addEventListener('keydown', e => { if (e.key === 'Enter') draw(); });
  const draw = () => guarded(error, async () => {
    const r = await api('/api/scalar', { expr: input.value });
    plot.innerHTML = '';
    if (!r.twoArguments) {
      const c1 = h('canvas', { width: 480, height: 320, id: 'chart-f' });
      const c2 = h('canvas', { width: 480, height: 320, id: 'chart-d' });
      plot.append(c1, c2);
      lineChart(c1, [{ name: 'f(x)', xs: r.xs, ys: r.f, color: '#1f77b4' }], { xlabel: 'x' });
      lineChart(c2, [{ name: 'backward()', xs: r.xs, ys: r.backward, color: '#d62728' },
        { name: 'central difference', xs: r.xs, ys: r.central, color: '#2ca02c', dash: [6, 5] }], { xlabel: 'x' });
    } else {
      for (const [key, title] of [['f', 'f(x, y)'], ['dx', '∂f/∂x'], ['dy', '∂f/∂y']]) {
        const c = h('canvas', { width: 300, height: 320, id: 'chart-' + key });
        plot.append(c);
        heatMap(c, r[key], title + ' over [-5, 5]²');
      }
    }
  });
  await draw();
}

// ---- Module 1: Autodiff Sandbox / Module 2: Autograd Sandbox ---------------------------------------

async function autodiffPage(main, tensors) {
  const error = h('div', { class: 'error', id: 'expr-error' });
  const result = h('div', { id: 'result' });
  const graph = h('div', { id: 'graph' });
  const input = h('input', { type: 'text', id: 'expr', class: 'wide',
    value: tensors ? '(x * x) * y + 10.0 * x.sum()' : '(x * x) * y + 10.0 * x' });
  const extra = tensors
    ? [field('x, y, z values', h('input', { type: 'text', id: 'values', value: '1.0, 2.0, 3.0' })),
       field('shape', h('input', { type: 'text', id: 'shape', value: '1, 3', size: 6 }))]
    : ['x', 'y', 'z'].map(v => field(v, h('input', { type: 'text', id: 'value-' + v, value: '1.0', size: 5 })));
  main.append(h('h1', {}, tensors ? 'Autograd Sandbox' : 'Autodiff Sandbox'),
    h('p', { class: 'note' }, tensors
      ? 'An expression over tensors x, y, z (requiresGrad), run by minitorch.tensor.Tensor; backward seeds the ' +
        'output with ones of its shape (the original broadcasts 1.0).'
      : 'An expression over Scalars x, y, z; numbers are constants. The graph is the one backward() walks.'),
    h('div', { class: 'controls' }, field('expression', input), ...extra,
      h('button', { id: 'run', onclick: () => run() }, 'Run')),
    error, result, graph);
  input.addEventListener('keydown', e => { if (e.key === 'Enter') run(); });
  const run = () => guarded(error, async () => {
    const params = { expr: input.value };
    if (tensors) { params.values = val('values'); params.shape = val('shape'); }
    else ['x', 'y', 'z'].forEach(v => { params[v] = val('value-' + v); });
    let r;
    try {
      r = await api(tensors ? '/api/autograd' : '/api/autodiff', params);
    } catch (e) {
      result.innerHTML = ''; graph.innerHTML = '';
      throw e;
    }
    result.innerHTML = '';
    const rows = r.variables.map(v => h('tr', { id: 'var-' + v.name }, h('td', { class: 'text' }, v.name),
      h('td', { class: 'text value' }, tensors ? v.value : fmt(v.value)),
      h('td', { class: 'text derivative' }, tensors ? (v.grad ?? '—') : fmt(v.derivative)),
      h('td', { class: 'text' }, v.used ? '' : 'not in the expression')));
    result.append(h('p', {}, 'value: ', h('b', { id: 'output' }, tensors ? r.value : fmt(r.value))),
      h('table', { id: 'variables' }, h('tr', {}, h('th', {}, 'variable'), h('th', {}, 'value'),
        h('th', {}, tensors ? 'grad' : 'derivative'), h('th', {}, '')), rows));
    drawGraph(graph, r.graph);
  });
  await run();
}

// ---- Module 2: Tensor Sandbox ---------------------------------------------------------------------

async function tensorPage(main) {
  const error = h('div', { class: 'error', id: 'error' });
  const out = h('div', { id: 'tensor-out' });
  const input = (id, value, size) => field(id, h('input', { type: 'text', id, value, size }));
  main.append(h('h1', {}, 'Tensor Sandbox'),
    h('p', { class: 'note' }, 'A shape over a storage (blank: random), drawn by minitorch.layout.TensorData. ' +
      'Each cell shows its value and, small, its storage position.'),
    h('div', { class: 'controls' }, input('shape', '2, 2, 2', 8), input('storage', '', 30),
      input('index', '1, 0, 1', 8), input('ordinal', '3', 4), input('order', '2, 0, 1', 8),
      h('button', { id: 'show', onclick: () => show() }, 'Show')),
    error, out);
  const blocks = (cells, shape, highlight) => {
    // leading dimensions become labelled blocks; the last two a grid of rows and columns
    const cols = shape[shape.length - 1], rows = shape.length > 1 ? shape[shape.length - 2] : 1;
    const perBlock = rows * cols, wrap = h('div', { class: 'tensor' });
    for (let b = 0; b < cells.length / perBlock; b++) {
      const first = cells[b * perBlock].index;
      const prefix = shape.length > 2 ? '[' + first.slice(0, shape.length - 2).join(', ') + ', :, :]' : '';
      const block = h('div', { class: 'block', style: `grid-template-columns: repeat(${cols}, auto)` },
        prefix ? h('div', { class: 'title' }, prefix) : '');
      for (const c of cells.slice(b * perBlock, (b + 1) * perBlock)) {
        const on = highlight && highlight.join(',') === c.index.join(',');
        block.append(h('div', { class: 'cell' + (on ? ' hl' : ''), 'data-index': c.index.join(','), 'data-position': c.position },
          h('span', {}, fmt(c.value, 2)), h('small', {}, `(${c.index.join(',')}) → ${c.position}`)));
      }
      wrap.append(block);
    }
    return wrap;
  };
  const strip = (storage, position) => h('div', { class: 'storage' }, storage.map((v, i) =>
    h('div', { class: 'cell' + (i === position ? ' hl' : ''), 'data-position': i }, h('span', {}, fmt(v, 2)), h('small', {}, String(i)))));
  const show = () => guarded(error, async () => {
    const r = await api('/api/tensor', { shape: val('shape'), storage: val('storage'), index: val('index'),
      ordinal: val('ordinal'), order: val('order') });
    out.innerHTML = '';
    const p = r.permute;
    out.append(
      h('div', { class: 'panel', id: 'panel-position' }, h('h2', {}, 'indexToPosition'),
        h('p', { class: 'note' }, `shape ${JSON.stringify(r.shape)}, strides ${JSON.stringify(r.strides)}: index (${r.index.index.join(', ')}) → ` +
          `position ${r.index.index.map((x, i) => `${x}·${r.strides[i]}`).join(' + ')} = `, h('b', { class: 'result' }, r.index.position)),
        blocks(r.cells, r.shape, r.index.index), strip(r.storage, r.index.position)),
      h('div', { class: 'panel', id: 'panel-ordinal' }, h('h2', {}, 'toIndex'),
        h('p', { class: 'note' }, `ordinal ${r.toIndex.ordinal} → index `, h('b', { class: 'result' }, '(' + r.toIndex.index.join(', ') + ')'),
          ` → position ${r.toIndex.position}`),
        blocks(r.cells, r.shape, r.toIndex.index), strip(r.storage, r.toIndex.position)),
      h('div', { class: 'panel', id: 'panel-permute' }, h('h2', {}, 'permute'),
        h('p', { class: 'note' }, `permute(${p.order.join(', ')}): shape ${JSON.stringify(p.shape)}, strides ${JSON.stringify(p.strides)}` +
          `${p.contiguous ? '' : ' (not contiguous)'}; the same index (${r.index.index.join(', ')}) → position `,
          h('b', { class: 'result' }, p.position === null ? '—' : p.position), p.note ? ' · ' + p.note : ''),
        blocks(p.cells, p.shape, p.position === null ? null : r.index.index), strip(r.storage, p.position)));
  });
  await show();
}

// ---- Training (Modules 1-3) -----------------------------------------------------------------------

function trainPage(model, title) {
  return async main => {
    const info = await api('/api/info');
    const defaults = info.models.find(m => m.name === model).defaults;
    const error = h('div', { class: 'error', id: 'train-error' });
    const boundary = h('canvas', { width: 400, height: 400, id: 'boundary' });
    const loss = h('canvas', { width: 440, height: 300, id: 'loss' });
    const status = h('div', { id: 'status' }, 'Not trained yet.');
    const progress = h('progress', { id: 'progress', max: 1, value: 0 });
    const table = h('table', { id: 'epochs' });
    const trainButton = h('button', { id: 'train', onclick: () => train() }, 'Train');
    const stopButton = h('button', { id: 'stop', disabled: true, onclick: () => stop() }, 'Stop');
    main.append(h('h1', {}, title),
      h('p', { class: 'note' }, `Trains with the same trainer as "minitorch train --model ${model}" (the original's ${info.models.find(m => m.name === model).script}).`),
      h('div', { class: 'controls' },
        field('dataset', select('dataset', DATASETS, 'Xor')),
        field('points (1-150)', h('input', { type: 'number', id: 'pts', min: 1, max: 150, value: defaults.pts })),
        field('hidden (1-200)', h('input', { type: 'number', id: 'hidden', min: 1, max: 200, value: Math.max(defaults.hidden, 10) })),
        field('learning rate', select('rate', RATES, defaults.rate)),
        field('epochs', h('input', { type: 'number', id: 'epochs', min: 1, step: 25, value: defaults.epochs })),
        field('model', select('model', info.models.map(m => m.name), model)),
        field('backend', select('backend', model === 'scalar' ? [['simple', 'scalar (Scalars)']] : ['simple', 'fast', 'cuda'],
          model === 'fast' ? 'fast' : 'simple')),
        field('dtype', select('dtype', [['float64', 'float64'], ['float32', 'float32 (n/a)', true]], 'float64')),
        trainButton, stopButton),
      error, status, progress,
      h('div', { class: 'row' }, boundary, loss),
      h('div', { class: 'tablebox' }, table));
    let source = null, run = null, points = null, labels = null;
    const losses = { xs: [], ys: [] };
    const preview = () => guarded(error, async () => {
      if (source) return;
      const r = await api('/api/dataset', { dataset: val('dataset'), pts: val('pts') });
      drawBoundary(boundary, r.x, r.y, null);
    });
    ['dataset', 'pts'].forEach(id => document.getElementById(id).addEventListener('change', preview));
    const params = () => ({ model: val('model'), dataset: val('dataset'), pts: val('pts'), hidden: val('hidden'),
      rate: val('rate'), epochs: val('epochs'), backend: val('backend'), dtype: val('dtype') });
    const finish = text => {
      if (source) source.close();
      source = null; run = null;
      trainButton.disabled = false; stopButton.disabled = true;
      status.textContent = text;
    };
    const train = () => guarded(error, async () => {
      await api('/api/train/check', params()); // a bad setting is a message here, not a broken stream
      losses.xs = []; losses.ys = [];
      table.innerHTML = '';
      table.append(h('tr', {}, h('th', {}, 'epoch'), h('th', {}, 'loss'), h('th', {}, 'correct')));
      trainButton.disabled = true; stopButton.disabled = false;
      status.textContent = 'Starting…';
      progress.value = 0;
      source = new EventSource('/api/train/stream?' + new URLSearchParams(params()));
      source.addEventListener('start', e => {
        const d = JSON.parse(e.data);
        run = d.run; points = d.x; labels = d.y;
        main.dataset.run = run;
        drawBoundary(boundary, points, labels, null);
      });
      source.addEventListener('epoch', e => {
        const d = JSON.parse(e.data);
        status.textContent = d.status;
        status.dataset.epoch = d.epoch;
        progress.value = d.epoch / d.epochs;
        for (const row of d.rows) { losses.xs.push(row.epoch); losses.ys.push(row.loss); }
        const last = d.rows[d.rows.length - 1];
        table.firstChild.after(h('tr', {}, h('td', {}, last.epoch), h('td', {}, fmt(last.loss)), h('td', {}, `${last.correct}/${labels.length}`)));
        while (table.rows.length > 101) table.deleteRow(table.rows.length - 1);
        if (d.boundary) drawBoundary(boundary, points, labels, d.boundary);
        lineChart(loss, [{ name: 'loss', xs: losses.xs, ys: losses.ys, color: '#d62728' }], { xlabel: 'epoch' });
      });
      source.addEventListener('done', e => {
        const d = JSON.parse(e.data);
        finish(d.stopped ? `Stopped at epoch ${d.epoch}. ` + status.textContent : 'Done. ' + status.textContent);
        status.dataset.state = d.stopped ? 'stopped' : 'done';
      });
      source.addEventListener('failure', e => { finish('Failed.'); error.textContent = JSON.parse(e.data).error; });
      source.onerror = () => { if (source) finish('The connection to the server was lost.'); };
    });
    const stop = () => guarded(error, async () => {
      if (run) await api('/api/train/stop', { run });
    });
    leavePage = () => { if (source) source.close(); };
    await preview();
  };
}

// ---- Module 4 -------------------------------------------------------------------------------------

function grayImage(pixels, rows, cols, scale, max) {
  const c = h('canvas', { width: cols * scale, height: rows * scale });
  const ctx = c.getContext('2d');
  const top = max ?? Math.max(1e-9, ...pixels);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const g = Math.round(255 * Math.max(0, pixels[r * cols + k]) / top);
      ctx.fillStyle = `rgb(${g},${g},${g})`;
      ctx.fillRect(k * scale, r * scale, scale, scale);
    }
  }
  return c;
}

/**
 * Controls, a live loss / accuracy chart and the log of a network training that the server streams from
 * minitorch's own MnistTraining or SentimentTraining ({kind: 'mnist' | 'sentiment'}).
 */
function networkTraining(kind, controls, onDone) {
  const error = h('div', { class: 'error', id: kind + '-error' });
  const chart = h('canvas', { width: 520, height: 300, id: kind + '-chart' });
  const log = h('div', { class: 'log', id: kind + '-log' });
  const trainButton = h('button', { id: kind + '-train', onclick: () => train() }, 'Train');
  const stopButton = h('button', { id: kind + '-stop', disabled: true, onclick: () => guarded(error, () => api(`/api/${kind}/stop`)) }, 'Stop');
  const curve = { xs: [], loss: [], train: [], evalXs: [], evalAcc: [] };
  let source = null;
  const redraw = () => lineChart(chart, [
    { name: 'loss', xs: curve.xs, ys: curve.loss, color: '#d62728' },
    { name: 'train accuracy', xs: curve.xs, ys: curve.train, color: '#2ca02c' },
    { name: kind === 'mnist' ? 'test accuracy' : 'validation accuracy', xs: curve.evalXs, ys: curve.evalAcc, color: '#1f77b4' }],
  { xlabel: 'epoch (accuracy as a fraction)' });
  const end = () => { if (source) source.close(); source = null; trainButton.disabled = false; stopButton.disabled = true; };
  const train = () => guarded(error, async () => {
    const params = Object.fromEntries(controls.map(([name, , input]) => [name, input.value]));
    await api(`/api/${kind}/check`, params);
    Object.values(curve).forEach(a => a.splice(0));
    log.textContent = '';
    trainButton.disabled = true; stopButton.disabled = false;
    let epoch = 0;
    source = new EventSource(`/api/${kind}/train?` + new URLSearchParams(params));
    source.addEventListener('progress', e => {
      const d = JSON.parse(e.data);
      log.textContent += d.line + '\n';
      log.scrollTop = log.scrollHeight;
      if (d.epoch !== undefined) epoch = d.epoch;
      if (d.progress !== undefined && d.loss !== undefined) {
        curve.xs.push(d.progress); curve.loss.push(d.loss); curve.train.push(d.trainAccuracy / 100);
      }
      if (d.evalAccuracy !== undefined) { curve.evalXs.push(d.progress ?? epoch); curve.evalAcc.push(d.evalAccuracy / 100); }
      redraw();
    });
    source.addEventListener('done', e => {
      const d = JSON.parse(e.data);
      log.textContent += d.stopped ? 'Stopped.\n' : 'Done.\n';
      log.dataset.state = d.stopped ? 'stopped' : 'done';
      end();
      if (onDone) onDone(d);
    });
    source.addEventListener('failure', e => { error.textContent = JSON.parse(e.data).error; end(); });
    source.onerror = () => { if (source) { error.textContent = 'The connection to the server was lost.'; end(); } };
  });
  leavePage = () => { if (source) source.close(); };
  return h('div', {},
    h('div', { class: 'controls' }, controls.map(([, label, input]) => field(label, input)), trainButton, stopButton),
    error, h('div', { class: 'row' }, chart, log));
}

async function imagesPage(main) {
  const error = h('div', { class: 'error', id: 'error' });
  main.append(h('h1', {}, 'Module 4: Images'), error);
  const r = await api('/api/mnist/samples', { count: 24 });
  if (r.missing) { error.textContent = r.missing; error.id = 'missing'; return; }
  const features = h('div', { class: 'samples', id: 'features' });
  const showFeatures = () => guarded(error, async () => {
    const f = await api('/api/mnist/features', { image: val('image') });
    features.innerHTML = '';
    features.append(h('p', { class: 'note' }, `image ${f.image} (label ${f.label}), ${f.trained ? 'trained weights' : 'initial weights (train first)'}`));
    f.maps.forEach((m, i) => features.append(h('figure', {}, grayImage(m, f.rows, f.cols, 3), h('figcaption', {}, `channel ${i}`))));
  });
  main.append(
    h('div', { class: 'samples', id: 'samples' }, r.images.map(im => h('figure', {},
      grayImage(im.pixels, r.rows, r.cols, 2, 255), h('figcaption', {}, `#${im.index}: ${im.label}`)))),
    h('h2', {}, 'Train a LeNet (as minitorch mnist: Adam, batches of 16, fast backend, float32; accuracy on 1000 test images)'),
    networkTraining('mnist', [
      ['images', 'training images (100-10000)', h('input', { type: 'number', id: 'mnist-images', min: 100, max: 10000, value: 1000 })],
      ['epochs', 'epochs (1-20)', h('input', { type: 'number', id: 'mnist-epochs', min: 1, max: 20, value: 1 })],
      ['rate', 'learning rate', select('mnist-rate', [0.001, 0.005, 0.01, 0.05], 0.01)]], showFeatures),
    h('h2', {}, 'First convolution\'s feature maps'),
    h('div', { class: 'controls' }, field('test image', h('input', { type: 'number', id: 'image', min: 0, value: 0 })),
      h('button', { id: 'features-button', onclick: () => showFeatures() }, 'Show')),
    features);
  await showFeatures();
}

async function sentimentPage(main) {
  const error = h('div', { class: 'error', id: 'error' });
  main.append(h('h1', {}, 'Module 4: Sentiment'), error);
  const r = await api('/api/sentiment/samples', { count: 10 });
  if (r.missing) { error.textContent = r.missing; error.id = 'missing'; return; }
  const predictions = h('div', { id: 'predictions' });
  main.append(h('p', { class: 'note' }, `SST-2 training sentences (${r.total} in all).`),
    h('table', { id: 'sentences' }, h('tr', {}, h('th', {}, 'sentence'), h('th', {}, 'label')),
      r.sentences.map(s => h('tr', {}, h('td', { class: 'text' }, s.sentence), h('td', {}, s.label === 1 ? 'positive' : 'negative')))),
    h('h2', {}, 'Train the Kim CNN (as minitorch sentiment: GloVe 50-d, filters 3/4/5, Adam, batches of 10)'),
    networkTraining('sentiment', [
      ['train', 'training sentences', h('input', { type: 'number', id: 'train-sentences', min: 10, value: 450 })],
      ['validation', 'validation sentences', h('input', { type: 'number', id: 'validation-sentences', min: 10, max: 872, value: 100 })],
      ['epochs', 'epochs (1-250)', h('input', { type: 'number', id: 'sentiment-epochs', min: 1, max: 250, value: 3 })],
      ['rate', 'learning rate', select('sentiment-rate', [0.001, 0.005, 0.01, 0.05], 0.01)]], d => showPredictions(predictions, d)),
    predictions);
}

/** After a run: the first validation sentences with true and predicted label, logit and error. */
function showPredictions(predictions, d) {
  predictions.innerHTML = '';
  if (!d.predictions) return;
  const label = v => (v === 1 ? 'positive' : 'negative');
  const num = v => (v === null ? '∞' : v.toFixed(3));
  predictions.append(h('h2', {}, 'Predictions on the first validation sentences'),
    h('table', { id: 'predictions-table' },
      h('tr', {}, ['sentence', 'true', 'predicted', 'P(positive)', 'logit', 'error'].map(t => h('th', {}, t))),
      d.predictions.map(p => h('tr', { class: p.predicted === p.label ? 'right' : 'wrong' },
        h('td', { class: 'text' }, p.sentence), h('td', {}, label(p.label)), h('td', {}, label(p.predicted)),
        h('td', {}, num(p.probability)), h('td', {}, num(p.logit)), h('td', {}, num(p.error))))));
}

const PAGES = {
  'm0-math': mathPage,
  'm0-module': modulePage,
  'm0-manual': manualPage,
  'm1-scalar': scalarPage,
  'm1-autodiff': main => autodiffPage(main, false),
  'm1-train': trainPage('scalar', 'Module 1: Scalar'),
  'm2-tensor': tensorPage,
  'm2-autograd': main => autodiffPage(main, true),
  'm2-train': trainPage('tensor', 'Module 2: Tensor'),
  'm3-train': trainPage('fast', 'Module 3: Efficient'),
  'm4-images': imagesPage,
  'm4-sentiment': sentimentPage,
};
