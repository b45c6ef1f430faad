//! `gazette watch` and `gazette serve`: build, then rebuild on every change,
//! writing to the output folder (watch) or serving from memory (serve). A bad
//! edit never stops them.

use super::report::{print_diagnostics, rendered_diagnostics, report_rebuild, Seen};
use super::{Failure, Output, SiteArgs};
use crate::io::{io_error, read, write};
use crate::live::server::{self, ServeState};
use crate::live::session::{Rebuild, Session};
use crate::live::watcher;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub fn watch(site: &SiteArgs, output: PathBuf, poll: bool, out: Output) -> Result<(), Failure> {
    let options = site.options()?;
    write::check_location(&site.root, &output)?;
    run(site, options, Some(output), None, poll, out)
}

pub fn serve(
    site: SiteArgs,
    bind: &str,
    port: u16,
    open: bool,
    poll: bool,
    allow_host: &[String],
    out: Output,
) -> Result<(), Failure> {
    let mut options = site.options()?;
    let base_path = read::base_path_of(&site.root, site.base_url.as_deref());
    let state = ServeState::new(&base_path);
    state.allow_hosts(allow_host);
    let addr = server::start(bind, port, state.clone()).map_err(|e| Failure::Hinted {
        message: format!(
            "cannot listen on {bind}:{port}: {}",
            crate::io::describe(&e)
        ),
        help: "another program may use the port; try `--port 0`".into(),
    })?;
    if !addr.ip().is_loopback() {
        esay!("warning: serving on {addr}, reachable from other machines: drafts and unpublished pages included");
    }
    let url = format!("http://{addr}{base_path}");
    // Built with the local address, so every link works in the browser.
    options.base_url = Some(url.clone());
    say!("serving {url}");
    if open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        let _ = std::process::Command::new(opener).arg(&url).spawn();
    }
    run(&site, options, None, Some(state), poll, out)
}

/// Shows a rebuild to the browser (serve): the new files, or the overlay.
fn publish(server: Option<&Arc<ServeState>>, session: &Session, rebuild: &Rebuild) {
    let Some(state) = server else { return };
    match (&rebuild.result, session.files.as_ref()) {
        (Ok(_), Some(files)) => state.publish(files, &rebuild.outputs_changed),
        (Err(errors), _) => state.fail(rendered_diagnostics(&session.sources, errors)),
        _ => {}
    }
}

fn run(
    site: &SiteArgs,
    options: crate::BuildOptions,
    output: Option<PathBuf>,
    server: Option<Arc<ServeState>>,
    poll: bool,
    out: Output,
) -> Result<(), Failure> {
    let root = site
        .root
        .canonicalize()
        .map_err(|e| io_error(&site.root, e))?;
    // Watch before the first build, so edits made while it runs are not lost.
    let (sender, events) = std::sync::mpsc::channel();
    let mut watching =
        watcher::watch(&root, poll, sender.clone()).map_err(|e| Failure::Hinted {
            message: format!(
                "cannot watch {}: {}",
                root.display(),
                crate::io::plain(&e.to_string())
            ),
            help: "try `--poll`, or raise fs.inotify.max_user_watches".into(),
        })?;
    let (mut session, first) = Session::open(&root, output, options)?;
    let mut seen = Seen::new();
    report_rebuild(&session.sources, &first, &mut seen, out.quiet, out.verbose);
    publish(server.as_ref(), &session, &first);
    if !out.quiet {
        say!(
            "watching {} for changes; Ctrl-C stops",
            session.root.display()
        );
    }
    loop {
        // While a search index is on its way, wake up now and then to take it in.
        let wait = if session.search_pending() {
            Duration::from_millis(100)
        } else {
            Duration::from_secs(3600)
        };
        let mut paths = match events.recv_timeout(wait) {
            Ok(paths) => paths,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => vec![],
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        while let Ok(more) = events.try_recv() {
            paths.extend(more);
        }
        if !paths.is_empty() {
            if watcher::needs_rewatch(&session.root, &paths) {
                match watcher::watch(&session.root, poll, sender.clone()) {
                    Ok(w) => watching = w,
                    Err(e) => esay!(
                        "warning: cannot watch a new folder: {}",
                        crate::io::plain(&e.to_string())
                    ),
                }
            }
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session.apply(&paths)));
            match outcome {
                Ok(Ok(None)) => {}
                Ok(Ok(Some(rebuild))) => {
                    report_rebuild(
                        &session.sources,
                        &rebuild,
                        &mut seen,
                        out.quiet,
                        out.verbose,
                    );
                    publish(server.as_ref(), &session, &rebuild);
                }
                Ok(Err(e)) => esay!("error: {e} (waiting for the next change)"),
                Err(_) => {
                    esay!("error: gazette failed internally on this change; please report it. Starting over on the next change.");
                    session.reset();
                }
            }
        }
        match session.poll_search(false) {
            Ok(None) => {}
            Ok(Some(update)) => {
                let now = chrono::Local::now().format("%H:%M:%S");
                match &update.result {
                    Ok(()) => {
                        if !out.quiet {
                            say!(
                                "[{now}] search index: {} files updated in {} ms",
                                update.outputs_changed.len(),
                                update.took.as_millis()
                            );
                        }
                        if let (Some(state), Some(files)) = (&server, session.files.as_ref()) {
                            state.replace_files(files);
                        }
                    }
                    Err(d) => {
                        print_diagnostics(&session.sources, std::slice::from_ref(d));
                        esay!("[{now}] search index failed; the previous index stays in place");
                    }
                }
            }
            Err(e) => esay!("error: {e} (waiting for the next change)"),
        }
    }
    drop(watching);
    Ok(())
}
