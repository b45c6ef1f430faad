//! How long each stage of a build took (`build --verbose`).

/// Stage timings of one build.
pub(super) struct Clock {
    last: std::time::Instant,
    pub(super) laps: Vec<(&'static str, std::time::Duration)>,
}

impl Clock {
    pub(super) fn start() -> Self {
        Clock {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    pub(super) fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}
