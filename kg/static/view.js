/* kg HTML view: draws the entity graph embedded in #kg-data with vis-network.
 *
 * Every text that comes from an article (labels, aliases, sentences, headlines) is
 * put into the page with textContent or drawn on the canvas, never parsed as HTML:
 * tooltips are DOM elements built here, not HTML strings.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);

  function tooltip(tip) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    var head = document.createElement("div");
    head.className = "kg-tip-title";
    head.textContent = tip.title;
    box.appendChild(head);
    tip.rows.forEach(function (row) {
      var line = document.createElement("div");
      line.className = "kg-tip-row";
      var key = document.createElement("span");
      key.className = "kg-tip-key";
      key.textContent = row[0] + ": ";
      line.appendChild(key);
      line.appendChild(document.createTextNode(row[1]));
      box.appendChild(line);
    });
    (tip.quotes || []).forEach(function (text) {
      var quote = document.createElement("blockquote");
      quote.className = "kg-tip-quote";
      quote.textContent = text;
      box.appendChild(quote);
    });
    return box;
  }

  function withTooltips(items) {
    return items.map(function (item) {
      var copy = Object.assign({}, item);
      copy.title = tooltip(item.tip);
      delete copy.tip;
      return copy;
    });
  }

  var nodes = new vis.DataSet(withTooltips(data.nodes));
  var edges = new vis.DataSet(withTooltips(data.edges));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  // Lay out once, then stop the simulation so the drawing stays still.
  var status = document.getElementById("kg-status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out the graph… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    status.textContent = "";
    document.body.setAttribute("data-stable", "true");
  });

  window.network = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;

  // Legend: a checkbox per entity type shows or hides its nodes; another hides the
  // entities no relation connects (mentioned, but in no statement with another).
  var hiddenTypes = {};
  var isolated = document.getElementById("kg-hide-isolated");
  function applyFilter() {
    nodes.update(data.nodes.map(function (n) {
      var hide = hiddenTypes[n.kgType] === true || (isolated.checked && n.kgDegree === 0);
      return { id: n.id, hidden: hide };
    }));
  }
  isolated.addEventListener("change", applyFilter);
  Array.prototype.forEach.call(
    document.querySelectorAll("#kg-legend input[data-type]"),
    function (box) {
      box.addEventListener("change", function () {
        hiddenTypes[box.getAttribute("data-type")] = !box.checked;
        applyFilter();
      });
    }
  );

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
  });
})();
