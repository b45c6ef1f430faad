//! gazette's image pipeline, on bytes only (no disk, no site): what a photo
//! measures as shown, the photo as published (metadata removed, turned
//! upright) and its resized copies in JPEG, PNG or lossy WebP.
//!
//! A phone stores a portrait photo as landscape pixels with an EXIF
//! `Orientation` tag and writes where it was taken into the same EXIF block.
//! Publishing it byte for byte leaks the place and gives the page the wrong
//! size; this crate publishes the pixels upright and the metadata gone.

mod strip;

use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader};
use std::io::Cursor;

pub use strip::strip_metadata;

/// The raster formats the pipeline reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    /// From a file name's extension, case-insensitively.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    fn of_image(self) -> image::ImageFormat {
        match self {
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Png => image::ImageFormat::Png,
            Format::Webp => image::ImageFormat::WebP,
        }
    }
}

/// What a photo measures as shown: its EXIF orientation applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Probe {
    pub width: u32,
    pub height: u32,
    /// Whether the stored pixels must turn (or flip) to be shown upright.
    pub turned: bool,
}

/// Bounds against decompression bombs: a few kilobytes that claim to be a
/// gigapixel image would take gigabytes to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    pub max_pixels: u64,
}

/// Why an image cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The header does not parse as the format its extension names.
    Unreadable(String),
    /// More pixels than [`Limits::max_pixels`]: width, height.
    TooLarge(u32, u32),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Unreadable(why) => write!(f, "cannot be read as an image: {why}"),
            Problem::TooLarge(w, h) => write!(
                f,
                "{w}×{h} pixels ({:.0} megapixels) is more than an image may have",
                (*w as f64) * (*h as f64) / 1e6
            ),
        }
    }
}

fn decoder(bytes: &[u8], format: Format) -> Result<impl ImageDecoder + '_, Problem> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.of_image());
    let mut limits = image::Limits::default();
    // The size itself is checked against `Limits` by the caller; this bounds
    // what a decoder may allocate for metadata or a lying header.
    limits.max_alloc = Some(1 << 31);
    reader.limits(limits);
    reader
        .into_decoder()
        .map_err(|e| Problem::Unreadable(e.to_string()))
}

fn turns(orientation: image::metadata::Orientation) -> bool {
    orientation != image::metadata::Orientation::NoTransforms
}

fn swaps_sides(orientation: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation::*;
    matches!(
        orientation,
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH
    )
}

/// Reads the header only: the size as shown, without decoding the pixels.
pub fn probe(bytes: &[u8], format: Format, limits: Limits) -> Result<Probe, Problem> {
    let mut decoder = decoder(bytes, format)?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(Problem::Unreadable("the image has no pixels".into()));
    }
    if u64::from(w) * u64::from(h) > limits.max_pixels {
        return Err(Problem::TooLarge(w, h));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let (width, height) = if swaps_sides(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    Ok(Probe {
        width,
        height,
        turned: turns(orientation),
    })
}

/// A photo decoded and turned upright, ready to be resized and encoded.
pub struct Upright {
    image: DynamicImage,
    icc: Option<Vec<u8>>,
}

impl Upright {
    pub fn width(&self) -> u32 {
        self.image.width()
    }

    pub fn height(&self) -> u32 {
        self.image.height()
    }
}

/// Decodes a photo (after [`probe`] accepted its size) and applies its orientation.
pub fn decode(bytes: &[u8], format: Format) -> Result<Upright, Problem> {
    let mut decoder = decoder(bytes, format)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|e| Problem::Unreadable(e.to_string()))?;
    image.apply_orientation(orientation);
    // Eight bits per channel, with alpha only where the image has it: what
    // the resizer and every encoder here take.
    let image = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    Ok(Upright { image, icc })
}

/// The photo as published at full size: byte for byte less its metadata
/// when it needs no turning (no quality lost), else re-encoded upright.
/// `keep_metadata` publishes the bytes unchanged.
pub fn publish_original(
    bytes: &[u8],
    format: Format,
    quality: u8,
    keep_metadata: bool,
) -> Result<Vec<u8>, Problem> {
    if keep_metadata {
        return Ok(bytes.to_vec());
    }
    let turned = decoder(bytes, format)?
        .orientation()
        .map(turns)
        .unwrap_or(false);
    if !turned {
        if let Some(stripped) = strip_metadata(bytes, format) {
            return Ok(stripped);
        }
    }
    let upright = decode(bytes, format)?;
    // The full-size copy is what a reader downloads: keep it close to the original.
    encode(&upright, &upright.image, format, quality.max(90))
}

/// The photo at `width` pixels wide (never wider than it is), in `format`.
pub fn resized(
    upright: &Upright,
    width: u32,
    format: Format,
    quality: u8,
) -> Result<Vec<u8>, Problem> {
    let width = width.min(upright.width()).max(1);
    if width == upright.width() {
        return encode(upright, &upright.image, format, quality);
    }
    let height = scaled_height(upright.width(), upright.height(), width);
    let mut target = DynamicImage::new(width, height, upright.image.color());
    let options = fast_image_resize::ResizeOptions::new().resize_alg(
        fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3),
    );
    fast_image_resize::Resizer::new()
        .resize(&upright.image, &mut target, &options)
        .map_err(|e| Problem::Unreadable(e.to_string()))?;
    encode(upright, &target, format, quality)
}

/// The height of an image `width`×`height` scaled to `to` pixels wide, rounded.
pub fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width)).max(1) as u32
}

fn encode(
    upright: &Upright,
    image: &DynamicImage,
    format: Format,
    quality: u8,
) -> Result<Vec<u8>, Problem> {
    let failed = |e: image::ImageError| Problem::Unreadable(e.to_string());
    let mut out = Vec::new();
    let (w, h) = (image.width(), image.height());
    match format {
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            let mut encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100));
            if let Some(icc) = &upright.icc {
                let _ = encoder.set_icc_profile(icc.clone());
            }
            encoder
                .write_image(&rgb, w, h, image::ExtendedColorType::Rgb8)
                .map_err(failed)?;
        }
        Format::Png => {
            let mut encoder = image::codecs::png::PngEncoder::new(&mut out);
            if let Some(icc) = &upright.icc {
                let _ = encoder.set_icc_profile(icc.clone());
            }
            encoder
                .write_image(image.as_bytes(), w, h, image.color().into())
                .map_err(failed)?;
        }
        Format::Webp => {
            let quality = f32::from(quality.clamp(1, 100));
            let memory = match image {
                DynamicImage::ImageRgba8(rgba) => {
                    webp::Encoder::from_rgba(rgba.as_raw(), w, h).encode(quality)
                }
                other => {
                    let rgb = other.to_rgb8();
                    webp::Encoder::from_rgb(rgb.as_raw(), w, h).encode(quality)
                }
            };
            out = memory.to_vec();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;

/// An SVG drawn as a PNG of `width`×`height` (see [`svg_height`]): the
/// picture a shared link shows when the site's only picture is an SVG logo,
/// which link previews ignore. Text is not drawn (no fonts are loaded):
/// logos are shapes.
pub fn render_svg(svg: &[u8], width: u32, height: u32) -> Result<Vec<u8>, Problem> {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_data(svg, &usvg::Options::default())
        .map_err(|e| Problem::Unreadable(format!("the SVG does not parse: {e}")))?;
    let size = tree.size();
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Problem::Unreadable("the SVG has no area".into()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(
            width as f32 / size.width(),
            height as f32 / size.height(),
        ),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Problem::Unreadable(format!("encoding the PNG failed: {e}")))
}

/// The height of an SVG `w`×`h` drawn `width` pixels wide: by its aspect
/// ratio, at most four times the width.
pub fn svg_height(w: f32, h: f32, width: u32) -> u32 {
    let height = (h / w.max(f32::MIN_POSITIVE) * width as f32).round();
    (height as u32).clamp(1, width.saturating_mul(4))
}
