//! The command line: arguments parsed once into options, one module per
//! command, and one place that turns a failure into a message and an exit code
//! (0 ok, 1 site errors, 2 usage).

/// `println!` that never panics: a closed pipe (`gazette serve | head`) must
/// not stop a server or a watch.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that never panics, likewise.
macro_rules! esay {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// On SIGINT or SIGTERM (Ctrl-C, `timeout`, a service manager), removes the
/// search index's staging folders, which live in memory, then exits as the
/// signal would have (128 + its number). Without a handler they would stay
/// until a reboot.
fn clean_up_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            gazette_search::staging::remove_all();
            std::process::exit(128 + signal);
        }
    });
}

mod build;
mod check;
mod init;
mod live;
mod new;
pub mod report;

use crate::io::Error;
use crate::BuildOptions;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "A static site generator for the publications of a consortium"
)]
pub struct Cli {
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
pub struct SiteArgs {
    /// The site's folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Build drafts too.
    #[arg(long)]
    drafts: bool,
    /// Build news scheduled after today too (`date` or `publish_date` later).
    #[arg(long)]
    future: bool,
    /// Override `base_url` from site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// The date that decides upcoming meetings and the current leading unit
    /// (default: GAZETTE_TODAY, else the local date).
    #[arg(long, value_parser = parse_date)]
    today: Option<chrono::NaiveDate>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
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
        /// A host name the preview may be reached by besides its address and
        /// localhost (a name on your network); repeatable.
        #[arg(long, value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// Create a new site with one item of each kind.
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
        /// Add the site to a folder that has files (none is replaced).
        #[arg(long)]
        force: bool,
        /// Where the site will be published (default: an example address,
        /// which `check` warns about until it is replaced).
        #[arg(long)]
        base_url: Option<String>,
        /// The site's main language: `zh` writes a Chinese site (its pages,
        /// examples and the theme's strings in Chinese).
        #[arg(long, default_value = "en")]
        language: String,
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
        /// For meetings: when it starts, `YYYY-MM-DDTHH:MM` (default: the
        /// date at 14:00).
        #[arg(long)]
        start: Option<String>,
        /// Write a page folder (`content/news/<name>/index.md`) to put the
        /// page's photos and files beside it.
        #[arg(long)]
        folder: bool,
        /// The page's address segment (default: from the title; a short
        /// number for a title in Chinese).
        #[arg(long)]
        slug: Option<String>,
        /// Write a translation of this source (with `--lang`), beside it.
        #[arg(long, requires = "lang", value_name = "PATH")]
        translation_of: Option<PathBuf>,
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

/// How the terminal should be spoken to, shared by every command.
#[derive(Clone, Copy)]
pub struct Output {
    pub quiet: bool,
    pub verbose: bool,
}

/// Why a command stopped: each maps to one message and one exit code.
pub enum Failure {
    /// Bad arguments (exit 2).
    Usage(String),
    /// The site or the disk (exit 1); already printed when `None`.
    Site(Option<Error>),
    /// A message with a hint (exit 1).
    Hinted { message: String, help: String },
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Site(Some(e))
    }
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD"))
}

impl SiteArgs {
    /// The build options, or a usage failure (a bad `GAZETTE_TODAY`).
    fn options(&self) -> Result<BuildOptions, Failure> {
        let today = match self.today {
            Some(d) => d,
            None => today()?,
        };
        Ok(BuildOptions {
            drafts: self.drafts,
            future: self.future,
            base_url: self.base_url.clone(),
            today,
        })
    }
}

/// The build's day: GAZETTE_TODAY when set (tests, reproducible builds),
/// else the local date. `init` and `new` date what they write by it too.
pub fn today() -> Result<chrono::NaiveDate, Failure> {
    match std::env::var("GAZETTE_TODAY") {
        Ok(env) if !env.is_empty() => {
            parse_date(&env).map_err(|e| Failure::Usage(format!("GAZETTE_TODAY: {e}")))
        }
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// Parses the arguments, runs the command, and picks the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    clean_up_on_signals();
    let out = Output {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let result = match cli.command {
        Command::Init {
            dir,
            force,
            base_url,
            language,
        } => init::run(&dir, force, base_url.as_deref(), &language, out),
        Command::New {
            kind,
            title,
            root,
            date,
            lang,
            supersedes,
            start,
            folder,
            slug,
            translation_of,
        } => new::run(new::Args {
            kind: &kind,
            title: &title,
            root: &root,
            date,
            lang: lang.as_deref(),
            supersedes: supersedes.as_deref(),
            start: start.as_deref(),
            folder,
            slug: slug.as_deref(),
            translation_of: translation_of.as_deref(),
        }),
        Command::Watch { site, output, poll } => {
            let output = output.unwrap_or_else(|| site.root.join("output"));
            live::watch(&site, output, poll, out)
        }
        Command::Serve {
            site,
            bind,
            port,
            open,
            poll,
            allow_host,
        } => live::serve(site, &bind, port, open, poll, &allow_host, out),
        Command::Build { site, output } => build::run(&site, output, out),
        Command::Check {
            site,
            format,
            deny_warnings,
        } => check::run(&site, format, deny_warnings, out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Site(None)) => ExitCode::from(1),
        Err(Failure::Site(Some(e))) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Hinted { message, help }) => {
            eprintln!("error: {message}");
            eprintln!("  = help: {help}");
            ExitCode::from(1)
        }
    }
}
