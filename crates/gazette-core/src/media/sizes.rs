//! The intrinsic size of the site's images, written into every `<img>` a
//! template shows (a logo, a member's emblem), so a page reserves the space
//! before the image loads (no layout shift). Photos in Markdown get theirs
//! with their `srcset` (`markdown::pictures`).

use super::Media;
use crate::config::Config;
use std::borrow::Cow;
use std::collections::HashMap;

/// URL path (with the base path) → width and height in CSS pixels.
#[derive(Debug, Default)]
pub struct ImageSizes(HashMap<String, (u32, u32)>);

impl ImageSizes {
    /// The sizes of `static/` and the theme's images as shown (a photo's
    /// EXIF orientation applied). Page folders' photos are left out: only
    /// their page shows them, through its Markdown, so a changed photo
    /// re-renders that page only.
    pub fn of(config: &Config, media: &Media) -> ImageSizes {
        ImageSizes(
            media
                .files
                .iter()
                .filter(|(_, f)| !f.source.starts_with("content/"))
                .filter_map(|(path, f)| Some((crate::urls::url_path(config, path), f.size()?)))
                .collect(),
        )
    }

    /// Changes whenever a size changes: pages showing images are made again.
    pub fn key(&self) -> u64 {
        let mut all: Vec<_> = self.0.iter().collect();
        all.sort();
        crate::fingerprint::of(all)
    }

    /// `html` with `width` and `height` on each `<img>` of a known image that has none.
    pub fn add_to<'a>(&self, html: &'a str) -> Cow<'a, str> {
        if self.0.is_empty() || !html.contains("<img ") {
            return html.into();
        }
        let mut out = String::with_capacity(html.len() + 256);
        let mut rest = html;
        while let Some(start) = rest.find("<img ") {
            let Some(len) = rest[start..].find('>') else {
                break;
            };
            let tag = &rest[start..start + len];
            out.push_str(&rest[..start]);
            match self.size_for(tag) {
                Some((w, h)) if !tag.contains(" width=") && !tag.contains(" height=") => {
                    let body = tag.strip_suffix('/').unwrap_or(tag).trim_end();
                    out.push_str(&format!("{body} width=\"{w}\" height=\"{h}\""));
                    if tag.ends_with('/') {
                        out.push_str(" /");
                    }
                }
                _ => out.push_str(tag),
            }
            rest = &rest[start + len..];
        }
        out.push_str(rest);
        out.into()
    }

    fn size_for(&self, tag: &str) -> Option<(u32, u32)> {
        let src = tag.split(" src=\"").nth(1)?.split('"').next()?;
        let src = src.split(['?', '#']).next()?.replace("&amp;", "&");
        let decoded = percent_encoding::percent_decode_str(&src)
            .decode_utf8()
            .ok()?;
        self.0
            .get(decoded.as_ref())
            .or_else(|| self.0.get(&src))
            .copied()
    }
}

/// The largest width or height an image published as it is may claim: more
/// than any screen or print shows, within what a `width` attribute holds.
pub const MAX_SIDE: f64 = 100_000.0;

/// A size an SVG claims that no page can use (`width="1e308"`): what is
/// wrong and the byte offset of the attribute's value in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct AbsurdSize {
    pub message: String,
    pub offset: usize,
}

/// An SVG's size: its `width` and `height` in pixels (or unitless), else its
/// `viewBox`; an error for a size beyond [`MAX_SIDE`] or not a number.
pub(super) fn svg_size(bytes: &[u8]) -> Result<Option<(u32, u32)>, AbsurdSize> {
    let Some(text) = bytes
        .get(..bytes.len().min(4096))
        .and_then(|b| std::str::from_utf8(b).ok())
    else {
        return Ok(None);
    };
    let Some(start) = text.find("<svg") else {
        return Ok(None);
    };
    let Some(end) = text[start..].find('>') else {
        return Ok(None);
    };
    let tag = &text[start..start + end];
    // The value of an attribute and its offset in the file.
    let attr = |name: &str| -> Option<(&str, usize)> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some((tag[at..].split('"').next()?, start + at))
    };
    let px = |(v, offset): (&str, usize)| -> Result<Option<u32>, AbsurdSize> {
        let n = v.strip_suffix("px").unwrap_or(v).trim();
        match n.parse::<f64>() {
            Ok(n) if n > MAX_SIDE || n.is_nan() => Err(AbsurdSize {
                message: format!(
                    "this SVG says it is `{v}` pixels wide or high: no page can show that"
                ),
                offset,
            }),
            Ok(n) if n > 0.0 => Ok(Some(n.round() as u32)),
            _ => Ok(None),
        }
    };
    let width = attr("width").map(px).transpose()?.flatten();
    let height = attr("height").map(px).transpose()?.flatten();
    if let (Some(w), Some(h)) = (width, height) {
        return Ok(Some((w, h)));
    }
    let Some((view_box, offset)) = attr("viewBox") else {
        return Ok(None);
    };
    let parts: Vec<f64> = view_box
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match parts[..] {
        [_, _, w, h] if w > MAX_SIDE || h > MAX_SIDE => Err(AbsurdSize {
            message: format!("this SVG's viewBox `{view_box}` is larger than any page can show"),
            offset,
        }),
        [_, _, w, h] if w > 0.0 && h > 0.0 => Ok(Some((w.round() as u32, h.round() as u32))),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> ImageSizes {
        ImageSizes(
            [
                ("/alliance/images/a.png".to_string(), (640, 480)),
                ("/alliance/images/党建.svg".to_string(), (120, 40)),
            ]
            .into_iter()
            .collect(),
        )
    }

    #[test]
    fn images_get_their_size_once() {
        let s = sizes();
        assert_eq!(
            s.add_to("<p><img src=\"/alliance/images/a.png\" alt=\"A\"></p>"),
            "<p><img src=\"/alliance/images/a.png\" alt=\"A\" width=\"640\" height=\"480\"></p>"
        );
        assert_eq!(
            s.add_to("<img src=\"/alliance/images/%E5%85%9A%E5%BB%BA.svg\" alt=\"\" />"),
            "<img src=\"/alliance/images/%E5%85%9A%E5%BB%BA.svg\" alt=\"\" width=\"120\" height=\"40\" />"
        );
        // Sized already, or unknown: left alone.
        for html in [
            "<img src=\"/alliance/images/a.png\" width=\"10\" alt=\"\">",
            "<img src=\"https://example.org/x.png\" alt=\"\">",
            "<img src=\"/alliance/images/a.png\" alt=\"unclosed\"",
        ] {
            assert_eq!(s.add_to(html), html);
        }
    }

    #[test]
    fn svg_sizes_come_from_attributes_or_the_view_box() {
        assert_eq!(
            svg_size(b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64px\" height=\"32\">"),
            Ok(Some((64, 32)))
        );
        assert_eq!(
            svg_size(b"<?xml version=\"1.0\"?><svg viewBox=\"0 0 800 450\">"),
            Ok(Some((800, 450)))
        );
        assert_eq!(svg_size(b"<svg width=\"100%\" height=\"100%\">"), Ok(None));
    }

    #[test]
    fn absurd_svg_sizes_are_errors_at_their_attribute() {
        let svg = b"<svg\n  width=\"1e308\" height=\"10\">";
        let absurd = svg_size(svg).unwrap_err();
        assert_eq!(&svg[absurd.offset..absurd.offset + 5], b"1e308");
        assert!(absurd.message.contains("`1e308`"), "{}", absurd.message);
        assert!(svg_size(b"<svg height=\"NaN\" width=\"1\">").is_err());
        assert!(svg_size(b"<svg viewBox=\"0 0 1e9 5\">").is_err());
        assert_eq!(
            svg_size(b"<svg width=\"100000\" height=\"1\">"),
            Ok(Some((100_000, 1)))
        );
    }
}
