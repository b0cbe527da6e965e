// The page's API cost calculator. Money is exact: rates are decimal strings
// turned into BigInt multiples of 1e-18 USD, never floats, so the total is
// the same digits `llmcost cost` prints.
(function () {
  "use strict";
  var form = document.getElementById("calc");
  var data = document.getElementById("calc-rates");
  if (!form || !data) return;
  var tiers = JSON.parse(data.textContent);
  var RATE_DIGITS = 18;
  var TEN = BigInt(10);
  // A rate per 1M tokens in units of 1e-18 USD; each token costs rate/1e6,
  // so a sum of tokens × rate is in units of 1e-24 USD.
  var TOTAL_DIGITS = RATE_DIGITS + 6;

  function rate(text) {
    if (text === null || text === undefined) return null;
    var match = /^(\d+)(?:\.(\d+))?$/.exec(String(text));
    if (!match) return null;
    var fraction = (match[2] || "").replace(/0+$/, "");
    if (fraction.length > RATE_DIGITS) return null;
    while (fraction.length < RATE_DIGITS) fraction += "0";
    return BigInt(match[1]) * TEN ** BigInt(RATE_DIGITS) + BigInt(fraction);
  }

  // A count as people type it: 1000000, 1,000,000, 1_000_000, 1k or 1M.
  function count(text) {
    var cleaned = String(text).trim().replace(/[,_\s]/g, "");
    if (cleaned === "") return BigInt(0);
    var match = /^(\d+)([kKmM]?)$/.exec(cleaned);
    if (!match) return null;
    var n = BigInt(match[1]);
    if (match[2] === "k" || match[2] === "K") n *= BigInt(1000);
    if (match[2] === "m" || match[2] === "M") n *= BigInt(1000000);
    return n;
  }

  function grouped(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  // Exact USD with at least two decimals, as llmcost prints it.
  function usd(units) {
    var scale = TEN ** BigInt(TOTAL_DIGITS);
    var whole = (units / scale).toString();
    var fraction = (units % scale).toString();
    while (fraction.length < TOTAL_DIGITS) fraction = "0" + fraction;
    fraction = fraction.replace(/0+$/, "");
    while (fraction.length < 2) fraction += "0";
    return "$" + grouped(whole) + "." + fraction;
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  function update() {
    var input = count(field("input").value);
    var cached = count(field("cached").value);
    var output = count(field("output").value);
    var requests = count(field("requests").value);
    var total = document.getElementById("calc-total");
    var detail = document.getElementById("calc-detail");
    if (input === null || cached === null || output === null || requests === null) {
      total.textContent = "—";
      detail.textContent = "Token counts are whole numbers (1000000, 1,000,000, 1k or 1M).";
      return;
    }
    if (cached > input) {
      total.textContent = "—";
      detail.textContent = "Cached input tokens are part of the input tokens and cannot be more.";
      return;
    }
    var tier = tiers[0];
    for (var i = 1; i < tiers.length; i++) {
      if (input > BigInt(tiers[i].above)) tier = tiers[i];
    }
    var inputRate = rate(tier.input);
    var cachedRate = cached > BigInt(0) ? rate(tier.cached_input) : BigInt(0);
    var outputRate = rate(tier.output);
    if (inputRate === null || outputRate === null || cachedRate === null) {
      total.textContent = "unknown";
      detail.textContent = "The catalog has no rate for part of this workload.";
      return;
    }
    // A request fee is in USD per request: scaled to the sum's 1e-24 USD.
    var fee = tier.per_request === undefined ? BigInt(0) : rate(tier.per_request);
    if (fee === null) {
      total.textContent = "unknown";
      detail.textContent = "The catalog's request fee is not a plain decimal.";
      return;
    }
    var perRequest = (input - cached) * inputRate + cached * cachedRate + output * outputRate +
      fee * TEN ** BigInt(6);
    total.textContent = usd(perRequest * requests);
    detail.textContent = usd(perRequest) + " per request" +
      (tier.above > 0 ? "; requests over " + grouped(String(tier.above)) + " input tokens use the higher rates" : "");
  }

  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  update();
})();
