//! `brand:` in `site.yaml`: the default theme's logo, tab icon, accent colour
//! and home-page picture, checked.

use super::CONFIG_FILE;
use crate::diag::{Code, Diagnostic};
use crate::frontmatter::Yaml;
use serde::Deserialize;

/// The site's look in the default theme: `brand:` in `site.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Brand {
    /// A path under the site (`/images/logo.svg`), shown in the header.
    pub logo: Option<String>,
    /// The tab icon; the logo's when not given, else the theme's.
    pub favicon: Option<String>,
    /// A CSS colour `#rrggbb` for the header's rule, links and marks.
    pub accent: Option<String>,
    /// A picture for the home page's introduction: path and alt text.
    pub hero_image: Option<(String, String)>,
    /// The picture a shared link shows for pages without one of their own
    /// (`og:image`); a raster, as WeChat and others ignore SVG.
    pub share_image: Option<String>,
}

pub(super) const KEYS: &[&str] = &["logo", "favicon", "accent", "hero_image", "share_image"];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBrand {
    logo: Option<String>,
    favicon: Option<String>,
    accent: Option<String>,
    hero_image: Option<RawHeroImage>,
    share_image: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeroImage {
    src: String,
    alt: Option<String>,
}

/// Checks `brand:`: site paths for pictures, a hex colour, an alt text.
pub(super) fn check(raw: RawBrand, yaml: &Yaml, errors: &mut Vec<Diagnostic>) -> Brand {
    let mut fail = |key: &str, value: &str, message: String, help: &str| {
        errors.push(
            Diagnostic::error(Code::InvalidValue, CONFIG_FILE, message)
                .at_pos(yaml.locate(&["brand", key], Some(value)))
                .help(help),
        )
    };
    let mut path = |key: &str, value: Option<String>| {
        let value = value?;
        if !value.starts_with('/') || value.starts_with("//") || value.contains(char::is_whitespace)
        {
            fail(
                key,
                &value,
                format!("`brand.{key}`: `{value}` is not a path under the site"),
                "write the path of a file under static/, e.g. `/images/logo.svg`",
            );
            return None;
        }
        Some(value)
    };
    let logo = path("logo", raw.logo);
    let favicon = path("favicon", raw.favicon);
    let share_image = path("share_image", raw.share_image);
    let hero_image = raw.hero_image.and_then(|h| {
        let src = path("hero_image", Some(h.src))?;
        Some((src, h.alt.unwrap_or_default()))
    });
    if let Some((src, alt)) = &hero_image {
        if alt.trim().is_empty() {
            fail(
                "hero_image",
                src,
                "`brand.hero_image` needs an `alt` text".into(),
                "describe the picture: `hero_image: { src: /images/x.jpg, alt: What it shows }`",
            );
        }
    }
    let accent = raw.accent.filter(|a| {
        let hex = a.strip_prefix('#').unwrap_or("");
        let ok = (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            fail(
                "accent",
                a,
                format!("`brand.accent`: `{a}` is not a colour"),
                "write a hex colour in quotes, e.g. `accent: \"#8a1c1c\"`",
            );
        }
        ok
    });
    Brand {
        logo,
        favicon,
        accent,
        hero_image,
        share_image,
    }
}
