//! The media library's rules: what is accepted (recognised by its bytes, never
//! by its name), the limits, the widths an image is served in, the URLs of an
//! item, and the responsive `<img>` a post shows.

use serde::Serialize;

use super::message::{Message, msg};
use super::slug::{Spelling, slugify};

/// What an upload may be. Anything else (SVG, HTML, scripts, archives…) is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MediaType {
    Jpeg,
    Png,
    WebP,
    Gif,
    Pdf,
}

/// How many leading bytes `MediaType::sniff` needs.
pub const SNIFF_BYTES: usize = 12;

impl MediaType {
    /// The type the bytes say, from their signature; `None` for anything not accepted.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        match head {
            [0xFF, 0xD8, 0xFF, ..] => Some(Self::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(Self::Png),
            [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some(Self::Gif),
            [
                b'R',
                b'I',
                b'F',
                b'F',
                _,
                _,
                _,
                _,
                b'W',
                b'E',
                b'B',
                b'P',
                ..,
            ] => Some(Self::WebP),
            [b'%', b'P', b'D', b'F', b'-', ..] => Some(Self::Pdf),
            _ => None,
        }
    }

    pub fn is_image(self) -> bool {
        self != Self::Pdf
    }
}

/// What an item is to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A still picture, served re-encoded in several widths.
    Image,
    /// An animated GIF, served as its frames re-muxed at its own size.
    Animation,
    Pdf,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Animation => "animation",
            Self::Pdf => "pdf",
        }
    }

    pub fn from_stored(stored: &str) -> Self {
        match stored {
            "animation" => Self::Animation,
            "pdf" => Self::Pdf,
            _ => Self::Image,
        }
    }
}

/// `FOLIO_MEDIA_MAX_MB` when unset.
pub const DEFAULT_MAX_MB: u64 = 20;

/// An image whose header claims more pixels than this is refused before it is
/// decoded: a small file may claim a huge canvas (a decompression bomb).
pub const MAX_PIXELS: u64 = 50_000_000;

/// An animation's frames together may hold this many pixels at most.
pub const MAX_ANIMATION_PIXELS: u64 = 400_000_000;

/// The widths (CSS pixels) images are served in, below the image's own width.
pub const WIDTHS: [u32; 5] = [320, 640, 1024, 1600, 2048];

/// The largest copy readers get: wider images are scaled down to this.
pub const MAX_WIDTH: u32 = 2560;

/// What a link preview (`og:image`) shows at most.
pub const PREVIEW_WIDTH: u32 = 1600;

/// One upload may carry this many files.
pub const MAX_FILES_PER_UPLOAD: usize = 20;

pub const MAX_ALT_CHARS: usize = 500;
pub const MAX_TITLE_CHARS: usize = 200;

/// Items a page of the library lists.
pub const PAGE_SIZE: i64 = 50;

/// The `sizes` of every responsive image: the post column is 40rem wide at most.
pub const SIZES: &str = "(min-width: 44rem) 40rem, 100vw";

/// Why an upload was refused, in words the uploader can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not one of the accepted types (by its bytes).
    NotAccepted {
        name: String,
    },
    TooLarge {
        name: String,
        max_mb: u64,
    },
    TooManyPixels {
        name: String,
        width: u32,
        height: u32,
    },
    /// Claims to be an image but cannot be decoded.
    Unreadable {
        name: String,
    },
    NoFile,
    TooManyFiles,
}

impl Refusal {
    pub fn message(&self) -> Message {
        match self {
            Self::NotAccepted { name } => {
                Message::new(msg::MEDIA_REFUSED_TYPE).with("name", name.as_str())
            }
            Self::TooLarge { name, max_mb } => Message::new(msg::MEDIA_REFUSED_SIZE)
                .with("name", name.as_str())
                .with("max", *max_mb),
            Self::TooManyPixels {
                name,
                width,
                height,
            } => Message::new(msg::MEDIA_REFUSED_PIXELS)
                .with("name", name.as_str())
                .with("width", *width)
                .with("height", *height)
                .with("max", MAX_PIXELS / 1_000_000),
            Self::Unreadable { name } => {
                Message::new(msg::MEDIA_REFUSED_UNREADABLE).with("name", name.as_str())
            }
            Self::NoFile => Message::new(msg::MEDIA_REFUSED_NO_FILE),
            Self::TooManyFiles => {
                Message::new(msg::MEDIA_REFUSED_TOO_MANY).with("max", MAX_FILES_PER_UPLOAD)
            }
        }
    }

    /// The HTTP status the refusal is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotAccepted { .. } => 415,
            Self::TooLarge { .. } => 413,
            _ => 422,
        }
    }
}

/// Refuses an image whose header claims more than `MAX_PIXELS`.
pub fn check_pixels(name: &str, width: u32, height: u32) -> Result<(), Refusal> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width == 0 || height == 0 {
        return Err(Refusal::TooManyPixels {
            name: name.to_owned(),
            width,
            height,
        });
    }
    Ok(())
}

/// The widths an image `width` pixels wide is served in: those of `WIDTHS`
/// below it, then its own (at most `MAX_WIDTH`); never wider than it is.
pub fn widths_for(width: u32) -> Vec<u32> {
    let largest = width.min(MAX_WIDTH);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < largest).collect();
    widths.push(largest);
    widths
}

/// A JPEG is decoded at 1/2, 1/4 or 1/8 of its size (in the DCT, which
/// costs a fraction of the memory and time) while its shorter side stays at
/// least this long: every copy a post needs still comes from more pixels
/// than it has, whichever way the camera was held.
pub const MIN_DECODED_SIDE: u32 = 1400;

/// At most this many pixels are decoded at once, scaled down further if need be.
pub const DECODED_PIXEL_BUDGET: u64 = 16_000_000;

/// The factor (1, 2, 4 or 8) a JPEG of this size is decoded smaller by.
pub fn jpeg_scale(width: u32, height: u32) -> u32 {
    let shorter = width.min(height);
    let mut scale = 1;
    while scale < 8 && shorter / (scale * 2) >= MIN_DECODED_SIDE {
        scale *= 2;
    }
    let pixels = |s: u32| u64::from(width.div_ceil(s)) * u64::from(height.div_ceil(s));
    while scale < 8 && pixels(scale) > DECODED_PIXEL_BUDGET {
        scale *= 2;
    }
    scale
}

/// The height of a copy `new_width` wide, keeping the proportions (at least 1).
pub fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    if width == 0 {
        return height.max(1);
    }
    let scaled =
        (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// The name of an item in its URLs: the file name's stem as a slug.
pub fn url_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let slug = slugify(stem, 60, Spelling::Plain);
    if slug.is_empty() {
        "file".to_owned()
    } else {
        slug
    }
}

/// The part of an item's URLs that names its content: hex of the first 10
/// bytes of the SHA-256 of what was uploaded.
pub fn content_hash(sha256: &[u8]) -> String {
    hex_of(sha256.get(..10).unwrap_or(sha256))
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file name as uploaded, kept for the library and a PDF's download name:
/// the last path part, without control characters or quotes, at most 200 characters.
pub fn clean_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        "file".to_owned()
    } else {
        clean.to_owned()
    }
}

/// The file name of a copy: `name-640.webp`, or `name.webp` for the largest.
pub fn variant_file(url_name: &str, width: Option<u32>, extension: &str) -> String {
    match width {
        Some(width) => format!("{url_name}-{width}.{extension}"),
        None => format!("{url_name}.{extension}"),
    }
}

/// `/media/{hash}/{file}`.
pub fn media_path(hash: &str, file: &str) -> String {
    format!("/media/{hash}/{file}")
}

/// The item's hash in a link or image source that points into the media
/// library (`/media/{hash}/…`, with or without the site's address before it).
pub fn hash_in_url(url: &str) -> Option<&str> {
    let at = url.find("/media/")?;
    let before = &url[..at];
    if !(before.is_empty() || before.starts_with("http://") || before.starts_with("https://")) {
        return None;
    }
    let rest = &url[at + "/media/".len()..];
    let (hash, file) = rest.split_once('/')?;
    let is_hash = hash.len() == 20 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    (is_hash && !file.is_empty()).then_some(hash)
}

/// The Markdown that puts an item in a post: an image, or a link to a PDF.
pub fn markdown_for(kind: ItemKind, alt: &str, title: &str, url: &str) -> String {
    match kind {
        ItemKind::Pdf => {
            let text = if title.trim().is_empty() {
                "PDF"
            } else {
                title.trim()
            };
            format!("[{}]({url})", escape_markdown(text))
        }
        ItemKind::Image | ItemKind::Animation => {
            format!("![{}]({url})", escape_markdown(alt.trim()))
        }
    }
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`' | '<' | '>') {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// What is stored about one copy for readers besides its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyFacts {
    /// The last part of its URL (`name-640.webp`).
    pub file_name: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub content_type: &'static str,
    pub bytes: u64,
    pub etag: String,
}

/// A copy of an image readers can be sent: its URL and width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// An image of the library as a post shows it: its size and its copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsive {
    pub hash: String,
    pub width: u32,
    pub height: u32,
    /// Narrowest first; the last is the largest copy.
    pub sources: Vec<Source>,
    pub animated: bool,
}

impl Responsive {
    /// The copy a browser without `srcset` loads: 1024 wide, or the largest below.
    pub fn fallback(&self) -> Option<&Source> {
        self.sources
            .iter()
            .rev()
            .find(|s| s.width <= 1024)
            .or(self.sources.first())
    }

    /// The copy a link preview shows: the largest up to `PREVIEW_WIDTH`.
    pub fn preview(&self) -> Option<&Source> {
        self.sources
            .iter()
            .rev()
            .find(|s| s.width <= PREVIEW_WIDTH)
            .or(self.sources.first())
    }

    /// The `<img>` for this image, with every attribute escaped.
    pub fn img_html(&self, alt: &str, title: &str) -> String {
        let Some(fallback) = self.fallback() else {
            return String::new();
        };
        let mut html = format!(
            r#"<img src="{}" width="{}" height="{}" alt="{}""#,
            escape_attr(&fallback.url),
            self.width,
            self.height,
            escape_attr(alt)
        );
        if !self.animated && self.sources.len() > 1 {
            let srcset: Vec<String> = self
                .sources
                .iter()
                .map(|s| format!("{} {}w", escape_attr(&s.url), s.width))
                .collect();
            html.push_str(&format!(
                r#" srcset="{}" sizes="{SIZES}""#,
                srcset.join(", ")
            ));
        }
        if !title.is_empty() {
            html.push_str(&format!(r#" title="{}""#, escape_attr(title)));
        }
        html.push_str(r#" loading="lazy" decoding="async">"#);
        html
    }
}

impl Responsive {
    /// The `<img>` for this image shown `width` pixels wide (where the source
    /// showed a smaller copy, as WordPress's `name-300x200.png`): the copy
    /// that fits, and the one for screens with twice the pixels.
    pub fn img_html_at(&self, alt: &str, title: &str, width: u32) -> String {
        let width = width.min(self.width).max(1);
        let (Some(one), Some(two)) = (
            fitting(&self.sources, width),
            fitting(&self.sources, width.saturating_mul(2)),
        ) else {
            return String::new();
        };
        let mut html = format!(
            r#"<img src="{}" width="{width}" height="{}" alt="{}""#,
            escape_attr(&one.url),
            scaled_height(self.width, self.height, width),
            escape_attr(alt)
        );
        if !self.animated && two.url != one.url {
            html.push_str(&format!(
                r#" srcset="{} 1x, {} 2x""#,
                escape_attr(&one.url),
                escape_attr(&two.url)
            ));
        }
        if !title.is_empty() {
            html.push_str(&format!(r#" title="{}""#, escape_attr(title)));
        }
        html.push_str(r#" loading="lazy" decoding="async">"#);
        html
    }
}

/// The narrowest copy at least `width` wide, else the widest (`sources` narrowest first).
pub fn fitting(sources: &[Source], width: u32) -> Option<&Source> {
    sources.iter().find(|s| s.width >= width).or(sources.last())
}

/// Text for an HTML attribute or element.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a `srcset` names only copies from the media library (the
/// sanitiser keeps no other).
pub fn srcset_is_ours(srcset: &str) -> bool {
    srcset.split(',').all(|candidate| {
        candidate
            .split_whitespace()
            .next()
            .is_some_and(|url| url.starts_with("/media/") && !url.contains(':'))
    })
}

/// Alt text or title as typed in the library: trimmed, one line, bounded.
pub fn clean_text(raw: &str, max_chars: usize) -> Result<String, Message> {
    let text = raw.trim();
    if text.chars().count() > max_chars {
        return Err(Message::new(msg::MEDIA_TEXT_TOO_LONG).with("max", max_chars));
    }
    Ok(text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect())
}

/// What a `Range` header asks of a copy `total` bytes long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteRange {
    /// No range, one Folio does not serve (several at once), or a malformed one: the whole copy.
    Whole,
    /// Bytes `start..=end`.
    Part { start: u64, end: u64 },
    /// Starts past the end: 416.
    Unsatisfiable,
}

/// Reads a `Range` header (`bytes=a-b`, `bytes=a-`, `bytes=-n`; one range only).
pub fn byte_range(header: Option<&str>, total: u64) -> ByteRange {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return ByteRange::Whole;
    };
    if spec.contains(',') || total == 0 {
        return ByteRange::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return ByteRange::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    let parsed = |n: &str| n.parse::<u64>().ok();
    match (first.is_empty(), last.is_empty()) {
        (true, false) => match parsed(last) {
            Some(0) => ByteRange::Unsatisfiable,
            Some(suffix) => ByteRange::Part {
                start: total.saturating_sub(suffix),
                end: total - 1,
            },
            None => ByteRange::Whole,
        },
        (false, _) => {
            let Some(start) = parsed(first) else {
                return ByteRange::Whole;
            };
            let end = if last.is_empty() {
                Some(total - 1)
            } else {
                parsed(last).map(|end| end.min(total - 1))
            };
            match end {
                None => ByteRange::Whole,
                Some(_) if start >= total => ByteRange::Unsatisfiable,
                Some(end) if end < start => ByteRange::Whole,
                Some(end) => ByteRange::Part { start, end },
            }
        }
        (true, true) => ByteRange::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_are_read_as_rfc_9110_says() {
        use ByteRange::{Part, Unsatisfiable, Whole};
        let of_a_100_byte_file = [
            (None, Whole),
            (Some("bytes=0-9"), Part { start: 0, end: 9 }),
            (Some("bytes=90-"), Part { start: 90, end: 99 }),
            (Some("bytes=-10"), Part { start: 90, end: 99 }),
            (Some("bytes=50-1000"), Part { start: 50, end: 99 }),
            (Some("bytes=100-"), Unsatisfiable),
            (Some("bytes=0-1,5-6"), Whole),
            (Some("bytes=9-1"), Whole),
            (Some("items=0-1"), Whole),
        ];
        for (header, expected) in of_a_100_byte_file {
            assert_eq!(byte_range(header, 100), expected, "{header:?}");
        }
    }

    #[test]
    fn the_accepted_types_are_recognised_by_their_bytes() {
        assert_eq!(
            MediaType::sniff(b"\xFF\xD8\xFF\xE0rest"),
            Some(MediaType::Jpeg)
        );
        assert_eq!(
            MediaType::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(MediaType::Png)
        );
        assert_eq!(MediaType::sniff(b"GIF89a\x01\0"), Some(MediaType::Gif));
        assert_eq!(MediaType::sniff(b"GIF87a\x01\0"), Some(MediaType::Gif));
        assert_eq!(
            MediaType::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(MediaType::WebP)
        );
        assert_eq!(MediaType::sniff(b"%PDF-1.7\n"), Some(MediaType::Pdf));
    }

    #[test]
    fn everything_else_is_refused_whatever_its_name() {
        for hostile in [
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>"[..],
            b"<?xml version=\"1.0\"?><svg>",
            b"<!DOCTYPE html><html>",
            b"PK\x03\x04\x14\0\0\0",
            b"#!/bin/sh\nrm -rf",
            b"RIFF\x10\0\0\0WAVEfmt ",
            b"\xFF\xD8",
            b"",
        ] {
            assert_eq!(MediaType::sniff(hostile), None, "{hostile:?}");
        }
    }

    #[test]
    fn a_bomb_header_is_refused_before_decoding() {
        assert!(check_pixels("bomb.png", 100_000, 100_000).is_err());
        assert!(check_pixels("zero.png", 0, 10).is_err());
        assert!(check_pixels("phone.jpg", 4000, 3000).is_ok());
        assert!(check_pixels("big.jpg", 8660, 5773).is_ok());
    }

    #[test]
    fn images_get_the_widths_below_their_own_and_their_own_never_upscaled() {
        assert_eq!(widths_for(4000), vec![320, 640, 1024, 1600, 2048, 2560]);
        assert_eq!(widths_for(1200), vec![320, 640, 1024, 1200]);
        assert_eq!(widths_for(640), vec![320, 640]);
        assert_eq!(widths_for(100), vec![100]);
        assert_eq!(scaled_height(4000, 3000, 640), 480);
        assert_eq!(scaled_height(3000, 1, 320), 1);
    }

    #[test]
    fn big_jpegs_are_decoded_smaller_but_never_below_what_a_post_needs() {
        assert_eq!(jpeg_scale(4000, 3000), 2);
        assert_eq!(jpeg_scale(3000, 4000), 2);
        assert_eq!(jpeg_scale(4032, 3024), 2);
        assert_eq!(jpeg_scale(3264, 2448), 1);
        assert_eq!(jpeg_scale(8660, 5773), 4);
        assert_eq!(jpeg_scale(1400, 700), 1);
        assert_eq!(jpeg_scale(2700, 17_000), 2);
    }

    #[test]
    fn names_in_urls_are_slugs_of_the_stem() {
        assert_eq!(url_name("Praxis Empfang.JPG"), "praxis-empfang");
        assert_eq!(url_name("C:\\fotos\\Grüße.png"), "grusse");
        assert_eq!(url_name(".jpg"), "jpg");
        assert_eq!(url_name("???.pdf"), "file");
        assert_eq!(clean_file_name("../x/\"evil\"\n.pdf"), "evil.pdf");
    }

    #[test]
    fn media_urls_are_recognised_with_or_without_the_site_address() {
        let hash = "0123456789abcdef0123";
        assert_eq!(
            hash_in_url(&format!("/media/{hash}/a-640.webp")),
            Some(hash)
        );
        assert_eq!(
            hash_in_url(&format!("https://blog.example.org/media/{hash}/a.pdf")),
            Some(hash)
        );
        assert_eq!(hash_in_url("/media/short/a.webp"), None);
        assert_eq!(hash_in_url(&format!("/posts/media/{hash}/a.webp")), None);
        assert_eq!(hash_in_url(&format!("/media/{hash}/")), None);
    }

    #[test]
    fn the_img_has_every_attribute_a_browser_needs_and_escapes_them() {
        let image = Responsive {
            hash: "h".into(),
            width: 1200,
            height: 900,
            sources: [320, 640, 1024, 1200]
                .into_iter()
                .map(|w| Source {
                    url: format!("/media/h/x-{w}.webp"),
                    width: w,
                    height: w * 3 / 4,
                })
                .collect(),
            animated: false,
        };
        let html = image.img_html("A \"quoted\" <alt>", "");
        assert!(
            html.starts_with(r#"<img src="/media/h/x-1024.webp" width="1200" height="900""#),
            "{html}"
        );
        assert!(
            html.contains(r#"alt="A &quot;quoted&quot; &lt;alt&gt;""#),
            "{html}"
        );
        assert!(
            html.contains("/media/h/x-320.webp 320w, /media/h/x-640.webp 640w"),
            "{html}"
        );
        assert!(html.contains(&format!(r#"sizes="{SIZES}""#)), "{html}");
        assert!(
            html.ends_with(r#"loading="lazy" decoding="async">"#),
            "{html}"
        );
        assert_eq!(image.preview().map(|s| s.width), Some(1200));
    }

    #[test]
    fn the_markdown_for_an_item_escapes_its_alt_text() {
        assert_eq!(
            markdown_for(ItemKind::Image, "Der [Empfang]\n", "", "/media/h/e.webp"),
            r"![Der \[Empfang\]](/media/h/e.webp)"
        );
        assert_eq!(
            markdown_for(ItemKind::Pdf, "", "Flyer", "/media/h/f.pdf"),
            "[Flyer](/media/h/f.pdf)"
        );
    }

    #[test]
    fn only_library_copies_pass_in_a_srcset() {
        assert!(srcset_is_ours(
            "/media/a/x-320.webp 320w, /media/a/x.webp 640w"
        ));
        assert!(!srcset_is_ours(
            "/media/a/x-320.webp 320w, javascript:alert(1) 640w"
        ));
        assert!(!srcset_is_ours("https://evil.example/x.png 1x"));
    }
}
