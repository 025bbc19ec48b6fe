// The event table, one event in full, and an article with its spans marked.

import { QUADS, actorLabel, append, clear, el, evidence, externalLink, highlighted } from "./dom.js";

function where(event) {
  const loc = event.location;
  if (!loc) return "";
  return loc.country && loc.country !== loc.name ? `${loc.name}, ${loc.country}` : loc.name;
}

function code(event) {
  return el("span", { class: `code q${event.quad_class}`, title: QUADS[event.quad_class] },
    `${event.cameo} ${event.plover ? event.plover.type : ""}`);
}

function actorCell(actor) {
  if (!actor) return el("span", { class: "muted" }, "—");
  return el("span", { title: actorLabel(actor) }, actor.name,
    actor.code ? el("span", { class: "actor-code" }, ` ${actor.code}`) : null);
}

// items: [{event, article?, cluster?}] as /v1/events gives them; events just
// coded and not stored have no page of their own (linked: false).
export function eventRows(tbody, items, linked = true) {
  clear(tbody);
  if (!items.length) {
    tbody.append(el("tr", {}, el("td", { colspan: 7, class: "muted" }, "No events match.")));
    return;
  }
  for (const item of items) {
    const e = item.event;
    const href = `#/event/${encodeURIComponent(e.id)}`;
    const row = el("tr", { dataset: { eventId: e.id }, class: linked ? "clickable" : null },
      el("td", { class: "nowrap" }, linked ? el("a", { href }, e.date || "undated") : e.date || "undated"),
      el("td", {}, actorCell(e.source)),
      el("td", { class: "nowrap" }, code(e)),
      el("td", {}, actorCell(e.target)),
      el("td", {}, where(e)),
      el("td", {}, item.article ? item.article.publisher || "" : ""),
      el("td", {}, evidence(e)));
    row.addEventListener("click", (evt) => {
      if (linked && !evt.target.closest("a")) window.location.hash = href;
    });
    tbody.append(row);
  }
}

function field(dl, name, ...value) {
  const shown = value.filter((v) => v !== null && v !== undefined && v !== "");
  if (!shown.length) return;
  dl.append(el("dt", {}, name), append(el("dd"), shown));
}

function actorDetail(actor) {
  if (!actor) return null;
  const bits = [actor.kind, actor.country, (actor.sectors || []).join(" "), actor.role]
    .filter(Boolean).join(" · ");
  return el("span", {}, el("strong", {}, actorLabel(actor)), bits ? ` — ${bits}` : "",
    ` (“${actor.text}”)`);
}

export function eventDetail(view, item) {
  const e = item.event;
  const dl = el("dl", { class: "fields" });
  field(dl, "Date", e.date, e.date_precision ? ` (${e.date_precision}, ${e.date_source})` : "");
  field(dl, "Source", actorDetail(e.source));
  field(dl, "Target", actorDetail(e.target) || "none");
  field(dl, "CAMEO", `${e.cameo} (root ${e.cameo_root})`);
  field(dl, "PLOVER", [e.plover.type, e.plover.mode, ...(e.plover.context || [])].filter(Boolean).join(" · "));
  field(dl, "Quad class", `${e.quad_class} ${QUADS[e.quad_class] || ""}`);
  field(dl, "Goldstein", String(e.goldstein));
  field(dl, "Modality", e.modality, e.reciprocal ? " (reciprocal)" : "");
  if (e.location) {
    const loc = e.location;
    field(dl, "Where", [loc.name, loc.admin1, loc.country].filter(Boolean).join(", "),
      loc.lat !== null && loc.lat !== undefined ? ` (${loc.lat}, ${loc.lon}; ${loc.precision})` : "");
  }
  if (e.quote) field(dl, "Quote", `“${e.quote.text}”`, e.quote.speaker ? ` — ${actorLabel(e.quote.speaker)}` : "");
  if (e.attributed_to) field(dl, "Reported by", actorLabel(e.attributed_to));
  field(dl, "Confidence", String(e.confidence), e.method ? ` by ${e.method}` : "");
  const art = item.article || {};
  field(dl, "Article", art.title || e.article_id, art.publisher ? ` — ${art.publisher}` : "",
    art.published ? ` (${art.published.slice(0, 10)})` : "");
  if (art.url) field(dl, "URL", externalLink(art.url));
  const cluster = item.cluster || {};
  if (cluster.reports) {
    field(dl, "Reported", `${cluster.reports} times, in ${cluster.articles} articles from ${cluster.sources} sources`);
  }
  field(dl, "Event id", el("code", {}, e.id));
  clear(view).append(
    el("p", {}, el("a", { href: "#/", class: "back" }, "← back to the events")),
    el("article", { class: "panel event-detail" },
      el("h2", {}, actorLabel(e.source), " ", el("span", { class: `code q${e.quad_class}` }, `${e.cameo} ${e.plover.type}`),
        " ", e.target ? actorLabel(e.target) : ""),
      el("blockquote", { class: "evidence-block" }, evidence(e)),
      el("p", {}, el("a", { href: `#/article/${encodeURIComponent(e.article_id)}?event=${encodeURIComponent(e.id)}`, id: "article-link" },
        "Read it in the article →")),
      dl));
}

const LEGEND = [["hl-evidence", "evidence sentence"], ["hl-trigger", "trigger"],
  ["hl-actor", "actor"], ["hl-quote", "quote"], ["hl-place", "place"]];

// data: {article, events, spans} from /v1/articles/{id} or /v1/code.
export function articleView(container, data, focus) {
  const a = data.article;
  const text = el("div", { class: "article-text", id: "article-text" }, highlighted(a.text, data.spans));
  if (focus) {
    for (const mark of text.querySelectorAll("mark[data-events]")) {
      if (mark.dataset.events.split(" ").includes(focus)) mark.classList.add("focus");
    }
  }
  for (const mark of text.querySelectorAll("mark[data-events]")) {
    mark.addEventListener("click", () => {
      const id = mark.dataset.events.split(" ")[0];
      if (data.stored) window.location.hash = `#/event/${encodeURIComponent(id)}`;
    });
  }
  const meta = [a.publisher, a.published ? String(a.published).slice(0, 10) : null].filter(Boolean).join(" · ");
  const tbody = el("tbody");
  eventRows(tbody, data.events.map((event) => ({ event, article: a })), data.stored);
  clear(container).append(
    el("article", { class: "panel" },
      el("h2", {}, a.title || (data.stored ? a.id : "Coded article (not stored)")),
      el("p", { class: "muted" }, meta, a.url ? " · " : "", a.url ? externalLink(a.url) : ""),
      el("p", { class: "legend" }, LEGEND.map(([cls, label]) => el("mark", { class: cls }, label))),
      text),
    el("section", { class: "panel" },
      el("h2", {}, `${data.events.length} event${data.events.length === 1 ? "" : "s"}`),
      el("table", { class: "events" },
        el("thead", {}, el("tr", {}, ["Date", "Source", "Event", "Target", "Where", "Publisher", "Evidence"].map((h) => el("th", {}, h)))),
        tbody)));
  const focused = text.querySelector("mark.focus");
  if (focused) focused.scrollIntoView({ block: "center" });
}
