// collabnet report: sortable tables, the schools filter, "show all" for long lists.
// Everything works without this script (every row is in the page); it only adds convenience.
// It reads the page, and the JSON in #report-data, and never writes untrusted text as markup:
// names are set through textContent and option values only.
(function () {
  "use strict";
  var doc = document;
  var data = {};
  try {
    data = JSON.parse(doc.getElementById("report-data").textContent);
  } catch (e) {
    data = {};
  }
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // --- long tables: the first rows, and a button for the rest -------------------------------
  function refreshCollapse(table) {
    var limit = parseInt(table.getAttribute("data-collapse") || "0", 10);
    var button = table.collapseButton;
    if (!limit || !button) return;
    var open = table.getAttribute("data-open") === "yes";
    each(table.tBodies[0].rows, function (row, i) {
      row.hidden = !open && i >= limit;
    });
    button.hidden = open;
  }
  function makeCollapsible(table) {
    var limit = parseInt(table.getAttribute("data-collapse") || "0", 10);
    var rows = table.tBodies[0].rows.length;
    if (!limit || rows <= limit) return;
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "show-all";
    button.textContent = "Show all " + rows + " rows";
    button.addEventListener("click", function () {
      table.setAttribute("data-open", "yes");
      refreshCollapse(table);
    });
    table.parentNode.insertBefore(button, table.nextSibling);
    table.collapseButton = button;
    refreshCollapse(table);
  }

  // --- sorting: click a column heading; again to reverse ------------------------------------
  function sortKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var key = cell.getAttribute("data-sort");
    return key === null ? cell.textContent.trim() : key;
  }
  function isNumber(s) { return s !== "" && !isNaN(Number(s)); }
  function makeSortable(table) {
    var heads = table.tHead.rows[0].cells;
    each(heads, function (th, index) {
      if (th.hasAttribute("data-nosort")) return;
      // The heading itself is the control (a <button> inside would not print in the headings
      // Chromium repeats on every page).
      th.className += " sortable-heading";
      th.tabIndex = 0;
      th.title = "Sort by this column";
      var sort = function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        each(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var keys = rows.map(function (row, i) { return { row: row, key: sortKey(row, index), i: i }; });
        keys.sort(function (a, b) {
          if (a.key === "" || b.key === "") {  // blanks (not known) last either way
            return (a.key === "") - (b.key === "") || a.i - b.i;
          }
          var c = isNumber(a.key) && isNumber(b.key)
            ? Number(a.key) - Number(b.key)
            : a.key.localeCompare(b.key, "en-GB", { numeric: true, sensitivity: "base" });
          return (descending ? -c : c) || a.i - b.i;
        });
        keys.forEach(function (k) { body.appendChild(k.row); });
        refreshCollapse(table);
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sort();
        }
      });
    });
  }

  // --- the schools filter: by authority, and by name or id ----------------------------------
  function makeFilter(table, holder) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var authorities = Array.isArray(data.authorities) ? data.authorities : [];
    var select = doc.createElement("select");
    select.id = "authority-filter";
    var all = doc.createElement("option");
    all.textContent = "All authorities";
    select.appendChild(all);
    authorities.forEach(function (name) {
      var option = doc.createElement("option");
      option.value = name;
      option.textContent = name === "" ? "(authority not given)" : name;
      select.appendChild(option);
    });
    var search = doc.createElement("input");
    search.type = "search";
    search.id = "school-search";
    search.placeholder = "School name or id";
    var count = doc.createElement("span");
    count.className = "count";
    count.setAttribute("aria-live", "polite");
    var label1 = doc.createElement("label");
    label1.textContent = "Authority ";
    label1.appendChild(select);
    var label2 = doc.createElement("label");
    label2.textContent = "Find ";
    label2.appendChild(search);
    holder.appendChild(label1);
    holder.appendChild(label2);
    holder.appendChild(count);
    holder.hidden = false;

    function apply() {
      var authority = select.selectedIndex > 0 ? select.value : null;
      var query = search.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (authority === null || row.getAttribute("data-authority") === authority) &&
          (query === "" || row.cells[0].textContent.toLowerCase().indexOf(query) >= 0);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " schools shown" +
        (authority === null ? "" : " (printing prints these only)");
      table.setAttribute("data-shown", String(shown));
    }
    table.applyFilter = apply;
    select.addEventListener("change", function () {
      apply();
      try {
        history.replaceState(null, "", select.selectedIndex > 0
          ? "#authority=" + encodeURIComponent(select.value) : "#schools");
      } catch (e) { /* file: URLs may refuse; the filter still works */ }
    });
    search.addEventListener("input", apply);

    // report.html#authority=NAME opens the report with the schools of one authority.
    var hash = location.hash;
    if (hash.indexOf("#authority=") === 0) {
      var wanted;
      try { wanted = decodeURIComponent(hash.slice(11)); } catch (e) { wanted = null; }
      each(select.options, function (option, i) {
        if (i > 0 && option.value === wanted) select.selectedIndex = i;
      });
    }
    apply();
  }

  each(doc.querySelectorAll("table.sortable"), makeSortable);
  each(doc.querySelectorAll("table[data-collapse]"), makeCollapsible);
  var schools = doc.getElementById("schools-table");
  var holder = doc.getElementById("schools-filter");
  if (schools && holder) makeFilter(schools, holder);
  doc.documentElement.setAttribute("data-js", "ready");
})();
