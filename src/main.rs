//! The `gazette` command: parse arguments, call the library, print the report,
//! pick the exit code (0 ok, 1 site errors, 2 usage).

use clap::{Parser, Subcommand, ValueEnum};
use gazette::error::{Diagnostic, Error};
use gazette::{fs, output, serve, watch, BuildOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "A static site generator for the publications of a consortium"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Print what was written.
    #[arg(long, short, global = true, conflicts_with = "quiet")]
    verbose: bool,
}

#[derive(clap::Args)]
struct SiteArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Build drafts too.
    #[arg(long)]
    drafts: bool,
    /// Override `base_url` from site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// The date that decides upcoming meetings and the current leading unit
    /// (default: GAZETTE_TODAY, else the local date).
    #[arg(long, value_parser = parse_date)]
    today: Option<chrono::NaiveDate>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands: each diagnostic annotates its line.
    Github,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Build, then rebuild on every change until Ctrl-C.
    Watch {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Scan for changes instead of waiting for file-system events
        /// (network drives, some containers).
        #[arg(long)]
        poll: bool,
    },
    /// Build in memory and serve with live reload until Ctrl-C.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The address to listen on; anything but loopback exposes your drafts.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Scan for changes instead of waiting for file-system events.
        #[arg(long)]
        poll: bool,
    },
    /// Create a new site with one item of each kind.
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
        /// Add the site to a folder that has files (none is replaced).
        #[arg(long)]
        force: bool,
    },
    /// Start a new source file from the kind's template.
    New {
        /// news, meeting, rules, member or page.
        kind: String,
        /// The title; the file name is made from it.
        title: String,
        /// The site's folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The date (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        /// Write a translation (`x.zh.md`).
        #[arg(long)]
        lang: Option<String>,
        /// For rules: start from this version's text as its successor.
        #[arg(long)]
        supersedes: Option<String>,
    },
    /// Check everything a build checks; write nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD"))
}

impl SiteArgs {
    fn options(&self) -> Result<BuildOptions, String> {
        let today = match (self.today, std::env::var("GAZETTE_TODAY")) {
            (Some(d), _) => d,
            (None, Ok(env)) if !env.is_empty() => {
                parse_date(&env).map_err(|e| format!("GAZETTE_TODAY: {e}"))?
            }
            _ => chrono::Local::now().date_naive(),
        };
        Ok(BuildOptions {
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            today,
        })
    }
}

/// Prints diagnostics with their source lines, read from the site.
fn print_diagnostics(root: &Path, diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let text = std::fs::read(root.join(&d.path))
            .ok()
            .and_then(|b| gazette::source::decode(&b).map(str::to_string));
        let _ = write!(err, "{}", d.render(text.as_deref()));
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 {
        let _ = writeln!(
            err,
            "error: {errors} error(s){}",
            if warnings > 0 {
                format!(", {warnings} warning(s)")
            } else {
                String::new()
            }
        );
    }
}

fn print_json(diagnostics: &[Diagnostic]) {
    let mut out = std::io::stdout().lock();
    for d in diagnostics {
        let _ = writeln!(out, "{}", serde_json::to_string(d).unwrap_or_default());
    }
}

/// `::error file=…,line=…,col=…,title=…::message`, escaped as GitHub requires.
fn print_github(root: &Path, diagnostics: &[Diagnostic]) {
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = std::io::stdout().lock();
    for d in diagnostics {
        let level = if d.is_error() { "error" } else { "warning" };
        let file = root.join(&d.path);
        let file = file.strip_prefix("./").unwrap_or(&file);
        let mut props = format!("file={}", property(&file.to_string_lossy()));
        if let Some(line) = d.line {
            props.push_str(&format!(",line={line}"));
        }
        if let Some(col) = d.column {
            props.push_str(&format!(",col={col}"));
        }
        props.push_str(&format!(",title=gazette {}", property(d.code)));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let _ = writeln!(out, "::{level} {props}::{}", escape(&message));
    }
}

fn fail(e: Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(1)
}

/// Each diagnostic as the terminal shows it, for the browser overlay.
fn rendered_diagnostics(root: &Path, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let text = std::fs::read(root.join(&d.path))
                .ok()
                .and_then(|b| gazette::source::decode(&b).map(str::to_string));
            d.render(text.as_deref())
        })
        .collect()
}

/// One line per rebuild: what changed, what was written, how long it took.
/// Warnings already printed in this session, so each rebuild prints only new ones.
type Seen = std::collections::HashSet<(String, Option<usize>, Option<usize>, String)>;

fn report_rebuild(
    root: &Path,
    rebuild: &watch::Rebuild,
    seen: &mut Seen,
    quiet: bool,
    verbose: bool,
) {
    let now = chrono::Local::now().format("%H:%M:%S");
    let what = match rebuild.changed.len() {
        0 => "first build".to_string(),
        1 => format!("{} changed", rebuild.changed[0]),
        n => format!("{} and {} more changed", rebuild.changed[0], n - 1),
    };
    match &rebuild.result {
        Ok(warnings) => {
            if !quiet {
                let key = |d: &gazette::error::Diagnostic| {
                    (d.path.clone(), d.line, d.column, d.message.clone())
                };
                let new: Vec<_> = warnings
                    .iter()
                    .filter(|d| !seen.contains(&key(d)))
                    .cloned()
                    .collect();
                print_diagnostics(root, &new);
                *seen = warnings.iter().map(key).collect();
                let known = warnings.len() - new.len();
                let known = match known {
                    0 => String::new(),
                    1 => " (1 warning as before)".to_string(),
                    n => format!(" ({n} warnings as before)"),
                };
                println!(
                    "[{now}] {what}: {} pages, {} files updated in {} ms{known}",
                    rebuild.pages_changed,
                    rebuild.outputs_changed.len(),
                    rebuild.took.as_millis()
                );
                if verbose {
                    for (stage, took) in &rebuild.timings {
                        println!("  {stage}: {} ms", took.as_millis());
                    }
                }
            }
        }
        Err(errors) => {
            print_diagnostics(root, errors);
            eprintln!("[{now}] {what}: build failed; the last good site stays in place");
        }
    }
}

/// The site's `site.yaml`, if it can be read and parsed (the full check is the build's).
fn read_config(root: &Path) -> Option<gazette::config::Config> {
    let bytes = std::fs::read(root.join(gazette::config::CONFIG_FILE)).ok()?;
    gazette::config::parse(gazette::source::decode(&bytes)?).ok()
}

/// The path part of the base URL, read before the first build (`/` if unreadable).
fn base_path_of(root: &Path, base_url: Option<&str>) -> String {
    if let Some(url) = base_url {
        if let Ok((_, path)) = gazette::config::parse_base_url(url) {
            return path;
        }
    }
    read_config(root).map_or_else(|| "/".to_string(), |c| c.base_path)
}

/// `watch` (with an output folder) and `serve` (with a server): build, then
/// rebuild on every change. Never exits on a bad edit.
fn live(
    site: &SiteArgs,
    output: Option<PathBuf>,
    server: Option<Arc<serve::ServeState>>,
    poll: bool,
    quiet: bool,
    verbose: bool,
) -> ExitCode {
    let options = match site.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(out) = &output {
        if let Err(e) = output::check_location(&site.root, out) {
            return fail(e);
        }
    }
    let publish =
        |root: &Path, rebuild: &watch::Rebuild, files: Option<&gazette::render::Files>| {
            if let Some(state) = &server {
                match (&rebuild.result, files) {
                    (Ok(_), Some(files)) => state.publish(files, &rebuild.outputs_changed),
                    (Err(errors), _) => state.fail(rendered_diagnostics(root, errors)),
                    _ => {}
                }
            }
        };
    let root = match site.root.canonicalize() {
        Ok(r) => r,
        Err(e) => return fail(gazette::error::io_error(&site.root, e)),
    };
    // Watch before the first build, so edits made while it runs are not lost.
    let (sender, events) = std::sync::mpsc::channel();
    let mut watcher = match watch::watch(&root, poll, sender.clone()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", root.display());
            eprintln!("  = help: try `--poll`, or raise fs.inotify.max_user_watches");
            return ExitCode::from(1);
        }
    };
    let (mut session, first) = match watch::Session::open(&root, output, options) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut seen = Seen::new();
    report_rebuild(&session.root, &first, &mut seen, quiet, verbose);
    publish(&session.root, &first, session.files.as_ref());
    if !quiet {
        println!(
            "watching {} for changes; Ctrl-C stops",
            session.root.display()
        );
    }
    loop {
        // While a search index is on its way, wake up now and then to take it in.
        let wait = if session.search_pending() {
            std::time::Duration::from_millis(100)
        } else {
            std::time::Duration::from_secs(3600)
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
            if watch::needs_rewatch(&session.root, &paths) {
                match watch::watch(&session.root, poll, sender.clone()) {
                    Ok(w) => watcher = w,
                    Err(e) => eprintln!("warning: cannot watch a new folder: {e}"),
                }
            }
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session.apply(&paths)));
            match outcome {
                Ok(Ok(None)) => {}
                Ok(Ok(Some(rebuild))) => {
                    report_rebuild(&session.root, &rebuild, &mut seen, quiet, verbose);
                    publish(&session.root, &rebuild, session.files.as_ref());
                }
                Ok(Err(e)) => eprintln!("error: {e} (waiting for the next change)"),
                Err(_) => {
                    eprintln!("error: gazette failed internally on this change; please report it. Starting over on the next change.");
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
                        if !quiet {
                            println!(
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
                        print_diagnostics(&session.root, std::slice::from_ref(d));
                        eprintln!("[{now}] search index failed; the previous index stays in place");
                    }
                }
            }
            Err(e) => eprintln!("error: {e} (waiting for the next change)"),
        }
    }
    drop(watcher);
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init { dir, force } => {
            let today = chrono::Local::now().date_naive();
            match gazette::scaffold::init(&dir, today, force) {
                Ok(written) => {
                    if !cli.quiet {
                        for f in &written {
                            println!("  created {}", dir.join(f).display());
                        }
                        println!(
                            "a new site is in {}; try `gazette serve --root {}`",
                            dir.display(),
                            dir.display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::New {
            kind,
            title,
            root,
            date,
            lang,
            supersedes,
        } => {
            let Some(kind) = gazette::scaffold::NewKind::parse(&kind) else {
                eprintln!(
                    "error: `{kind}` is not a kind: use news, meeting, rules, member or page"
                );
                return ExitCode::from(2);
            };
            let Some(config) = read_config(&root) else {
                eprintln!("error: no readable site.yaml in {}", root.display());
                eprintln!("  = help: run gazette new in the site's folder or pass `--root DIR`; `gazette check` explains what is wrong with site.yaml");
                return ExitCode::from(1);
            };
            if let Some(l) = &lang {
                if !config.all_languages().any(|x| x == l) || *l == config.language {
                    eprintln!("error: `{l}` is not one of the site's extra languages");
                    eprintln!("  = help: add it to `languages:` in site.yaml");
                    return ExitCode::from(1);
                }
            }
            let new = gazette::scaffold::NewFile {
                kind,
                title: &title,
                date: date.unwrap_or_else(|| chrono::Local::now().date_naive()),
                lang: lang.as_deref(),
                supersedes: supersedes.as_deref(),
            };
            match gazette::scaffold::new_file(&root, config.slugify, &new) {
                Ok(path) => {
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Watch { site, output, poll } => {
            let output = output.unwrap_or_else(|| site.root.join("output"));
            live(&site, Some(output), None, poll, cli.quiet, cli.verbose)
        }
        Command::Serve {
            mut site,
            bind,
            port,
            open,
            poll,
        } => {
            let base_path = base_path_of(&site.root, site.base_url.as_deref());
            let state = serve::ServeState::new(&base_path);
            let addr = match serve::start(&bind, port, state.clone()) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("error: cannot listen on {bind}:{port}: {e}");
                    eprintln!("  = help: another program may use the port; try `--port 0`");
                    return ExitCode::from(1);
                }
            };
            if !addr.ip().is_loopback() {
                eprintln!("warning: serving on {addr}, reachable from other machines: drafts and unpublished pages included");
            }
            let url = format!("http://{addr}{base_path}");
            site.base_url = Some(url.clone());
            println!("serving {url}");
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
            live(&site, None, Some(state), poll, cli.quiet, cli.verbose)
        }
        Command::Build { site, output } => {
            let options = match site.options() {
                Ok(o) => o,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let started = Instant::now();
            let output = output.unwrap_or_else(|| site.root.join("output"));
            if let Err(e) = output::check_location(&site.root, &output) {
                return fail(e);
            }
            let sources = match fs::read_site(&site.root, &output) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            match gazette::build(&sources, &options) {
                Err(diagnostics) => {
                    print_diagnostics(&site.root, &diagnostics);
                    eprintln!("nothing was written to {}", output.display());
                    ExitCode::from(1)
                }
                Ok(built) => {
                    if !cli.quiet {
                        print_diagnostics(&site.root, &built.warnings);
                    }
                    match output::write_site(&output, &built.files) {
                        Err(e) => fail(e),
                        Ok(report) => {
                            if !cli.quiet {
                                println!(
                                    "built {} pages ({} files: {} written, {} unchanged, {} removed) into {} in {} ms",
                                    built.pages,
                                    built.files.len(),
                                    report.written,
                                    report.unchanged,
                                    report.deleted,
                                    output.display(),
                                    started.elapsed().as_millis()
                                );
                            }
                            if cli.verbose {
                                for (stage, took) in &built.timings {
                                    println!("  {stage}: {} ms", took.as_millis());
                                }
                                for path in built.files.keys() {
                                    println!("  {path}");
                                }
                            }
                            ExitCode::SUCCESS
                        }
                    }
                }
            }
        }
        Command::Check {
            site,
            format,
            deny_warnings,
        } => {
            let options = match site.options() {
                Ok(o) => o,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let sources = match fs::read_site(&site.root, &site.root.join("output")) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let (diagnostics, failed) = match gazette::build(&sources, &options) {
                Err(d) => (d, true),
                Ok(built) => {
                    let failed = deny_warnings && !built.warnings.is_empty();
                    (built.warnings, failed)
                }
            };
            match format {
                Format::Json => print_json(&diagnostics),
                Format::Github => print_github(&site.root, &diagnostics),
                Format::Human => {
                    print_diagnostics(&site.root, &diagnostics);
                    if !failed && !cli.quiet {
                        println!(
                            "no errors{}",
                            if diagnostics.is_empty() {
                                String::new()
                            } else {
                                format!(", {} warning(s)", diagnostics.len())
                            }
                        );
                    }
                }
            }
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
