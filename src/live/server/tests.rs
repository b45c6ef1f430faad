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

/// A browser opened before the first build is done gets the page once it
/// is built, not a bare 404.
#[test]
fn requests_before_the_first_build_wait_for_it() {
    use std::io::{Read, Write};
    let state = ServeState::new("/");
    let addr = start("127.0.0.1", 0, state.clone()).unwrap();
    let client = std::thread::spawn(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(s, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = String::new();
        s.read_to_string(&mut response).unwrap();
        response
    });
    std::thread::sleep(Duration::from_millis(300));
    let built: Files = [(
        Arc::from("index.html"),
        Arc::from(&b"<body>built</body>"[..]),
    )]
    .into_iter()
    .collect();
    state.publish(&built, &["index.html".to_string()]);
    let response = client.join().unwrap();
    assert!(response.starts_with("HTTP/1.0 200"), "{response}");
    assert!(response.contains("built"), "{response}");
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

/// A page of another site whose name a DNS-rebinding attack points at the
/// preview's address sends its own name as `Host`: refused.
#[test]
fn only_the_previews_own_names_are_answered() {
    let state = ServeState::new("/");
    state.allow_hosts(&["Laptop.lan.".to_string()]);
    for ok in [
        None,
        Some("127.0.0.1:1111"),
        Some("[::1]:1111"),
        Some("localhost:1111"),
        Some("LOCALHOST"),
        Some("app.localhost"),
        Some("192.168.1.5"),
        Some("laptop.lan:1111"),
    ] {
        assert!(state.host_allowed(ok), "{ok:?}");
    }
    for refused in [
        Some("evil.example"),
        Some("evil.example:1111"),
        Some("127.0.0.1.evil.example"),
        Some("localhost.evil.example"),
        Some(""),
    ] {
        assert!(!state.host_allowed(refused), "{refused:?}");
    }
}
