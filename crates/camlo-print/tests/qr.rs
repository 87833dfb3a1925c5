//! The QR SVG is read back: its path is turned into a module grid, rasterised and decoded
//! with rqrr, so a test fails if the code would not scan.

// A test crate: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::panic)]

use camlo_print::qr_svg;

/// Dark modules from the SVG's one path (`M{x} {y}h{w}v{h}H{x}V{y}` per run), as a grid of
/// `size` × `size` with the quiet zone included.
fn modules(svg: &str) -> (usize, Vec<Vec<bool>>) {
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut grid = vec![vec![false; size]; size];
    for run in d.split('M').filter(|r| !r.is_empty()) {
        let nums: Vec<usize> = run
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let [x, y, w, h, ..] = nums[..] else {
            panic!("bad run {run}")
        };
        for row in grid.iter_mut().skip(y).take(h) {
            for cell in row.iter_mut().skip(x).take(w) {
                *cell = true;
            }
        }
    }
    (size, grid)
}

fn decode(svg: &str) -> String {
    const SCALE: usize = 4;
    let (size, grid) = modules(svg);
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(size * SCALE, size * SCALE, |x, y| {
            if grid[y / SCALE][x / SCALE] { 0 } else { 255 }
        });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "expected one QR code");
    grids[0].decode().unwrap().1
}

#[test]
fn qr_svg_decodes_to_its_input() {
    for text in [
        "https://dichvucong.example.vn/tra-cuu/000.00.08.H50-261102-0001",
        "Nguyễn Thị Hằng, xã Cam Thành",
        "x",
    ] {
        let svg = qr_svg(text).unwrap();
        assert_eq!(decode(&svg), text);
    }
}

/// Byte mode at level M holds 14, 26, 42, 62, 84 … bytes in versions 1, 2, 3, 4, 5 …;
/// a version-v code is 17 + 4v modules wide, plus a four-module quiet zone on each side.
#[test]
fn qr_svg_size_follows_the_input_length() {
    fn check(len: usize, version: usize) {
        let text = "a".repeat(len);
        let (size, grid) = modules(&qr_svg(&text).unwrap());
        assert_eq!(size, 17 + 4 * version + 8, "{len} bytes");
        assert!(grid[0].iter().all(|dark| !dark), "quiet zone");
        assert!(grid[4][4], "finder pattern corner");
    }
    check(14, 1);
    check(15, 2);
    check(62, 4);
    check(63, 5);
}

#[test]
fn qr_svg_is_an_svg() {
    let svg = qr_svg("camlo").unwrap();
    assert!(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn text_too_long_for_a_qr_code_is_prn_0005() {
    let err = qr_svg(&"a".repeat(2332)).unwrap_err();
    assert_eq!(err.code(), "PRN-0005");
    assert!(
        qr_svg(&"a".repeat(2331)).is_ok(),
        "version 40-M holds 2331 bytes"
    );
}
