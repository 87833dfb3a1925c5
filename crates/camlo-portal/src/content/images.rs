//! Pictures for articles: decoded (JPEG or PNG only, judged by content, with size limits),
//! turned upright by their EXIF orientation, and re-encoded as JPEG in the three widths the
//! theme uses. Re-encoding also drops embedded metadata (camera, GPS position).

use std::io::Cursor;

use camlo_domain::content::ContentError;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

/// Widths of the stored sizes: large (article page), medium (lists, feeds), thumbnail.
pub const WIDTHS: [u32; 3] = [1200, 640, 320];
/// Largest upload accepted, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A picture in the stored sizes.
#[derive(Debug, Clone)]
pub struct Resized {
    /// Width of the upright original.
    pub width: u32,
    /// Height of the upright original.
    pub height: u32,
    /// JPEG bytes per entry of [`WIDTHS`].
    pub sizes: [Vec<u8>; 3],
}

fn format_of(bytes: &[u8]) -> Result<ImageFormat, ContentError> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(ImageFormat::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok(ImageFormat::Png)
    } else {
        Err(ContentError::ImageType)
    }
}

fn decode_error(e: &ImageError) -> ContentError {
    match e {
        ImageError::Limits(_) => ContentError::ImageTooLarge,
        _ => ContentError::ImageType,
    }
}

fn encode(img: &DynamicImage, width: u32) -> Result<Vec<u8>, ContentError> {
    let scaled = if img.width() > width {
        let height = u64::from(img.height()) * u64::from(width) / u64::from(img.width().max(1));
        img.resize_exact(
            width,
            u32::try_from(height.max(1)).unwrap_or(1),
            FilterType::Triangle,
        )
    } else {
        img.clone()
    };
    let rgb = scaled.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&rgb)
        .map_err(|e| decode_error(&e))?;
    Ok(out)
}

/// Decodes and resizes an upload. CPU-bound: call it from a blocking task.
pub fn resize(bytes: &[u8]) -> Result<Resized, ContentError> {
    if bytes.len() > MAX_BYTES {
        return Err(ContentError::ImageTooLarge);
    }
    let format = format_of(bytes)?;
    // The declared size is read from the header before anything is decoded: a small file
    // declaring 9000 × 9000 pixels is refused without costing seconds and hundreds of MB.
    camlo_domain::files::dimensions(bytes, format).map_err(|e| match e {
        camlo_domain::files::FileError::TooManyPixels => ContentError::ImageTooLarge,
        _ => ContentError::ImageType,
    })?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(10_000);
    limits.max_image_height = Some(10_000);
    limits.max_alloc = Some(camlo_domain::files::MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| decode_error(&e))?;
    let orientation = decoder.orientation().map_err(|e| decode_error(&e))?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| decode_error(&e))?;
    img.apply_orientation(orientation);
    Ok(Resized {
        width: img.width(),
        height: img.height(),
        sizes: [
            encode(&img, WIDTHS[0])?,
            encode(&img, WIDTHS[1])?,
            encode(&img, WIDTHS[2])?,
        ],
    })
}

/// A synthetic landscape (sky, hills, fields) for demo articles that have no real photograph.
pub fn demo_picture(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let fx = x as f32 / width as f32;
        let fy = y as f32 / height as f32;
        let hill = 0.55 + 0.08 * (fx * 9.0 + seed as f32).sin() + 0.04 * (fx * 23.0).cos();
        if fy < hill {
            let t = fy / hill;
            image::Rgb([
                (120.0 + 90.0 * t) as u8,
                (170.0 + 60.0 * t) as u8,
                (225.0 + 20.0 * t) as u8,
            ])
        } else {
            let stripe = ((fx * 40.0 + fy * 12.0).sin() * 18.0) as i32;
            image::Rgb([
                (60 + stripe).clamp(0, 255) as u8,
                (130 + stripe).clamp(0, 255) as u8,
                (55 + stripe / 2).clamp(0, 255) as u8,
            ])
        }
    });
    let mut out = Vec::new();
    let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resizes_into_three_widths_and_refuses_other_files() {
        let photo = demo_picture(1600, 900, 1);
        let r = resize(&photo).unwrap();
        assert_eq!((r.width, r.height), (1600, 900));
        for (bytes, width) in r.sizes.iter().zip(WIDTHS) {
            let img = image::load_from_memory(bytes).unwrap();
            assert_eq!(img.width(), width);
            assert_eq!(img.height(), 900 * width / 1600);
        }
        // A small picture is never enlarged.
        let small = resize(&demo_picture(200, 100, 2)).unwrap();
        let img = image::load_from_memory(&small.sizes[0]).unwrap();
        assert_eq!(img.width(), 200);
        assert_eq!(resize(b"%PDF-1.4").unwrap_err(), ContentError::ImageType);
        assert_eq!(
            resize(&[0xFF, 0xD8, 0xFF, 0, 1, 2]).unwrap_err(),
            ContentError::ImageType
        );
    }
}
