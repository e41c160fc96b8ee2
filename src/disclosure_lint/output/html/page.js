(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  function cellValue(row, idx, type) {
    var cell = row.cells[idx];
    if (!cell) return type === "num" ? 0 : "";
    var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    if (type === "num") { var n = parseFloat(v); return isNaN(n) ? 0 : n; }
    return v;
  }
  function sortTable(table, idx, dir) {
    var th = table.tHead.rows[0].cells[idx];
    var type = th.getAttribute("data-type") || "text";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (r, i) { return [cellValue(r, idx, type), i, r]; });
    keyed.sort(function (a, b) {
      var c;
      if (type === "num") c = a[0] - b[0];
      else c = a[0] < b[0] ? -1 : (a[0] > b[0] ? 1 : 0);
      if (c === 0) return a[1] - b[1];
      return dir === "desc" ? -c : c;
    });
    var frag = document.createDocumentFragment();
    keyed.forEach(function (k) { frag.appendChild(k[2]); });
    body.appendChild(frag);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending");
    table.setAttribute("data-sorted", (th.getAttribute("data-key") || String(idx)) + ":" + dir);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, idx) {
      th.title = th.title || "点击排序";
      th.addEventListener("click", function () {
        var cur = th.getAttribute("aria-sort");
        sortTable(table, idx, cur === "ascending" ? "desc" : "asc");
      });
    });
  });
  var findings = document.getElementById("findings");
  var fSev = document.getElementById("f-severity"), fRule = document.getElementById("f-rule");
  var fDoc = document.getElementById("f-doc"), fQ = document.getElementById("f-q");
  var shown = document.getElementById("shown");
  function setSelect(sel, value) {
    if (!value) { sel.value = ""; return; }
    for (var i = 0; i < sel.options.length; i++) {
      if (sel.options[i].value === value) { sel.value = value; return; }
    }
  }
  function applyFilters() {
    var sev = fSev.value, rule = fRule.value, doc = fDoc.value, q = fQ.value.trim().toLowerCase();
    var n = 0, total = 0;
    Array.prototype.forEach.call(findings.tBodies[0].rows, function (r) {
      total++;
      var ok = (!sev || r.getAttribute("data-severity") === sev) &&
               (!rule || r.getAttribute("data-rule") === rule) &&
               (!doc || r.getAttribute("data-doc") === doc) &&
               (!q || r.textContent.toLowerCase().indexOf(q) >= 0 ||
                (r.cells[3] && (r.cells[3].title || "").toLowerCase().indexOf(q) >= 0));
      r.classList.toggle("hidden", !ok);
      if (ok) n++;
    });
    shown.textContent = "显示 " + n + " / " + total + " 条";
    findings.setAttribute("data-shown", String(n));
  }
  [fSev, fRule, fDoc].forEach(function (s) { s.addEventListener("change", applyFilters); });
  fQ.addEventListener("input", applyFilters);
  document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });
  document.getElementById("f-reset").addEventListener("click", function () {
    fSev.value = ""; fRule.value = ""; fDoc.value = ""; fQ.value = ""; applyFilters();
  });
  function focusOn(rule, doc) {
    if (rule !== null) setSelect(fRule, rule);
    if (doc !== null) setSelect(fDoc, doc);
    applyFilters();
    findings.scrollIntoView({behavior: "smooth", block: "start"});
  }
  Array.prototype.forEach.call(document.querySelectorAll("svg .bar"), function (g) {
    g.addEventListener("click", function () {
      if (g.hasAttribute("data-rule")) focusOn(g.getAttribute("data-rule"), "");
      else if (g.hasAttribute("data-doc")) focusOn("", g.getAttribute("data-doc"));
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("td.hit"), function (td) {
    td.addEventListener("click", function () { focusOn(td.getAttribute("data-rule"), td.getAttribute("data-doc")); });
  });
  setSelect(fSev, params.get("severity"));
  setSelect(fRule, params.get("rule"));
  setSelect(fDoc, params.get("doc"));
  if (params.get("q")) fQ.value = params.get("q");
  var sortKey = params.get("sort");
  if (sortKey) {
    var dir = params.get("dir") === "desc" ? "desc" : "asc";
    Array.prototype.forEach.call(findings.tHead.rows[0].cells, function (th, idx) {
      if (th.getAttribute("data-key") === sortKey) sortTable(findings, idx, dir);
    });
  }
  applyFilters();
  document.documentElement.setAttribute("data-ready", "1");
})();
