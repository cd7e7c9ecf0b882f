// frontwatch's page: map, timeline, claims table, incidents, claimed area and a paste box over /api.
//
// Everything shown comes from news articles, which are untrusted: text only ever enters the page through
// textContent / createTextNode (the el() helper), never innerHTML, and the server's Content-Security-Policy
// allows no inline script besides. Leaflet comes from xstatic-leaflet, uPlot from npm (make setup).
"use strict";

const SIDES = ["UA", "RU", "other", "unknown"];
const COLOURS = { UA: "#1f5fbf", RU: "#c62828", other: "#6a8f2e", unknown: "#808080" };
const PAGE = 5000; // rows per /api/claims request while loading
const MAX_ROWS = 50000; // the page holds at most this many claim rows
const TABLE_ROWS = 500; // rows drawn in the table at once
const DAY = 86400;

const state = {
  cfg: null, rows: [], incidents: [], range: null, place: null, text: "",
  map: null, markers: null, timeline: null, zoomed: null, area: null, articles: new Map(),
};

// -- small helpers ------------------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "data") Object.entries(value).forEach(([k, v]) => { node.dataset[k] = String(v); });
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function sideOf(side) { return SIDES.includes(side) ? side : "other"; }
function colour(side) { return COLOURS[sideOf(side)]; }
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function short(text, n) { const s = String(text || "").replace(/\s+/g, " ").trim(); return s.length <= n ? s : s.slice(0, n - 1) + "…"; }
function dayOf(row) { return row.start || row.published || null; }
// The API's order: newest first by the claim's date (when it was said, else published), then claim id and
// the event's position in its claim; undated claims last.
function position(row) { return row.event_id ? Number(row.event_id.slice(row.event_id.lastIndexOf(":") + 1)) : 0; }
function newestFirst(a, b) {
  if ((a.stated || "") !== (b.stated || "")) return (b.stated || "").localeCompare(a.stated || "");
  if (a.claim_id !== b.claim_id) return a.claim_id < b.claim_id ? -1 : 1;
  return position(a) - position(b);
}
function toSec(iso) { return Date.parse(iso + "T00:00:00Z") / 1000; }
function isoDay(sec) { return new Date(sec * 1000).toISOString().slice(0, 10); }
function quantity(row) { return row.value === null || row.value === undefined ? "" : `${row.value} ${row.unit || ""}`.trim(); }

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const error = new Error((body && body.error) || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function notice(message, kind) {
  const box = document.getElementById("notice");
  box.textContent = message;
  box.className = `notice ${kind || ""}`;
  box.hidden = !message;
}

// -- loading --------------------------------------------------------------------------------------------
async function loadClaims() {
  const rows = [];
  let offset = 0;
  for (;;) {
    const page = await api(`/api/claims?limit=${PAGE}&offset=${offset}`);
    rows.push(...page.claims);
    if (page.next_offset === null) break;
    if (rows.length >= MAX_ROWS) {
      notice(`This ledger is large: the page holds its first ${rows.length} claims (by date); ask the API (/docs) with filters for the rest.`, "info");
      break;
    }
    offset = page.next_offset;
  }
  return rows;
}

async function loadIncidents() {
  const page = await api("/api/incidents?limit=1000");
  return page.incidents;
}

async function reload() {
  const [rows, incidents, health] = await Promise.all([loadClaims(), loadIncidents(), api("/api/health")]);
  state.rows = rows.sort(newestFirst); // as the API sends them; sorted again in case the ledger changed between pages
  state.incidents = incidents;
  const c = health.counts;
  document.getElementById("summary").textContent =
    `${c.articles} articles · ${c.claims} claims · ${c.incidents} incidents · ` +
    `${incidents.filter((i) => i.contradicted).length} contested`;
  drawIncidents();
  drawTimeline();
  await drawArea();
  refresh();
}

// -- filtering: the brush (dates), a clicked place, and the text box -----------------------------------------
function inRange(row) {
  if (!state.range) return true;
  const d = dayOf(row);
  if (!d) return false;
  const t = toSec(d);
  return t >= state.range[0] && t <= state.range[1];
}

function matchesText(row) {
  if (!state.text) return true;
  const hay = [row.claimant, row.claimant_side, row.type, row.place, row.source, row.text, row.article, row.admin1]
    .join(" ").toLowerCase();
  return state.text.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

function matchesPlace(row) { return !state.place || row.place === state.place; }

function refresh() {
  const onMap = state.rows.filter((r) => inRange(r) && matchesText(r));
  drawMarkers(onMap);
  drawTable(onMap.filter(matchesPlace));
  drawChips();
}

function drawChips() {
  const chips = clear(document.getElementById("chips"));
  if (state.place) {
    chips.append(el("button", { type: "button", class: "chip", title: "show every place",
      onclick: () => { state.place = null; refresh(); } }, `place: ${state.place} ✕`));
  }
  if (state.range) {
    chips.append(el("button", { type: "button", class: "chip", title: "show every date",
      onclick: clearRange }, `${isoDay(state.range[0])} … ${isoDay(state.range[1])} ✕`));
  }
}

// -- the map ------------------------------------------------------------------------------------------
function initMap() {
  const map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5 }).setView([48.5, 34], 5);
  // A plain latitude/longitude grid under everything: without tiles (offline) the markers still have a frame.
  const grid = [];
  for (let lat = -80; lat <= 80; lat += 5) grid.push([[lat, -180], [lat, 180]]);
  for (let lon = -180; lon <= 180; lon += 5) grid.push([[-85, lon], [85, lon]]);
  L.polyline(grid, { className: "fw-grid", interactive: false, weight: 1 }).addTo(map);
  if (state.cfg.tile_url) {
    L.tileLayer(state.cfg.tile_url, { attribution: state.cfg.tile_attribution, maxZoom: 18 }).addTo(map);
  }
  state.markers = L.layerGroup().addTo(map);
  state.map = map;
  const legend = document.getElementById("legend");
  for (const side of SIDES) {
    legend.append(el("span", { class: `key side-${side}` }, el("i", {}), `claimed by ${side}`));
  }
  legend.append(el("span", { class: "key contested" }, el("i", {}), "contested incident"));
}

function drawMarkers(rows) {
  const groups = new Map();
  for (const row of rows) {
    if (row.lat === null || row.lon === null || row.lat === undefined) continue;
    const key = `${row.lat.toFixed(4)},${row.lon.toFixed(4)}|${sideOf(row.claimant_side)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(row);
  }
  state.markers.clearLayers();
  const bounds = [];
  for (const group of groups.values()) {
    const first = group[0];
    const side = sideOf(first.claimant_side);
    const claims = new Set(group.map((r) => r.claim_id)).size;
    const size = Math.min(34, 14 + 4 * Math.log2(1 + claims));
    // the sides' markers at one place sit side by side, 18 px apart: more than the largest dot's radius (34 / 2), so
    // a big marker never covers the centre of its neighbour (a contested town stays clickable for each side)
    const shift = (SIDES.indexOf(side) - 0.5) * 18;
    const dot = el("div", { class: "dot" }, String(claims));
    const marker = L.marker([first.lat, first.lon], {
      title: `${first.place || "?"}: ${claims} claim${claims === 1 ? "" : "s"} by ${side}`,
      riseOnHover: true,
      icon: L.divIcon({ className: `fw-marker side-${side}`, html: dot, iconSize: [size, size],
        iconAnchor: [size / 2 - shift, size / 2] }),
    });
    marker.on("click", () => {
      marker.bindPopup(popupFor(first.place, side, group), { maxWidth: 420 }).openPopup();
      state.place = first.place;
      drawTable(state.rows.filter((r) => inRange(r) && matchesText(r) && matchesPlace(r)));
      drawChips();
    });
    marker.on("add", () => {
      const node = marker.getElement();
      if (node) { node.dataset.place = first.place || ""; node.dataset.side = side; }
    });
    marker.addTo(state.markers);
    bounds.push([first.lat, first.lon]);
  }
  for (const inc of state.incidents) {
    if (!inc.contradicted || inc.lat === null || inc.lon === null) continue;
    const marker = L.marker([inc.lat, inc.lon], {
      title: `contested: ${inc.place || "?"} (incident ${inc.id})`, zIndexOffset: 1000,
      // a badge just above the place, so the claim markers under it stay clickable
      icon: L.divIcon({ className: "fw-contested", html: el("div", { class: "ring" }, "!"), iconSize: [22, 22],
        iconAnchor: [11, 34] }),
    });
    marker.on("click", () => openIncident(inc.id));
    marker.on("add", () => { const n = marker.getElement(); if (n) n.dataset.incident = String(inc.id); });
    marker.addTo(state.markers);
  }
  if (bounds.length && !state.fitted) {
    state.map.fitBounds(bounds, { paddingTopLeft: [50, 50], paddingBottomRight: [30, 30], maxZoom: 8, animate: false });
    state.fitted = true;
  }
}

function popupFor(place, side, rows) {
  const seen = new Set();
  const list = el("ul", { class: "popup-claims" });
  for (const row of rows) {
    if (seen.has(row.claim_id)) continue;
    seen.add(row.claim_id);
    if (seen.size > 12) { list.append(el("li", { class: "muted" }, `… ${rows.length - 12} more in the table`)); break; }
    list.append(el("li", { class: "popup-claim", data: { claim: row.claim_id } },
      el("b", {}, row.claimant), ` (${row.claimant_side}) · ${row.type || "claim"} ${row.polarity || ""} · ${dayOf(row) || ""}`,
      el("div", { class: "sentence" }, short(row.text, 240)),
      el("div", { class: "muted" }, `${row.source || "?"} · ${row.article}`)));
  }
  return el("div", { class: "popup" }, el("h3", {}, `${place || "?"} — claims by ${side}`), list);
}

// -- the timeline (uPlot) and its brush --------------------------------------------------------------------
function perDay(rows, key) {
  const counts = new Map();
  let lo = Infinity; let hi = -Infinity;
  for (const row of rows) {
    const d = dayOf(row);
    if (!d) continue;
    const t = toSec(d);
    lo = Math.min(lo, t); hi = Math.max(hi, t);
    const k = `${t}|${sideOf(row[key])}`;
    if (!counts.has(k)) counts.set(k, new Set());
    counts.get(k).add(row.claim_id);
  }
  if (lo === Infinity) return null;
  const xs = [];
  for (let t = lo - DAY; t <= hi + DAY; t += DAY) xs.push(t);
  const series = SIDES.map((side) => xs.map((t) => (counts.get(`${t}|${side}`) || new Set()).size));
  return [xs, ...series];
}

function drawTimeline() {
  const box = clear(document.getElementById("timeline"));
  state.timeline = null;
  if (!window.uPlot) { box.append(el("p", { class: "muted" }, "Charts need uPlot: run `make setup` (npm).")); return; }
  const data = perDay(state.rows, "claimant_side");
  if (!data) { box.append(el("p", { class: "muted" }, "No dated claims yet.")); return; }
  const bars = uPlot.paths.bars({ size: [0.9, 40], align: 0 });
  const opts = {
    width: box.clientWidth || 900, height: 170,
    cursor: { drag: { x: true, y: false, setScale: false } },
    select: { show: true },
    legend: { show: true },
    scales: { x: { time: true } },
    axes: [{}, { label: "claims", size: 50 }],
    series: [{ label: "day" }, ...SIDES.map((side) => ({ label: side, stroke: COLOURS[side],
      fill: COLOURS[side] + "aa", paths: bars, points: { show: false } }))],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 2) return;
        const t0 = u.posToVal(u.select.left, "x");
        const t1 = u.posToVal(u.select.left + u.select.width, "x");
        setRange(Math.floor(t0 / DAY) * DAY, Math.floor(t1 / DAY) * DAY);
      }],
    },
  };
  state.timeline = new uPlot(opts, data, box);
  state.zoomed = null; // a new timeline (after a paste) shows every day again
  document.getElementById("zoom-out").hidden = true;
  document.getElementById("zoom-in").hidden = !state.range;
}

function setRange(t0, t1) {
  state.range = [t0, t1];
  document.getElementById("clear-range").hidden = false;
  document.getElementById("zoom-in").hidden = !state.timeline;
  refresh();
}

function clearRange() {
  state.range = null;
  document.getElementById("clear-range").hidden = true;
  document.getElementById("zoom-in").hidden = true;
  if (state.timeline) state.timeline.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
  refresh();
}

// Zoom: the timeline's x axis shows only the brushed days (a day either side), so a narrower brush can be
// drawn inside them; "whole timeline" goes back. The filter stays what the brush chose.
function zoomTimeline(range) {
  const u = state.timeline;
  if (!u) return;
  const xs = u.data[0];
  const [lo, hi] = range ? [range[0] - DAY, range[1] + DAY] : [xs[0], xs[xs.length - 1]];
  u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
  u.setScale("x", { min: lo, max: hi });
  state.zoomed = range ? [lo, hi] : null;
  document.getElementById("zoom-in").hidden = true;
  document.getElementById("zoom-out").hidden = !range;
}

// -- the claimed-area chart --------------------------------------------------------------------------------
async function drawArea() {
  const box = clear(document.getElementById("area"));
  const stats = await api("/api/stats/area?by=week");
  if (!window.uPlot) { box.append(el("p", { class: "muted" }, "Charts need uPlot: run `make setup` (npm).")); return; }
  if (!stats.series.length) { box.append(el("p", { class: "muted" }, "No area claims (km²) in the ledger yet.")); return; }
  const periods = [...new Set(stats.series.map((s) => toSec(s.period)))].sort((a, b) => a - b);
  // an empty week either side, so that a lone week still gets an axis around it
  const weeks = [periods[0] - 7 * DAY, ...periods, periods[periods.length - 1] + 7 * DAY];
  const sides = SIDES.filter((side) => stats.series.some((s) => sideOf(s.side) === side));
  const values = sides.map((side) => weeks.map((t) => {
    const hit = stats.series.filter((s) => sideOf(s.side) === side && toSec(s.period) === t);
    return hit.length ? hit.reduce((sum, s) => sum + s.km2, 0) : null;
  }));
  const opts = {
    width: box.clientWidth || 420, height: 200,
    scales: { x: { time: true } },
    axes: [{}, { label: "km²", size: 50 }],
    series: [{ label: "week" }, ...sides.map((side) => ({ label: side, stroke: COLOURS[side], width: 2,
      points: { show: true, size: 8, fill: COLOURS[side] }, spanGaps: true }))],
  };
  state.area = new uPlot(opts, [weeks, ...values], box);
  box.append(el("table", { class: "area-table" },
    el("tr", {}, el("th", {}, "week of"), el("th", {}, "side"), el("th", {}, "km²"), el("th", {}, "claims")),
    stats.series.map((s) => el("tr", {}, el("td", {}, s.period), el("td", {}, s.side), el("td", {}, s.km2),
      el("td", {}, s.claims)))));
}

// -- the claims table ------------------------------------------------------------------------------------
function drawTable(rows) {
  const body = clear(document.querySelector("#claims tbody"));
  for (const row of rows.slice(0, TABLE_ROWS)) {
    body.append(el("tr", { data: { claim: row.claim_id, article: row.article, incident: row.incident_id || "" },
      class: row.incident_id ? "linked" : null, title: row.incident_id ? `incident ${row.incident_id}: click to open` : null,
      onclick: () => { if (row.incident_id) openIncident(row.incident_id); } },
      el("td", { class: "said" }, row.stated || ""),
      el("td", { class: "date" }, dayOf(row) || ""),
      el("td", {}, row.claimant),
      el("td", {}, el("span", { class: `side side-${sideOf(row.claimant_side)}` }, row.claimant_side)),
      el("td", {}, row.type ? `${row.type}${row.polarity && row.polarity !== "asserted" ? ` (${row.polarity})` : ""}` : ""),
      el("td", {}, row.place || ""),
      el("td", {}, quantity(row)),
      el("td", {}, row.source || ""),
      el("td", { class: "sentence" }, short(row.text, 220))));
  }
  const more = rows.length > TABLE_ROWS ? ` (first ${TABLE_ROWS} shown)` : "";
  document.getElementById("shown").textContent = `${rows.length} of ${state.rows.length} rows${more}`;
}

// -- incidents --------------------------------------------------------------------------------------------
function drawIncidents() {
  const list = clear(document.getElementById("incidents"));
  for (const inc of state.incidents.slice(0, 200)) {
    const dates = inc.start === inc.end ? inc.start : `${inc.start || "?"} … ${inc.end || "?"}`;
    list.append(el("li", { class: inc.contradicted ? "contested" : null, data: { incident: inc.id },
      onclick: () => openIncident(inc.id) },
      el("b", {}, `#${inc.id} ${inc.family}`), ` at ${inc.place || "?"} · ${dates || ""} · `,
      `${inc.corroboration} source${inc.corroboration === 1 ? "" : "s"}`,
      inc.contradicted ? el("span", { class: "flag" }, " contested") : null,
      inc.updates.length ? el("span", { class: "muted" }, ` · ${inc.updates.length} update(s)`) : null));
  }
  if (!state.incidents.length) list.append(el("li", { class: "muted" }, "No incidents yet."));
}

async function article(id) {
  if (!state.articles.has(id)) state.articles.set(id, api(`/api/articles/${encodeURIComponent(id)}`));
  return state.articles.get(id);
}

// The article's text with the claim's sentence marked: text nodes around a <mark>, never markup.
function highlighted(text, span, context) {
  const [start, end] = span;
  const from = Math.max(0, start - context);
  const to = Math.min(text.length, end + context);
  return el("blockquote", { class: "excerpt" },
    from > 0 ? "…" : "", text.slice(from, start), el("mark", {}, text.slice(start, end)), text.slice(end, to),
    to < text.length ? "…" : "");
}

async function openIncident(id) {
  const view = document.getElementById("incident-view");
  view.hidden = false;
  clear(view).append(el("p", { class: "muted" }, `loading incident ${id}…`));
  let inc;
  try { inc = await api(`/api/incidents/${encodeURIComponent(id)}`); } catch (error) {
    clear(view).append(el("p", { class: "error" }, error.message)); return;
  }
  const claimSide = new Map(inc.claims.map((c) => [c.id, c.claimant.side]));
  const sides = [...new Set(inc.claims.map((c) => c.claimant.side))].sort((a, b) => SIDES.indexOf(sideOf(a)) - SIDES.indexOf(sideOf(b)));
  const contested = new Set();
  for (const c of inc.contradictions) { contested.add(c.a.slice(0, c.a.lastIndexOf(":"))); contested.add(c.b.slice(0, c.b.lastIndexOf(":"))); }
  const head = el("div", { class: "incident-head" },
    el("h3", {}, `Incident #${inc.id}: ${inc.family} at ${inc.place || "?"}`),
    el("button", { type: "button", class: "close", title: "close", onclick: () => { view.hidden = true; } }, "✕"),
    el("p", { class: "muted" }, `${inc.start || "?"} … ${inc.end || "?"} · corroboration ${inc.corroboration} · outlets: ${inc.outlets.join(", ")}`),
    el("p", {}, `asserted by ${inc.asserted_by.join(", ") || "—"}; denied by ${inc.denied_by.join(", ") || "—"}`,
      inc.confirmed_by_both_sides ? el("b", {}, " · confirmed by both sides") : null));
  const contradictions = el("ul", { class: "contradictions" },
    inc.contradictions.map((c) => el("li", {}, el("span", { class: "flag" }, `contradiction (${c.reason}): `), c.detail)),
    inc.updates.map((u) => el("li", {}, el("span", { class: "muted" }, "update: "), u.detail)));
  const columns = el("div", { class: "sides" });
  for (const side of sides) {
    const column = el("div", { class: `side-column side-${sideOf(side)}`, data: { side } }, el("h4", {}, `${side} says`));
    for (const claim of inc.claims.filter((c) => claimSide.get(c.id) === side)) {
      const card = el("div", { class: `claim-card${contested.has(claim.id) ? " contested" : ""}`, data: { claim: claim.id } },
        el("div", {}, el("b", {}, claim.claimant.name), claim.claimant.role ? `, ${claim.claimant.role}` : "",
          ` · via ${claim.source || "?"} `, el("span", { class: "article-id", title: claim.article }, `[${short(claim.article, 24)}]`)),
        el("div", { class: "muted" }, claim.events.map((e) => `${e.type} ${e.polarity} (${e.actor_side})`).join("; ")));
      const body = el("div", { class: "excerpt-box" }, el("span", { class: "muted" }, "loading the article…"));
      card.append(body);
      column.append(card);
      article(claim.article).then((art) => {
        clear(body).append(highlighted(art.text, claim.span, 240));
        const quote = body.querySelector(".excerpt");
        const mark = body.querySelector("mark");
        if (quote && mark) quote.scrollTop = Math.max(0, mark.offsetTop - quote.offsetTop - 40);
      }).catch(() => { clear(body).append(highlighted(claim.text, [0, claim.text.length], 0)); });
    }
    columns.append(column);
  }
  clear(view).append(head, contradictions, columns);
  view.scrollIntoView({ block: "nearest" });
}

// -- pasting an article ----------------------------------------------------------------------------------
function initPaste() {
  const form = document.getElementById("paste");
  const status = document.getElementById("paste-status");
  const token = document.getElementById("paste-token");
  token.value = sessionStorage.getItem("frontwatch-token") || "";
  if (!state.cfg.writes_enabled) {
    for (const input of form.querySelectorAll("textarea, input, button")) input.disabled = true;
    status.textContent = "Writes are disabled on this server: start it with FRONTWATCH_TOKEN set to analyse and store articles here.";
    notice("Read-only: this server has no write token (FRONTWATCH_TOKEN), so pasting articles is disabled.", "info");
    return;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = document.getElementById("paste-text").value;
    if (text.length > state.cfg.max_article_chars) { status.textContent = `Too long: at most ${state.cfg.max_article_chars} characters.`; return; }
    sessionStorage.setItem("frontwatch-token", token.value);
    const body = { text };
    const published = document.getElementById("paste-published").value;
    const source = document.getElementById("paste-source").value.trim();
    if (published) body.published = published;
    if (source) body.source = source;
    status.textContent = "Analysing… (the first article loads the language model, a few seconds)";
    document.getElementById("paste-submit").disabled = true;
    try {
      const result = await api("/api/articles", { method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.value}` }, body: JSON.stringify(body) });
      const art = result.article;
      status.textContent = `${result.status === "new" ? "Stored" : "Already in the ledger"}: ${art.external_id} — ${art.claims.length} claim(s).`;
      drawPasteResult(art);
      await reload();
    } catch (error) {
      status.textContent = `Not stored: ${error.message}`;
    } finally {
      document.getElementById("paste-submit").disabled = false;
    }
  });
}

function drawPasteResult(art) {
  const box = clear(document.getElementById("paste-result"));
  const table = el("table", { class: "paste-claims", data: { article: art.external_id } },
    el("tr", {}, ["claimant", "side", "events", "sentence"].map((h) => el("th", {}, h))));
  for (const c of art.claims) {
    table.append(el("tr", { data: { claim: c.id } },
      el("td", {}, c.claimant.name),
      el("td", {}, el("span", { class: `side side-${sideOf(c.claimant.side)}` }, c.claimant.side)),
      el("td", {}, c.events.map((e) => `${e.type} ${e.polarity} (${e.actor_side})` +
        (e.places.length ? ` @ ${e.places.map((p) => p.name || p.text).join(", ")}` : "")).join("; ")),
      el("td", { class: "sentence" }, short(c.text, 200))));
  }
  box.append(table);
}

// -- start -----------------------------------------------------------------------------------------------
async function main() {
  try {
    state.cfg = await api("/api/config");
    initMap();
    initPaste();
    document.getElementById("filter").addEventListener("input", (event) => { state.text = event.target.value; refresh(); });
    document.getElementById("clear-range").addEventListener("click", clearRange);
    document.getElementById("zoom-in").addEventListener("click", () => zoomTimeline(state.range));
    document.getElementById("zoom-out").addEventListener("click", () => zoomTimeline(null));
    await reload();
    document.body.dataset.ready = "true";
  } catch (error) {
    notice(`Could not load the ledger: ${error.message}`, "error");
    document.body.dataset.ready = "error";
  }
}

main();
