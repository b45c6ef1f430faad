//! End-to-end tests: build sites with the real binary, parse what it wrote.

mod harness;

mod build;
mod diagnostics;
mod incremental;
mod live;
mod outputs;
