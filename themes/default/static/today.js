/* gazette: "today" in the reader's browser. The build decided which meetings
   are upcoming and which unit leads on the day it ran; when a reader opens the
   page on a later day, move the meetings that have ended to the past and show
   the leading unit of the reader's day. Without JavaScript the build's day
   stays. Dates are compared in the site's time zone. */
(function () {
  var root = document.documentElement;
  var built = root.getAttribute("data-build-day");
  var zone = root.getAttribute("data-timezone") || "UTC";
  if (!built) return;
  var today;
  try {
    // en-CA writes dates as YYYY-MM-DD.
    today = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch (e) {
    today = new Date().toISOString().slice(0, 10);
  }
  if (today <= built) return;
  // Meetings whose last day has passed leave the upcoming lists.
  document.querySelectorAll("[data-upcoming]").forEach(function (list) {
    var target = list.getAttribute("data-upcoming");
    var past = target ? document.querySelector(target) : null;
    list.querySelectorAll("li[data-last-day]").forEach(function (item) {
      if (item.getAttribute("data-last-day") < today) {
        if (past) past.insertBefore(item, past.firstChild); else item.remove();
      }
    });
    if (!list.querySelector("li") && list.getAttribute("data-empty")) {
      var note = document.createElement("p");
      note.textContent = list.getAttribute("data-empty");
      list.replaceWith(note);
    }
  });
  // The leading unit of the reader's day.
  var terms = document.getElementById("leading-unit-terms");
  var name = document.querySelector("[data-leading-unit]");
  if (terms && name) {
    var current = JSON.parse(terms.textContent).filter(function (t) {
      return t.from <= today && (!t.to || today <= t.to);
    })[0];
    if (current) {
      name.innerHTML = "";
      var link = document.createElement(current.url ? "a" : "span");
      if (current.url) link.href = current.url;
      link.textContent = current.title;
      name.appendChild(link);
      var span = document.querySelector("[data-leading-unit-dates]");
      if (span) span.textContent = current.dates;
    }
  }
})();
