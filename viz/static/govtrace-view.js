/* govtrace lineage views: builds the vis-network from the JSON in #govtrace-data,
   collapses the clusters the server planned, switches physics off once the layout has
   settled, filters by a search box, opens a node's page on click, downloads a PNG. */
(function () {
  "use strict";
  var started = performance.now();
  var spec = JSON.parse(document.getElementById("govtrace-data").textContent);
  var container = document.getElementById("govtrace-network");
  // Big views come collapsed: every node in spec.nodes with a "cluster" lies inside that
  // group (groups may nest: a group node has a "cluster" of its own). Only the outermost
  // groups and the ungrouped nodes are drawn; clicking a group draws its members instead.
  // vis-network's own clustering API is not used: it walks every node per cluster() call
  // (~0.1 s each at 3,000 nodes, 40 s for the 360 groups of a national item).
  var groups = {};
  spec.clusters.forEach(function (group) { groups[group.id] = group; });
  var allNodes = {};
  spec.nodes.concat(spec.clusters).forEach(function (node) { allNodes[node.id] = node; });
  var shown = {};
  Object.keys(allNodes).forEach(function (id) { if (!allNodes[id].cluster) { shown[id] = true; } });

  function drawnAs(id) {
    while (!shown[id] && allNodes[id] && allNodes[id].cluster) { id = allNodes[id].cluster; }
    return id;
  }
  function visibleEdges() {
    var seen = {};
    var result = [];
    spec.edges.forEach(function (edge) {
      var from = drawnAs(edge.from);
      var to = drawnAs(edge.to);
      var key = from + "\u0000" + to;
      if (from === to || seen[key]) { return; }
      seen[key] = true;
      result.push(Object.assign({}, edge, { id: key, from: from, to: to }));
    });
    return result;
  }
  var nodes = new vis.DataSet(Object.keys(shown).map(function (id) { return allNodes[id]; }));
  var edges = new vis.DataSet(visibleEdges());
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, spec.options);
  var state = { nodes: nodes, edges: edges, stabilizedAfterMs: null, groups: groups,
                total: spec.nodes.length };
  window.govtraceNetwork = network;
  window.govtraceView = state;

  function expand(id) {
    var members = Object.keys(allNodes).filter(function (m) { return allNodes[m].cluster === id; });
    delete shown[id];
    members.forEach(function (m) { shown[m] = true; });
    nodes.remove(id);
    nodes.add(members.map(function (m) { return allNodes[m]; }));
    edges.clear();
    edges.add(visibleEdges());
  }
  state.expand = expand;

  function settled() {
    network.setOptions({ physics: false });
    state.stabilizedAfterMs = Math.round(performance.now() - started);
    container.setAttribute("data-stabilized", "true");
  }
  network.once("stabilizationIterationsDone", settled);

  network.on("click", function (params) {
    if (!params.nodes.length) { return; }
    var id = params.nodes[0];
    if (groups[id]) {
      expand(id);
      return;
    }
    var node = nodes.get(id);
    if (node && node.url) {
      if (spec.newWindow) { window.open(node.url, "_blank", "noopener"); }
      else { window.location.href = node.url; }
    }
  });

  var box = document.getElementById("govtrace-filter");
  if (box) {
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      var hits = [];
      nodes.forEach(function (node) {
        var text = ((node.label || "") + "\n" + (node.title || "")).toLowerCase();
        var match = !needle || text.indexOf(needle) >= 0;
        if (needle && match) { hits.push(node.id); }
        nodes.update({ id: node.id, opacity: match ? 1 : 0.15 });
      });
      var visible = hits.filter(function (id) { return shown[id]; });
      network.selectNodes(visible);
      if (visible.length) { network.fit({ nodes: visible, animation: false }); }
      document.getElementById("govtrace-filter-count").textContent =
        needle ? hits.length + " / " + nodes.length : "";
    });
  }

  var png = document.getElementById("govtrace-png");
  if (png) {
    png.addEventListener("click", function () {
      var canvas = container.querySelector("canvas");
      png.href = canvas.toDataURL("image/png");
    });
  }
  var fit = document.getElementById("govtrace-fit");
  if (fit) { fit.addEventListener("click", function () { network.fit(); }); }
})();
