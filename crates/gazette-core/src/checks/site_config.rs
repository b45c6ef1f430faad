//! Warnings about `site.yaml` itself: the example address left in, a
//! mainland site without its filing numbers, the leading units' terms.

use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::source::Sources;

/// Where `keys` are in `site.yaml`, for a warning's position.
fn position_of(sources: &Sources, keys: &[&str]) -> crate::diag::Position {
    let text = sources
        .config
        .as_deref()
        .and_then(crate::source::decode)
        .unwrap_or("");
    crate::frontmatter::Yaml {
        path: crate::config::CONFIG_FILE,
        text,
        first_line: 1,
    }
    .locate(keys, None)
}

/// `base_url` still the address `gazette init` wrote: every permalink, feed
/// and calendar would point at someone else's site.
pub(super) fn example_base_url(config: &Config, sources: &Sources) -> Vec<Diagnostic> {
    if config.base_url != crate::scaffold::EXAMPLE_BASE_URL {
        return vec![];
    }
    let position = position_of(sources, &["base_url"]);
    vec![Diagnostic::warning(
        Code::ExampleBaseUrl,
        crate::config::CONFIG_FILE,
        format!("`base_url` is still the example address {}", config.base_url),
    )
    .at_pos(position)
    .help("set the address the site will be published at, such as `https://consortium.org.cn/`; `gazette init --base-url URL` writes it for a new site")]
}

/// A site in Chinese at a `.cn` or `.中国` address, which is hosted in
/// mainland China and must show its filing numbers, without `beian:`.
pub(super) fn missing_beian(config: &Config, sources: &Sources) -> Vec<Diagnostic> {
    let chinese = config.language.split('-').next() == Some("zh");
    if !chinese || !config.beian.is_empty() || !crate::config::is_mainland_domain(&config.base_url)
    {
        return vec![];
    }
    vec![Diagnostic::warning(
        Code::Beian,
        crate::config::CONFIG_FILE,
        format!("{} is a mainland address, but site.yaml has no `beian:` filing numbers", config.base_url),
    )
    .at_pos(position_of(sources, &["base_url"]))
    .localized(crate::diag::messages::MISSING_BEIAN, &[("url", &config.base_url)])
    .help("add `beian: { icp: 皖ICP备2024012345号-1, police: 皖公网安备34010402000001号 }` with your site's numbers: a site hosted in mainland China must show them at the bottom of its pages")]
}

/// Gaps and overlaps between the leading units' terms.
pub(super) fn rotation(config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let terms = &config.leading_units;
    for pair in terms.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        match a.to {
            Some(to) if b.from <= to => out.push(
                Diagnostic::warning(
                    Code::RotationOverlap,
                    crate::config::CONFIG_FILE,
                    format!("the terms of `{}` and `{}` overlap", a.member, b.member),
                )
                .at_pos(b.position)
                .help("a term should start after the previous one ends"),
            ),
            Some(to) if to.succ_opt().is_some_and(|next| next < b.from) => out.push(
                Diagnostic::warning(
                    Code::RotationGap,
                    crate::config::CONFIG_FILE,
                    format!("no leading unit between {} and {}", to, b.from),
                )
                .at_pos(b.position)
                .help("start each term the day after the previous one ends"),
            ),
            None => out.push(
                Diagnostic::warning(
                    Code::RotationOverlap,
                    crate::config::CONFIG_FILE,
                    format!("the term of `{}` has no end but another follows", a.member),
                )
                .at_pos(a.position)
                .help("give the earlier term a `to:` date"),
            ),
            _ => {}
        }
    }
    out
}
