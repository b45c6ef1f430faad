//! End-to-end tests: build sites with the real binary, parse what it wrote.

mod harness;

mod architecture;
mod authoring;
mod bad_sites;
mod build;
mod channels;
mod diagnostics;
mod editor_mistakes;
mod hardening;
mod hostile;
mod incremental;
mod languages;
mod live;
mod outputs;
mod photos;
mod publishing;
mod rules;
mod rules_content;
mod search;
mod theme;
