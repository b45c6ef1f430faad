//! 64-bit fingerprints of build inputs, to tell what changed between two builds.
//! Not cryptographic: a collision would only make watch skip one re-render.
//! XXH3 because a rebuild fingerprints every source (tens of megabytes) and
//! SipHash alone would take most of the 50 ms an edit may cost.

use std::hash::{Hash, Hasher};
use xxhash_rust::xxh3::Xxh3Default;

/// Accumulates a fingerprint from several parts.
#[derive(Default, Clone)]
pub struct Fingerprint(Xxh3Default);

impl Fingerprint {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, part: impl Hash) -> Self {
        part.hash(&mut self.0);
        self
    }

    pub fn push(&mut self, part: impl Hash) {
        part.hash(&mut self.0);
    }

    pub fn finish(&self) -> u64 {
        Hasher::finish(&self.0)
    }
}

/// The fingerprint of one hashable value.
pub fn of(part: impl Hash) -> u64 {
    Fingerprint::new().with(part).finish()
}
