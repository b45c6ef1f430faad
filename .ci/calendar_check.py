"""The calendar test's second client: Python's icalendar (Debian's
python3-icalendar) reads the calendars calendar-test.mjs built, in order, and
keeps one event per UID, replaced when SEQUENCE grows (RFC 5546).

    /usr/bin/python3 .ci/calendar_check.py TODAY first.ics second.ics third.ics
"""
import datetime
import sys

import icalendar


def fail(message):
    print(f"calendar test (icalendar): {message}", file=sys.stderr)
    sys.exit(1)


today = datetime.datetime.fromisoformat(sys.argv[1]).replace(tzinfo=datetime.timezone.utc)
store = {}
for path in sys.argv[2:]:
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    events = list(calendar.walk("VEVENT"))
    if len(events) != 6:
        fail(f"{path}: {len(events)} events, expected 6")
    for event in events:
        for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "LAST-MODIFIED", "SEQUENCE"):
            if key not in event:
                fail(f"{path}: an event has no {key}")
        if event.decoded("DTSTAMP") > today:
            fail(f"{path}: DTSTAMP after the build's day in {event['SUMMARY']}")
        uid, sequence = str(event["UID"]), int(event["SEQUENCE"])
        if uid not in store or sequence > store[uid]["sequence"]:
            store[uid] = {
                "sequence": sequence,
                "start": event.decoded("DTSTART").astimezone(datetime.timezone.utc),
                "status": str(event.get("STATUS")),
                "summary": str(event["SUMMARY"]),
            }

annual = store.get("alliance/meetings/annual-joint-meeting@example.org")
if annual is None:
    fail("the annual meeting is not in the calendar")
if annual["start"] != datetime.datetime(2026, 12, 18, 6, 0, tzinfo=datetime.timezone.utc):
    fail(f"the move did not replace the event: {annual['start']}")
if annual["status"] != "CANCELLED":
    fail(f"the cancellation did not replace the event: {annual['status']}")
print("calendar test (icalendar): the moved, then cancelled meeting replaced the earlier event")
