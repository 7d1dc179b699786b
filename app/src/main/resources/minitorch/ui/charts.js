'use strict';
// Small drawing helpers for the sandbox: line charts and heat maps on canvas, the decision boundary with
// its points, and the computation graph as SVG. No library: they only need to be clear, and offline.

const CLASS0 = [0x69, 0xba, 0xc9]; // the original's colours
const CLASS1 = [0xea, 0x84, 0x84];

function finite(v) { return v !== null && Number.isFinite(v); }

function niceNumber(v) {
  if (!finite(v)) return '';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : String(+v.toFixed(3));
}

/** series: [{name, xs, ys, color, dash}]; gaps where a value is null. */
function lineChart(canvas, series, opts = {}) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height, L = 60, R = 12, T = 24, B = 32;
  ctx.clearRect(0, 0, W, H);
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const s of series) {
    s.xs.forEach((x, i) => {
      const y = s.ys[i];
      if (finite(x) && finite(y)) {
        xmin = Math.min(xmin, x); xmax = Math.max(xmax, x); ymin = Math.min(ymin, y); ymax = Math.max(ymax, y);
      }
    });
  }
  if (!finite(xmin)) { ctx.fillStyle = '#888'; ctx.fillText('no values', W / 2 - 20, H / 2); return; }
  if (xmax === xmin) xmax = xmin + 1;
  if (ymax === ymin) { ymax += 0.5; ymin -= 0.5; }
  const px = x => L + (x - xmin) / (xmax - xmin) * (W - L - R);
  const py = y => H - B - (y - ymin) / (ymax - ymin) * (H - T - B);
  ctx.strokeStyle = '#999'; ctx.lineWidth = 1;
  ctx.strokeRect(L, T, W - L - R, H - T - B);
  ctx.fillStyle = '#444'; ctx.font = '11px sans-serif';
  for (let k = 0; k <= 4; k++) {
    const yv = ymin + (ymax - ymin) * k / 4, xv = xmin + (xmax - xmin) * k / 4;
    // a tick within a millionth of the span of zero is zero, not rounding noise like 1.00e-5
    ctx.fillText(niceNumber(Math.abs(yv) < 1e-6 * (ymax - ymin) ? 0 : yv), 4, py(yv) + 4);
    ctx.fillText(niceNumber(Math.abs(xv) < 1e-6 * (xmax - xmin) ? 0 : xv), px(xv) - 12, H - B + 14);
  }
  if (opts.xlabel) ctx.fillText(opts.xlabel, W / 2 - 20, H - 4);
  let legendX = L + 6;
  for (const s of series) {
    ctx.strokeStyle = s.color; ctx.lineWidth = 2; ctx.setLineDash(s.dash || []); ctx.beginPath();
    let pen = false;
    s.xs.forEach((x, i) => {
      const y = s.ys[i];
      if (!finite(x) || !finite(y)) { pen = false; return; }
      if (pen) ctx.lineTo(px(x), py(y)); else ctx.moveTo(px(x), py(y));
      pen = true;
    });
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = s.color; ctx.fillRect(legendX, 8, 10, 10);
    ctx.fillStyle = '#222'; ctx.fillText(s.name, legendX + 14, 17);
    legendX += 24 + ctx.measureText(s.name).width;
  }
}

/** grid[r][c] over xs (columns) and ys (rows, drawn bottom up), coloured blue (low) to red (high). */
function heatMap(canvas, grid, title) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height, T = 22, B = 18;
  ctx.clearRect(0, 0, W, H);
  let lo = Infinity, hi = -Infinity;
  grid.forEach(row => row.forEach(v => { if (finite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }));
  const n = grid.length, m = grid[0].length, cw = W / m, ch = (H - T - B) / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < m; c++) {
      const v = grid[r][c];
      if (!finite(v)) { ctx.fillStyle = '#ccc'; } else {
        const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        ctx.fillStyle = `rgb(${Math.round(40 + 215 * t)},${Math.round(90 + 60 * (1 - Math.abs(2 * t - 1)))},${Math.round(255 - 215 * t)})`;
      }
      ctx.fillRect(c * cw, T + (n - 1 - r) * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
  ctx.fillStyle = '#222'; ctx.font = '12px sans-serif';
  ctx.fillText(title || '', 4, 15);
  ctx.fillText(`min ${niceNumber(lo)} (blue) · max ${niceNumber(hi)} (red)`, 4, H - 4);
}

/** The data's points over the model's probability of class 1 (boundary: {lo, hi, size, grid}). */
function drawBoundary(canvas, points, labels, boundary) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const lo = boundary ? boundary.lo : Math.min(0, ...points.flat());
  const hi = boundary ? boundary.hi : Math.max(1, ...points.flat());
  const px = x => (x - lo) / (hi - lo) * W, py = y => H - (y - lo) / (hi - lo) * H;
  if (boundary) {
    // one pixel per grid point, stretched smoothly (bilinear) over the plot: grid point c sits at
    // lo + (hi - lo) c / (n - 1), the centre of pixel c
    const n = boundary.size, off = document.createElement('canvas');
    off.width = n; off.height = n;
    const image = off.getContext('2d').createImageData(n, n);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const t = Math.min(1, Math.max(0, (boundary.grid[r][c] - 0.2) / 0.6)); // the original's zmin 0.2, zmax 0.8
        const at = 4 * ((n - 1 - r) * n + c);
        CLASS0.forEach((a, i) => { image.data[at + i] = Math.round(255 - 0.6 * (255 - (a + (CLASS1[i] - a) * t))); });
        image.data[at + 3] = 255;
      }
    }
    off.getContext('2d').putImageData(image, 0, 0);
    const cell = W / (n - 1);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, -cell / 2, -cell / 2, W + cell, H + cell);
  }
  points.forEach((p, i) => {
    const x = px(p[0]), y = py(p[1]);
    ctx.lineWidth = 2;
    if (labels[i] === 1) {
      ctx.strokeStyle = '#c0392b';
      ctx.beginPath(); ctx.moveTo(x - 5, y - 5); ctx.lineTo(x + 5, y + 5); ctx.moveTo(x + 5, y - 5); ctx.lineTo(x - 5, y + 5); ctx.stroke();
    } else {
      ctx.strokeStyle = '#1f6f85';
      ctx.beginPath(); ctx.arc(x, y, 5, 0, 2 * Math.PI); ctx.stroke();
      ctx.fillStyle = '#1f6f85'; ctx.fillRect(x - 1, y - 1, 2, 2);
    }
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svgEl(name, attrs, parent) {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

/** The computation graph laid out by the server: nodes with x, y; edges labelled by argument index. */
function drawGraph(container, graph) {
  container.innerHTML = '';
  const svg = svgEl('svg', { width: graph.width + 60, height: graph.height + 40, id: 'graph-svg' }, container);
  const defs = svgEl('defs', {}, svg);
  const marker = svgEl('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: 'auto-start-reverse' }, defs);
  svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#555' }, marker);
  const nodes = graph.nodes;
  const halfW = 64, halfH = 20;
  const seen = {};
  for (const e of graph.edges) {
    const a = nodes[e.from], b = nodes[e.to];
    const g = svgEl('g', { class: 'edge', 'data-from': a.label, 'data-to': b.label, 'data-argument': e.argument }, svg);
    // the same input used twice (x * x): bend the second edge so both labels show
    const key = e.from + '-' + e.to, bend = (seen[key] = (seen[key] ?? -1) + 1) * 34;
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
    const x1 = a.x + halfW, y1 = a.y, x2 = b.x - halfW, y2 = b.y; // left to right, box edge to box edge
    const mx = (x1 + x2) / 2 - bend * dy / len, my = (y1 + y2) / 2 + bend * dx / len;
    svgEl('path', { d: `M ${x1} ${y1} Q ${mx} ${my} ${x2} ${y2}`, fill: 'none', 'marker-end': 'url(#arrow)' }, g);
    // the label sits three quarters along, beside the function that takes the argument
    const t = svgEl('text', { x: (x1 + 6 * mx + 9 * x2) / 16, y: (y1 + 6 * my + 9 * y2) / 16 - 4, 'text-anchor': 'middle' }, g);
    t.textContent = String(e.argument);
  }
  for (const n of nodes) {
    const g = svgEl('g', { class: 'node node-' + n.kind, 'data-label': n.label, 'data-value': n.value }, svg);
    if (n.kind === 'op') svgEl('rect', { x: n.x - halfW, y: n.y - halfH, width: 2 * halfW, height: 2 * halfH, rx: 3 }, g);
    else svgEl('ellipse', { cx: n.x, cy: n.y, rx: halfW, ry: halfH }, g);
    const t1 = svgEl('text', { x: n.x, y: n.y - 3, 'text-anchor': 'middle' }, g);
    t1.textContent = n.label;
    const t2 = svgEl('text', { x: n.x, y: n.y + 12, 'text-anchor': 'middle', fill: '#555' }, g);
    t2.textContent = n.kind === 'constant' ? '' : n.value;
  }
}
