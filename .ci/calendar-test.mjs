// Calendars that clients update, read by two calendar programs' own parsers:
// Mozilla's ical.js (Thunderbird's) here, and Python's icalendar in
// calendar_check.py. Builds the demo three times into a temporary folder:
// as it is, with the annual meeting moved (a new `updated:`), then cancelled
// (a later `updated:`). A client that keeps one event per UID and replaces it
// when SEQUENCE grows (RFC 5546) must end with the cancelled, moved meeting.
//
//   node .ci/calendar-test.mjs target/release/gazette
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";

const gazette = process.argv[2] ?? "target/release/gazette";
const today = "2026-11-24";
const dir = mkdtempSync(join(tmpdir(), "gazette-calendar-"));
const site = join(dir, "site");
cpSync("tests/fixtures/consortium", site, { recursive: true });
const meeting = join(site, "content/meetings/2026-12-17-annual-joint-meeting.md");

const steps = [
  ["as published", (t) => t],
  ["moved a day later", (t) => t
    .replace("start: 2026-12-17T14:00:00", "start: 2026-12-18T14:00:00")
    .replace("end: 2026-12-17T17:00:00", "end: 2026-12-18T17:00:00")
    .replace("updated: 2026-11-20T10:00:00", "updated: 2026-11-22T09:00:00")],
  ["cancelled", (t) => t
    .replace("status: scheduled", "status: cancelled")
    .replace("updated: 2026-11-22T09:00:00", "updated: 2026-11-23T16:30:00")],
];

const calendars = [];
for (const [name, edit] of steps) {
  writeFileSync(meeting, edit(readFileSync(meeting, "utf8")));
  const out = join(dir, `out-${calendars.length}`);
  execFileSync(gazette, ["build", "--quiet", "--root", site, "--today", today, "--output", out], { stdio: "inherit" });
  const file = join(dir, `calendar-${calendars.length}.ics`);
  writeFileSync(file, readFileSync(join(out, "meetings/calendar.ics")));
  calendars.push({ name, file });
}

function fail(message) {
  console.error(`calendar test: ${message}`);
  process.exit(1);
}

// One store per UID, as a subscribing client keeps it.
const store = new Map();
const stampLimit = ICAL.Time.fromDateTimeString(`${today}T00:00:00Z`);
for (const { name, file } of calendars) {
  const component = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  const events = component.getAllSubcomponents("vevent");
  if (events.length !== 6) fail(`${name}: ${events.length} events, expected 6`);
  for (const vevent of events) {
    for (const key of ["uid", "dtstamp", "dtstart", "dtend", "last-modified", "sequence", "summary"]) {
      if (!vevent.hasProperty(key)) fail(`${name}: an event has no ${key.toUpperCase()}`);
    }
    const event = new ICAL.Event(vevent);
    if (vevent.getFirstPropertyValue("dtstamp").compare(stampLimit) > 0) {
      fail(`${name}: DTSTAMP after the build's day in ${event.summary}`);
    }
    const known = store.get(event.uid);
    if (!known || event.sequence > known.sequence) {
      store.set(event.uid, {
        sequence: event.sequence,
        start: event.startDate.toJSDate().toISOString(),
        status: vevent.getFirstPropertyValue("status"),
        summary: event.summary,
      });
    }
  }
}
const annual = store.get("alliance/meetings/annual-joint-meeting@example.org");
if (!annual) fail("the annual meeting is not in the calendar");
if (annual.start !== "2026-12-18T06:00:00.000Z") fail(`the move did not replace the event: ${annual.start}`);
if (annual.status !== "CANCELLED") fail(`the cancellation did not replace the event: ${annual.status}`);
console.log("calendar test (ical.js): 3 builds, 6 events each; the moved, then cancelled meeting replaced the earlier event");

execFileSync("/usr/bin/python3", [".ci/calendar_check.py", today, ...calendars.map((c) => c.file)], { stdio: "inherit" });
rmSync(dir, { recursive: true, force: true });
