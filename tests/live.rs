//! `gazette serve` and `gazette watch` as processes: real file-system events,
//! real HTTP on loopback, live-reload events and the error overlay.

use crate::harness::{site, write, TODAY};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server when the test ends, pass or fail.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(args: &[&str]) -> (Running, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start gazette");
    let out = BufReader::new(child.stdout.take().unwrap());
    (Running(child), out)
}

/// One HTTP/1.0 request, as a browser or an attacker would write it.
fn get(addr: &str, target: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {target} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// Reads the event stream until an event contains `needle`.
fn wait_for_event(events: &mut BufReader<TcpStream>, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        match events.read_line(&mut line) {
            Ok(0) => panic!("the event stream closed"),
            Ok(_) if line.starts_with("data:") && line.contains(needle) => return line,
            _ => {}
        }
    }
    panic!("no event with {needle:?} within 20 s");
}

fn news(title: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2025-03-01\norganizations: [alpha]\n---\nText.\n")
}

/// Writes through a temporary file and a rename, as editors save.
fn save_atomically(root: &Path, rel: &str, text: &str) {
    let tmp = root.join(format!("{rel}.tmp~"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(tmp, root.join(rel)).unwrap();
}

#[test]
fn serve_reloads_shows_errors_and_refuses_paths_outside_the_site() {
    let dir = site(&[("content/news/2025-03-01-hello.md", news("Hello").as_bytes())]);
    let root = dir.path().canonicalize().unwrap();
    let (_server, addr, _out) = serve_site(&root);
    let (status, home) = get(&addr, "/alliance/");
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("text/html"));
    assert!(
        home.contains("/__gazette/events"),
        "live reload script missing"
    );
    assert!(
        home.contains(&format!("http://{addr}/alliance/")),
        "permalinks should point at the server"
    );
    assert_eq!(get(&addr, "/").0, 301);
    // A page of another site, its name rebound to this address: refused.
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(s, "GET /alliance/ HTTP/1.0\r\nHost: evil.example\r\n\r\n").unwrap();
    let mut refused = String::new();
    s.read_to_string(&mut refused).unwrap();
    assert!(refused.starts_with("HTTP/1.0 421"), "{refused}");
    let (status, calendar) = get(&addr, "/alliance/meetings/calendar.ics");
    assert_eq!(status, 200);
    assert!(calendar.contains("text/calendar"));
    for bad in [
        "/../Cargo.toml",
        "/alliance/../../Cargo.toml",
        "/alliance/%2e%2e/%2e%2e/site.yaml",
        "/alliance/%2E%2E%2Fsite.yaml",
        "/alliance/..%5csite.yaml",
    ] {
        let (status, body) = get(&addr, bad);
        assert!(status == 400 || status == 404, "{bad}: {status}");
        assert!(!body.contains("base_url"), "{bad} leaked site.yaml");
    }
    for missing in [
        "/alliance/site.yaml",
        "/alliance/content/news/2025-03-01-hello.md",
        "/etc/passwd",
    ] {
        assert_eq!(get(&addr, missing).0, 404, "{missing}");
    }
    let (status, page404) = get(&addr, "/alliance/no/such/page/");
    assert_eq!(status, 404);
    assert!(page404.contains("<html"), "the site's 404 page is served");

    // Live reload: an edit is served and announced.
    let mut stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /__gazette/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(stream);
    let mut head = String::new();
    events.read_line(&mut head).unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    std::thread::sleep(Duration::from_millis(300));
    save_atomically(
        &root,
        "content/news/2025-03-01-hello.md",
        &news("Edited hello"),
    );
    wait_for_event(&mut events, "/alliance/news/hello/");
    // The announcement may be an earlier one (the first build's search index
    // arrives in the background and names pages too): the edit is served soon.
    let deadline = Instant::now() + Duration::from_secs(20);
    let page = loop {
        let (_, page) = get(&addr, "/alliance/news/hello/");
        if page.contains("Edited hello") || Instant::now() > deadline {
            break page;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(page.contains("Edited hello"), "{page}");
    assert!(page.contains("var initial = null"));

    // A broken front matter: the last good page stays, with an overlay.
    write(
        &root,
        "content/news/2025-03-01-hello.md",
        b"---\ntitle: [Broken\n---\nText.\n",
    );
    let event = wait_for_event(&mut events, "\"errors\":[");
    assert!(
        event.contains("content/news/2025-03-01-hello.md:") && event.contains("invalid YAML"),
        "{event}"
    );
    let (status, page) = get(&addr, "/alliance/news/hello/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Edited hello"),
        "the last good build is served"
    );
    assert!(
        page.contains("var initial = [\"gazette: the last build failed; this page shows the last good build.\\n\",\"content/news/2025-03-01-hello.md:"),
        "overlay data missing: {page}"
    );

    // The fix clears it.
    save_atomically(
        &root,
        "content/news/2025-03-01-hello.md",
        &news("Fixed hello"),
    );
    wait_for_event(&mut events, "\"errors\":null");
    let (_, page) = get(&addr, "/alliance/news/hello/");
    assert!(page.contains("Fixed hello"));
    assert!(page.contains("var initial = null"));
}

#[test]
fn watch_writes_edits_deletes_and_keeps_the_last_good_site() {
    let dir = site(&[("content/news/2025-03-01-hello.md", news("Hello").as_bytes())]);
    let root = dir.path().canonicalize().unwrap();
    let output = tempfile::tempdir().unwrap();
    let out_dir = output.path().join("site");
    let (_watcher, mut out) = spawn(&[
        "watch",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out_dir.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.contains("first build"), "{line}");
    out.read_line(&mut line).unwrap();
    let page = out_dir.join("news/hello/index.html");
    let until = |what: &str, ok: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !ok() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    assert!(std::fs::read_to_string(&page).unwrap().contains("Hello"));
    assert!(
        !std::fs::read_to_string(&page)
            .unwrap()
            .contains("__gazette"),
        "no reload script in built files"
    );

    save_atomically(&root, "content/news/2025-03-01-hello.md", &news("Edited"));
    until("the edit", &|| {
        std::fs::read_to_string(&page).is_ok_and(|p| p.contains("Edited"))
    });

    write(
        &root,
        "content/news/2025-03-01-hello.md",
        b"---\ntitle: [Broken\n---\n",
    );
    std::thread::sleep(Duration::from_millis(800));
    assert!(
        std::fs::read_to_string(&page).unwrap().contains("Edited"),
        "the last good site stays"
    );

    std::fs::create_dir_all(root.join("content/events")).unwrap();
    write(
        &root,
        "content/events/fair.md",
        b"---\ntitle: Fair\n---\nA page.\n",
    );
    save_atomically(
        &root,
        "content/news/2025-03-01-hello.md",
        &news("Recovered"),
    );
    until("recovery and the new folder", &|| {
        std::fs::read_to_string(&page).is_ok_and(|p| p.contains("Recovered"))
            && out_dir.join("events/fair/index.html").is_file()
    });

    std::fs::remove_file(root.join("content/news/2025-03-01-hello.md")).unwrap();
    until("the deletion", &|| !page.exists());
}

/// Starts `gazette serve` on a site and waits for its first build; returns
/// the server, its address and its output.
fn serve_site(root: &Path) -> (Running, String, BufReader<std::process::ChildStdout>) {
    let (server, addr, mut out) = start_serve(root);
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.contains("first build"), "{line}");
    (server, addr, out)
}

/// Starts `gazette serve` on a site (its base path `/alliance/`); returns
/// the server, its address and its output, the first build maybe not done.
fn start_serve(root: &Path) -> (Running, String, BufReader<std::process::ChildStdout>) {
    let (server, mut out) = spawn(&[
        "serve",
        "--root",
        root.to_str().unwrap(),
        "--port",
        "0",
        "--today",
        TODAY,
    ]);
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let url = first.trim().strip_prefix("serving ").expect(&first);
    assert!(url.ends_with("/alliance/"), "{url}");
    let addr = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    (server, addr, out)
}

/// Opens a live-reload stream and reads its status line.
fn open_stream(addr: &str) -> (u16, TcpStream) {
    // The test machine may be busy with other tests: retry a refused connect.
    let mut last = None;
    let mut s = (0..20)
        .find_map(|_| match TcpStream::connect(addr) {
            Ok(s) => Some(s),
            Err(e) => {
                last = Some(e);
                std::thread::sleep(Duration::from_millis(50));
                None
            }
        })
        .unwrap_or_else(|| panic!("cannot connect to {addr}: {last:?}"));
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET /__gazette/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut head = [0u8; 12];
    if let Err(e) = s.read_exact(&mut head) {
        panic!("no answer to a live-reload request from {addr}: {e}");
    }
    let status = String::from_utf8_lossy(&head[9..12]).parse().unwrap_or(0);
    (status, s)
}

/// A raw request, answered or not: the response's status line, if any.
fn raw(addr: &str, bytes: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(bytes);
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    String::from_utf8_lossy(&response)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn serve_answers_everyone_while_hostile_clients_hold_on() {
    let big = "x".repeat(184 * 1024);
    let dir = site(&[
        ("content/news/2025-03-01-hello.md", news("Hello").as_bytes()),
        ("static/big.txt", big.as_bytes()),
    ]);
    let root = dir.path().canonicalize().unwrap();
    let (mut server, addr, out) = serve_site(&root);
    // Whoever reads the server's output may go (`gazette serve | head`): the
    // server keeps serving (it checks below that it is still running).
    drop(out);

    // 100 live-reload streams stay open.
    let mut streams: Vec<TcpStream> = (0..100)
        .map(|_| {
            let (status, s) = open_stream(&addr);
            assert_eq!(status, 200);
            s
        })
        .collect();
    // One client pipelines 300 requests for a large file and never reads.
    let mut greedy = TcpStream::connect(&addr).unwrap();
    let request = format!("GET /alliance/big.txt HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    greedy
        .set_write_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    for _ in 0..300 {
        if greedy.write_all(request.as_bytes()).is_err() {
            break; // its own buffers are full: back-pressure on it alone
        }
    }
    // Everyone else is answered at once.
    for _ in 0..10 {
        let started = Instant::now();
        let (status, page) = get(&addr, "/alliance/news/hello/");
        assert_eq!(status, 200, "{page}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "a probe waited on the greedy client"
        );
    }
    // Malformed and oversized requests get an answer, not a hang.
    assert!(raw(&addr, b"GET /\xff\xfe HTTP/1.1\r\nHost: localhost\r\n\r\n").contains(" 400 "));
    let endless = [b"GET /".as_slice(), &vec![b'a'; 50 * 1024]].concat();
    let status = raw(&addr, &endless);
    assert!(
        status.contains(" 431 ") || status.contains(" 414 ") || status.contains(" 400 "),
        "{status}"
    );
    assert_eq!(get(&addr, "/alliance/").0, 200);

    // Closed streams give their slots back at once: 200 more open fine.
    streams.clear();
    drop(greedy);
    std::thread::sleep(Duration::from_millis(300));
    assert!(server.0.try_wait().unwrap().is_none(), "the server exited");
    let again: Vec<TcpStream> = (0..200)
        .map(|_| {
            let (status, s) = open_stream(&addr);
            assert_eq!(status, 200, "a closed stream kept its slot");
            s
        })
        .collect();
    assert_eq!(get(&addr, "/alliance/").0, 200);
    drop(again);
}

/// When the first build fails there is no site to show: every page is a
/// page of its own with the errors in the overlay (in the site's language),
/// and it turns into the site once the error is fixed.
#[test]
fn a_failed_first_build_shows_the_overlay_and_reloads_when_fixed() {
    let broken = "---\ntitle: Hello\ndate: 2025-13-01\n---\nText.\n";
    let dir = site(&[("content/news/2025-03-01-hello.md", broken.as_bytes())]);
    let root = dir.path().canonicalize().unwrap();
    let (_server, addr, _out) = start_serve(&root);
    let (status, page) = get(&addr, "/alliance/news/hello/");
    assert_eq!(status, 404, "{page}");
    assert!(page.contains("text/html"), "{page}");
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert!(page.contains("The site is not built yet"), "{page}");
    assert!(page.contains("/__gazette/events"), "no live reload: {page}");
    assert!(
        page.contains("2025-03-01-hello.md:3:7"),
        "the overlay's errors are in the page: {page}"
    );

    let mut events = TcpStream::connect(&addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /__gazette/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(events);
    save_atomically(&root, "content/news/2025-03-01-hello.md", &news("Hello"));
    wait_for_event(&mut events, "news/hello/");
    let (status, page) = get(&addr, "/alliance/news/hello/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1") && page.contains("Hello"), "{page}");
}

/// A thousand sockets held open with half-sent heads (slowloris) leave a
/// normal client served at once, and a 16 KB head of 200 short headers is
/// answered as the docs promise, not refused with 431.
#[test]
fn idle_sockets_and_many_headers_leave_clients_served() {
    // The soft open-file limit may be 1,024 on the test machine.
    let files = rlimit::increase_nofile_limit(4096).unwrap_or(1024);
    let dir = site(&[("content/news/2025-03-01-hello.md", news("Hello").as_bytes())]);
    let root = dir.path().canonicalize().unwrap();
    let (_server, addr, _out) = serve_site(&root);
    let idle_count = 1000.min(files.saturating_sub(100) as usize);
    let idle: Vec<TcpStream> = (0..idle_count)
        .filter_map(|_| {
            let mut s = TcpStream::connect(&addr).ok()?;
            write!(s, "GET /alliance/ HTTP/1.1\r\nHost: {addr}\r\n").ok()?;
            Some(s)
        })
        .collect();
    assert!(idle.len() >= idle_count * 9 / 10, "{} sockets", idle.len());
    // Without room for them, each probe waited for an idle socket's 10 s
    // head timeout; 5 s tells the two apart on any machine.
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(get(&addr, "/alliance/news/hello/").0, 200);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "a probe waited behind {} idle sockets",
            idle.len()
        );
    }
    let headers: String = (0..200)
        .map(|i| format!("X-Header-{i}: value\r\n"))
        .collect();
    let head =
        format!("GET /alliance/ HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n");
    assert!(head.len() < 16 * 1024);
    assert!(raw(&addr, head.as_bytes()).contains(" 200 "));
    let too_big = format!(
        "GET /alliance/ HTTP/1.1\r\nHost: {addr}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(17 * 1024)
    );
    assert!(raw(&addr, too_big.as_bytes()).contains(" 431 "));
    drop(idle);
}
