import * as maplibregl from 'maplibre-gl';
import {
  CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import './map.css';

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend, Filler);

const NO_VALUE = '#b9b9b9';
const $ = (id) => document.getElementById(id);
const state = { city: null, layer: null, kpi: null, day: null, layers: [], streets: null, selected: null };
const charts = [];

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    window.location.assign('/login?next=' + encodeURIComponent(window.location.pathname + window.location.search));
    throw new Error('signed out');
  }
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
}

function status(text) {
  $('status').textContent = text || '';
}

function option(select, value, label) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  select.append(o);
}

maplibregl.setWorkerUrl('/static/maplibre-gl-worker.mjs');

// No tiles and no internet: the city's own streets and districts are the whole map.
const map = new maplibregl.Map({
  container: 'map',
  style: {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }],
  },
  center: [0, 0],
  zoom: 1,
  attributionControl: false,
  preserveDrawingBuffer: true,
});
map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }));
window.citylakeMap = map;

const mapReady = new Promise((resolve) => map.on('load', resolve));

function addLayers() {
  map.addSource('districts', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addSource('streets', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
  map.addLayer({ id: 'district-fill', type: 'fill', source: 'districts', paint: { 'fill-color': '#7d8fa3', 'fill-opacity': 0.08 } });
  map.addLayer({ id: 'district-line', type: 'line', source: 'districts', paint: { 'line-color': '#42556b', 'line-width': 1.2, 'line-dasharray': [3, 2] } });
  map.addLayer({
    id: 'streets', type: 'line', source: 'streets',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': NO_VALUE,
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 15, 6],
    },
  });
  map.addLayer({
    id: 'street-selected', type: 'line', source: 'streets', filter: ['==', ['get', 'id'], ''],
    paint: { 'line-color': '#111', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 5, 15, 10], 'line-opacity': 0.55 },
  }, 'streets');
  // a wide invisible line makes thin streets easy to click
  map.addLayer({ id: 'street-hit', type: 'line', source: 'streets', paint: { 'line-color': '#000', 'line-opacity': 0, 'line-width': 14 } });
  map.on('click', 'street-hit', (e) => {
    if (e.features.length) {
      selectSegment(e.features[0].properties.id);
    }
  });
  map.on('mouseenter', 'street-hit', () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', 'street-hit', () => { map.getCanvas().style.cursor = ''; });
}

function bounds(fc) {
  const b = new maplibregl.LngLatBounds();
  const walk = (c) => (typeof c[0] === 'number' ? b.extend(c) : c.forEach(walk));
  fc.features.forEach((f) => f.geometry && walk(f.geometry.coordinates));
  return b;
}

async function loadCity(city) {
  state.city = city;
  state.selected = null;
  status('loading ' + city + '…');
  const [streets, districts] = await Promise.all([
    api(`/api/cities/${encodeURIComponent(city)}/streets`),
    api(`/api/cities/${encodeURIComponent(city)}/districts`),
  ]);
  state.streets = streets;
  map.getSource('streets').setData(streets);
  map.getSource('districts').setData(districts);
  if (streets.features.length) {
    map.fitBounds(bounds(streets), { padding: 30, animate: false });
  }
  $('profile').innerHTML = '<p class="hint">Click a street to see its profile.</p>';
  await loadDays();
}

function fillKpis() {
  const layer = state.layers.find((l) => l.id === state.layer);
  const kpi = $('kpi');
  kpi.replaceChildren();
  layer.kpis.forEach((k) => option(kpi, k.id, k.label));
  if (!layer.kpis.length) {
    option(kpi, '', '–');
  }
  state.kpi = layer.kpis.length ? layer.kpis[0].id : null;
  kpi.value = state.kpi || '';
}

async function loadDays() {
  const { days } = await api(`/api/cities/${encodeURIComponent(state.city)}/layers/${state.layer}/days`);
  const day = $('day');
  if (days.length) {
    day.min = days[0];
    day.max = days[days.length - 1];
    if (!state.day || !days.includes(state.day)) {
      state.day = days[days.length - 1];
    }
  } else {
    day.removeAttribute('min');
    day.removeAttribute('max');
  }
  day.value = state.day || '';
  await colour();
}

async function colour() {
  const params = new URLSearchParams({ layer: state.layer });
  if (state.kpi) params.set('kpi', state.kpi);
  if (state.day) params.set('day', state.day);
  const kpi = await api(`/api/cities/${encodeURIComponent(state.city)}/kpi?${params}`);
  const values = kpi.values;
  // the value joined onto each street; streets without one stay grey
  const expr = ['match', ['get', 'id']];
  for (const [id, v] of Object.entries(values)) {
    if (v !== null) {
      expr.push(id, classColour(kpi.classes, v));
    }
  }
  map.setPaintProperty('streets', 'line-color', expr.length > 2 ? [...expr, NO_VALUE] : NO_VALUE);
  legend(kpi);
  status(kpi.message || '');
  if (state.selected) {
    await selectSegment(state.selected);
  }
}

function classColour(classes, v) {
  const c = classes.find((k) => (k.from === null || v >= k.from) && (k.to === null || v < k.to));
  return c ? c.color : NO_VALUE;
}

function legend(kpi) {
  const el = $('legend');
  const items = kpi.classes.map((c) => `<li><span class="swatch" style="background:${c.color}"></span>${escapeHtml(c.label)}</li>`).join('');
  const count = Object.keys(kpi.values).length;
  el.innerHTML = `<h3>${escapeHtml(kpi.label)}${kpi.unit ? ' (' + escapeHtml(kpi.unit) + ')' : ''}</h3>
    <ul>${items}<li><span class="swatch" style="background:${NO_VALUE}"></span>no value</li></ul>
    <p class="source" id="legend-count">${count} streets with a value on ${escapeHtml(kpi.day || '–')}${kpi.source ? ' · ' + escapeHtml(kpi.source) : ''}</p>`;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function format(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2);
}

async function selectSegment(id) {
  state.selected = id;
  map.setFilter('street-selected', ['==', ['get', 'id'], id]);
  const params = new URLSearchParams({ layer: state.layer });
  if (state.kpi) params.set('kpi', state.kpi);
  if (state.day) params.set('day', state.day);
  const p = await api(`/api/cities/${encodeURIComponent(state.city)}/segments/${encodeURIComponent(id)}?${params}`);
  const s = p.segment;
  const rows = p.values.map((v) => `<tr title="${escapeHtml(v.source || '')}"><th>${escapeHtml(v.label)}</th><td>${format(v.value)} ${escapeHtml(v.unit || '')}</td></tr>`).join('');
  const sources = [...new Set(p.values.map((v) => v.source).filter(Boolean))];
  charts.splice(0).forEach((c) => c.destroy());
  $('profile').innerHTML = `<h2 id="profile-title">${escapeHtml(s.name || s.id)}</h2>
    <p class="source">${escapeHtml(s.id)} · ${escapeHtml(s.road_class || 'road')} · ${format(s.length_m)} m${s.district ? ' · ' + escapeHtml(s.district) : ''}</p>
    <table id="profile-values"><tbody>${rows || '<tr><td>no values on this day</td></tr>'}</tbody></table>
    ${sources.length ? `<p class="source">from ${sources.map(escapeHtml).join(', ')}</p>` : ''}
    ${p.message ? `<p class="hint">${escapeHtml(p.message)}</p>` : ''}
    ${p.hourly ? '<div class="chart"><canvas id="chart-hourly"></canvas></div>' : ''}
    ${p.daily ? '<div class="chart"><canvas id="chart-daily"></canvas></div>' : ''}`;
  if (p.hourly) charts.push(lineChart('chart-hourly', p.hourly, '#d35400'));
  if (p.daily) charts.push(lineChart('chart-daily', p.daily, '#1f5fa8'));
}

function lineChart(canvasId, series, color) {
  return new Chart($(canvasId), {
    type: 'line',
    data: {
      labels: series.points.map((pt) => pt.t),
      datasets: [{ label: series.label + (series.unit ? ` (${series.unit})` : ''), data: series.points.map((pt) => pt.v), borderColor: color, backgroundColor: color + '33', fill: true, spanGaps: true, pointRadius: 2 }],
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { labels: { boxWidth: 12 } } } },
  });
}

async function start() {
  const [me, cities, layers] = await Promise.all([api('/api/me'), api('/api/cities'), api('/api/layers')]);
  $('who').textContent = `${me.name} (${me.groups.join(', ')})`;
  state.layers = layers;
  layers.forEach((l) => option($('layer'), l.id, l.label));
  if (!cities.length) {
    status('no city is registered: run `citylake city add` or `citylake ref load`');
    return;
  }
  cities.forEach((c) => option($('city'), c.id, c.name));
  const params = new URLSearchParams(window.location.search);
  const wanted = params.get('city');
  const city = cities.some((c) => c.id === wanted) ? wanted : cities[0].id;
  $('city').value = city;
  state.layer = layers.some((l) => l.id === params.get('layer')) ? params.get('layer') : layers[0].id;
  $('layer').value = state.layer;
  fillKpis();
  state.day = params.get('day');
  await mapReady;
  addLayers();
  await loadCity(city);
  document.body.dataset.ready = 'true';
}

function remember() {
  const params = new URLSearchParams({ city: state.city, layer: state.layer });
  if (state.day) params.set('day', state.day);
  history.replaceState(null, '', '?' + params);
}

function guarded(fn) {
  return async (...args) => {
    document.body.dataset.ready = 'false';
    try {
      await fn(...args);
      remember();
    } catch (e) {
      status(e.message);
    }
    document.body.dataset.ready = 'true';
  };
}

$('city').addEventListener('change', guarded(() => loadCity($('city').value)));
$('layer').addEventListener('change', guarded(async () => { state.layer = $('layer').value; fillKpis(); await loadDays(); }));
$('kpi').addEventListener('change', guarded(async () => { state.kpi = $('kpi').value || null; await colour(); }));
$('day').addEventListener('change', guarded(async () => { state.day = $('day').value || null; await colour(); }));
start().catch((e) => status(e.message));
