//! `gazette serve`: the last good build, served from memory over HTTP on
//! loopback, with live reload (Server-Sent Events) and an error overlay.
//!
//! Pages are served under the site's base path (`/alliance/…` for
//! `https://example.org/alliance/`), so every link works as it will when
//! published; `/` redirects there. Nothing is read from disk while serving, so
//! no request can reach a file outside the built site.

use gazette_core::files::Files;
use percent_encoding::percent_decode_str;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// Where live-reload events are streamed.
pub const EVENTS_PATH: &str = "/__gazette/events";

/// Longest request target accepted; longer ones get 414.
const MAX_URL: usize = 4096;

/// Most requests handled at once (event streams included).
const MAX_CONNECTIONS: usize = 64;

/// What the server shows: the last good build and the last build's errors.
pub struct ServeState {
    base_path: String,
    files: RwLock<Arc<Files>>,
    errors: RwLock<Option<Vec<String>>>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl ServeState {
    pub fn new(base_path: &str) -> Arc<ServeState> {
        Arc::new(ServeState {
            base_path: base_path.to_string(),
            files: RwLock::new(Arc::new(Files::new())),
            errors: RwLock::new(None),
            clients: Mutex::new(Vec::new()),
        })
    }

    /// A good build: serve it, and tell open pages which URLs changed.
    pub fn publish(&self, files: &Files, changed: &[String]) {
        {
            let mut served = self.files.write().expect("lock");
            if served.is_empty() || changed.len() > files.len() / 8 {
                *served = Arc::new(files.clone());
            } else {
                // A few files changed: update them in place rather than copy
                // the whole site (copied only if a response still holds it).
                let served = Arc::make_mut(&mut served);
                for path in changed {
                    match files.get_key_value(path.as_str()) {
                        Some((k, bytes)) => served.insert(k.clone(), bytes.clone()),
                        None => served.remove(path.as_str()),
                    };
                }
            }
        }
        *self.errors.write().expect("lock") = None;
        let urls: Vec<String> = changed
            .iter()
            .flat_map(|p| {
                let encoded = gazette_core::urls::encode_path(p);
                let page = encoded.strip_suffix("index.html").map(str::to_string);
                std::iter::once(format!("{}{encoded}", self.base_path))
                    .chain(page.map(|p| format!("{}{p}", self.base_path)))
            })
            .collect();
        self.broadcast(&serde_json::json!({ "changed": urls, "errors": null }).to_string());
    }

    /// New files that no open page shows (the search index): served from now
    /// on, without reloading pages or touching the error overlay.
    pub fn replace_files(&self, files: &Files) {
        *self.files.write().expect("lock") = Arc::new(files.clone());
    }

    /// A failed build: keep serving the last good one, show the errors over it.
    pub fn fail(&self, errors: Vec<String>) {
        let message = serde_json::json!({ "changed": [], "errors": errors }).to_string();
        *self.errors.write().expect("lock") = Some(errors);
        self.broadcast(&message);
    }

    fn broadcast(&self, message: &str) {
        self.clients
            .lock()
            .expect("lock")
            .retain(|c| c.send(message.to_string()).is_ok());
    }
}

/// Starts serving on `bind:port` (port 0 picks a free one) in background threads.
pub fn start(bind: &str, port: u16, state: Arc<ServeState>) -> std::io::Result<SocketAddr> {
    let server = Server::http((bind, port)).map_err(std::io::Error::other)?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| std::io::Error::other("not an IP address"))?;
    let busy = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            use std::sync::atomic::Ordering;
            if busy.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                let _ = request.respond(Response::from_string("busy").with_status_code(503));
                continue;
            }
            busy.fetch_add(1, Ordering::SeqCst);
            let (state, busy) = (state.clone(), busy.clone());
            std::thread::spawn(move || {
                handle(request, &state);
                busy.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Ok(addr)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// The content type of an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" | "_redirects" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        // Pagefind's index chunks (`.pf_*`, `.pagefind`) are fetched as bytes.
        _ => "application/octet-stream",
    }
}

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// An output file.
    File(String),
    /// A folder without its slash, or the root outside the base path.
    Redirect(String),
    NotFound,
    /// `..`, NUL, backslashes or bad percent-encoding.
    BadRequest,
}

/// Maps a request path to an output file, refusing every way out of the site.
pub fn resolve(base_path: &str, raw_path: &str, files: &Files) -> Target {
    let path = raw_path.split(['?', '#']).next().unwrap_or("");
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Target::BadRequest;
    };
    if !decoded.starts_with('/')
        || decoded.contains(['\\', '\0'])
        || decoded.split('/').any(|s| s == ".." || s == ".")
    {
        return Target::BadRequest;
    }
    if decoded == "/" && base_path != "/" {
        return Target::Redirect(base_path.to_string());
    }
    let Some(rel) = decoded.strip_prefix(base_path) else {
        return Target::NotFound;
    };
    if rel.contains("//") || rel.starts_with('/') {
        return Target::NotFound;
    }
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if files.contains_key(file.as_str()) {
        Target::File(file)
    } else if files.contains_key(format!("{rel}/index.html").as_str()) {
        Target::Redirect(format!("{path}/"))
    } else {
        Target::NotFound
    }
}

/// The 404 page of the language the path is in, else the main one.
fn not_found_page(base_path: &str, raw_path: &str, files: &Files) -> Option<String> {
    let rel = raw_path.strip_prefix(base_path).unwrap_or("");
    let lang = rel.split('/').next().unwrap_or("");
    let localized = format!("{lang}/404.html");
    if !lang.is_empty() && files.contains_key(localized.as_str()) {
        Some(localized)
    } else {
        files
            .contains_key("404.html")
            .then(|| "404.html".to_string())
    }
}

/// The live-reload script, with the current errors to show at once.
fn reload_script(errors: Option<&Vec<String>>) -> String {
    // `<\/` keeps a `</script>` inside an error message from ending the script.
    let initial = serde_json::to_string(&errors)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/");
    format!(
        r#"<script>/* gazette serve: live reload */
(function () {{
  function overlay(errors) {{
    var o = document.getElementById("gazette-overlay");
    if (!o) {{
      o = document.createElement("div");
      o.id = "gazette-overlay";
      o.setAttribute("role", "alert");
      o.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:#1b1b1b;color:#f4f4f4;font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(o);
    }}
    o.textContent = "gazette: the last build failed; this page shows the last good build.\n\n" + errors.join("\n");
  }}
  var initial = {initial};
  if (initial) overlay(initial);
  var events = new EventSource("{EVENTS_PATH}");
  events.onmessage = function (e) {{
    var m = JSON.parse(e.data);
    if (m.errors) {{ overlay(m.errors); return; }}
    var shown = document.getElementById("gazette-overlay");
    var here = location.pathname;
    var mine = m.changed.some(function (u) {{ return u === here || /\.(css|js)$/.test(u); }});
    if (shown || mine) location.reload();
  }};
}})();
</script>"#
    )
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

fn handle(request: Request, state: &ServeState) {
    let method = request.method().clone();
    if method != Method::Get && method != Method::Head {
        let _ = request.respond(
            Response::from_string("only GET and HEAD")
                .with_status_code(405)
                .with_header(header("Allow", "GET, HEAD")),
        );
        return;
    }
    let url = request.url().to_string();
    if url.len() > MAX_URL {
        let _ = request.respond(Response::from_string("URL too long").with_status_code(414));
        return;
    }
    if url.split('?').next() == Some(EVENTS_PATH) {
        stream_events(request, state);
        return;
    }
    let files = state.files.read().expect("lock").clone();
    let errors = state.errors.read().expect("lock").clone();
    let (status, file) = match resolve(&state.base_path, &url, &files) {
        Target::File(f) => (200, Some(f)),
        Target::Redirect(to) => {
            let _ = request.respond(
                Response::from_string(format!("see {to}"))
                    .with_status_code(301)
                    .with_header(header("Location", &to)),
            );
            return;
        }
        Target::BadRequest => {
            let _ = request.respond(Response::from_string("bad request").with_status_code(400));
            return;
        }
        Target::NotFound => (404, not_found_page(&state.base_path, &url, &files)),
    };
    let (body, kind) = match &file {
        Some(f) => {
            let bytes = &files[f.as_str()];
            let kind = content_type(f);
            if kind.starts_with("text/html") {
                (inject(bytes, errors.as_ref()), kind)
            } else {
                (bytes.to_vec(), kind)
            }
        }
        None => (b"not found".to_vec(), "text/plain; charset=utf-8"),
    };
    let length = body.len();
    let response = Response::new(
        status.into(),
        vec![
            header("Content-Type", kind),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ],
        std::io::Cursor::new(if method == Method::Head { vec![] } else { body }),
        Some(length),
        None,
    );
    let _ = request.respond(response);
}

/// Holds the connection open and writes one event per build.
fn stream_events(request: Request, state: &ServeState) {
    let (sender, receiver) = channel();
    state.clients.lock().expect("lock").push(sender);
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: gazette\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => format!("data: {message}\n\n"),
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(chunk.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        ["index.html", "news/x/index.html", "style.css", "404.html"]
            .iter()
            .map(|p| (Arc::from(*p), Arc::from(&b"x"[..])))
            .collect()
    }

    #[test]
    fn resolves_under_the_base_path_only() {
        let f = files();
        let b = "/alliance/";
        assert_eq!(
            resolve(b, "/alliance/", &f),
            Target::File("index.html".into())
        );
        assert_eq!(
            resolve(b, "/alliance/news/x/", &f),
            Target::File("news/x/index.html".into())
        );
        assert_eq!(
            resolve(b, "/alliance/news/x", &f),
            Target::Redirect("/alliance/news/x/".into())
        );
        assert_eq!(
            resolve(b, "/alliance/style.css?v=1", &f),
            Target::File("style.css".into())
        );
        assert_eq!(resolve(b, "/", &f), Target::Redirect("/alliance/".into()));
        assert_eq!(resolve(b, "/news/x/", &f), Target::NotFound);
        assert_eq!(resolve(b, "/alliance/missing/", &f), Target::NotFound);
    }

    #[test]
    fn refuses_every_way_out() {
        let f = files();
        for bad in [
            "/../Cargo.toml",
            "/alliance/../Cargo.toml",
            "/alliance/%2e%2e/Cargo.toml",
            "/alliance/%2E%2E%2FCargo.toml",
            "/alliance/..%5CCargo.toml",
            "/alliance/%00",
            "/alliance/%ff",
            "alliance/index.html",
        ] {
            assert_eq!(resolve("/alliance/", bad, &f), Target::BadRequest, "{bad}");
        }
        assert_eq!(
            resolve("/alliance/", "/alliance//etc/passwd", &f),
            Target::NotFound
        );
    }

    #[test]
    fn script_goes_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", None)).unwrap();
        assert!(out.contains("<p>x</p><script>"));
        assert!(out.ends_with("</script></body></html>"));
        let with_errors = String::from_utf8(inject(
            b"<body></body>",
            Some(&vec!["a:1:1: </script> boom".into()]),
        ))
        .unwrap();
        assert_eq!(with_errors.matches("</script>").count(), 1, "{with_errors}");
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type("meetings/calendar.ics"),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("images/a.SVG"), "image/svg+xml");
        assert_eq!(content_type("x.wasm"), "application/wasm");
    }
}
