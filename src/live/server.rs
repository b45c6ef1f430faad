//! `gazette serve`: the last good build, served from memory over HTTP on
//! loopback, with live reload (Server-Sent Events) and an error overlay.
//!
//! Pages are served under the site's base path (`/alliance/…` for
//! `https://example.org/alliance/`), so every link works as it will when
//! published; `/` redirects there. Nothing is read from disk while serving, so
//! no request can reach a file outside the built site.

use gazette_core::files::Files;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::{Body, Bytes, Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use percent_encoding::percent_decode_str;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch, OwnedSemaphorePermit, Semaphore};

/// Where live-reload events are streamed.
pub const EVENTS_PATH: &str = "/__gazette/events";

/// Longest request target accepted; longer ones get 414.
const MAX_URL: usize = 4096;

/// The most bytes of a request head (request line and headers) read before
/// answering 431: enforced while reading, so a never-ending line costs 16 KB.
const MAX_HEAD: usize = 16 * 1024;

/// Connections served at once; further ones wait in the kernel's backlog.
/// Enough that a thousand sockets held open and idle (slowloris) leave
/// room for real clients, each costing a small task until its head timeout;
/// bounded by the open-file limit (see [`connection_limit`]).
const MAX_CONNECTIONS: usize = 4096;

/// Headers a request head may have: a 16 KB head of the shortest lines
/// (`a:` and CRLF) is accepted, as the docs promise for any 16 KB head.
const MAX_HEADERS: usize = MAX_HEAD / 4;

/// Live-reload streams open at once; further ones get 503. A stream holds a
/// connection but no request slot, and goes when its client goes.
const MAX_STREAMS: usize = 256;

/// How long a client may take to send a request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a request made before the first build waits for it.
const FIRST_BUILD_WAIT: Duration = Duration::from_secs(120);

type ResponseBody = BoxBody<Bytes, Infallible>;

/// A failed build as the browser shows it: the overlay's lines (its title
/// first) and the language they are in.
#[derive(Debug, Clone)]
pub struct Overlay {
    pub lang: &'static str,
    pub lines: Vec<String>,
}

/// What the server shows: the last good build and the last build's errors.
pub struct ServeState {
    base_path: String,
    files: RwLock<Arc<Files>>,
    errors: RwLock<Option<Overlay>>,
    events: broadcast::Sender<String>,
    /// `true` once the first build finished, good or bad.
    built: watch::Sender<bool>,
    streams: Arc<AtomicUsize>,
    /// Whether a limit was hit since it was last logged.
    limited: AtomicBool,
    /// Host names a request may name besides IP addresses and `localhost`
    /// (`serve --allow-host`).
    allowed_hosts: RwLock<Vec<String>>,
}

impl ServeState {
    pub fn new(base_path: &str) -> Arc<ServeState> {
        Arc::new(ServeState {
            base_path: base_path.to_string(),
            files: RwLock::new(Arc::new(Files::new())),
            errors: RwLock::new(None),
            events: broadcast::channel(64).0,
            built: watch::channel(false).0,
            streams: Arc::new(AtomicUsize::new(0)),
            limited: AtomicBool::new(false),
            allowed_hosts: RwLock::new(Vec::new()),
        })
    }

    /// Names besides IP addresses and `localhost` a request's `Host` may give.
    pub fn allow_hosts(&self, names: &[String]) {
        *self.allowed_hosts.write().expect("lock") = names
            .iter()
            .map(|n| n.trim_end_matches('.').to_ascii_lowercase())
            .collect();
    }

    /// Whether a request naming `host` is for this server. A web page whose
    /// domain a DNS-rebinding attack points at 127.0.0.1 sends its own name:
    /// refused, so no other site can read the preview (drafts included). An
    /// IP address or `localhost` cannot be rebound; a request without `Host`
    /// (HTTP/1.0) comes from no browser page.
    fn host_allowed(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return true };
        let name = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => match host.rsplit_once(':') {
                Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
                _ => host,
            },
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        name.parse::<std::net::IpAddr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
            || self.allowed_hosts.read().expect("lock").contains(&name)
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
        self.built.send_replace(true);
        let _ = self
            .events
            .send(serde_json::json!({ "changed": urls, "errors": null }).to_string());
    }

    /// New files that no open page shows (the search index): served from now
    /// on, without reloading pages or touching the error overlay.
    pub fn replace_files(&self, files: &Files) {
        *self.files.write().expect("lock") = Arc::new(files.clone());
    }

    /// A failed build: keep serving the last good one, show the errors over it.
    pub fn fail(&self, errors: Overlay) {
        let message = serde_json::json!({ "changed": [], "errors": errors.lines }).to_string();
        *self.errors.write().expect("lock") = Some(errors);
        self.built.send_replace(true);
        let _ = self.events.send(message);
    }

    /// Logs the first time a limit is hit, once per run: a flood of refused
    /// clients must not flood the terminal too.
    fn limit_hit(&self, what: &str) {
        if !self.limited.swap(true, Ordering::Relaxed) {
            eprintln!("warning: serve: {what}; further ones are refused until some close");
        }
    }
}

/// Starts serving on `bind:port` (port 0 picks a free one) on a background
/// thread with its own asynchronous runtime: each connection is a task, so a
/// slow or non-reading client holds up only itself.
pub fn start(bind: &str, port: u16, state: Arc<ServeState>) -> std::io::Result<SocketAddr> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("gazette-serve")
        .enable_all()
        .build()?;
    let wanted = std::net::ToSocketAddrs::to_socket_addrs(&(bind, port))?
        .next()
        .ok_or_else(|| std::io::Error::other("no address to listen on"))?;
    let listener = {
        let _inside = runtime.enter();
        let socket = match wanted {
            SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
            SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
        };
        socket.set_reuseaddr(true)?;
        socket.bind(wanted)?;
        // A deep backlog: a burst of connections waits in the kernel rather
        // than being refused while the accept loop catches up.
        socket.listen(1024)?
    };
    let addr = listener.local_addr()?;
    std::thread::spawn(move || runtime.block_on(accept_loop(listener, state)));
    Ok(addr)
}

/// How many connections may be open at once: [`MAX_CONNECTIONS`], or fewer
/// when the process may not open that many files. The soft limit (often
/// 1,024) is raised to the hard one first, as servers do.
fn connection_limit() -> usize {
    let files = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    // Room for the site's files, the watcher and the search index.
    let spare = usize::try_from(files.saturating_sub(256)).unwrap_or(usize::MAX);
    MAX_CONNECTIONS.min(spare).max(64)
}

async fn accept_loop(listener: tokio::net::TcpListener, state: Arc<ServeState>) {
    let limit = connection_limit();
    let connections = Arc::new(Semaphore::new(limit));
    loop {
        // Wait for a free slot before accepting: the kernel's backlog holds
        // the rest, and nobody already connected is slowed down.
        let permit = match connections.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                state.limit_hit(&format!("{limit} connections are open"));
                match connections.clone().acquire_owned().await {
                    Ok(p) => p,
                    Err(_) => return,
                }
            }
        };
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let state = state.clone();
        tokio::spawn(serve_connection(stream, state, permit));
    }
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    state: Arc<ServeState>,
    _permit: OwnedSemaphorePermit,
) {
    let service = service_fn(move |request| {
        let state = state.clone();
        async move { Ok::<_, Infallible>(handle(request, &state).await) }
    });
    let _ = http1::Builder::new()
        .max_buf_size(MAX_HEAD)
        .max_headers(MAX_HEADERS)
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

fn full(status: StatusCode, kind: &str, body: impl Into<Bytes>) -> Response<ResponseBody> {
    let mut response = Response::new(Full::new(body.into()).boxed());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert("Content-Type", kind.parse().expect("header value"));
    headers.insert("Cache-Control", "no-store".parse().expect("header value"));
    headers.insert(
        "X-Content-Type-Options",
        "nosniff".parse().expect("header value"),
    );
    response
}

fn text(status: StatusCode, body: &'static str) -> Response<ResponseBody> {
    full(status, "text/plain; charset=utf-8", body)
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

async fn handle(request: Request<Incoming>, state: &ServeState) -> Response<ResponseBody> {
    let host = request
        .headers()
        .get(hyper::header::HOST)
        .map(|h| h.to_str().unwrap_or("?"));
    if !state.host_allowed(host) {
        return text(
            StatusCode::MISDIRECTED_REQUEST,
            "this preview answers its own address only: open it at the address `gazette serve` printed, or pass `--allow-host NAME`",
        );
    }
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
        response
            .headers_mut()
            .insert("Allow", "GET, HEAD".parse().expect("header value"));
        return response;
    }
    let url = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    if url.len() > MAX_URL {
        return text(StatusCode::URI_TOO_LONG, "URL too long");
    }
    if url.split('?').next() == Some(EVENTS_PATH) {
        return stream_events(state);
    }
    // A browser opened before the first build is done waits for it, rather
    // than get a bare 404 that never reloads.
    let mut built = state.built.subscribe();
    if !*built.borrow() {
        let _ = tokio::time::timeout(FIRST_BUILD_WAIT, built.wait_for(|b| *b)).await;
    }
    let files = state.files.read().expect("lock").clone();
    let errors = state.errors.read().expect("lock").clone();
    let (status, file) = match resolve(&state.base_path, &url, &files) {
        Target::File(f) => (StatusCode::OK, Some(f)),
        Target::Redirect(to) => {
            let mut response = text(StatusCode::MOVED_PERMANENTLY, "moved");
            if let Ok(location) = to.parse() {
                response.headers_mut().insert("Location", location);
            }
            return response;
        }
        Target::BadRequest => return text(StatusCode::BAD_REQUEST, "bad request"),
        Target::NotFound => (
            StatusCode::NOT_FOUND,
            not_found_page(&state.base_path, &url, &files),
        ),
    };
    let (body, kind): (Bytes, &str) = match &file {
        Some(f) => {
            let bytes = &files[f.as_str()];
            let kind = content_type(f);
            if kind.starts_with("text/html") {
                (
                    inject(bytes, errors.as_ref().map(|e| &e.lines)).into(),
                    kind,
                )
            } else {
                (Bytes::copy_from_slice(bytes), kind)
            }
        }
        // No good build yet (the first one failed): a page of its own that
        // shows the errors in the overlay and reloads once the site builds.
        None if files.is_empty() => (
            waiting_page(errors.as_ref()).into(),
            "text/html; charset=utf-8",
        ),
        None => (
            Bytes::from_static(b"not found: the site has no page here"),
            "text/plain; charset=utf-8",
        ),
    };
    let length = body.len();
    let mut response = full(
        status,
        kind,
        if method == Method::HEAD {
            Bytes::new()
        } else {
            body
        },
    );
    response
        .headers_mut()
        .insert("Content-Length", length.into());
    response
}

/// Counts an open event stream while it lives.
struct StreamSlot(Arc<AtomicUsize>);

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One event per build, and a comment every 15 s; ends when the client goes
/// (hyper drops the body with the connection, and the slot with it).
struct EventBody {
    receiver: mpsc::Receiver<Bytes>,
    _slot: StreamSlot,
}

impl Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.receiver
            .poll_recv(cx)
            .map(|chunk| chunk.map(|c| Ok(Frame::data(c))))
    }
}

fn stream_events(state: &ServeState) -> Response<ResponseBody> {
    if state.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        state.streams.fetch_sub(1, Ordering::SeqCst);
        state.limit_hit(&format!("{MAX_STREAMS} live-reload streams are open"));
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "too many live-reload streams",
        );
    }
    let slot = StreamSlot(state.streams.clone());
    let (sender, receiver) = mpsc::channel::<Bytes>(8);
    let mut events = state.events.subscribe();
    tokio::spawn(async move {
        if sender
            .send(Bytes::from_static(b": gazette\n\n"))
            .await
            .is_err()
        {
            return;
        }
        loop {
            let chunk = tokio::select! {
                event = events.recv() => match event {
                    Ok(message) => format!("data: {message}\n\n"),
                    // Missed events: a reload shows the latest build anyway.
                    Err(broadcast::error::RecvError::Lagged(_)) => "data: {\"changed\":[\"*\"],\"errors\":null}\n\n".to_string(),
                    Err(broadcast::error::RecvError::Closed) => return,
                },
                () = tokio::time::sleep(Duration::from_secs(15)) => ": keep-alive\n\n".to_string(),
                () = sender.closed() => return,
            };
            if sender.send(Bytes::from(chunk)).await.is_err() {
                return;
            }
        }
    });
    let mut response = Response::new(
        EventBody {
            receiver,
            _slot: slot,
        }
        .boxed(),
    );
    let headers = response.headers_mut();
    headers.insert(
        "Content-Type",
        "text/event-stream".parse().expect("header value"),
    );
    headers.insert("Cache-Control", "no-store".parse().expect("header value"));
    response
}

mod reload;
pub use reload::inject;
use reload::waiting_page;

#[cfg(test)]
mod tests;
