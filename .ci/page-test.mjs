// The demo site in a real browser, beyond search: axe-core's accessibility
// rules on every kind of page in both languages, light and dark, and the
// `serve` error overlay (dismissable, over the last good page, back on the
// next failed save). Runs `gazette serve` on a copy of the demo.
//
//   node .ci/page-test.mjs target/release/gazette
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..");
const gazette = process.argv[2] ?? "target/release/gazette";
const axe = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");

// A copy, so the overlay test can break a source without touching the demo.
const site = mkdtempSync(join(tmpdir(), "gazette-pages-"));
for (const part of ["site.yaml", "content", "static", "themes"]) cpSync(join(repo, part), join(site, part), { recursive: true });

const server = spawn(gazette, ["serve", "--root", site, "--port", "0", "--today", "2026-11-24"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const lines = createInterface({ input: server.stdout });
const waiters = [];
lines.on("line", (line) => { for (const w of waiters.splice(0)) w(line); });
const nextLine = (re, ms = 60000) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms} ms`)), ms);
  const listen = (line) => { if (re.test(line)) { clearTimeout(timer); resolve(line); } else waiters.push(listen); };
  waiters.push(listen);
});
const base = (await nextLine(/^serving http/)).match(/^serving (\S+)/)[1];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failures = 0;
const fail = (message) => { failures++; console.log(`FAIL ${message}`); };
try {
  const pages = [
    "", "news/", "news/rules-adopted/", "meetings/", "meetings/annual-joint-meeting/",
    "meetings/second-joint-meeting/", "meetings/rules-review-meeting/", "meetings/decisions/",
    "rules/", "rules/working-rules/", "rules/working-rules/changes/", "rules/working-rules/v1/",
    "rules/working-rules/v3/", "rules/working-rules/v3/changes/", "rules/working-rules/v1/compare/",
    "members/", "members/huaan-securities-foundation/", "tags/", "tags/meetings/", "about/", "search/", "nope/",
  ];
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const lang of ["", "zh/"]) {
      for (const path of pages) {
        const url = base + lang + path;
        await page.goto(url);
        await page.addScriptTag({ content: axe });
        const result = await page.evaluate(async () => {
          // The live-reload overlay is not part of the site.
          const r = await window.axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(" ")}`);
        });
        if (result.length) fail(`${scheme} ${lang}${path}: ${result.join("; ")}`);
      }
    }
    await context.close();
    console.log(`ok   axe: ${pages.length * 2} pages in ${scheme} mode checked`);
  }

  // No page of the demo is wider than a 360 px phone: long words and URLs wrap.
  {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const sitemap = await (await page.request.get(base + "sitemap.xml")).text();
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const home = locs.reduce((a, b) => (b.length < a.length ? b : a));
    const paths = [...new Set([...locs.map((l) => l.slice(home.length)), ...pages.flatMap((p) => [p, "zh/" + p])])];
    let wide = 0;
    for (const path of paths) {
      await page.goto(base + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) {
        wide++;
        fail(`${path} is ${width} px wide at 360 px`);
      }
    }
    await context.close();
    if (wide === 0) console.log(`ok   no overflow at 360 px: ${paths.length} pages of the sitemap`);
  }

  // The overlay: a failed save shows it over the page; Escape hides it; the next failed save shows it again.
  const page = await browser.newPage();
  await page.goto(base + "news/rules-adopted/");
  const heading = await page.locator("main h1").textContent();
  const news = join(site, "content/news/2025-03-21-rules-adopted.md");
  const good = readFileSync(news, "utf8");
  writeFileSync(news, good.replace("title:", "titel:"));
  await page.waitForSelector("#gazette-overlay:not([hidden])", { timeout: 30000 });
  const box = await page.locator("#gazette-overlay").boundingBox();
  const viewport = page.viewportSize();
  if (!(box.height < viewport.height * 0.7)) fail(`the overlay covers the page: ${JSON.stringify(box)}`);
  if ((await page.locator("main h1").textContent()) !== heading) fail("the last good page is not shown under the overlay");
  if (!(await page.locator("#gazette-overlay").textContent()).includes("titel")) fail("the overlay does not name the mistake");
  const dialog = await page.evaluate(() => {
    const o = document.getElementById("gazette-overlay");
    return {
      modal: o.matches(":modal"),
      focusInside: o.contains(document.activeElement),
      label: document.getElementById(o.getAttribute("aria-labelledby"))?.textContent ?? "",
      background: getComputedStyle(o).backgroundColor,
    };
  });
  if (!dialog.modal) fail("the overlay is not a modal dialog");
  if (!dialog.focusInside) fail("focus did not move into the overlay");
  if (!dialog.label.includes("gazette")) fail(`the overlay has no title: ${dialog.label}`);
  if (!/^rgb\(/.test(dialog.background)) fail(`the overlay is see-through: ${dialog.background}`);
  await page.keyboard.press("Escape");
  if (await page.locator("#gazette-overlay").isVisible()) fail("Escape does not dismiss the overlay");
  writeFileSync(news, good.replace("title:", "tittle:"));
  await page.waitForSelector("#gazette-overlay:not([hidden])", { timeout: 30000 });
  if (!(await page.locator("#gazette-overlay").textContent()).includes("tittle")) fail("the overlay did not come back with the new error");
  await page.locator("#gazette-overlay button").click();
  if (await page.locator("#gazette-overlay").isVisible()) fail("the close button does not dismiss the overlay");
  writeFileSync(news, good);
  await page.waitForFunction(() => !document.getElementById("gazette-overlay"), null, { timeout: 30000 });
  console.log("ok   overlay: a modal dialog over the page with focus in it, opaque, titled; dismissed by Escape and the button, back on the next failure, gone when fixed");

  // The colour scheme toggle: system → dark → light → system, remembered on
  // the next page before it paints (the attribute is there at DOMContentLoaded).
  {
    const context = await browser.newContext({ colorScheme: "light" });
    const reader = await context.newPage();
    await reader.goto(base + "zh/");
    const scheme = () => reader.evaluate(() => [document.documentElement.getAttribute("data-theme"), getComputedStyle(document.body).backgroundColor]);
    const toggle = reader.locator(".theme-toggle");
    const name = await toggle.evaluate((b) => b.textContent);
    if (!name.includes("配色") || !name.includes("跟随系统")) fail(`the toggle's name: ${name}`);
    await toggle.click();
    const [dark, darkBg] = await scheme();
    if (dark !== "dark" || darkBg !== "rgb(21, 24, 28)") fail(`one click: ${dark} ${darkBg}`);
    await reader.goto(base + "news/", { waitUntil: "domcontentloaded" });
    const [kept] = await scheme();
    if (kept !== "dark") fail(`the choice is not remembered: ${kept}`);
    await reader.locator(".theme-toggle").click();
    const [light, lightBg] = await scheme();
    if (light !== "light" || lightBg !== "rgb(255, 255, 255)") fail(`two clicks: ${light} ${lightBg}`);
    await reader.locator(".theme-toggle").click();
    if ((await scheme())[0] !== null) fail("three clicks do not return to the system's scheme");
    console.log("ok   colour scheme: system → dark → light → system, remembered across pages");
    await reader.goto(base + "zh/rules/working-rules/");
    const anchors = await reader.locator(".articles h2 .heading-anchor, .prose h2 .heading-anchor").count();
    if (anchors < 3) fail(`headings without their # link: ${anchors}`);
    // On a phone, a menu wider than the screen fades where it continues.
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto(base);
    const cue = await phone.evaluate(() => { const n = document.querySelector(".site-nav"); return [n.scrollWidth > n.clientWidth, n.classList.contains("more-right")]; });
    if (cue[0] && !cue[1]) fail("the phone menu overflows without a cue");
    await context.close();
    await phone.close();
  }

  // "Today" in the reader's browser: a site built on 2025-01-01, read on
  // 2026-06-01, shows the meetings that ended since as past and the unit that
  // leads on the reader's day; without JavaScript, the build's day stays.
  const old = spawn(gazette, ["serve", "--root", site, "--port", "0", "--today", "2025-01-01"], { stdio: ["ignore", "pipe", "inherit"] });
  const oldBase = await new Promise((resolve) => {
    createInterface({ input: old.stdout }).on("line", (l) => { const m = l.match(/^serving (\S+)/); if (m) resolve(m[1]); });
  });
  try {
    for (const js of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const reader = await context.newPage();
      await reader.clock.setFixedTime(new Date("2026-06-01T12:00:00+08:00"));
      await reader.goto(oldBase + "meetings/");
      const upcoming = await reader.locator("[data-upcoming] li").count();
      const past = await reader.locator("#past-meetings li").count();
      await reader.goto(oldBase);
      const unit = (await reader.locator("[data-leading-unit]").textContent()).trim();
      const expected = js ? [2, "Hua'an Securities Foundation"] : [5, "Anhui New Fourth Army Revolutionary Traditional Education Foundation"];
      if (upcoming !== expected[0] || unit !== expected[1]) {
        fail(`today (${js ? "with" : "without"} JavaScript): ${upcoming} upcoming, ${past} past, leading unit ${unit}`);
      } else {
        console.log(`ok   today ${js ? "moves on in the browser" : "stays the build's without JavaScript"}: ${upcoming} upcoming, ${past} past, ${unit}`);
      }
      await context.close();
    }
  } finally {
    old.kill();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(site, { recursive: true, force: true });
}
if (failures > 0) {
  console.log(`${failures} page check(s) failed`);
  process.exit(1);
}
console.log("pages: 0 axe violations; the overlay behaves");
process.exit(0);
