/* kg explorer: draws a large entity graph with sigma.js (WebGL) at positions computed
 * in Python; nothing is laid out here, except neighbours fetched from the server,
 * which are put on a ring around the entity they were expanded from.
 *
 * Two modes (data-mode on #kg-explore): "static" (kg render: every entity and
 * relation is in #kg-data; search and neighbourhoods are computed here) and "served"
 * (kg serve /explore: the overview, search and neighbourhoods come from the JSON API,
 * so the graph is never shipped whole).
 *
 * Level of detail: the page opens on the top entities by PageRank (data-overview of
 * them) and the relations between them; everything else is added by search and
 * expansion. sigma thins labels by zoom (label grid, size threshold).
 *
 * Safety: every text from an article is put into the page with textContent or drawn
 * on the canvas, never parsed as HTML.
 */
(function () {
  "use strict";

  var root = document.getElementById("kg-explore");
  var mode = root.getAttribute("data-mode");
  var api = root.getAttribute("data-api") || "";
  var OVERVIEW = parseInt(root.getAttribute("data-overview"), 10) || 1500;
  var MAX_EXPAND = 400;
  var palette = JSON.parse(document.getElementById("kg-palette").textContent);
  var COMMUNITY = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#8cd17d", "#d37295", "#86bcb6", "#f1ce63",
    "#499894", "#a0cbe8", "#ffbe7d", "#fabfd2", "#d4a6c8", "#79706e", "#b6992d"];
  var FADED = "#e4e4e4";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function status(text) { document.getElementById("kg-status").textContent = text; }

  // ---- what the page knows: entities, relations and articles (merged payloads) ----
  var nodes = {};        // IRI -> entity
  var edges = {};        // key -> relation
  var adj = {};          // IRI -> [edge keys]
  var articles = {};     // article id -> {name, date}
  var complete = {};     // IRI -> true once all its relations are known
  var leftOut = {};      // IRI -> relations the server left out (served: the weakest)

  function merge(data, full) {
    var arts = data.articles.map(function (a) {
      if (!articles[a[0]]) { articles[a[0]] = { id: a[0], name: a[1], date: a[2] || "" }; }
      return a[0];
    });
    var c = data.nodes, ids = c.id;
    for (var i = 0; i < ids.length; i++) {
      var known = nodes[ids[i]];
      var n = known || { id: ids[i] };
      n.label = c.label[i];
      n.type = data.types[c.type[i]];
      n.aliases = c.aliases[i];
      n.mentions = c.mentions[i];
      n.articles = c.articles[i].map(function (k) { return arts[k]; });
      n.total = c.total ? c.total[i] : n.articles.length;
      if (c.x) { n.x = c.x[i]; n.y = c.y[i]; }
      if (c.community) { n.community = c.community[i]; }
      if (c.size) { n.size = c.size[i]; }
      if (c.rank) { n.rank = c.rank[i]; }
      n.names = [n.label].concat(n.aliases).map(function (s) { return s.toLowerCase(); });
      nodes[n.id] = n;
      if (!adj[n.id]) { adj[n.id] = []; }
      if (full) { complete[n.id] = true; }
    }
    var e = data.edges;
    for (var j = 0; j < e.s.length; j++) {
      var s = ids[e.s[j]], t = ids[e.t[j]], label = data.labels[e.label[j]];
      var key = s + "\u0000" + label + "\u0000" + t + "\u0000" + e.neg[j] + e.kind[j];
      var old = edges[key];
      if (!old) { adj[s].push(key); if (t !== s) { adj[t].push(key); } }
      edges[key] = { key: key, s: s, t: t, label: label, kind: e.kind[j], neg: e.neg[j],
        n: e.n[j], quotes: e.quotes[j].length || !old ? e.quotes[j] : old.quotes,
        articles: e.articles[j].map(function (k) { return arts[k]; }) };
    }
    if (data.complete) { data.complete.forEach(function (id) { complete[id] = true; }); }
    if (data.left_out) { Object.keys(data.left_out).forEach(function (id) {
      leftOut[id] = data.left_out[id]; }); }
  }

  // ---- the drawing: a graphology graph of what is drawn, rendered by sigma ----
  var graph = new graphology.MultiDirectedGraph();
  var container = document.getElementById("kg-network");
  var colourBy = document.getElementById("kg-colour");

  function colourOf(n) {
    if (colourBy.value === "community" && n.community !== undefined) {
      return COMMUNITY[n.community % COMMUNITY.length];
    }
    return palette[n.type] || "#97c2fc";
  }

  function place(n, near, i, count) {
    if (n.x !== undefined) { return; }
    var c = near && graph.hasNode(near) ? graph.getNodeAttributes(near) : { x: 0, y: 0 };
    var ring = 30 + 6 * Math.sqrt(count);
    var a = 2 * Math.PI * i / Math.max(count, 1);
    n.x = c.x + ring * Math.cos(a);
    n.y = c.y + ring * Math.sin(a);
  }

  function drawEdge(key) {
    var e = edges[key];
    if (!graph.hasNode(e.s) || !graph.hasNode(e.t) || graph.hasEdge(key)) { return; }
    graph.addEdgeWithKey(key, e.s, e.t, {
      size: e.kind ? 0.5 : Math.min(1 + e.n * 0.4, 4),
      color: e.kind ? "#d0d0d0" : (e.neg ? "#e8a0a0" : "#b8b8b8"),
      label: (e.neg ? "not " : "") + e.label,
      type: "line"
    });
  }

  function draw(ids, near) {
    var added = [];
    ids.forEach(function (id, i) {
      var n = nodes[id];
      if (!n || graph.hasNode(id)) { return; }
      place(n, near, i, ids.length);
      graph.addNode(id, { x: n.x, y: n.y, size: n.size || 3, label: n.label,
        color: colourOf(n) });
      added.push(id);
    });
    added.forEach(function (id) { adj[id].forEach(drawEdge); });
    return added;
  }

  // ---- filters: entity type, article, date range ----
  var hiddenTypes = {};
  var articleFilter = document.getElementById("kg-article");
  var fromBox = document.getElementById("kg-from"), toBox = document.getElementById("kg-to");
  var dates = [];

  function inRange(artIds) {
    if (!dates.length) { return true; }
    var lo = dates[+fromBox.value], hi = dates[+toBox.value];
    if (+fromBox.value === 0 && +toBox.value === dates.length - 1) { return true; }
    return artIds.some(function (a) {
      var d = articles[a] && articles[a].date;
      return d && d >= lo && d <= hi;
    });
  }
  function nodeShown(n) {
    if (!n || hiddenTypes[n.type]) { return false; }
    if (articleFilter.value && n.articles.indexOf(articleFilter.value) < 0) { return false; }
    return inRange(n.articles);
  }
  function edgeShown(e) {
    if (!nodeShown(nodes[e.s]) || !nodeShown(nodes[e.t])) { return false; }
    if (e.kind || !e.articles.length) { return true; }
    if (articleFilter.value && e.articles.indexOf(articleFilter.value) < 0) { return false; }
    return inRange(e.articles);
  }

  // ---- focus: the selected entity and its neighbours stand out ----
  var selected = null, focus = null;
  function setFocus(id) {
    selected = id;
    focus = null;
    if (id) {
      focus = {};
      focus[id] = true;
      adj[id].forEach(function (k) { focus[edges[k].s] = true; focus[edges[k].t] = true; });
    }
    renderer.refresh({ skipIndexation: true });
  }

  var renderer = new Sigma(graph, container, {
    renderEdgeLabels: false,
    labelDensity: 0.6,
    labelGridCellSize: 80,
    labelRenderedSizeThreshold: 7,
    defaultEdgeType: "line",
    zIndex: true,
    nodeReducer: function (id, data) {
      var n = nodes[id];
      if (!nodeShown(n)) { return Object.assign({}, data, { hidden: true }); }
      if (focus && !focus[id]) {
        return Object.assign({}, data, { color: FADED, label: "", zIndex: 0 });
      }
      if (focus) {
        return Object.assign({}, data, { zIndex: 1, forceLabel: id === selected,
          highlighted: id === selected });
      }
      return data;
    },
    edgeReducer: function (key, data) {
      var e = edges[key];
      if (!edgeShown(e)) { return Object.assign({}, data, { hidden: true }); }
      if (focus && e.s !== selected && e.t !== selected) {
        return Object.assign({}, data, { color: "#f0f0f0" });
      }
      return data;
    }
  });

  function refresh() { renderer.refresh({ skipIndexation: true }); updateCounts(); }

  function updateCounts() {
    var shown = {}, total = {};
    graph.forEachNode(function (id) {
      var n = nodes[id];
      total[n.type] = (total[n.type] || 0) + 1;
      if (nodeShown(n)) { shown[n.type] = (shown[n.type] || 0) + 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("#kg-legend [data-count]"),
      function (span) {
        var t = span.getAttribute("data-count");
        span.textContent = (shown[t] || 0) + " drawn";
      });
    document.getElementById("kg-drawn").textContent =
      graph.order + " entities and " + graph.size + " relations drawn";
  }

  // ---- neighbourhoods ----
  function neighbours(id, hops) {
    var found = {}, frontier = [id];
    found[id] = 0;
    for (var h = 1; h <= hops; h++) {
      var next = [];
      frontier.forEach(function (x) {
        (adj[x] || []).forEach(function (k) {
          var e = edges[k], other = e.s === x ? e.t : e.s;
          if (found[other] === undefined) { found[other] = h; next.push(other); }
        });
      });
      frontier = next;
    }
    return Object.keys(found).sort(function (a, b) {
      return (found[a] - found[b]) || ((nodes[a].rank || 0) - (nodes[b].rank || 0));
    }).slice(0, MAX_EXPAND);
  }

  // ---- the server's token (kg serve --token): sent as Authorization: Bearer ----
  // Given once, in the page (a field shown when the server answers 401) or in the
  // address as /explore#token=T (a fragment never reaches the server or its logs); kept
  // in this tab's sessionStorage only, and removed from the address bar at once.
  var token = "";
  try { token = sessionStorage.getItem("kg-token") || ""; } catch (err) { token = ""; }
  if (location.hash.indexOf("#token=") === 0) {
    token = decodeURIComponent(location.hash.slice(7));
    try { sessionStorage.setItem("kg-token", token); } catch (err) { /* private mode */ }
    history.replaceState(null, "", location.pathname + location.search);
  }
  var asking = null;
  function askToken(retry) {
    if (asking) { return; }
    asking = el("form", "kg-token");
    asking.id = "kg-token-form";
    var field = el("input");
    field.type = "password";
    field.id = "kg-token";
    field.autocomplete = "off";
    field.setAttribute("aria-label", "Token");
    var go = el("button", "", "Open");
    go.type = "submit";
    asking.appendChild(el("span", "", "This server needs its token: "));
    asking.appendChild(field);
    asking.appendChild(go);
    asking.addEventListener("submit", function (ev) {
      ev.preventDefault();
      token = field.value.trim();
      try { sessionStorage.setItem("kg-token", token); } catch (err) { /* private mode */ }
      asking.parentNode.removeChild(asking);
      asking = null;
      retry();
    });
    document.getElementById("kg-header").appendChild(asking);
    field.focus();
  }

  function fetchJSON(path) {
    var headers = { Accept: "application/json" };
    if (token) { headers.Authorization = "Bearer " + token; }
    return fetch(api + path, { credentials: "same-origin", headers: headers }).then(function (r) {
      if (r.status === 401) {
        askToken(function () { status("Token kept: try again."); });
        throw new Error("the server wants its token (kg serve --token); give it above");
      }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }

  function ensure(id, hops) {
    if (mode === "served") {
      return fetchJSON("/node?id=" + encodeURIComponent(id) + "&hops=" + hops)
        .then(function (data) { merge(data, false); complete[id] = true; return id; });
    }
    return Promise.resolve(id);
  }

  function expand(id, hops) {
    status("Opening neighbours…");
    return ensure(id, hops).then(function () {
      var ids = neighbours(id, hops);
      if (!graph.hasNode(id)) { draw([id], null); }
      var added = draw(ids, id);
      status(added.length + " entities added");
      refresh();
      return added;
    }, function (err) { status("Could not load: " + err.message); });
  }

  // ---- details panel ----
  var panel = document.getElementById("kg-panel");
  var body = document.getElementById("kg-panel-body");
  function nameOf(id) { return nodes[id] ? nodes[id].label : id; }
  function articleNames(ids) {
    return ids.map(function (a) {
      var art = articles[a];
      return art ? (art.date ? art.name + " (" + art.date + ")" : art.name) : a;
    }).join("; ");
  }
  function row(key, value) {
    var line = el("div", "kg-tip-row");
    line.appendChild(el("span", "kg-tip-key", key + ": "));
    line.appendChild(document.createTextNode(value));
    body.appendChild(line);
  }
  function goto(id) {
    var b = el("button", "kg-goto", nameOf(id));
    b.type = "button";
    b.setAttribute("data-id", id);
    b.addEventListener("click", function () { show(id); });
    return b;
  }
  function action(text, hops, id) {
    var b = el("button", "kg-expand", text);
    b.type = "button";
    b.setAttribute("data-hops", String(hops));
    b.addEventListener("click", function () { expand(id, hops); });
    return b;
  }

  function fill(id) {
    var n = nodes[id];
    body.textContent = "";
    body.appendChild(el("h2", "", n.label));
    panel.hidden = false;
    panel.setAttribute("data-node", id);
    row("Type", n.type);
    if (n.aliases.length) { row("Also called", n.aliases.join(", ")); }
    if (n.mentions !== null && n.mentions !== undefined) { row("Mentions", String(n.mentions)); }
    if (n.articles.length) {
      row("Articles", articleNames(n.articles) + (n.total > n.articles.length
        ? " … (" + n.total + " in all)" : ""));
    }
    var bar = el("div", "kg-actions");
    bar.appendChild(action("Show neighbours", 1, id));
    bar.appendChild(action("2 hops", 2, id));
    body.appendChild(bar);
    var own = adj[id].map(function (k) { return edges[k]; });
    own.sort(function (a, b) { return (b.n - a.n) || (a.label < b.label ? -1 : 1); });
    [["Statements", own.filter(function (e) { return !e.kind; })],
     ["Links", own.filter(function (e) { return e.kind; })]].forEach(function (part) {
      if (!part[1].length) { return; }
      body.appendChild(el("h3", "", part[0] + " (" + part[1].length + ")"));
      part[1].forEach(function (e) {
        var item = el("div", "kg-panel-item");
        var line = el("div", "kg-panel-edge");
        line.appendChild(e.s === id ? el("strong", "", nameOf(e.s)) : goto(e.s));
        line.appendChild(document.createTextNode(
          " — " + (e.neg ? "not " : "") + e.label + " → "));
        line.appendChild(e.t === id ? el("strong", "", nameOf(e.t)) : goto(e.t));
        item.appendChild(line);
        if (e.articles.length) {
          item.appendChild(el("div", "kg-panel-src", articleNames(e.articles)));
        }
        (e.quotes || []).forEach(function (q) {
          item.appendChild(el("blockquote", "kg-tip-quote", q));
        });
        if (mode === "served" && !e.kind && e.n > 0 && !(e.quotes || []).length) {
          item.appendChild(moreQuotes(e, item));
        }
        body.appendChild(item);
      });
    });
    if (!own.length) { body.appendChild(el("p", "kg-hint", "In no statement with another entity.")); }
    if (leftOut[id]) {
      body.appendChild(el("p", "kg-hint", leftOut[id] + " weaker relations not shown."));
    }
  }

  // served: a relation's sentences on demand (the neighbourhood brings the first few)
  function moreQuotes(e, item) {
    var b = el("button", "kg-quotes", "Sentences");
    b.type = "button";
    b.addEventListener("click", function () {
      b.disabled = true;
      fetchJSON("/quotes?s=" + encodeURIComponent(e.s) + "&t=" + encodeURIComponent(e.t) +
        "&label=" + encodeURIComponent(e.label) + "&neg=" + (e.neg ? 1 : 0))
        .then(function (data) {
          e.quotes = data.quotes;
          data.quotes.forEach(function (q) {
            item.insertBefore(el("blockquote", "kg-tip-quote", q), b);
          });
          item.removeChild(b);
        }, function (err) { b.disabled = false; status("Could not load: " + err.message); });
    });
    return b;
  }

  function show(id) {
    var ready = complete[id] || mode !== "served" ? Promise.resolve(id) : ensure(id, 1);
    return ready.then(function () {
      if (!nodes[id]) { return; }
      if (!graph.hasNode(id)) {
        draw([id], null);
        draw(neighbours(id, 1), id);
      }
      fill(id);
      setFocus(id);
      updateCounts();
      var pos = renderer.getNodeDisplayData(id);
      if (pos) { renderer.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.25 }, { duration: 300 }); }
    }, function (err) { status("Could not load: " + err.message); });
  }

  function closePanel() {
    panel.hidden = true;
    panel.removeAttribute("data-node");
    setFocus(null);
  }
  document.getElementById("kg-panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { closePanel(); } });
  renderer.on("clickNode", function (ev) { show(ev.node); });
  renderer.on("clickStage", closePanel);

  // ---- search: every entity, drawn or not ----
  var search = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var count = document.getElementById("kg-search-count");
  var pending = 0;
  function listResults(found) {
    results.textContent = "";
    found = found.filter(function (r) { return !hiddenTypes[r.type]; });
    count.textContent = found.length + (found.length === 1 ? " match" : " matches");
    found.slice(0, 50).forEach(function (r) {
      var li = el("li");
      var b = el("button", "kg-result", r.label);
      b.type = "button";
      b.setAttribute("data-id", r.id);
      b.appendChild(el("span", "kg-n", " " + r.type));
      b.addEventListener("click", function () { show(r.id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    results.hidden = !found.length;
  }
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    if (!q) { results.textContent = ""; results.hidden = true; count.textContent = ""; return; }
    if (mode === "served") {
      var ticket = ++pending;
      fetchJSON("/search?q=" + encodeURIComponent(q)).then(function (data) {
        if (ticket !== pending) { return; }
        data.results.forEach(function (r) {
          if (!nodes[r.id]) {
            nodes[r.id] = { id: r.id, label: r.label, type: r.type, aliases: r.aliases || [],
              mentions: 0, articles: [], names: [] };
            adj[r.id] = [];
          }
        });
        listResults(data.results);
      }, function (err) { status("Search failed: " + err.message); });
      return;
    }
    var found = [];
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id];
      if (n.names.some(function (s) { return s.indexOf(q) >= 0; })) { found.push(n); }
    });
    found.sort(function (a, b) { return (a.rank - b.rank) || (a.label < b.label ? -1 : 1); });
    listResults(found.map(function (n) { return { id: n.id, label: n.label, type: n.type }; }));
  });

  // ---- legend controls ----
  Array.prototype.forEach.call(document.querySelectorAll("#kg-legend input[data-type]"),
    function (box) {
      box.addEventListener("change", function () {
        hiddenTypes[box.getAttribute("data-type")] = !box.checked;
        refresh();
      });
    });
  colourBy.addEventListener("change", function () {
    graph.forEachNode(function (id) { graph.setNodeAttribute(id, "color", colourOf(nodes[id])); });
  });
  articleFilter.addEventListener("change", function () {
    if (articleFilter.value && mode === "static") {
      // show the article's entities even if the overview left them out
      var ids = Object.keys(nodes).filter(function (id) {
        return nodes[id].articles.indexOf(articleFilter.value) >= 0;
      });
      draw(ids.slice(0, MAX_EXPAND), null);
    }
    refresh();
  });
  function fillArticles() {
    var list = Object.keys(articles).map(function (a) { return articles[a]; });
    list.sort(function (a, b) { return (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      (a.name < b.name ? -1 : 1); });
    var keep = articleFilter.value;
    articleFilter.textContent = "";
    articleFilter.appendChild(el("option", "", "All articles"));
    articleFilter.firstChild.value = "";
    list.forEach(function (a) {
      var o = el("option", "", a.date ? a.name + " (" + a.date + ")" : a.name);
      o.value = a.id;
      articleFilter.appendChild(o);
    });
    articleFilter.value = keep;
    var seen = {};
    list.forEach(function (a) { if (a.date) { seen[a.date] = true; } });
    dates = Object.keys(seen).sort();
    [fromBox, toBox].forEach(function (box) {
      box.max = String(Math.max(dates.length - 1, 0));
      box.disabled = dates.length < 2;
    });
    fromBox.value = "0";
    toBox.value = String(Math.max(dates.length - 1, 0));
    showRange();
  }
  function showRange() {
    document.getElementById("kg-range").textContent = dates.length
      ? dates[+fromBox.value] + " – " + dates[+toBox.value] : "no dates";
  }
  [fromBox, toBox].forEach(function (box) {
    box.addEventListener("input", function () {
      if (+fromBox.value > +toBox.value) {
        if (box === fromBox) { toBox.value = fromBox.value; } else { fromBox.value = toBox.value; }
      }
      showRange();
      refresh();
    });
  });

  // ---- start: the overview ----
  function overview() {
    var ids = Object.keys(nodes).filter(function (id) { return nodes[id].x !== undefined; });
    ids.sort(function (a, b) { return nodes[a].rank - nodes[b].rank; });
    draw(ids.slice(0, OVERVIEW), null);
  }
  function ready() {
    fillArticles();
    refresh();
    status("");
    // interactive once the first frame with the overview is painted
    renderer.refresh();
    requestAnimationFrame(function () {
      setTimeout(function () {
        window.kgStable = performance.now();
        document.body.setAttribute("data-stable", "true");
      }, 0);
    });
  }
  window.kgExplore = { graph: graph, renderer: renderer, nodes: nodes, show: show,
    expand: expand };

  function counts(data) {
    // a token-protected server sends an empty page: its summary and counts come here
    if (data.summary) { document.getElementById("kg-summary").textContent = data.summary; }
    if (!data.counts) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("#kg-legend input[data-type]"),
      function (box) {
        var t = box.getAttribute("data-type");
        var span = box.parentNode.querySelector(".kg-n:not([data-count])");
        if (span) { span.textContent = String(data.counts[t] || 0); }
      });
  }
  function start() {
    status("Loading the overview…");
    fetch(api + "/overview", { credentials: "same-origin",
      headers: token ? { Authorization: "Bearer " + token } : {} }).then(function (r) {
      if (r.status === 401) {
        status(token ? "Wrong token: give the one kg serve was started with."
          : "This server needs a token.");
        askToken(start);
        return null;
      }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (data) {
      if (!data) { return; }
      merge(data, false);
      counts(data);
      overview();
      ready();
    }, function (err) { status("Could not load the overview: " + err.message); });
  }
  if (mode === "served") {
    start();
  } else {
    var t0 = performance.now();
    var raw = JSON.parse(document.getElementById("kg-data").textContent);
    var t1 = performance.now();
    merge(raw, true);
    var t2 = performance.now();
    overview();
    var t3 = performance.now();
    ready();
    window.kgTimings = { parse: t1 - t0, merge: t2 - t1, overview: t3 - t2,
      ready: performance.now() - t3, start: t0 };
  }
})();
