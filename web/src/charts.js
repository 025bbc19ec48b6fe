// The timeline (events per day, stacked by quad class), the top actors, the
// dyad network and the map. Chart.js, Cytoscape and Leaflet come from npm and
// are served by the server itself (window.Chart, window.cytoscape, window.L).

import { QUADS, QUAD_COLORS, el } from "./dom.js";

const charts = {};

function dayList(first, last) {
  const days = [];
  const day = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  while (day <= end && days.length < 20000) {
    days.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
}

// Long ranges read better per week or month: buckets are chosen from the span.
function bucketOf(span) {
  if (span <= 370) return { name: "day", key: (d) => d };
  if (span <= 7 * 300) {
    return {
      name: "week",
      key: (d) => {
        const day = new Date(`${d}T00:00:00Z`);
        day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
        return day.toISOString().slice(0, 10);
      },
    };
  }
  return { name: "month", key: (d) => d.slice(0, 7) };
}

export function timeline(rows, unit) {
  const days = rows.length ? dayList(rows[0].period, rows[rows.length - 1].period) : [];
  const bucket = bucketOf(days.length);
  const labels = [...new Set(days.map(bucket.key))];
  const index = new Map(labels.map((label, i) => [label, i]));
  const series = { 1: [], 2: [], 3: [], 4: [] };
  for (const q of Object.keys(series)) series[q] = labels.map(() => 0);
  for (const row of rows) {
    if (series[row.quad_class]) series[row.quad_class][index.get(bucket.key(row.period))] += row.count;
  }
  document.getElementById("timeline-title").textContent =
    `${unit === "clusters" ? "Real-world events" : "Events (reports)"} per ${bucket.name}, by quad class`;
  const data = {
    labels,
    datasets: Object.keys(series).map((q) => ({
      label: QUADS[q], data: series[q], backgroundColor: QUAD_COLORS[q], stack: "quad",
      maxBarThickness: 48,
    })),
  };
  draw("timeline", {
    type: "bar",
    data,
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { x: { stacked: true, ticks: { maxTicksLimit: 12 } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
}

export function actors(rows, onPick) {
  draw("actors", {
    type: "bar",
    data: {
      labels: rows.map((r) => r.actor),
      datasets: [{ label: "events", data: rows.map((r) => r.count), backgroundColor: "#4b6fa8" }],
    },
    options: {
      indexAxis: "y", animation: false, maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: (items) => {
          const r = rows[items[0].dataIndex];
          return `${r.name || r.actor} (${r.actor})`;
        }, afterLabel: (item) => {
          const r = rows[item.dataIndex];
          return `as source ${r.as_source}, as target ${r.as_target}`;
        } } },
      },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } },
      onClick: (_, elements) => { if (elements.length) onPick(rows[elements[0].index].actor); },
    },
  });
}

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new window.Chart(document.getElementById(id), config);
}

// Red for conflict, green for cooperation: the mean Goldstein score of the dyad.
function tone(goldstein) {
  if (goldstein === null || goldstein === undefined) return "#888";
  if (goldstein <= -5) return QUAD_COLORS[4];
  if (goldstein < 0) return QUAD_COLORS[3];
  if (goldstein < 5) return QUAD_COLORS[1];
  return QUAD_COLORS[2];
}

let cy = null;

export function network(rows, onPick) {
  const nodes = new Map();
  for (const r of rows) {
    nodes.set(r.source, { id: r.source, name: r.source_name || r.source });
    nodes.set(r.target, { id: r.target, name: r.target_name || r.target });
  }
  const max = Math.max(1, ...rows.map((r) => r.count));
  const elements = [
    ...[...nodes.values()].map((n) => ({ data: { id: `n:${n.id}`, label: n.id, name: n.name } })),
    ...rows.map((r, i) => ({ data: {
      id: `e${i}`, source: `n:${r.source}`, target: `n:${r.target}`, count: r.count,
      width: 1 + 7 * (r.count / max), color: tone(r.goldstein), dyad: `${r.source}:${r.target}`,
    } })),
  ];
  if (cy) cy.destroy();
  cy = window.cytoscape({
    container: document.getElementById("network"),
    elements,
    wheelSensitivity: 0.3,
    maxZoom: 1.6,  // a few nodes fill the box without blowing up their labels
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#4b6fa8", width: 14, height: 14, color: "#222", "text-valign": "top", "text-margin-y": -3 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.85 } },
    ],
    layout: { name: rows.length > 2 ? "cose" : "circle", animate: false, randomize: false, padding: 20 },
  });
  cy.center();
  cy.on("tap", "edge", (evt) => onPick(evt.target.data("dyad")));
  return cy;
}

let map = null;
let markers = null;

async function worldLayer() {
  const response = await fetch("/vendor/world-atlas/countries-110m.json");
  const topology = await response.json();
  const countries = window.topojson.feature(topology, topology.objects.countries);
  return window.L.geoJSON(countries, {
    style: { color: "#9aa6b2", weight: 0.6, fillColor: "#e9edf1", fillOpacity: 1 },
    interactive: false,
  });
}

export async function places(rows) {
  if (!map) {
    // No tile server: the map is drawn from Natural Earth shapes shipped by npm.
    map = window.L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 10, zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth (world-atlas)");
    map.setView([20, 10], 1);
    (await worldLayer()).addTo(map);
    markers = window.L.layerGroup().addTo(map);
  }
  markers.clearLayers();
  const max = Math.max(1, ...rows.map((r) => r.count));
  for (const r of rows) {
    const marker = window.L.circleMarker([r.lat, r.lon], {
      radius: 4 + 14 * Math.sqrt(r.count / max), color: "#333", weight: 1,
      fillColor: tone(r.goldstein), fillOpacity: 0.8,
    });
    // A DOM node, not an HTML string: place names come from articles.
    marker.bindTooltip(el("span", {}, `${r.name || "?"}${r.country ? `, ${r.country}` : ""}: ${r.count}`));
    markers.addLayer(marker);
  }
  if (rows.length) {
    const bounds = window.L.latLngBounds(rows.map((r) => [r.lat, r.lon]));
    map.fitBounds(bounds.pad(0.25), { maxZoom: 5 });
  }
  map.invalidateSize();
  return rows.length;
}

export function handles() {
  return { charts, cy, map, markers };
}
