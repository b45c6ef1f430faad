//! The `gazette` command: parse arguments, call the library, print the report,
//! pick the exit code (0 ok, 1 site errors, 2 usage).

use clap::{Parser, Subcommand, ValueEnum};
use gazette::error::{Diagnostic, Error};
use gazette::{fs, output, BuildOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
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
    Json,
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

fn fail(e: Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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
