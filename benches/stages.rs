//! In-process benchmarks of the build stages on a generated corpus.
//!
//! `GAZETTE_BENCH_SITE=/tmp/c10k cargo bench --bench stages` (a site made by
//! `scripts/gen_corpus.py`); without the variable a 1,000-page corpus
//! is generated into a temporary folder (needs python3).
//!
//! - `full build`: sources in memory → every output file in memory;
//! - `rebuild after one news edit`: what `watch` does after a save to a news
//!   item's text, minus I/O (only the pages showing it are planned again);
//! - `rebuild after one member edit`: the same for a page many others name;
//! - `full rebuild after one … edit`: the same edits with the whole site planned
//!   again, as after an edit that moves a document.

use criterion::{criterion_group, criterion_main, Criterion};
use gazette::{BuildOptions, Builder};
use std::path::PathBuf;

fn corpus() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Ok(dir) = std::env::var("GAZETTE_BENCH_SITE") {
        return (PathBuf::from(dir), None);
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/gen_corpus.py");
    let status = std::process::Command::new("python3")
        .arg(script)
        .args(["--pages", "1000", "--out"])
        .arg(&site)
        .status()
        .expect("python3");
    assert!(status.success(), "gen_corpus.py failed");
    (site, Some(tmp))
}

fn options() -> BuildOptions {
    BuildOptions {
        drafts: false,
        future: false,
        base_url: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
    }
}

fn first_of(sources: &gazette_core::source::Sources, folder: &str) -> String {
    sources
        .content
        .keys()
        .find(|k| k.starts_with(folder))
        .expect("a source in the folder")
        .clone()
}

fn stages(c: &mut Criterion) {
    let (root, _keep) = corpus();
    let mut sources = gazette::io::read::read_site(&root, &root.join("output")).expect("read");
    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    group.bench_function("full build", |b| {
        b.iter(|| gazette::build(&sources, &options()).expect("builds"))
    });
    for (name, folder) in [("news", "content/news/"), ("member", "content/members/")] {
        let path = first_of(&sources, folder);
        let original = sources.content[&path].clone();
        // As `watch` builds: the search index in the background, only the
        // changed source named.
        let mut builder = Builder::with_deferred_search();
        builder.build(&sources, &options()).expect("builds");
        let mut n = 0u64;
        group.bench_function(format!("rebuild after one {name} edit"), |b| {
            b.iter(|| {
                n += 1;
                let mut edited = original.clone();
                edited.extend_from_slice(format!("\nEdit {n}.\n").as_bytes());
                sources.content.insert(path.clone(), edited);
                builder
                    .rebuild(&sources, &options(), std::slice::from_ref(&path))
                    .expect("builds")
            })
        });
        // The same edit when the whole site is planned again (what an edit
        // that moves a document costs).
        group.bench_function(format!("full rebuild after one {name} edit"), |b| {
            b.iter(|| {
                n += 1;
                let mut edited = original.clone();
                edited.extend_from_slice(format!("\nEdit {n}.\n").as_bytes());
                sources.content.insert(path.clone(), edited);
                builder.build(&sources, &options()).expect("builds")
            })
        });
        sources.content.insert(path, original);
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
