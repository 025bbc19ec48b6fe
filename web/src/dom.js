// Building the page from data. Article text and everything derived from it is
// untrusted: it only ever becomes text nodes (textContent), never HTML, so a
// report containing <script> or onerror= shows as the characters it is.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name === "onclick") node.addEventListener("click", value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// Only web links become links: a javascript: or data: URL in an article's
// metadata must not run anything when clicked.
export function safeUrl(url) {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function externalLink(url, label) {
  const href = safeUrl(url);
  if (!href) return document.createTextNode(label || url || "");
  return el("a", { href, target: "_blank", rel: "noopener noreferrer" }, label || url);
}

export const QUADS = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

export const QUAD_COLORS = { 1: "#4daf7c", 2: "#1b7a4b", 3: "#f2a03d", 4: "#d6452f" };

export function actorLabel(actor) {
  if (!actor) return "—";
  return actor.code ? `${actor.name} [${actor.code}]` : actor.name;
}

// Text with spans highlighted. Spans are {start, end, kind, label?, event_ids?} in
// the coordinates of `offset + position in text`; they may nest or overlap: the
// text is cut at every boundary and each piece carries the classes of all the
// spans covering it.
export function highlighted(text, spans, offset = 0) {
  const fragment = document.createDocumentFragment();
  const inside = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start - offset), end: Math.min(text.length, s.end - offset) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set([0, text.length]);
  for (const s of inside) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = inside.filter((s) => s.start <= from && s.end >= to);
    if (!covering.length) {
      fragment.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const labels = covering.filter((s) => s.label).map((s) => `${s.kind}: ${s.label}`);
    const events = [...new Set(covering.flatMap((s) => s.event_ids || []))];
    fragment.append(el("mark", {
      class: kinds.map((k) => `hl-${k}`).join(" "),
      title: labels.join("\n") || null,
      dataset: events.length ? { events: events.join(" ") } : {},
    }, piece));
  }
  return fragment;
}

// The evidence sentence of one event, its actors and trigger marked.
export function evidence(event) {
  const ev = event.evidence || { text: "", start: 0 };
  const spans = [];
  if (event.trigger) spans.push({ ...event.trigger, kind: "trigger", label: event.cameo });
  for (const side of ["source", "target"]) {
    const actor = event[side];
    if (actor && actor.span) spans.push({ ...actor.span, kind: "actor", label: actorLabel(actor) });
  }
  return el("span", { class: "evidence" }, highlighted(ev.text || "", spans, ev.start || 0));
}
