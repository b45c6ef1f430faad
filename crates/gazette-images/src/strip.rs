//! Metadata removed without decoding: the compressed pixels are kept byte for
//! byte, so an upright photo loses no quality to lose its GPS position.

use crate::Format;
use img_parts::{Bytes, ImageEXIF};

/// JPEG segments kept: the JFIF header, an ICC colour profile, Adobe's colour
/// transform (CMYK files decode wrongly without it) and everything that is not
/// an application segment or a comment (tables, frame, scan).
fn keeps_jpeg_segment(marker: u8, contents: &[u8]) -> bool {
    use img_parts::jpeg::markers::*;
    match marker {
        APP0 | APP14 => true,
        APP2 => contents.starts_with(b"ICC_PROFILE\0"),
        // EXIF and XMP (APP1), IPTC (APP13), maker notes and previews in the rest.
        APP1..=APP15 | COM => false,
        _ => true,
    }
}

/// PNG chunks dropped: EXIF, text (which holds XMP, authors, software) and time.
const PNG_METADATA: [[u8; 4]; 5] = [*b"eXIf", *b"tEXt", *b"zTXt", *b"iTXt", *b"tIME"];

/// The file without its EXIF, XMP, IPTC and comments (the colour profile
/// stays); `None` when its structure does not parse (the caller re-encodes).
pub fn strip_metadata(bytes: &[u8], format: Format) -> Option<Vec<u8>> {
    let bytes = Bytes::copy_from_slice(bytes);
    let out = match format {
        Format::Jpeg => {
            let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(bytes).ok()?;
            jpeg.segments_mut()
                .retain(|s| keeps_jpeg_segment(s.marker(), s.contents()));
            let scan = jpeg
                .segments()
                .last()
                .map_or(0, |s| s.len_with_entropy() - s.len());
            let mut out = jpeg.encoder().bytes().to_vec();
            // The scan's data runs to the end of the file, which holds a phone's
            // second pictures (MPF previews, each with its own EXIF) after the
            // main picture's end marker: cut there. 0xFF 0xD9 cannot occur
            // inside entropy-coded data (0xFF is stuffed with 0x00).
            let start = out.len().saturating_sub(scan);
            if let Some(end) = out[start..].windows(2).position(|w| w == [0xFF, 0xD9]) {
                out.truncate(start + end + 2);
            }
            return Some(out);
        }
        Format::Png => {
            let mut png = img_parts::png::Png::from_bytes(bytes).ok()?;
            png.chunks_mut()
                .retain(|c| !PNG_METADATA.contains(&c.kind()));
            png.encoder().bytes()
        }
        Format::Webp => {
            let mut webp = img_parts::webp::WebP::from_bytes(bytes).ok()?;
            webp.remove_chunks_by_id(img_parts::webp::CHUNK_XMP);
            // Also brings the header's flags in line with the chunks left.
            webp.set_exif(None);
            webp.encoder().bytes()
        }
    };
    Some(out.to_vec())
}
