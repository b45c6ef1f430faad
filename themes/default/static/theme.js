/* gazette: the reader's colour scheme and the phone menu's cue.
   The header's button cycles system → dark → light and remembers the choice
   (base.html applies it before the first paint, so nothing flashes). A menu
   wider than the screen fades at the side it continues past. Without
   JavaScript the system's scheme applies and the menu scrolls as it is. */
(function () {
  var root = document.documentElement;
  var button = document.querySelector(".theme-toggle");
  if (button) {
    var order = ["system", "dark", "light"];
    var current = function () { return root.getAttribute("data-theme") || "system"; };
    // A symbol that takes little room in the header; its name ("Colour
    // scheme: System") is read by screen readers and shown as a tooltip.
    var part = function (text, className, hidden) {
      var span = document.createElement("span");
      span.textContent = text;
      if (className) span.className = className;
      if (hidden) span.setAttribute("aria-hidden", "true");
      return span;
    };
    var show = function () {
      var scheme = current();
      button.replaceChildren(
        part(button.getAttribute("data-label") + ": ", "visually-hidden"),
        part(scheme === "dark" ? "☾" : scheme === "light" ? "☀" : "◐", "", true),
        part(button.getAttribute("data-" + scheme), "visually-hidden")
      );
      button.title = button.getAttribute("data-label") + ": " + button.getAttribute("data-" + scheme);
    };
    button.addEventListener("click", function () {
      var next = order[(order.indexOf(current()) + 1) % order.length];
      if (next === "system") root.removeAttribute("data-theme"); else root.setAttribute("data-theme", next);
      try { if (next === "system") localStorage.removeItem("gazette-theme"); else localStorage.setItem("gazette-theme", next); } catch (e) {}
      show();
    });
    show();
    button.hidden = false;
  }
  var nav = document.querySelector(".site-nav");
  if (nav) {
    var cue = function () {
      var more = nav.scrollWidth - nav.clientWidth;
      nav.classList.toggle("more-right", more > 1 && nav.scrollLeft < more - 1);
      nav.classList.toggle("more-left", more > 1 && nav.scrollLeft > 1);
    };
    nav.addEventListener("scroll", cue, { passive: true });
    window.addEventListener("resize", cue);
    cue();
  }
  // A "#" link beside each heading of a text, to copy its address.
  var main = document.getElementById("main");
  if (main) {
    main.querySelectorAll(".prose h2[id], .prose h3[id], .articles h2[id]").forEach(function (h) {
      var a = document.createElement("a");
      a.className = "heading-anchor";
      a.href = "#" + h.id;
      a.textContent = "#";
      a.setAttribute("aria-label", main.getAttribute("data-section-link") + ": " + h.textContent.trim());
      h.appendChild(a);
    });
    // A copy button on each code block, where the browser can copy.
    if (navigator.clipboard) {
      main.querySelectorAll("pre > code").forEach(function (code) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "copy-code";
        b.textContent = main.getAttribute("data-copy");
        b.addEventListener("click", function () {
          navigator.clipboard.writeText(code.textContent).then(function () {
            b.textContent = main.getAttribute("data-copied");
            setTimeout(function () { b.textContent = main.getAttribute("data-copy"); }, 2000);
          });
        });
        code.parentNode.insertBefore(b, code);
      });
    }
  }
})();
