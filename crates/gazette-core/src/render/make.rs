//! Making one job's bytes, or taking them from the cache when nothing it
//! reads changed.

use super::{Cached, PageCache, Theme};
use crate::diag::{Code, Diagnostic};
use crate::fingerprint::{self, Fingerprint};
use crate::plan::{Job, Make};
use crate::site::{PerDoc, Site};
use crate::theme::{self, Read, TemplateData};
use rayon::prelude::*;

/// The fingerprint of everything a job reads, but for its template functions' reads.
pub(crate) fn job_fingerprint(job: &Job, site: u64, lib: &Site, views: &PerDoc<u64>) -> u64 {
    let mut f = Fingerprint::new().with(site).with(&job.path).with(job.key);
    for &d in &job.deps {
        f.push((&lib.docs[d].source, views[d]));
    }
    if let Make::Page { template, .. } = &job.make {
        f.push(template);
    }
    f.finish()
}

/// Makes one output file (or takes it from the cache when nothing it read changed).
pub(crate) fn make(
    job: &Job,
    fp: u64,
    theme: &Theme,
    cache: &PageCache,
    read_fingerprint: &(dyn Fn(&Read) -> u64 + Sync),
) -> Result<Cached, Diagnostic> {
    if let Some(c) = cache.entries.get(&job.path) {
        if c.fingerprint == fp && c.reads.iter().all(|(r, f)| read_fingerprint(r) == *f) {
            return Ok(Cached {
                fingerprint: fp,
                reads: c.reads.clone(),
                bytes: c.bytes.clone(),
            });
        }
    }
    let (bytes, reads) = match &job.make {
        Make::File(file) => (file.bytes(), vec![]),
        Make::Page {
            template,
            source,
            page,
        } => {
            let context = tera::Context::from_value(page.context())
                .map_err(|e| Diagnostic::error(Code::Template, source, theme::tera_message(&e)))?;
            let (html, reads) = theme::recording_reads(|| theme.tera.render(template, &context));
            let html = html.map_err(|e| {
                Diagnostic::error(
                    Code::Template,
                    source,
                    format!(
                        "rendering `{}` with `{template}` failed: {}",
                        job.path,
                        theme::tera_message(&e)
                    ),
                )
                .help("check the template against the context documented in the README")
            })?;
            let html = match theme.images.add_to(&html) {
                std::borrow::Cow::Owned(sized) => sized,
                std::borrow::Cow::Borrowed(_) => html,
            };
            (html.into_bytes(), reads)
        }
    };
    let reads = reads
        .into_iter()
        .map(|r| {
            let f = read_fingerprint(&r);
            (r, f)
        })
        .collect();
    Ok(Cached {
        fingerprint: fp,
        reads,
        bytes: bytes.into(),
    })
}

/// Makes jobs on every core.
pub(crate) fn make_all(
    jobs: &[Job],
    site: u64,
    lib: &Site,
    views: &PerDoc<u64>,
    theme: &Theme,
    cache: &PageCache,
) -> Vec<Result<Cached, Diagnostic>> {
    let reads = read_fingerprint(&theme.data, lib, views);
    jobs.par_iter()
        .map(|job| {
            make(
                job,
                job_fingerprint(job, site, lib, views),
                theme,
                cache,
                &reads,
            )
        })
        .collect()
}

pub(crate) fn read_fingerprint<'v>(
    data: &'v TemplateData,
    lib: &'v Site,
    views: &'v PerDoc<u64>,
) -> impl Fn(&Read) -> u64 + Sync + 'v {
    move |read: &Read| match data.resolve(read) {
        Some(i) => fingerprint::of((&lib.docs[i].source, views[i])),
        None => 0,
    }
}
