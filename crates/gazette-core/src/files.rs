//! What a build makes: output files in memory, keyed by their path under the
//! output folder, shared between builds without copying.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::Arc;

/// The bytes of one output file, shared between builds without copying.
pub type Bytes = Arc<[u8]>;

/// Output files, keyed by path under the output folder.
pub type Files = BTreeMap<Arc<str>, Bytes>;

/// Output files made again, to put over the previous build's.
pub type Patch = Vec<(Arc<str>, Bytes)>;

/// Whether a relative output path stays inside the output folder.
pub fn is_contained(rel: &str) -> bool {
    !rel.is_empty()
        && std::path::Path::new(rel)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// The first output file inside `path` taken as a folder (`a/b` for `a`):
/// a file at `path` and files under it cannot both be written. Files sort
/// after their folder's name plus `/`, so one look finds it. (Any map keyed
/// by output path: the files, or their paths alone.)
pub fn first_inside<'a, V>(files: &'a BTreeMap<Arc<str>, V>, path: &str) -> Option<&'a str> {
    let folder = format!("{path}/");
    let (inside, _) = files
        .range::<str, _>((Bound::Included(folder.as_str()), Bound::Unbounded))
        .next()?;
    inside.starts_with(&folder).then_some(&**inside)
}
