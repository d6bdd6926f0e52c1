// kg's query page: send the query to /sparql, show the answer. No outside request, no
// HTML built from data (every value goes in through textContent).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var form = document.getElementById("kg-form");
  var text = document.getElementById("kg-query");
  var examples = document.getElementById("kg-example");
  var accept = document.getElementById("kg-accept");
  var status = document.getElementById("kg-status");
  var results = document.getElementById("kg-results");
  var token = document.getElementById("kg-token");
  var endpoint = new URL("sparql", document.baseURI).href;
  document.getElementById("kg-endpoint").textContent = endpoint;
  if (data.token) { document.getElementById("kg-token-label").hidden = false; }

  data.examples.forEach(function (ex) {
    var option = document.createElement("option");
    option.value = ex.name;
    option.textContent = ex.name.replace(/_/g, " ");
    examples.appendChild(option);
  });
  examples.addEventListener("change", function () {
    var found = data.examples.filter(function (ex) { return ex.name === examples.value; });
    if (found.length) { text.value = found[0].query; }
  });
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

  function say(message, error) {
    status.textContent = message;
    status.className = error ? "kg-error" : "";
  }

  function run() {
    var table = accept.value === "table";
    var headers = {
      "Content-Type": "application/sparql-query",
      "Accept": table ? "application/sparql-results+json, text/turtle;q=0.9" : accept.value
    };
    if (data.token && token.value) { headers["Authorization"] = "Bearer " + token.value; }
    var started = performance.now();
    say("Running…", false);
    results.textContent = "";
    fetch(endpoint, { method: "POST", headers: headers, body: text.value })
      .then(function (response) {
        return response.text().then(function (body) {
          var seconds = ((performance.now() - started) / 1000).toFixed(2);
          if (!response.ok) {
            say("Error " + response.status + ": " + body.trim(), true);
            return;
          }
          var type = (response.headers.get("Content-Type") || "").split(";")[0];
          var cut = response.headers.get("X-SPARQL-MaxRows");
          var note = cut ? " — cut at " + cut + " rows (--max-rows)" : "";
          if (table && type === "application/sparql-results+json") {
            var n = show(JSON.parse(body));
            say(n + " in " + seconds + " s" + note, false);
          } else {
            var pre = document.createElement("pre");
            pre.textContent = body;
            results.appendChild(pre);
            say(type + " in " + seconds + " s" + note, false);
          }
        });
      })
      .catch(function (err) { say("Request failed: " + err, true); });
  }

  function show(json) {
    if (typeof json.boolean === "boolean") {
      var p = document.createElement("p");
      p.textContent = "ASK: " + json.boolean;
      results.appendChild(p);
      return "answer";
    }
    var vars = json.head.vars || [];
    var rows = json.results.bindings;
    var tableEl = document.createElement("table");
    var head = tableEl.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    });
    var body = tableEl.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) {
        var td = tr.insertCell();
        var term = row[v];
        if (!term) { return; }
        td.textContent = term.value;
        if (term.type === "uri") { td.className = "kg-iri"; }
        if (term["xml:lang"]) { td.title = "@" + term["xml:lang"]; }
        else if (term.datatype) { td.title = term.datatype; }
      });
    });
    results.appendChild(tableEl);
    return rows.length + (rows.length === 1 ? " row" : " rows");
  }
}());
