//! A site in memory for the core's unit tests: sources written by hand,
//! built without a disk.

use crate::config::Config;
use crate::site::{DocId, MarkdownCache, Site};
use crate::source::Sources;
use crate::{BuildOptions, Builder, Built};
use std::sync::Arc;

pub const TODAY: &str = "2026-11-24";

/// A site being written for a test: `site.yaml` and one member to start.
pub struct TestSite {
    pub sources: Sources,
}

impl TestSite {
    pub fn new() -> TestSite {
        TestSite {
            sources: Sources::default(),
        }
        .config("title: Test\nbase_url: https://example.org/alliance/\nlanguages: [zh]\ntimezone: Asia/Shanghai\nsearch: false\n")
        .file("content/members/alpha.md", "---\ntitle: Alpha Association\n---\nA member.\n")
    }

    pub fn config(mut self, text: &str) -> TestSite {
        self.sources.config = Some(text.as_bytes().to_vec());
        self
    }

    pub fn file(mut self, path: &str, text: &str) -> TestSite {
        self.sources
            .content
            .insert(path.to_string(), text.as_bytes().to_vec());
        self
    }

    pub fn options() -> BuildOptions {
        BuildOptions {
            drafts: false,
            future: false,
            base_url: None,
            today: TODAY.parse().expect("date"),
        }
    }

    pub fn build(&self) -> Result<Built, Vec<crate::diag::Diagnostic>> {
        Builder::default().build(&self.sources, &TestSite::options())
    }

    /// The output file at `path`, as text; panics with the errors on a failed build.
    pub fn page(&self, path: &str) -> String {
        let built = self.build().unwrap_or_else(|e| panic!("{e:#?}"));
        let bytes = built.files.get(path).unwrap_or_else(|| {
            panic!(
                "no {path} among {:?}",
                built.files.keys().collect::<Vec<_>>()
            )
        });
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    /// The parsed site and its configuration.
    pub fn site(&self) -> (Arc<Config>, Arc<Site>) {
        let text =
            crate::source::decode(self.sources.config.as_deref().expect("config")).expect("UTF-8");
        let config = crate::config::parse(text).expect("site.yaml parses");
        let settings = config.parse_settings();
        let docs = self
            .sources
            .content
            .iter()
            .map(|(path, bytes)| {
                let text = crate::source::decode(bytes).expect("UTF-8");
                Arc::new(crate::content::parse(path, text, &settings).expect("parses"))
            })
            .collect();
        let site = Site::build(
            docs,
            &config,
            &Default::default(),
            Default::default(),
            &mut MarkdownCache::default(),
        )
        .unwrap_or_else(|e| panic!("{e:#?}"));
        (Arc::new(config), Arc::new(site))
    }
}

/// The id of the document built from `source`.
pub fn id(site: &Site, source: &str) -> DocId {
    site.by_source[source]
}
