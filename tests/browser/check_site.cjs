// Drives headless Chromium (Debian's, through playwright-core) over a site
// written by `llmcost site`, from file://, and prints what it saw as JSON
// for tests/site.rs to assert on. Usage:
//   node check_site.cjs SITE_DIR CHECKS_JSON [SCREENSHOT.png]
// CHECKS_JSON: [{"page": "models/…html", "fields": {"input": "1", …}}, …]
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

async function main() {
  const [site, checksJson, screenshot] = process.argv.slice(2);
  const checks = JSON.parse(checksJson);
  const browser = await chromium.launch({
    executablePath: process.env.LLMCOST_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const report = { console_errors: [], outside_requests: [], pages: [], index: {} };
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const watch = (page) => {
      page.on("console", (m) => { if (m.type() === "error") report.console_errors.push(m.text()); });
      page.on("pageerror", (e) => report.console_errors.push(String(e)));
      page.on("request", (r) => { if (!r.url().startsWith("file://")) report.outside_requests.push(r.url()); });
    };
    const url = (p) => "file://" + path.resolve(site, p);

    for (const check of checks) {
      const page = await context.newPage();
      watch(page);
      await page.goto(url(check.page));
      const loaded = await page.textContent("#calc-total");
      const totals = [];
      for (const step of check.steps || []) {
        for (const [name, value] of Object.entries(step)) {
          await page.fill("#calc-" + name, value);
        }
        totals.push(await page.textContent("#calc-total"));
      }
      report.pages.push({ page: check.page, loaded, totals });
      if (screenshot && check === checks[0]) {
        await page.screenshot({ path: screenshot, fullPage: false });
      }
      await page.close();
    }

    const index = await context.newPage();
    watch(index);
    await index.goto(url("index.html"));
    const inputs = () => index.$$eval("#models tbody tr:not([hidden])", (rows) => rows.map((r) => r.getAttribute("data-input")));
    report.index.rows = (await inputs()).length;
    await index.click("#models thead th:nth-child(4) button");
    report.index.after_sort = (await inputs()).slice(0, 3);
    report.index.all_inputs = await inputs();
    await index.click("#models thead th:nth-child(4) button");
    report.index.after_second_click = (await inputs()).slice(0, 1);
    await index.selectOption("select[name=provider]", "mistral");
    report.index.mistral_rows = (await inputs()).length;
    report.index.shown = await index.textContent("#shown");
    await index.close();
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((err) => { console.error(String(err && err.stack || err)); process.exit(1); });
