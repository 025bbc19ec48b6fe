// The dashboard: routes (#/, #/event/ID, #/article/ID, #/code), the filter
// form, and loading each panel from the API. The filters live in the URL, so
// a view can be bookmarked and the back button works.

import { FILTERS, api, query } from "./api.js";
import * as charts from "./charts.js";
import { clear, el } from "./dom.js";
import { articleView, eventDetail, eventRows } from "./views.js";

const PAGE = 50;
const state = { filters: {}, sort: "-date", offset: 0, loads: 0, writable: false };
const $ = (id) => document.getElementById(id);

function notice(message) {
  const box = $("notice");
  box.textContent = message || "";
  box.hidden = !message;
}

function busy(work) {
  document.body.dataset.status = "loading";
  return work
    .then(() => notice(""))
    .catch((error) => notice(error.message))
    .finally(() => {
      state.loads += 1;
      document.body.dataset.loads = String(state.loads);
      document.body.dataset.status = "ready";
    });
}

// ------------------------------------------------------------------ routing

function route() {
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const [path, search] = hash.split("?");
  const params = new URLSearchParams(search || "");
  for (const view of document.querySelectorAll(".view")) view.hidden = true;
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  for (const link of document.querySelectorAll("[data-nav]")) {
    link.classList.toggle("active", link.dataset.nav === (parts[0] === "code" ? "code" : "dashboard"));
  }
  if (parts[0] === "event" && parts[1]) return showEvent(parts[1]);
  if (parts[0] === "article" && parts[1]) return showArticle(parts[1], params.get("event"));
  if (parts[0] === "code") {
    $("view-code").hidden = false;
    return Promise.resolve();
  }
  $("view-dashboard").hidden = false;
  state.filters = {};
  for (const name of FILTERS) if (params.get(name)) state.filters[name] = params.get(name);
  state.sort = params.get("sort") || "-date";
  state.offset = Number(params.get("offset") || 0);
  fillForm();
  return busy(loadDashboard());
}

function go(filters, extra = {}) {
  const hash = `#/${query(filters, { sort: state.sort === "-date" ? "" : state.sort, ...extra })}`;
  if (window.location.hash === hash) route();  // the same view again: reload it
  else window.location.hash = hash;
}

// ------------------------------------------------------------------ filters

function fillForm() {
  const form = $("filters");
  for (const input of form.elements) {
    if (!input.name) continue;
    const value = state.filters[input.name];
    if (input.name === "quad") input.checked = (value || "").split(",").includes(input.value);
    else if (input.type === "checkbox") input.checked = value === "true";
    else if (input.tagName === "SELECT" && input.name === "unit") input.value = value || "reports";
    else input.value = value || "";
  }
  $("sort").value = state.sort;
}

function readForm() {
  const form = $("filters");
  const filters = {};
  for (const name of FILTERS) {
    if (name === "quad") {
      filters.quad = [...form.querySelectorAll("input[name=quad]:checked")].map((i) => i.value).join(",");
    } else if (name === "undirected") {
      filters.undirected = form.elements.undirected.checked;
    } else {
      filters[name] = form.elements[name].value.trim();
    }
  }
  if (filters.country) filters.country = filters.country.toUpperCase();
  if (filters.unit === "reports") filters.unit = "";
  return filters;
}

// ------------------------------------------------------------------ dashboard

async function loadDashboard() {
  const f = state.filters;
  const page = query(f, { limit: PAGE, offset: state.offset, sort: state.sort });
  const [events, timeline, actors, dyads, places] = await Promise.all([
    api(`/v1/events${page}`),
    api(`/v1/stats/timeline${query(f)}`),
    api(`/v1/stats/actors${query(f, { limit: 15 })}`),
    api(`/v1/stats/dyads${query(f, { limit: 30 })}`),
    api(`/v1/stats/places${query(f, { limit: 500 })}`),
  ]);
  const unit = f.unit === "clusters" ? "real-world events" : "reports";
  const summary = $("summary");
  summary.dataset.total = String(events.total);
  summary.textContent = `${events.total.toLocaleString("en")} ${unit} match`;
  eventRows(document.querySelector("#events tbody"), events.results);
  const last = Math.min(events.offset + events.results.length, events.total);
  $("page-info").textContent = events.total ? `${events.offset + 1}–${last} of ${events.total.toLocaleString("en")}` : "";
  $("prev").disabled = events.offset === 0;
  $("next").disabled = last >= events.total;
  charts.timeline(timeline.rows, f.unit);
  charts.actors(actors.rows, (actor) => go({ ...readForm(), actor }));
  charts.network(dyads.rows, (dyad) => go({ ...readForm(), dyad }));
  await charts.places(places.rows);
  Object.assign(window.eventcoder, charts.handles(), { markerCount: places.rows.length });
}

// ------------------------------------------------------------------ one event, one article

function showEvent(id) {
  const view = $("view-event");
  view.hidden = false;
  clear(view).append(el("p", { class: "muted" }, "Loading…"));
  return busy(api(`/v1/events/${encodeURIComponent(id)}`).then((item) => eventDetail(view, item)));
}

function showArticle(id, focus) {
  const view = $("view-article");
  view.hidden = false;
  clear(view).append(el("p", { class: "muted" }, "Loading…"));
  return busy(api(`/v1/articles/${encodeURIComponent(id)}`).then((data) => {
    articleView(view, data, focus);
    view.prepend(el("p", {}, el("a", { href: "#/", class: "back" }, "← back to the events")));
  }));
}

// ------------------------------------------------------------------ code an article

async function codeArticle(form) {
  const body = { text: form.elements.text.value };
  for (const name of ["published", "title", "url"]) {
    if (form.elements[name].value.trim()) body[name] = form.elements[name].value.trim();
  }
  const headers = { "Content-Type": "application/json" };
  if (state.writable && form.elements.store.checked) {
    body.store = true;
    headers.Authorization = `Bearer ${form.elements.token.value}`;
  }
  const result = $("code-result");
  clear(result).append(el("p", { class: "muted" }, "Coding…"));
  $("code-submit").disabled = true;
  try {
    const data = await api("/v1/code", { method: "POST", headers, body: JSON.stringify(body) });
    articleView(result, data, null);
  } catch (error) {
    clear(result);
    throw error;
  } finally {
    $("code-submit").disabled = false;
  }
}

// ------------------------------------------------------------------ start

function wire() {
  $("filters").addEventListener("submit", (evt) => {
    evt.preventDefault();
    go(readForm());
  });
  $("clear").addEventListener("click", () => go({}));
  $("sort").addEventListener("change", () => {
    state.sort = $("sort").value;
    go(state.filters);
  });
  $("prev").addEventListener("click", () => go(state.filters, { offset: Math.max(0, state.offset - PAGE) || "" }));
  $("next").addEventListener("click", () => go(state.filters, { offset: state.offset + PAGE }));
  $("code-form").addEventListener("submit", (evt) => {
    evt.preventDefault();
    busy(codeArticle(evt.target));
  });
  window.addEventListener("hashchange", route);
}

async function start() {
  window.eventcoder = { state };
  wire();
  try {
    const health = await api("/v1/health");
    state.writable = health.writable;
    $("db-info").textContent = `${health.database} · ${health.counts.events.toLocaleString("en")} events · ${health.counts.articles.toLocaleString("en")} articles${health.writable ? " · writable" : ""}`;
    document.querySelector(".store-row").hidden = !health.writable;
  } catch (error) {
    notice(error.message);
  }
  route();
}

start();
