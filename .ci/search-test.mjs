// End-to-end search test in a real browser: starts `gazette serve` on the demo
// site (loopback, a free port), then drives Debian's Chromium with playwright-core:
// types Chinese and English queries into /search/ and /zh/search/ and expects the
// right pages among the results, with the query highlighted in the excerpt, and
// the section filter offered.
//
//   node .ci/search-test.mjs target/release/gazette
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const gazette = process.argv[2] ?? "target/release/gazette";
const server = spawn(gazette, ["serve", "--port", "0", "--today", "2026-11-24"], {
  stdio: ["ignore", "pipe", "inherit"],
});
// `serve` prints its address, then builds the search index in the background
// and reports it: search only once the index is there.
let indexed;
const ready = new Promise((resolve) => (indexed = resolve));
const base = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: server.stdout });
  lines.on("line", (line) => {
    const m = line.match(/^serving (http:\/\/\S+)/);
    if (m) resolve(m[1]);
    if (/\] search index: /.test(line)) indexed();
  });
  server.on("exit", (code) => reject(new Error(`gazette serve exited with ${code}`)));
  setTimeout(() => reject(new Error("gazette serve did not start")), 60000);
});
await Promise.race([
  ready,
  new Promise((_, reject) => setTimeout(() => reject(new Error("no search index within 120 s")), 120000)),
]);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let failures = 0;
try {
  const page = await browser.newPage();
  const cases = [
    // [search page, query, a result URL that must appear]
    ["zh/search/", "党建", "zh/news/preparatory-meeting-held/"],
    ["zh/search/", "联席会议", "zh/rules/working-rules/"],
    ["zh/search/", "轮值", "zh/news/annual-meeting-announced/"],
    ["search/", "rotation", "news/rotation-begins/"],
    ["search/", "minutes", "rules/working-rules/"],
    // Chinese inside an English page, and a page written in Chinese only.
    ["search/", "合肥", "news/annual-meeting-announced/"],
    ["search/", "推进会", "news/annual-meeting-announced/"],
    ["zh/search/", "推进会", "zh/news/hefei-study-session/"],
    ["zh/search/", "成员单位", "zh/news/hefei-study-session/"],
  ];
  for (const [where, query, expected] of cases) {
    await page.goto(base + where);
    await page.fill(".pagefind-ui__search-input", query);
    const link = `.pagefind-ui__result-link[href*="${base.replace(/^http:\/\/[^/]+/, "")}${expected}"]`;
    try {
      await page.waitForSelector(link, { timeout: 20000 });
      const marks = await page.locator(".pagefind-ui__result mark").allTextContents();
      // Chinese queries are segmented, so a mark may hold part of the query (党, 建).
      const q = query.toLowerCase();
      if (!marks.some((m) => m && (q.includes(m.toLowerCase()) || m.toLowerCase().includes(q)))) {
        throw new Error(`no highlighted ${query} in the excerpts: ${marks.join(", ")}`);
      }
      const titles = await page.locator(".pagefind-ui__result-link").allTextContents();
      if (!titles.some((t) => / · /.test(t))) {
        throw new Error(`results do not show their section: ${titles.join(" | ")}`);
      }
      console.log(`ok   ${where} ${query} → ${expected} (${titles[0]})`);
    } catch (e) {
      failures++;
      const found = await page.locator(".pagefind-ui__result-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      console.log(`FAIL ${where} ${query} → ${expected}: ${e.message.split("\n")[0]}; results: ${found.join(" ")}`);
    }
  }
  // Only a document's own text is indexed: member pages list news about the
  // rotation, but none of them speaks of it, so none is found.
  await page.goto(base + "search/");
  // Every result, through Pagefind's own API (the UI shows the first few).
  const rotation = await page.evaluate(async (bundle) => {
    const pagefind = await import(bundle + "pagefind.js");
    const search = await pagefind.search("rotation");
    return Promise.all(search.results.map(async (r) => (await r.data()).url));
  }, new URL(base).pathname + "pagefind/");
  if (rotation.some((h) => h.includes("/members/"))) {
    failures++;
    console.log(`FAIL rotation finds member pages through the lists beside their text: ${rotation.join(" ")}`);
  } else {
    console.log(`ok   rotation finds no member page (${rotation.length} results)`);
  }
  // Results can be narrowed by kind: the section filter is offered, named
  // in the page's language.
  for (const [where, query, name] of [["search/", "meeting", "Section"], ["zh/search/", "会议", "栏目"]]) {
    await page.goto(base + where);
    await page.fill(".pagefind-ui__search-input", query);
    await page.waitForSelector(".pagefind-ui__result-link", { timeout: 20000 });
    const filters = await page.locator(".pagefind-ui__filter-name, .pagefind-ui__filter-label").allTextContents();
    if (!filters.join(" ").includes(name)) {
      failures++;
      console.log(`FAIL ${where}: no section filter named ${name} offered: ${filters.join(", ")}`);
    } else {
      console.log(`ok   ${where} section filter offered as ${name}`);
    }
  }
} finally {
  await browser.close();
  server.kill();
}
if (failures > 0) {
  console.log(`${failures} search check(s) failed`);
  process.exit(1);
}
console.log("search: Chinese and English queries find their pages in Chromium");
// Pending timeouts would keep node waiting for them.
process.exit(0);
