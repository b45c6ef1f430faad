//! What `serve` adds to pages: the live-reload script with its error
//! overlay, and the page shown before any build succeeded.

use super::{Overlay, EVENTS_PATH};

/// The live-reload script, with the current errors to show at once.
fn reload_script(errors: Option<&Vec<String>>) -> String {
    // `<\/` keeps a `</script>` inside an error message from ending the script.
    let initial = serde_json::to_string(&errors)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/");
    format!(
        r#"<script>/* gazette serve: live reload */
(function () {{
  // A modal dialog over the last good page, not instead of it: the page
  // stays visible around it, keyboard focus goes into it and stays there
  // until Escape or the close button closes it; the next failed save opens
  // it again. Its first line is the title, in the site's language.
  var failed = false;
  var zh = /^zh/.test(document.documentElement.lang);
  function hide() {{
    var o = document.getElementById("gazette-overlay");
    if (o && o.open) o.close();
  }}
  function overlay(errors) {{
    failed = true;
    var o = document.getElementById("gazette-overlay");
    if (!o) {{
      o = document.createElement("dialog");
      o.id = "gazette-overlay";
      o.setAttribute("aria-labelledby", "gazette-overlay-title");
      o.style.cssText = "box-sizing:border-box;width:min(60rem,calc(100vw - 2rem));max-height:60vh;overflow:auto;margin:auto auto 1rem;padding:1rem 3rem 1rem 1.25rem;background:#1b1b1b;color:#f4f4f4;font:14px/1.5 monospace;white-space:pre-wrap;border:0;border-left:6px solid #e5484d;border-radius:8px;box-shadow:0 8px 30px rgba(0,0,0,.35)";
      var title = document.createElement("h2");
      title.id = "gazette-overlay-title";
      title.style.cssText = "font:bold 15px/1.4 sans-serif;margin:0 0 .75rem;color:#fff";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "\u00d7";
      close.setAttribute("aria-label", zh ? "关闭" : "Close");
      close.style.cssText = "position:absolute;top:.5rem;right:.75rem;font:24px/1 sans-serif;background:none;color:inherit;border:0;cursor:pointer";
      close.onclick = hide;
      var text = document.createElement("div");
      text.className = "gazette-overlay-text";
      o.appendChild(close);
      o.appendChild(title);
      o.appendChild(text);
      document.body.appendChild(o);
    }}
    document.getElementById("gazette-overlay-title").textContent = errors[0];
    o.querySelector(".gazette-overlay-text").textContent = errors.slice(1).join("\n");
    if (!o.open) o.showModal();
  }}
  var initial = {initial};
  if (initial) overlay(initial);
  var events = new EventSource("{EVENTS_PATH}");
  events.onmessage = function (e) {{
    var m = JSON.parse(e.data);
    if (m.errors) {{ overlay(m.errors); return; }}
    var here = location.pathname;
    var mine = m.changed.some(function (u) {{ return u === "*" || u === here || /\.(css|js)$/.test(u); }});
    if (failed || mine) location.reload();
  }};
}})();
</script>"#
    )
}

/// What a request gets before any build succeeded: a page in the site's
/// language with the live-reload script, so the overlay shows the first
/// build's errors and the page turns into the site once they are fixed.
pub(super) fn waiting_page(errors: Option<&Overlay>) -> Vec<u8> {
    let lang = errors.map_or("en", |e| e.lang);
    let (title, text) = if lang == "zh" {
        (
            "站点尚未生成",
            "首次生成失败：修正下方的错误并保存，本页会自动刷新。",
        )
    } else {
        (
            "The site is not built yet",
            "The first build failed: fix the errors shown and save; this page reloads by itself.",
        )
    };
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{text}</p>\n</main>\n</body>\n</html>\n"
    );
    // The overlay's usual title speaks of the last good build: there is none.
    let lines = errors.map(|e| {
        let mut lines = e.lines.clone();
        if let Some(first) = lines.first_mut() {
            *first = format!("{title}\n");
        }
        lines
    });
    inject(page.as_bytes(), lines.as_ref())
}

/// Adds the live-reload script to a served page (never to the built files).
pub fn inject(html: &[u8], errors: Option<&Vec<String>>) -> Vec<u8> {
    let script = reload_script(errors);
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + script.len());
    out.push_str(&text[..at]);
    out.push_str(&script);
    out.push_str(&text[at..]);
    out.into_bytes()
}
