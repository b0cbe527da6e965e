// The index table: sort by any column and filter by provider, capability,
// context and price, in the browser. Prices compare as exact decimals
// (BigInt multiples of 1e-18), never floats.
(function () {
  "use strict";
  var table = document.getElementById("models");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var DIGITS = 18;
  var TEN = BigInt(10);

  function decimal(text) {
    var match = /^(\d+)(?:\.(\d+))?$/.exec(text || "");
    if (!match) return null;
    var fraction = (match[2] || "").slice(0, DIGITS);
    while (fraction.length < DIGITS) fraction += "0";
    return BigInt(match[1]) * TEN ** BigInt(DIGITS) + BigInt(fraction);
  }

  function key(row, column) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-sort");
    if (cell.getAttribute("data-type") === "number") return decimal(value);
    return (value === null ? cell.textContent : value).toLowerCase();
  }

  // Unknown values sort last in either direction.
  function compare(a, b, descending) {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    var order = a < b ? -1 : a > b ? 1 : 0;
    return descending ? -order : order;
  }

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (header, column) {
    var button = header.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var descending = header.getAttribute("aria-sort") === "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var keyed = rows.map(function (row, index) {
        return { row: row, key: key(row, column), index: index };
      });
      keyed.sort(function (a, b) {
        return compare(a.key, b.key, descending) || a.index - b.index;
      });
      keyed.forEach(function (item) { body.appendChild(item.row); });
    });
  });

  var form = document.getElementById("filters");
  function value(name) { return form.elements.namedItem(name).value.trim(); }
  function apply() {
    var text = value("q").toLowerCase();
    var provider = value("provider");
    var capability = value("capability");
    var minContext = decimal(value("min_context").replace(/[,_]/g, ""));
    var maxInput = decimal(value("max_input").replace(/^\$/, ""));
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!text || row.getAttribute("data-search").indexOf(text) >= 0) &&
        (!provider || row.getAttribute("data-provider") === provider) &&
        (!capability || (" " + row.getAttribute("data-capabilities") + " ").indexOf(" " + capability + " ") >= 0);
      if (ok && minContext !== null) {
        var context = decimal(row.getAttribute("data-context"));
        ok = context !== null && context >= minContext;
      }
      if (ok && maxInput !== null) {
        var input = decimal(row.getAttribute("data-input"));
        ok = input !== null && input <= maxInput;
      }
      row.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById("shown").textContent = String(shown);
  }
  if (form) {
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
  }
})();
