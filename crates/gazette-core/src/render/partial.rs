//! A partial render: on the kept plan, plan and make again only the jobs
//! that show a changed document.

use super::full::alias_pages;
use super::make::make_all;
use super::{PageCache, Theme};
use crate::diag::Diagnostic;
use crate::files::Patch;
use crate::plan::{
    own_fingerprint, reference_fingerprint, view_fingerprint, Job, Origin, Plan, Planner,
};
use crate::site::DocId;
use crate::source::Sources;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Re-plans and re-renders only the jobs that show a changed document, on the
/// kept plan; everything else is the previous build's. Returns the outputs it
/// made (some may be unchanged); no output goes away when no shape changes.
pub(crate) fn render_changes(
    renderer: &Planner,
    theme: &Theme,
    sources: &Sources,
    plan: &mut Plan,
    cache: &mut PageCache,
    changed: &[DocId],
) -> Result<Patch, Vec<Diagnostic>> {
    let (config, lib) = (renderer.config, renderer.lib);
    // Documents whose views changed: the changed ones and those that show them.
    // Those show only its front matter: a change to its text alone stays on
    // its own pages.
    let mut own = plan.own.clone();
    let mut refs = plan.refs.clone();
    let mut affected: Vec<DocId> = Vec::new();
    for &c in changed {
        own[c] = own_fingerprint(lib, c);
        let r = reference_fingerprint(lib, c);
        if r != refs[c] {
            refs[c] = r;
            affected.extend(&plan.referrers[c]);
        }
        affected.push(c);
    }
    affected.sort_unstable();
    affected.dedup();
    let mut views = plan.views.clone();
    for &a in &affected {
        views[a] = view_fingerprint(lib, &own, &refs, a);
    }
    let affected: HashSet<DocId> = affected.into_iter().collect();
    let mut dirty: HashSet<u32> = affected
        .iter()
        .flat_map(|&a| plan.by_doc[a].iter().copied())
        .collect();
    for &id in &plan.reading {
        let reads = cache
            .entries
            .get(&plan.jobs[id as usize].path)
            .map_or(&[][..], |c| &c.reads[..]);
        if reads
            .iter()
            .any(|(r, _)| theme.data.resolve(r).is_some_and(|i| affected.contains(&i)))
        {
            dirty.insert(id);
        }
    }
    let mut parts: Vec<(usize, &Origin)> = dirty
        .iter()
        .map(|&id| {
            let p = &plan.jobs[id as usize];
            (p.lang, &p.origin)
        })
        .collect();
    parts.sort_unstable();
    parts.dedup();
    let dirty_paths: HashSet<&str> = dirty
        .iter()
        .map(|&id| plan.jobs[id as usize].path.as_str())
        .collect();
    let jobs: Vec<Job> = parts
        .into_iter()
        .flat_map(|(lang, origin)| renderer.plan(&plan.indexes[lang], origin, &theme.data.strings))
        .filter(|job| dirty_paths.contains(job.path.as_str()))
        .collect();
    let made = make_all(&jobs, plan.site, lib, &views, theme, cache);
    let mut errors = Vec::new();
    let mut done = Vec::with_capacity(made.len());
    for (job, m) in jobs.iter().zip(made) {
        match m {
            Ok(cached) => done.push((job.path.clone(), cached)),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    drop(jobs);
    let job_ids: HashMap<&str, u32> = dirty
        .iter()
        .map(|&id| (plan.jobs[id as usize].path.as_str(), id))
        .collect();
    let mut newly_reading = Vec::new();
    let mut patch = Vec::with_capacity(done.len());
    for (path, cached) in done {
        if !cached.reads.is_empty() {
            newly_reading.extend(job_ids.get(path.as_str()).copied());
        }
        patch.push((Arc::from(path.as_str()), cached.bytes.clone()));
        cache.entries.insert(path, cached);
    }
    for id in newly_reading {
        if !plan.reading.contains(&id) {
            plan.reading.push(id);
        }
    }
    for &c in changed {
        patch.extend(
            alias_pages(config, &lib.docs[c])
                .into_iter()
                .map(|(path, bytes)| (path.into(), bytes)),
        );
    }
    // Static files win over pages and alias pages at the same path, as in a
    // full build (which writes them last).
    let is_static = |path: &str| {
        sources.static_files.contains_key(path)
            || theme.files.contains_key(&format!("static/{path}"))
    };
    patch.retain(|(path, _)| !is_static(path));
    plan.own = own;
    plan.refs = refs;
    plan.views = views;
    Ok(patch)
}
