// Screenshots of the demo for the README and docs/screenshots/: each page at
// phone (390 px) and desktop (1280 px) width, light and dark, through
// `gazette serve` in Debian's Chromium (playwright-core from .ci/).
//
//   node scripts/screenshots.mjs target/release/gazette [SITE_DIR] [OUT_DIR] [PREFIX]
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../.ci/package.json"));
const { chromium } = require("playwright-core");
const [gazette = "target/release/gazette", root = join(here, ".."), out = join(here, "../docs/screenshots"), prefix = ""] = process.argv.slice(2);

const server = spawn(gazette, ["serve", "--root", root, "--port", "0", "--today", "2026-11-24"], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve) => {
  createInterface({ input: server.stdout }).on("line", (l) => { const m = l.match(/^serving (\S+)/); if (m) resolve(m[1]); });
});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const shots = [
  ["home", ""], ["meeting", "meetings/annual-joint-meeting/"], ["rules", "rules/working-rules/"],
  ["news", "news/rules-adopted/"], ["zh-home", "zh/"], ["zh-meetings", "zh/meetings/"],
];
// ALL=1: every other page kind too, to look at (not kept in docs/).
if (process.env.ALL) shots.push(
  ["news-list", "news/"], ["members", "members/"], ["member", "members/huaan-securities-foundation/"],
  ["changes", "rules/working-rules/changes/"], ["tags", "tags/"], ["tag", "tags/meetings/"],
  ["search", "search/"], ["about", "about/"], ["not-found", "nope/"], ["zh-rules", "zh/rules/working-rules/"],
  ["rules-upcoming", "rules/working-rules/v3/"], ["rules-changes-moved", "rules/working-rules/v3/changes/"], ["zh-rules-changes", "zh/rules/working-rules/v3/changes/"], ["zh-meeting-online", "zh/meetings/autumn-joint-meeting/"],
  ["decisions", "meetings/decisions/"], ["zh-decisions", "zh/meetings/decisions/"], ["rules-list", "rules/"],
  ["zh-notices", "zh/notices/"], ["notice", "notices/annual-meeting-registration/"],
);
// ONLY=name,name: just these.
if (process.env.ONLY) {
  const keep = process.env.ONLY.split(",");
  shots.splice(0, shots.length, ...shots.filter(([name]) => keep.includes(name)));
}
for (const [name, path] of shots) {
  for (const width of [390, 1280]) {
    for (const scheme of ["light", "dark"]) {
      const page = await browser.newPage({ viewport: { width, height: width === 390 ? 844 : 900 }, colorScheme: scheme });
      await page.goto(base + path);
      const file = `${prefix}${name}-${width}${scheme === "dark" ? "-dark" : ""}.png`;
      await page.screenshot({ path: join(out, file) });
      await page.close();
    }
  }
}
await browser.close();
server.kill();
console.log(`screenshots in ${out}`);
process.exit(0);
