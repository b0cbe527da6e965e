// Runs the model pages' cost calculator (src/page/assets/calculator.js,
// inlined as is in every page) in Node, with a stand-in for the page's form,
// on many workloads, and prints the total it shows for each as JSON, for the
// door harness (tests/doors/). No browser: the script touches only the
// form, the rates' <script> element and two text elements.
// Usage: node calculator_door.cjs CALCULATOR_JS CASES_JSON_FILE
// CASES: [{"rates": "<the page's calc-rates text>", "input": "…",
//          "cached": "…", "output": "…", "requests": "…"}, …]
"use strict";
const fs = require("fs");
const vm = require("vm");

const [script, casesFile] = process.argv.slice(2);
const code = fs.readFileSync(script, "utf8");
const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
const totals = cases.map((c) => {
  const fields = {};
  for (const name of ["input", "cached", "output", "requests"]) fields[name] = { value: c[name] };
  const nodes = {
    calc: { elements: { namedItem: (name) => fields[name] }, addEventListener() {} },
    "calc-rates": { textContent: c.rates },
    "calc-total": { textContent: "" },
    "calc-detail": { textContent: "" },
  };
  vm.runInNewContext(code, { document: { getElementById: (id) => nodes[id] || null } });
  return nodes["calc-total"].textContent;
});
process.stdout.write(JSON.stringify(totals));
