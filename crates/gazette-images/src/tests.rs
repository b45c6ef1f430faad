use super::*;
use img_parts::{Bytes, ImageEXIF};

/// An EXIF block (TIFF, little-endian) with an orientation and a GPS latitude.
pub(crate) fn exif(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    // IFD0 at 8: two entries, then the next-IFD offset.
    t.extend(2u16.to_le_bytes());
    t.extend(0x0112u16.to_le_bytes()); // Orientation, SHORT, 1
    t.extend(3u16.to_le_bytes());
    t.extend(1u32.to_le_bytes());
    t.extend(u32::from(orientation).to_le_bytes());
    t.extend(0x8825u16.to_le_bytes()); // GPS IFD pointer, LONG, 1
    t.extend(4u16.to_le_bytes());
    t.extend(1u32.to_le_bytes());
    t.extend(38u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    // GPS IFD at 38: GPSLatitudeRef = "N".
    t.extend(1u16.to_le_bytes());
    t.extend(0x0001u16.to_le_bytes());
    t.extend(2u16.to_le_bytes());
    t.extend(2u32.to_le_bytes());
    t.extend(*b"N\0\0\0");
    t.extend(0u32.to_le_bytes());
    t
}

/// A `w`×`h` JPEG whose EXIF says `orientation` and holds a GPS position.
pub(crate) fn phone_photo(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let image = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 85)
        .write_image(image.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(Bytes::from(plain)).unwrap();
    jpeg.set_exif(Some(Bytes::from(exif(orientation))));
    jpeg.encoder().bytes().to_vec()
}

fn has_exif(bytes: &[u8]) -> bool {
    bytes.windows(6).any(|w| w == b"Exif\0\0") || bytes.windows(4).any(|w| w == b"II*\0")
}

const LIMITS: Limits = Limits {
    max_pixels: 50_000_000,
};

#[test]
fn a_turned_phone_photo_measures_as_shown() {
    let photo = phone_photo(72, 48, 6);
    assert!(has_exif(&photo));
    let probe = probe(&photo, Format::Jpeg, LIMITS).unwrap();
    assert_eq!((probe.width, probe.height, probe.turned), (48, 72, true));
    let plain = probe_of(&phone_photo(72, 48, 1));
    assert_eq!((plain.width, plain.height, plain.turned), (72, 48, false));
}

fn probe_of(bytes: &[u8]) -> Probe {
    probe(bytes, Format::Jpeg, LIMITS).unwrap()
}

#[test]
fn published_photos_carry_no_exif_and_stand_upright() {
    for orientation in [1, 6] {
        let photo = phone_photo(72, 48, orientation);
        let published = publish_original(&photo, Format::Jpeg, 80, false).unwrap();
        assert!(!has_exif(&published), "orientation {orientation}");
        let shown = image::load_from_memory(&published).unwrap();
        let expected = if orientation == 6 { (48, 72) } else { (72, 48) };
        assert_eq!((shown.width(), shown.height()), expected);
        let again = probe_of(&published);
        assert_eq!(
            (again.width, again.height, again.turned),
            (expected.0, expected.1, false)
        );
        for format in [Format::Jpeg, Format::Webp, Format::Png] {
            let upright = decode(&photo, Format::Jpeg).unwrap();
            let small = resized(&upright, 24, format, 80).unwrap();
            assert!(!has_exif(&small));
            let read = image::load_from_memory(&small).unwrap();
            assert_eq!(read.width(), 24);
            assert_eq!(read.height(), scaled_height(expected.0, expected.1, 24));
        }
    }
    // Kept on request.
    let photo = phone_photo(72, 48, 6);
    assert_eq!(
        publish_original(&photo, Format::Jpeg, 80, true).unwrap(),
        photo
    );
}

#[test]
fn pictures_after_the_main_one_are_cut() {
    let mut photo = phone_photo(32, 32, 1);
    let second = phone_photo(8, 8, 1);
    photo.extend(&second);
    let published = publish_original(&photo, Format::Jpeg, 80, false).unwrap();
    assert!(!has_exif(&published));
    assert!(image::load_from_memory(&published).is_ok());
}

#[test]
fn the_colour_profile_stays_in_a_stripped_png() {
    let image = image::RgbaImage::from_pixel(4, 4, image::Rgba([1, 2, 3, 4]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(image.as_raw(), 4, 4, image::ExtendedColorType::Rgba8)
        .unwrap();
    let mut parts = img_parts::png::Png::from_bytes(Bytes::from(png)).unwrap();
    parts.set_exif(Some(Bytes::from(exif(1))));
    let with_exif = parts.encoder().bytes().to_vec();
    assert!(has_exif(&with_exif));
    let stripped = strip_metadata(&with_exif, Format::Png).unwrap();
    assert!(!has_exif(&stripped));
    assert_eq!(
        image::load_from_memory(&stripped).unwrap().to_rgba8(),
        image
    );
}

#[test]
fn bombs_and_garbage_are_refused_before_decoding() {
    let photo = phone_photo(100, 100, 1);
    assert_eq!(
        probe(&photo, Format::Jpeg, Limits { max_pixels: 9_999 }),
        Err(Problem::TooLarge(100, 100))
    );
    assert!(matches!(
        probe(b"not a jpeg", Format::Jpeg, LIMITS),
        Err(Problem::Unreadable(_))
    ));
    assert!(matches!(
        probe(&photo, Format::Png, LIMITS),
        Err(Problem::Unreadable(_))
    ));
}
