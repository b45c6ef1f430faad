//! The photo cache on disk, `.gazette-cache/images/` in the site: every
//! resized or cleaned photo by the key of its input and settings, so a new
//! `gazette build` re-encodes only photos that changed. Safe to delete; kept
//! out of git by the `.gitignore` that `init` writes.

use gazette_core::media::ImageStore;
use std::path::{Path, PathBuf};

/// Where the cache lives in a site.
pub const CACHE_DIR: &str = ".gazette-cache/images";

pub struct DiskStore {
    dir: PathBuf,
}

impl DiskStore {
    pub fn new(root: &Path) -> DiskStore {
        DiskStore {
            dir: root.join(CACHE_DIR),
        }
    }

    fn path(&self, key: u64) -> PathBuf {
        self.dir.join(format!("{key:016x}"))
    }
}

impl ImageStore for DiskStore {
    fn get(&self, key: u64) -> Option<Vec<u8>> {
        std::fs::read(self.path(key)).ok()
    }

    /// Best effort: a cache that cannot be written costs time, not the build.
    /// Written under a temporary name and renamed, so a reader never sees
    /// half a file.
    fn put(&self, key: u64, bytes: &[u8]) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let path = self.path(key);
        let temp = self
            .dir
            .join(format!(".{key:016x}.{}.tmp", std::process::id()));
        if std::fs::write(&temp, bytes).is_ok() && std::fs::rename(&temp, &path).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }
}
