//! 64-bit fingerprints of build inputs, to tell what changed between two builds.
//! Not cryptographic: a collision would only make watch skip one re-render.

use std::hash::{DefaultHasher, Hash, Hasher};

/// Accumulates a fingerprint from several parts.
#[derive(Default)]
pub struct Fingerprint(DefaultHasher);

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
        self.0.finish()
    }
}

/// The fingerprint of one hashable value.
pub fn of(part: impl Hash) -> u64 {
    Fingerprint::new().with(part).finish()
}
