//! What the printer can know of an image (a logo) before decoding it: its
//! size in pixels, read from its header, and whether that is small enough.

/// The most pixels an image may have: decoding takes four bytes a pixel, so
/// a small file claiming a huge picture could exhaust memory.
pub const MAX_PIXELS: u64 = 16_000_000;
/// The longest side of an image in pixels.
pub const MAX_SIDE: u32 = 8_000;

/// A PNG's or JPEG's width and height in pixels, read from its header
/// without decoding it; `None` when the header cannot be read.
pub fn pixels(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |at: usize| -> Option<u32> {
        Some(u32::from(u16::from_be_bytes(
            bytes.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    let be32 = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        // The first chunk is IHDR: width and height, four bytes each.
        return (bytes.get(12..16)? == b"IHDR").then_some((be32(16)?, be32(20)?));
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    // JPEG: markers follow the start of image; a start-of-frame marker
    // (C0–CF but C4, C8 and CC) holds the height and width.
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = be16(at + 2)? as usize;
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return Some((be16(at + 7)?, be16(at + 5)?));
        }
        at += 2 + length;
    }
    None
}

/// True when an image's header says it is small enough to decode.
pub fn fits(bytes: &[u8]) -> bool {
    pixels(bytes).is_some_and(|(w, h)| {
        w > 0
            && h > 0
            && w <= MAX_SIDE
            && h <= MAX_SIDE
            && u64::from(w) * u64::from(h) <= MAX_PIXELS
    })
}
