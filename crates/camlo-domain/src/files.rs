//! Uploaded files (tệp đính kèm), judged by their whole structure, never by their name or first
//! bytes alone: a PDF must parse with a real parser and carry no active content (JavaScript,
//! open actions, launch actions, embedded files, forms that submit, rich media) and no HTML; a
//! picture must be JPEG or PNG whose declared size is within limits and that decodes within a
//! memory cap. Everything else (SVG, HTML, executables, archives) is refused. The stored name
//! keeps the uploader's words but takes the extension of the detected type.

/// Why an upload was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// FILE-0001: not a type accepted here.
    #[error("the file is not of an accepted type")]
    Type,
    /// FILE-0002: claims a type but does not parse as one.
    #[error("the file is damaged or not what it claims to be")]
    Malformed,
    /// FILE-0003: a PDF with scripts, actions, embedded files or HTML.
    #[error("the PDF carries active content")]
    ActiveContent,
    /// FILE-0004: a picture declaring more pixels than allowed.
    #[error("the picture is too large")]
    TooManyPixels,
}

impl FileError {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Type => "FILE-0001",
            Self::Malformed => "FILE-0002",
            Self::ActiveContent => "FILE-0003",
            Self::TooManyPixels => "FILE-0004",
        }
    }
}

/// The kinds of file camlo accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// PDF.
    Pdf,
    /// JPEG picture.
    Jpeg,
    /// PNG picture.
    Png,
}

impl Kind {
    /// The media type it is stored and served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    /// The extension a stored name ends with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }

    fn image_format(self) -> Option<image::ImageFormat> {
        match self {
            Self::Pdf => None,
            Self::Jpeg => Some(image::ImageFormat::Jpeg),
            Self::Png => Some(image::ImageFormat::Png),
        }
    }
}

/// Longest side of an accepted picture, in pixels.
pub const MAX_SIDE: u32 = 10_000;
/// Most pixels in an accepted picture (a 9000 × 9000 PNG is refused from its header).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Memory the picture decoder may take.
pub const MAX_DECODE_BYTES: u64 = 200 * 1024 * 1024;

/// The kind named by the first bytes (a claim, checked by [`check`]).
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(Kind::Png)
    } else {
        None
    }
}

/// Checks an upload whole and says what it is; `allowed` lists the kinds this upload may be.
/// CPU-bound (a picture is decoded): call it from a blocking task.
pub fn check(bytes: &[u8], allowed: &[Kind]) -> Result<Kind, FileError> {
    let kind = sniff(bytes)
        .filter(|k| allowed.contains(k))
        .ok_or(FileError::Type)?;
    match kind.image_format() {
        None => check_pdf(bytes)?,
        Some(format) => check_image(bytes, format)?,
    }
    Ok(kind)
}

/// Markup a browser would render if it ever sniffed the file as HTML (PDF/HTML polyglots).
const MARKUP: [&[u8]; 6] = [
    b"<script",
    b"<html",
    b"<body",
    b"<iframe",
    b"<svg",
    b"<!doctype",
];

/// Dictionary keys and names that make a PDF act: run script, open something, launch a
/// program, carry files, submit or import data, play rich media.
const ACTIVE: [&[u8]; 12] = [
    b"JavaScript",
    b"JS",
    b"OpenAction",
    b"AA",
    b"Launch",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"RichMedia",
    b"SubmitForm",
    b"ImportData",
    b"XFA",
    b"GoToE",
];

fn check_pdf(bytes: &[u8]) -> Result<(), FileError> {
    let lower = bytes.to_ascii_lowercase();
    if MARKUP
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m))
    {
        return Err(FileError::ActiveContent);
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(|_| FileError::Malformed)?;
    if doc.objects.is_empty() || doc.catalog().is_err() {
        return Err(FileError::Malformed);
    }
    let active = doc.objects.values().any(acts) || acts_dict(&doc.trailer);
    if active {
        return Err(FileError::ActiveContent);
    }
    Ok(())
}

fn acts(o: &lopdf::Object) -> bool {
    use lopdf::Object;
    match o {
        Object::Name(n) => ACTIVE.contains(&n.as_slice()),
        Object::Array(items) => items.iter().any(acts),
        Object::Dictionary(d) => acts_dict(d),
        Object::Stream(s) => acts_dict(&s.dict),
        _ => false,
    }
}

fn acts_dict(d: &lopdf::Dictionary) -> bool {
    d.iter()
        .any(|(k, v)| ACTIVE.contains(&k.as_slice()) || acts(v))
}

fn reader(bytes: &[u8], format: image::ImageFormat) -> image::ImageReader<std::io::Cursor<&[u8]>> {
    let mut r = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    r.limits(limits);
    r
}

/// The picture's declared size, read from its header only (nothing is decoded), refused when
/// over [`MAX_SIDE`] or [`MAX_PIXELS`].
pub fn dimensions(bytes: &[u8], format: image::ImageFormat) -> Result<(u32, u32), FileError> {
    let (w, h) = reader(bytes, format)
        .into_dimensions()
        .map_err(|e| match e {
            image::ImageError::Limits(_) => FileError::TooManyPixels,
            _ => FileError::Malformed,
        })?;
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(FileError::TooManyPixels);
    }
    Ok((w, h))
}

/// A decoder for a picture whose header passed [`dimensions`], with the memory cap set.
pub fn decoder(
    bytes: &[u8],
    format: image::ImageFormat,
) -> Result<image::ImageReader<std::io::Cursor<&[u8]>>, FileError> {
    dimensions(bytes, format)?;
    Ok(reader(bytes, format))
}

fn check_image(bytes: &[u8], format: image::ImageFormat) -> Result<(), FileError> {
    decoder(bytes, format)?.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => FileError::TooManyPixels,
        _ => FileError::Malformed,
    })?;
    Ok(())
}

/// The stored name: the uploader's name made safe (no path, no control or reserved
/// characters, at most 120 characters), its last extension replaced by the detected kind's, so
/// `hoa-don.exe` becomes `hoa-don.pdf` and `scan.pdf.exe` becomes `scan.pdf`.
pub fn safe_name(raw: &str, kind: Kind) -> String {
    let cleaned = crate::dossiers::sanitize_file_name(raw);
    let ext = kind.extension();
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, old))
            if !stem.is_empty()
                && old.len() <= 5
                && old.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            stem.to_owned()
        }
        _ => cleaned,
    };
    let stem = stem.trim_end_matches('.').trim();
    let stem: String = stem.chars().take(110).collect();
    let lower = stem.to_lowercase();
    let same =
        lower.ends_with(&format!(".{ext}")) || (kind == Kind::Jpeg && lower.ends_with(".jpeg"));
    if stem.is_empty() {
        format!("tep-dinh-kem.{ext}")
    } else if same {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_take_the_detected_extension() {
        assert_eq!(safe_name("hoa-don.exe", Kind::Pdf), "hoa-don.pdf");
        assert_eq!(safe_name("scan.pdf.exe", Kind::Pdf), "scan.pdf");
        assert_eq!(safe_name("Đơn.PDF", Kind::Pdf), "Đơn.pdf");
        assert_eq!(safe_name("../../etc/passwd", Kind::Png), "passwd.png");
        assert_eq!(safe_name("anh.jpeg", Kind::Jpeg), "anh.jpg");
        assert_eq!(safe_name("", Kind::Jpeg), "tep-dinh-kem.jpg");
        assert_eq!(safe_name("index.html", Kind::Pdf), "index.pdf");
    }

    #[test]
    fn only_known_kinds_pass_and_claims_are_checked() {
        assert_eq!(check(b"MZ\x90\x00", &[Kind::Pdf]), Err(FileError::Type));
        assert_eq!(
            check(
                b"<svg xmlns='http://www.w3.org/2000/svg'/>",
                &[Kind::Pdf, Kind::Png]
            ),
            Err(FileError::Type)
        );
        assert_eq!(
            check(
                b"%PDF-1.4\n<html><script>alert(1)</script></html>",
                &[Kind::Pdf]
            ),
            Err(FileError::ActiveContent)
        );
        assert_eq!(
            check(b"%PDF-1.4 not really", &[Kind::Pdf]),
            Err(FileError::Malformed)
        );
        assert_eq!(
            check(
                &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0],
                &[Kind::Png]
            ),
            Err(FileError::Malformed)
        );
        assert_eq!(check(b"%PDF-1.4", &[Kind::Png]), Err(FileError::Type));
    }

    #[test]
    fn a_png_declaring_too_many_pixels_is_refused_from_its_header() {
        // A valid PNG header (IHDR) declaring 9000 × 9000 followed by nothing.
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&9000u32.to_be_bytes());
        ihdr.extend_from_slice(&9000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        // IHDR, then an IDAT holding an empty zlib stream, then IEND: a well-formed file whose
        // pixels would only be allocated when decoded.
        for chunk in [
            ihdr,
            [
                b"IDAT".as_slice(),
                &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
            ]
            .concat(),
            b"IEND".to_vec(),
        ] {
            let len = u32::try_from(chunk.len() - 4).unwrap();
            png.extend_from_slice(&len.to_be_bytes());
            png.extend_from_slice(&chunk);
            png.extend_from_slice(&crc32(&chunk).to_be_bytes());
        }
        assert_eq!(
            dimensions(&png, image::ImageFormat::Png),
            Err(FileError::TooManyPixels)
        );
        assert_eq!(check(&png, &[Kind::Png]), Err(FileError::TooManyPixels));
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in data {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
