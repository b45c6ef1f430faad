//! `images:` in `site.yaml`: the widths photos are resized to, the quality of
//! lossy copies, WebP or not, whether metadata is kept, and the size limit.

use super::CONFIG_FILE;
use crate::diag::{Code, Diagnostic};
use crate::frontmatter::Yaml;
use serde::Deserialize;

/// How the site's raster images are published.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageSettings {
    /// Widths of the resized copies, ascending; never wider than the photo.
    pub widths: Vec<u32>,
    /// Quality of lossy copies (JPEG, WebP), 1–100.
    pub quality: u8,
    /// Whether resized copies are also written as WebP.
    pub webp: bool,
    /// Publish originals with their EXIF, XMP and IPTC (GPS included).
    pub keep_metadata: bool,
    /// Images with more pixels are refused (decompression bombs).
    pub max_pixels: u64,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            quality: 80,
            webp: true,
            keep_metadata: false,
            max_pixels: 50_000_000,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImages {
    widths: Option<Vec<u32>>,
    quality: Option<u8>,
    formats: Option<Vec<String>>,
    keep_metadata: Option<bool>,
    max_pixels: Option<u64>,
}

pub(super) const KEYS: &[&str] = &[
    "widths",
    "quality",
    "formats",
    "keep_metadata",
    "max_pixels",
];

/// Checks `images:`: widths between 16 and 8192, quality 1–100, known formats.
pub(super) fn check(raw: RawImages, yaml: &Yaml, errors: &mut Vec<Diagnostic>) -> ImageSettings {
    let mut fail = |key: &str, message: String, help: &str| {
        errors.push(
            Diagnostic::error(Code::InvalidValue, CONFIG_FILE, message)
                .at_pos(yaml.locate(&["images", key], None))
                .help(help),
        )
    };
    let mut settings = ImageSettings::default();
    if let Some(mut widths) = raw.widths {
        if widths.iter().any(|w| !(16..=8192).contains(w)) {
            fail(
                "widths",
                "`images.widths`: each width must be between 16 and 8192 pixels".into(),
                "for example `widths: [480, 960, 1600]`",
            );
        }
        widths.sort_unstable();
        widths.dedup();
        settings.widths = widths;
    }
    if let Some(q) = raw.quality {
        if !(1..=100).contains(&q) {
            fail(
                "quality",
                format!("`images.quality`: {q} is not between 1 and 100"),
                "80 keeps photos sharp at a third of their size",
            );
        }
        settings.quality = q.clamp(1, 100);
    }
    if let Some(formats) = raw.formats {
        settings.webp = false;
        for f in formats {
            match f.to_ascii_lowercase().as_str() {
                "webp" => settings.webp = true,
                _ => fail(
                    "formats",
                    format!("`images.formats`: `{f}` is not a format gazette writes"),
                    "write `formats: [webp]`, or `formats: []` for the original format only",
                ),
            }
        }
    }
    settings.keep_metadata = raw.keep_metadata.unwrap_or(false);
    if let Some(max) = raw.max_pixels {
        settings.max_pixels = max.max(1);
    }
    settings
}
