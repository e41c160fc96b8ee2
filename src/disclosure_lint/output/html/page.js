// The review page's script: plain JavaScript, no library, no request. It renders everything
// from the JSON in #dl-data, on demand (the overview first; a report when it is opened), and
// inserts every text from the data as text (esc), never as markup.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("dl-data").textContent);
  var ZH = {
    files: "文件", units: "单位", years: "年度", submitted: "已报送", missing: "未报送", unreadable: "无法读取",
    errors: "错误", warnings: "警告", infos: "提示", findings: "问题", search: "搜索单位",
    searchPh: "单位名称", region: "地区", allRegions: "全部地区", rule: "规则", allRules: "全部规则",
    severity: "级别", allSev: "全部级别", reset: "清除筛选", grid: "单位 × 年度",
    gridNote: "每格一个年度：✓ 已报送（数字为错误 / 警告数），✗ 未报送，! 无法读取。点击单元格查看报告。",
    unit: "单位", total: "合计", missingByYear: "各年度未报送的单位", noMissing: "没有未报送的单位。",
    unreadableFiles: "无法检查的文件", cross: "跨单位雷同", reportList: "报告列表", title: "标题",
    file: "文件", year: "年度", showAll: "显示全部", shownUnits: "显示 {n} / {t} 个单位",
    shownReports: "显示 {n} / {t} 篇报告", noFindings: "没有发现问题。", noReports: "没有符合条件的报告。",
    back: "← 返回总览", docNo: "篇次", profile: "类型", identity: "单位与年度来源",
    fromDoc: "文档（标题、落款）", fromName: "文件名", unknownUnit: "（未识别单位）", unknownYear: "年份不明",
    line: "第 {l} 行第 {c} 列", table: "表", row: "行", column: "列", fix: "可自动修复：",
    text: "原文", partial: "仅收录问题附近的文字（本页收录的文件较多）。", noText: "本页未收录这份报告的原文。",
    cantRead: "无法读取：", generated: "生成于", docs: "篇报告", none: "无", place: "地区",
    gap: "⋯", yearSuffix: "年", lineNo: "行", colon: "：", clickSort: "点击排序", rulesTitle: "各规则问题数"
  };
  var EN = {
    files: "files", units: "agencies", years: "years", submitted: "submitted", missing: "missing",
    unreadable: "unreadable", errors: "errors", warnings: "warnings", infos: "info", findings: "findings",
    search: "Search agency", searchPh: "agency name", region: "Region", allRegions: "all regions", rule: "Rule",
    allRules: "all rules", severity: "Severity", allSev: "all severities", reset: "Clear filters",
    grid: "Agencies × years",
    gridNote: "One column per year: ✓ submitted (numbers: errors / warnings), ✗ missing, ! unreadable. Click a cell to open the report.",
    unit: "Agency", total: "Total", missingByYear: "Agencies with no report, by year", noMissing: "No agency is missing.",
    unreadableFiles: "Files that could not be checked", cross: "Copied across agencies (跨单位雷同)",
    reportList: "Reports", title: "Title", file: "File", year: "Year", showAll: "Show all",
    shownUnits: "{n} of {t} agencies shown", shownReports: "{n} of {t} reports shown", noFindings: "No findings.",
    noReports: "No report matches.", back: "← Back to the overview", docNo: "Document", profile: "Profile",
    identity: "Agency and year from", fromDoc: "the document (title, signature)", fromName: "the file name",
    unknownUnit: "(agency not identified)", unknownYear: "year unknown", line: "line {l}, column {c}",
    table: "table", row: "row", column: "column", fix: "Fixable: ", text: "Text",
    partial: "Only the text around the findings is included (the page covers many files).",
    noText: "The page does not include this report's text.", cantRead: "Could not be read: ",
    generated: "generated", docs: "reports", none: "none", place: "Region", gap: "⋯", yearSuffix: "",
    lineNo: "line", colon: ": ", clickSort: "click to sort", rulesTitle: "Findings by rule"
  };
  var L = D.meta.lang === "en" ? EN : ZH;
  var SEV = ["info", "warning", "error"];
  var SEV_LABEL = [L.infos, L.warnings, L.errors];
  var REPORT_LIMIT = 300, CELL_LIMIT = 5;

  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function paren(n) { return D.meta.lang === "en" ? " (" + n + ")" : "（" + n + "）"; }
  function fmt(s, o) { return s.replace(/\{(\w+)\}/g, function (_, k) { return o[k]; }); }
  function base(p) { var s = String(p).replace(/\\/g, "/"); return s.slice(s.lastIndexOf("/") + 1); }

  // --- The data, indexed once -----------------------------------------------------------
  var units = D.units.map(function (u, i) {
    return {i: i, name: u[0], place: u[1], search: (u[0] + " " + u[1] + " " + u[2].join(" ")).toLowerCase(), reports: []};
  });
  var reports = D.reports.map(function (r, i) {
    return {i: i, file: r[0], doc: r[1], title: r[2], profile: r[3], line: r[4], unit: r[5], year: r[6],
            status: r[7], identity: r[8], findings: []};
  });
  var findings = D.findings.map(function (f, i) {
    return {i: i, report: f[0], rule: f[1], sev: f[2], line: f[3], col: f[4], endLine: f[5], endCol: f[6],
            msg: D.strings[f[7]], fix: f[8] >= 0 ? D.strings[f[8]] : "", so: f[9], eo: f[10], loc: f[11] || null};
  });
  var unknown = {i: -1, name: L.unknownUnit, place: "", reports: []};
  reports.forEach(function (r) {
    (r.unit >= 0 ? units[r.unit] : unknown).reports.push(r);
  });
  findings.forEach(function (f) { reports[f.report].findings.push(f); });
  var missingSet = {};
  D.missing.forEach(function (m) { missingSet[m[0] + ":" + m[1]] = true; });
  var crossRule = -1;
  D.rules.forEach(function (r, i) { if (r[1] === D.meta.cross_rule) crossRule = i; });
  var ruleCount = D.rules.map(function () { return 0; });
  findings.forEach(function (f) { ruleCount[f.rule]++; });
  var regions = [];
  units.forEach(function (u) { if (u.place && regions.indexOf(u.place) < 0) regions.push(u.place); });
  regions.sort();
  var hasUnknownYear = reports.some(function (r) { return r.year === null; });
  var columns = D.years.slice();
  if (hasUnknownYear) columns.push(null);

  // --- State (from the address, so a link or a test can open any view) ------------------
  var params = new URLSearchParams(window.location.search);
  var state = {q: params.get("q") || "", region: params.get("region") || "", rule: params.get("rule") || "",
               sev: params.get("severity") || "", sort: params.get("sort") || "", dir: params.get("dir") || ""};

  function ruleIndex() {
    if (!state.rule) return -1;
    for (var i = 0; i < D.rules.length; i++) {
      if (D.rules[i][0] === state.rule || D.rules[i][1] === state.rule) return i;
    }
    return -2;  // a rule with no findings in this run: nothing matches
  }
  function findingFilter() {
    var ri = ruleIndex(), si = SEV.indexOf(state.sev);
    if (ri === -1 && si < 0) return null;
    return function (f) { return (ri === -1 || f.rule === ri) && (si < 0 || f.sev === si); };
  }
  function counts(list, keep) {
    var n = [0, 0, 0];
    list.forEach(function (f) { if (!keep || keep(f)) n[f.sev]++; });
    return n;
  }
  function unitMatches(u) {
    // A region takes in the places under it (青山市: 青山市东湖区 too).
    if (state.region && u.place.indexOf(state.region) !== 0) return false;
    if (!state.q) return true;
    var q = state.q.toLowerCase();
    if (u.i >= 0 && u.search.indexOf(q) >= 0) return true;  // any name the agency's reports give it
    return u.i < 0 && u.reports.some(function (r) {
      return (D.files[r.file][0] + " " + r.title).toLowerCase().indexOf(q) >= 0;
    });
  }

  // --- Overview ---------------------------------------------------------------------------
  var app = document.getElementById("app");

  function summary() {
    var submitted = reports.filter(function (r) { return r.status === 0; }).length;
    var unreadable = D.files.filter(function (f) { return f[1] !== null; }).length;
    var n = counts(findings);
    var cards = [[D.meta.files, L.files, ""], [units.length, L.units, ""], [submitted, L.submitted, ""],
                 [D.missing.length, L.missing, "missing"], [unreadable, L.unreadable, "unreadable"],
                 [n[2], L.errors, "sev-error"], [n[1], L.warnings, "sev-warning"], [n[0], L.infos, "sev-info"]];
    return '<div class="summary" id="summary">' + cards.map(function (c) {
      return '<div class="' + c[2] + '"><b>' + c[0] + "</b>" + esc(c[1]) + "</div>";
    }).join("") + "</div>";
  }

  function filters() {
    var rules = D.rules.map(function (r, i) { return [r, i]; }).sort(function (a, b) {
      return a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : 0;
    });
    return '<form id="filters">' +
      '<label>' + esc(L.search) + ' <input id="f-q" type="search" placeholder="' + esc(L.searchPh) + '" value="' +
      esc(state.q) + '"></label> ' +
      '<label>' + esc(L.region) + ' <select id="f-region"><option value="">' + esc(L.allRegions) + "</option>" +
      regions.map(function (p) {
        return '<option value="' + esc(p) + '"' + (p === state.region ? " selected" : "") + ">" + esc(p) + "</option>";
      }).join("") + "</select></label> " +
      '<label>' + esc(L.rule) + ' <select id="f-rule"><option value="">' + esc(L.allRules) + "</option>" +
      rules.map(function (ri) {
        var r = ri[0];
        var sel = state.rule === r[0] || state.rule === r[1];
        return '<option value="' + esc(r[0]) + '"' + (sel ? " selected" : "") + ">" + esc(r[0] + " " + r[1]) +
          paren(ruleCount[ri[1]]) + "</option>";
      }).join("") + "</select></label> " +
      '<label>' + esc(L.severity) + ' <select id="f-severity"><option value="">' + esc(L.allSev) + "</option>" +
      [2, 1, 0].map(function (s) {
        return '<option value="' + SEV[s] + '"' + (state.sev === SEV[s] ? " selected" : "") + ">" + esc(SEV_LABEL[s]) +
          "</option>";
      }).join("") + "</select></label> " +
      '<button type="button" id="f-reset">' + esc(L.reset) + '</button> <span id="shown" aria-live="polite"></span></form>';
  }

  function cellHtml(u, year, keep) {
    var here = u.reports.filter(function (r) { return r.year === year; });
    if (!here.length) {
      if (u.i >= 0 && year !== null && missingSet[u.i + ":" + year]) {
        return '<td class="cell missing" data-status="missing" data-year="' + year + '" title="' + esc(L.missing) +
          '">✗ ' + esc(L.missing) + "</td>";
      }
      return '<td class="cell empty" data-status="none"></td>';
    }
    var unreadable = here.every(function (r) { return r.status === 1; });
    // A cell names a few reports; the rest (many files of no identified agency) are in the reports table.
    var more = here.length > CELL_LIMIT ? here.length - CELL_LIMIT : 0;
    var parts = here.slice(0, CELL_LIMIT).map(function (r) {
      if (r.status === 1) return '<a href="#r=' + r.i + '" class="unreadable">! ' + esc(L.unreadable) + "</a>";
      var n = counts(r.findings, keep);
      return '<a href="#r=' + r.i + '" title="' + esc(r.title) + '">✓' +
        (n[2] ? ' <span class="n sev-error">' + n[2] + "</span>" : "") +
        (n[1] ? ' <span class="n sev-warning">' + n[1] + "</span>" : "") + "</a>";
    });
    return '<td class="cell ' + (unreadable ? "unreadable" : "submitted") + '" data-status="' +
      (unreadable ? "unreadable" : "submitted") + '" data-year="' + (year === null ? "" : year) + '">' +
      parts.join("<br>") + (more ? '<br><span class="more">+' + more + "</span>" : "") + "</td>";
  }

  function visibleUnits(keep) {
    var all = units.concat(unknown.reports.length ? [unknown] : []);
    return all.filter(function (u) {
      if (!unitMatches(u)) return false;
      if (!keep) return true;
      return u.reports.some(function (r) { return r.findings.some(keep); });
    });
  }

  function grid(shown, keep) {
    var head = "<tr><th>" + esc(L.unit) + "</th><th>" + esc(L.place) + "</th>" + columns.map(function (y) {
      return "<th>" + (y === null ? esc(L.unknownYear) : y) + "</th>";
    }).join("") + "<th>" + esc(L.errors) + "</th><th>" + esc(L.warnings) + "</th></tr>";
    var body = shown.map(function (u) {
      var all = [];
      u.reports.forEach(function (r) { all = all.concat(r.findings); });
      var n = counts(all, keep);
      return '<tr data-unit="' + esc(u.name) + '"><th class="unit">' + esc(u.name) + "</th><td class=\"place\">" +
        esc(u.place) + "</td>" + columns.map(function (y) { return cellHtml(u, y, keep); }).join("") +
        '<td class="n sev-error">' + (n[2] || "") + '</td><td class="n sev-warning">' + (n[1] || "") + "</td></tr>";
    }).join("");
    // Per year: submitted / missing / unreadable among the agencies shown.
    var foot = "<tr><th>" + esc(L.total) + "</th><td></td>" + columns.map(function (y) {
      var s = 0, m = 0, x = 0;
      shown.forEach(function (u) {
        var here = u.reports.filter(function (r) { return r.year === y; });
        if (here.some(function (r) { return r.status === 0; })) s++;
        else if (here.length) x++;
        else if (u.i >= 0 && y !== null && missingSet[u.i + ":" + y]) m++;
      });
      return '<td class="tally" data-year="' + (y === null ? "" : y) + '" data-submitted="' + s + '" data-missing="' +
        m + '" data-unreadable="' + x + '">✓' + s + (m ? ' <span class="missing">✗' + m + "</span>" : "") +
        (x ? ' <span class="unreadable">!' + x + "</span>" : "") + "</td>";
    }).join("") + "<td></td><td></td></tr>";
    return '<div class="grid-wrap"><table id="grid"><thead>' + head + "</thead><tbody>" + body +
      "</tbody><tfoot>" + foot + "</tfoot></table></div>";
  }

  function missingList(shown) {
    var ids = {};
    shown.forEach(function (u) { ids[u.i] = true; });
    var byYear = {};
    D.missing.forEach(function (m) {
      if (ids[m[0]]) (byYear[m[1]] = byYear[m[1]] || []).push(units[m[0]].name);
    });
    var years = D.years.filter(function (y) { return byYear[y]; }).reverse();
    if (!years.length) return '<p class="empty" id="missing">' + esc(L.noMissing) + "</p>";
    return '<ul id="missing">' + years.map(function (y) {
      return '<li data-year="' + y + '"><b>' + y + esc(L.yearSuffix) + "</b>" + paren(byYear[y].length) + esc(L.colon) +
        byYear[y].map(function (n) { return '<span class="unit">' + esc(n) + "</span>"; }).join("、") + "</li>";
    }).join("") + "</ul>";
  }

  function unreadableList() {
    var bad = D.files.map(function (f, i) { return [f, i]; }).filter(function (x) { return x[0][1] !== null; });
    if (!bad.length) return "";
    var first = {};
    reports.forEach(function (r) { if (!(r.file in first)) first[r.file] = r.i; });
    // A long list is folded: the grid already shows each unreadable report in its cell.
    return "<h2>" + esc(L.unreadableFiles) + paren(bad.length) + "</h2><details" + (bad.length <= 10 ? " open" : "") +
      "><summary>" + esc(L.unreadableFiles) + '</summary><ul id="unreadable">' + bad.map(function (x) {
      return '<li><a href="#r=' + first[x[1]] + '">' + esc(x[0][0]) + "</a>" + esc(L.colon) + esc(x[0][1]) + "</li>";
    }).join("") + "</ul></details>";
  }

  function crossList(shown) {
    if (crossRule < 0) return "";
    var ids = {};
    shown.forEach(function (u) { ids[u.i] = true; });
    var hits = findings.filter(function (f) { return f.rule === crossRule && ids[reports[f.report].unit]; });
    return "<h2>" + esc(L.cross) + '</h2><ul id="cross">' + hits.map(function (f) {
      var r = reports[f.report];
      var who = r.unit >= 0 ? units[r.unit].name : base(D.files[r.file][0]);
      return '<li><a href="#r=' + r.i + '">' + esc(who) + " " + (r.year === null ? "" : r.year) + "</a>" + esc(L.colon) +
        esc(f.msg) + "</li>";
    }).join("") + "</ul>";
  }

  // The reports table sorts by a column when its header is clicked (again: the other way).
  var SORTS = {
    unit: function (x) { return x[0].name; }, year: function (x) { return x[1].year === null ? 0 : x[1].year; },
    title: function (x) { return x[1].title; }, file: function (x) { return D.files[x[1].file][0]; },
    errors: function (x) { return x[2][2]; }, warnings: function (x) { return x[2][1]; },
    info: function (x) { return x[2][0]; }
  };
  function reportRows(shown, keep, all) {
    var rows = [];
    shown.forEach(function (u) {
      u.reports.forEach(function (r) { if (!keep || r.findings.some(keep)) rows.push([u, r, counts(r.findings, keep)]); });
    });
    var key = SORTS[state.sort] ? state.sort : "", desc = state.dir === "desc";
    if (key) {
      var get = SORTS[key];
      rows = rows.map(function (x, i) { return [get(x), i, x]; }).sort(function (a, b) {
        var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
        return (desc ? -c : c) || a[1] - b[1];
      }).map(function (k) { return k[2]; });
    }
    var total = rows.length;
    if (!all) rows = rows.slice(0, REPORT_LIMIT);
    var body = rows.map(function (ur) {
      var u = ur[0], r = ur[1], n = ur[2];
      return '<tr data-report="' + r.i + '" data-year="' + (r.year === null ? "" : r.year) + '" data-errors="' + n[2] +
        '"><td>' + esc(u.name) + "</td><td>" + (r.year === null ? "" : r.year) +
        '</td><td><a href="#r=' + r.i + '">' + esc(r.status === 1 ? L.unreadable : (r.title || base(D.files[r.file][0]))) +
        '</a></td><td class="path">' + esc(D.files[r.file][0]) + '</td><td class="n sev-error">' + (n[2] || "") +
        '</td><td class="n sev-warning">' + (n[1] || "") + '</td><td class="n sev-info">' + (n[0] || "") + "</td></tr>";
    }).join("");
    var more = total > rows.length ? '<p><button type="button" id="show-all">' + esc(L.showAll) + paren(total) +
      "</button></p>" : "";
    var head = [["unit", L.unit], ["year", L.year], ["title", L.title], ["file", L.file], ["errors", L.errors],
                ["warnings", L.warnings], ["info", L.infos]].map(function (h) {
      var sorted = key === h[0] ? ' aria-sort="' + (desc ? "descending" : "ascending") + '"' : "";
      return '<th data-sort="' + h[0] + '"' + sorted + ' title="' + esc(L.clickSort) + '">' + esc(h[1]) + "</th>";
    }).join("");
    return {html: '<table id="reports"><thead><tr>' + head + "</tr></thead><tbody>" + body + "</tbody></table>" +
      (total ? "" : '<p class="empty">' + esc(L.noReports) + "</p>") + more, shown: rows.length, total: total};
  }

  // Rules: how many findings and reports each has among the agencies shown (click: filter by it).
  function rulesTable(shown) {
    var si = SEV.indexOf(state.sev), n = D.rules.map(function () { return [0, 0]; });
    shown.forEach(function (u) {
      u.reports.forEach(function (r) {
        var seen = {};
        r.findings.forEach(function (f) {
          if (si >= 0 && f.sev !== si) return;
          n[f.rule][0]++;
          if (!seen[f.rule]) { seen[f.rule] = true; n[f.rule][1]++; }
        });
      });
    });
    var order = D.rules.map(function (_, i) { return i; }).filter(function (i) { return n[i][0]; });
    order.sort(function (a, b) { return n[b][0] - n[a][0] || (D.rules[a][0] < D.rules[b][0] ? -1 : 1); });
    if (!order.length) return "";
    var ri = ruleIndex();
    return "<h2>" + esc(L.rulesTitle) + '</h2><table id="rules"><thead><tr><th>' + esc(L.rule) + "</th><th>" +
      esc(L.findings) + "</th><th>" + esc(L.docs) + "</th></tr></thead><tbody>" + order.map(function (i) {
        return '<tr data-rule="' + esc(D.rules[i][0]) + '"' + (i === ri ? ' class="current"' : "") + "><td><code>" +
          esc(D.rules[i][0]) + '</code> <span class="rule-name">' + esc(D.rules[i][1]) + '</span></td><td class="n">' +
          n[i][0] + '</td><td class="n">' + n[i][1] + "</td></tr>";
      }).join("") + "</tbody></table>";
  }

  var showAllReports = false;
  function renderResults() {
    var keep = findingFilter();
    var shown = visibleUnits(keep);
    var all = units.length + (unknown.reports.length ? 1 : 0);
    var rows = reportRows(shown, keep, showAllReports);
    document.getElementById("results").innerHTML =
      "<h2>" + esc(L.grid) + '</h2><p class="note">' + esc(L.gridNote) + "</p>" + grid(shown, keep) +
      "<h2>" + esc(L.missingByYear) + "</h2>" + missingList(shown) + unreadableList() + crossList(shown) +
      rulesTable(shown) +
      "<h2>" + esc(L.reportList) + "</h2>" + rows.html;
    document.getElementById("shown").textContent = fmt(L.shownUnits, {n: shown.length, t: all}) + " · " +
      fmt(L.shownReports, {n: rows.total, t: reports.length});
    app.setAttribute("data-units-shown", String(shown.length));
    var btn = document.getElementById("show-all");
    if (btn) btn.addEventListener("click", function () { showAllReports = true; renderResults(); });
    Array.prototype.forEach.call(document.querySelectorAll("#reports th[data-sort]"), function (th) {
      th.addEventListener("click", function () {
        var k = th.getAttribute("data-sort");
        state.dir = state.sort === k && state.dir !== "desc" ? "desc" : "asc";
        state.sort = k;
        renderResults();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("#rules tr[data-rule]"), function (tr) {
      tr.addEventListener("click", function () {
        var code = tr.getAttribute("data-rule");
        state.rule = state.rule === code ? "" : code;
        document.getElementById("f-rule").value = state.rule;
        renderResults();
      });
    });
  }

  function overview() {
    var n = findings.length;
    app.innerHTML = "<h1>" + esc(D.meta.title) + '</h1><p class="meta">disclosure-lint ' + esc(D.meta.version) +
      " · " + esc(L.generated) + " " + esc(D.meta.generated) + " · " + D.meta.files + " " + esc(L.files) + " · " +
      reports.length + " " + esc(L.docs) + " · " + n + " " + esc(L.findings) + "</p>" + summary() +
      filters() + '<div id="results"></div>' +
      (n ? "" : '<p class="empty" id="no-findings">' + esc(L.noFindings) + "</p>");
    app.setAttribute("data-view", "overview");
    renderResults();
    var q = document.getElementById("f-q");
    var typing = 0;
    q.addEventListener("input", function () {
      clearTimeout(typing);  // one render when the typing pauses, not one per key
      typing = setTimeout(function () { state.q = q.value.trim(); renderResults(); }, 120);
    });
    [["f-region", "region"], ["f-rule", "rule"], ["f-severity", "sev"]].forEach(function (p) {
      var el = document.getElementById(p[0]);
      el.addEventListener("change", function () { state[p[1]] = el.value; renderResults(); });
    });
    document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });
    document.getElementById("f-reset").addEventListener("click", function () {
      state = {q: "", region: "", rule: "", sev: "", sort: "", dir: ""};
      overview();
    });
  }

  // --- One report -------------------------------------------------------------------------
  function docEnd(r) {
    // The next document of the same file starts where this one ends.
    var end = Infinity;
    reports.forEach(function (o) { if (o.file === r.file && o.line > r.line && o.line < end) end = o.line; });
    return end;
  }

  function textHtml(r) {
    var segs = D.texts[String(r.file)];
    if (!segs) return '<p class="empty">' + esc(L.noText) + "</p>";
    var marks = r.findings.filter(function (f) { return f.so >= 0; }).map(function (f) {
      return [f.so, Math.max(f.eo, f.so), f];
    }).sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var first = r.doc ? r.line : 1, last = r.doc ? docEnd(r) : Infinity;
    var out = [], placed = {};
    segs.forEach(function (seg, si) {
      var off = seg[0], line = seg[1], lines = seg[2].split("\n");
      if (si > 0 || line > 1) out.push('<div class="ln gap"><span class="no"></span><span class="tx">' + L.gap + "</span></div>");
      lines.forEach(function (t) {
        var start = off, end = off + t.length;
        off = end + 1;
        if (line >= first && line < last) {
          var html = "", pos = start;
          marks.forEach(function (m) {
            var so = m[0], eo = m[1];
            // A span on this line (a point span: at it, end of line included).
            if (so === eo ? (so < start || so > end) : (so > end || eo <= start)) return;
            var a = Math.max(so, pos), b = Math.max(Math.min(eo, end), a);
            var id = placed[m[2].i] ? "" : ' id="m' + m[2].i + '"';
            placed[m[2].i] = true;
            html += esc(seg[2].slice(pos - seg[0], a - seg[0]));
            html += "<mark" + id + ' class="sev-' + SEV[m[2].sev] + (b > a ? "" : " point") + '" data-f="' + m[2].i +
              '">' + esc(seg[2].slice(a - seg[0], b - seg[0])) + "</mark>";
            pos = b;
          });
          html += esc(seg[2].slice(pos - seg[0], end - seg[0]));
          out.push('<div class="ln" data-line="' + line + '"><span class="no">' + line + '</span><span class="tx">' +
            html + "</span></div>");
        }
        line++;
      });
    });
    return (D.meta.whole_text ? "" : '<p class="note">' + esc(L.partial) + "</p>") +
      '<div class="source" id="source">' + out.join("") + "</div>";
  }

  function findingHtml(f, keep) {
    var rule = D.rules[f.rule];
    var loc = "";
    if (f.loc) {
      var bits = [];
      if (f.loc[0]) bits.push(esc(L.table) + " " + esc(f.loc[0]));
      if (f.loc[1]) bits.push(esc(L.row) + " " + esc(f.loc[1]));
      if (f.loc[2]) bits.push(esc(L.column) + " " + esc(f.loc[2]));
      loc = '<div class="loc" data-table="' + esc(f.loc[0]) + '" data-row="' + esc(f.loc[1]) + '" data-column="' +
        esc(f.loc[2]) + '">' + bits.join(" · ") + "</div>";
    }
    return '<li class="finding' + (keep && !keep(f) ? " dim" : "") + '" tabindex="0" data-f="' + f.i + '" data-rule="' +
      esc(rule[0]) + '" data-severity="' + SEV[f.sev] + '"><span class="badge sev-' + SEV[f.sev] + '">' + esc(SEV_LABEL[f.sev]) + "</span> <code>" + esc(rule[0]) +
      '</code> <span class="rule-name">' + esc(rule[1]) + '</span> <span class="pos">' +
      esc(fmt(L.line, {l: f.line, c: f.col})) + '</span><div class="msg">' + esc(f.msg) + "</div>" + loc +
      (f.fix ? '<div class="fix">' + esc(L.fix + f.fix) + "</div>" : "") + "</li>";
  }

  function reportView(r) {
    var path = D.files[r.file][0], error = D.files[r.file][1];
    var u = r.unit >= 0 ? units[r.unit] : null;
    var meta = [[L.unit, u ? u.name : L.unknownUnit], [L.place, u ? u.place : ""],
                [L.year, r.year === null ? L.unknownYear : r.year], [L.file, path]];
    if (r.doc) meta.push([L.docNo, r.doc], [L.profile, r.profile]);
    meta.push([L.identity, r.identity === 1 ? L.fromName : L.fromDoc]);
    var keep = findingFilter();  // findings outside the overview's filters are dimmed, not hidden
    var list = r.findings.slice().sort(function (a, b) { return a.line - b.line || a.col - b.col || a.i - b.i; });
    app.innerHTML = '<p><a href="#" id="back">' + esc(L.back) + "</a></p><h1>" +
      esc(r.title || base(path)) + '</h1><dl class="facts">' + meta.map(function (m) {
        return "<dt>" + esc(m[0]) + "</dt><dd>" + esc(m[1]) + "</dd>";
      }).join("") + "</dl>" + (error ? '<p class="error" id="error">' + esc(L.cantRead + error) + "</p>" : "") +
      '<div class="report"><section class="side"><h2>' + esc(L.findings) + paren(list.length) + '</h2><ol id="report-findings">' +
      list.map(function (f) { return findingHtml(f, keep); }).join("") + "</ol>" + (list.length || error ? "" : '<p class="empty">' + esc(L.noFindings) + "</p>") +
      '</section><section class="main"><h2>' + esc(L.text) + "</h2>" + (error ? "" : textHtml(r)) + "</section></div>";
    app.setAttribute("data-view", "report");
    app.setAttribute("data-report", String(r.i));
    Array.prototype.forEach.call(app.querySelectorAll("li.finding"), function (li) {
      li.addEventListener("click", function () { focusFinding(li.getAttribute("data-f")); });
      li.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); focusFinding(li.getAttribute("data-f")); }
      });
    });
    Array.prototype.forEach.call(app.querySelectorAll("mark[data-f]"), function (m) {
      m.addEventListener("click", function () {
        var li = app.querySelector('li.finding[data-f="' + m.getAttribute("data-f") + '"]');
        if (li) { li.scrollIntoView({block: "nearest"}); flash(li); }
      });
    });
    window.scrollTo(0, 0);
  }

  function flash(el) {
    Array.prototype.forEach.call(app.querySelectorAll(".current"), function (x) { x.classList.remove("current"); });
    el.classList.add("current");
  }
  function focusFinding(i) {
    var m = document.getElementById("m" + i);
    if (!m) return;
    m.scrollIntoView({block: "center"});
    flash(m);
    app.setAttribute("data-focused", String(i));
  }

  // --- Routing ------------------------------------------------------------------------------
  function route() {
    var m = /^#r=(\d+)(?:&f=(\d+))?$/.exec(window.location.hash);
    if (m && reports[+m[1]]) {
      reportView(reports[+m[1]]);
      if (m[2] !== undefined) focusFinding(m[2]);
    } else {
      overview();
    }
  }
  window.addEventListener("hashchange", route);
  route();
  // Milliseconds from the start of navigation to the first view in the DOM (benchmarks/html_page.py).
  if (window.performance) document.documentElement.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  document.documentElement.setAttribute("data-ready", "1");
})();
