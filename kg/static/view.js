/* kg HTML view: draws the entity graph embedded in #kg-data with vis-network.
 *
 * Every text that comes from an article (labels, aliases, sentences, headlines) is
 * put into the page with textContent or drawn on the canvas, never parsed as HTML:
 * tooltips and the details panel are DOM elements built here, not HTML strings.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function fillTip(box, tip) {
    tip.rows.forEach(function (row) {
      var line = el("div", "kg-tip-row");
      line.appendChild(el("span", "kg-tip-key", row[0] + ": "));
      line.appendChild(document.createTextNode(row[1]));
      box.appendChild(line);
    });
    (tip.quotes || []).forEach(function (text) {
      box.appendChild(el("blockquote", "kg-tip-quote", text));
    });
  }

  function tooltip(tip) {
    var box = el("div", "kg-tip");
    box.appendChild(el("div", "kg-tip-title", tip.title));
    fillTip(box, tip);
    return box;
  }

  // Legend filters: a checkbox per entity type, and one (on by default) that hides
  // the entities no relation or link connects to another.
  var hiddenTypes = {};
  var isolated = document.getElementById("kg-hide-isolated");
  function isolatedHidden(n) { return isolated.checked && n.kgDegree === 0; }
  function isHidden(n) { return hiddenTypes[n.kgType] === true || isolatedHidden(n); }

  function withTooltips(items, filter) {
    return items.map(function (item) {
      var copy = Object.assign({}, item);
      copy.title = tooltip(item.tip);
      delete copy.tip;
      if (filter) { copy.hidden = isHidden(item); }
      return copy;
    });
  }

  var nodes = new vis.DataSet(withTooltips(data.nodes, true));
  var edges = new vis.DataSet(withTooltips(data.edges, false));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  // Lay out once, then stop the simulation so the drawing stays still.
  var status = document.getElementById("kg-status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out the graph… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  // Unconnected entities are not laid out (physics: false): line them up in rows
  // below the graph, by type then name, so showing them does not clutter it.
  function shelve() {
    var loose = data.nodes.filter(function (n) { return n.kgDegree === 0; });
    if (!loose.length) { return; }
    loose.sort(function (a, b) {
      return a.kgType < b.kgType ? -1 : a.kgType > b.kgType ? 1
        : a.kgNames[0] < b.kgNames[0] ? -1 : 1;
    });
    var placed = network.getPositions(data.nodes.filter(function (n) {
      return n.kgDegree > 0;
    }).map(function (n) { return n.id; }));
    var xs = [], ys = [];
    Object.keys(placed).forEach(function (id) { xs.push(placed[id].x); ys.push(placed[id].y); });
    var left = xs.length ? Math.min.apply(null, xs) : 0;
    var width = xs.length ? Math.max.apply(null, xs) - left : 0;
    var top = ys.length ? Math.max.apply(null, ys) + 140 : 0;
    var columns = Math.max(6, Math.floor(width / 130) + 1,
      Math.ceil(Math.sqrt(loose.length * 2)));
    loose.forEach(function (n, i) {
      network.moveNode(n.id, left + (i % columns) * 130, top + Math.floor(i / columns) * 70);
    });
  }

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    shelve();
    status.textContent = "";
    document.body.setAttribute("data-stable", "true");
  });

  window.network = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;

  function updateCounts() {
    Array.prototype.forEach.call(document.querySelectorAll("#kg-legend [data-count]"),
      function (span) {
        var type = span.getAttribute("data-count");
        var total = span.getAttribute("data-total");
        var shown = data.nodes.filter(function (n) {
          return n.kgType === type && !isolatedHidden(n);
        }).length;
        span.textContent = String(shown) === total ? total : shown + " of " + total;
      });
  }
  function applyFilter() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: isHidden(n) }; }));
    updateCounts();
  }
  isolated.addEventListener("change", function () {
    applyFilter();
    network.fit({ animation: false });
  });
  Array.prototype.forEach.call(
    document.querySelectorAll("#kg-legend input[data-type]"),
    function (box) {
      box.addEventListener("change", function () {
        hiddenTypes[box.getAttribute("data-type")] = !box.checked;
        applyFilter();
      });
    }
  );

  // Details panel: click a node for its names, counts and every statement that
  // connects it (relation and source sentences); click an edge for its sources.
  var panel = document.getElementById("kg-panel");
  var body = document.getElementById("kg-panel-body");

  function nameOf(id) { return byId[id] ? byId[id].kgNames[0] : id; }

  function goto(id) {
    var button = el("button", "kg-goto", nameOf(id));
    button.type = "button";
    button.setAttribute("data-id", id);
    button.addEventListener("click", function () {
      network.selectNodes([id]);
      network.focus(id, { animation: false });
      showNode(id);
    });
    return button;
  }

  function edgeLine(e, from) {
    var line = el("div", "kg-panel-edge");
    line.appendChild(e.from === from ? el("strong", "", nameOf(e.from)) : goto(e.from));
    line.appendChild(document.createTextNode(" — " + e.label + " → "));
    line.appendChild(e.to === from ? el("strong", "", nameOf(e.to)) : goto(e.to));
    return line;
  }

  function section(title, list, id) {
    if (!list.length) { return; }
    body.appendChild(el("h3", "", title + " (" + list.length + ")"));
    list.forEach(function (e) {
      var item = el("div", "kg-panel-item");
      item.appendChild(edgeLine(e, id));
      e.tip.rows.forEach(function (row) {
        if (row[0] === "Articles") { item.appendChild(el("div", "kg-panel-src", row[1])); }
      });
      (e.tip.quotes || []).forEach(function (text) {
        item.appendChild(el("blockquote", "kg-tip-quote", text));
      });
      body.appendChild(item);
    });
  }

  // Focus: while details are open, everything not connected to the entity (or
  // edge) shown fades, so its neighbourhood stands out in a dense graph.
  var FADED = "rgba(190, 190, 190, 0.35)";
  var focused = false;
  function highlight(keepNodes, keepEdges) {
    if (!keepNodes && !focused) { return; }
    focused = Boolean(keepNodes);
    var nodeSet = {}, edgeSet = {};
    (keepNodes || []).forEach(function (id) { nodeSet[id] = true; });
    (keepEdges || []).forEach(function (id) { edgeSet[id] = true; });
    nodes.update(data.nodes.map(function (n) {
      var keep = !focused || nodeSet[n.id];
      return { id: n.id, color: keep ? n.color : FADED, font: keep ? null : { color: FADED } };
    }));
    edges.update(data.edges.map(function (e) {
      var keep = !focused || edgeSet[e.id];
      return { id: e.id, color: keep ? (e.color || null) : { color: FADED, opacity: 0.35 },
               font: keep ? (e.font || null) : { color: FADED } };
    }));
  }

  function open(title) {
    body.textContent = "";
    body.appendChild(el("h2", "", title));
    panel.hidden = false;
  }

  // Pan (never zoom) so that the entity shown is not under the panel.
  function keepInView(id) {
    var dom = network.canvasToDOM(network.getPositions([id])[id]);
    var free = container.clientWidth - panel.offsetWidth;
    if (dom.x > 24 && dom.x < free - 24 && dom.y > 24 && dom.y < container.clientHeight - 24) {
      return;
    }
    var view = network.getViewPosition(), scale = network.getScale();
    network.moveTo({
      position: { x: view.x + (dom.x - free / 2) / scale,
                  y: view.y + (dom.y - container.clientHeight / 2) / scale },
      animation: false
    });
  }

  function showNode(id) {
    var node = byId[id];
    if (!node) { return; }
    open(node.kgNames[0]);
    panel.setAttribute("data-node", id);
    fillTip(body, node.tip);
    var own = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    highlight([id].concat(own.map(function (e) { return e.from === id ? e.to : e.from; })),
      own.map(function (e) { return e.id; }));
    own.sort(function (a, b) {
      return (b.kgStatements - a.kgStatements) || (a.tip.title < b.tip.title ? -1 : 1);
    });
    section("Statements", own.filter(function (e) { return e.kgKind !== "link"; }), id);
    section("Links", own.filter(function (e) { return e.kgKind === "link"; }), id);
    if (!own.length) { body.appendChild(el("p", "kg-hint", "In no statement with another entity.")); }
    keepInView(id);
  }

  function showEdge(id) {
    var e = data.edges.filter(function (x) { return x.id === id; })[0];
    if (!e) { return; }
    open(e.tip.title);
    panel.setAttribute("data-node", "");
    body.appendChild(edgeLine(e, null));
    highlight([e.from, e.to], [e.id]);
    fillTip(body, e.tip);
  }

  function closePanel() {
    panel.hidden = true;
    panel.removeAttribute("data-node");
    highlight(null, null);
  }
  document.getElementById("kg-panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closePanel(); }
  });
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); }
    else { closePanel(); }
  });

  // Search: select and zoom to the entities whose name or alias contains the text.
  var search = document.getElementById("kg-search");
  var count = document.getElementById("kg-search-count");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    if (!q) {
      network.unselectAll();
      count.textContent = "";
      return;
    }
    var ids = data.nodes.filter(function (n) {
      return n.kgNames.some(function (name) { return name.toLowerCase().indexOf(q) >= 0; });
    }).map(function (n) { return n.id; });
    network.selectNodes(ids);
    count.textContent = ids.length + (ids.length === 1 ? " match" : " matches");
    if (ids.length) {
      network.fit({ nodes: ids, animation: false });
    }
    if (ids.length === 1) { showNode(ids[0]); }
  });
})();
