//! The image work: decoding an upload, turning it upright, dropping every
//! metadata segment and making the copies readers get. Nothing readers are
//! sent is the uploaded bytes of an image: every copy is encoded afresh from
//! the pixels, which leaves the camera's EXIF, GPS position, XMP, maker notes
//! and thumbnails behind.
//!
//! It runs in a bounded pool (threads of its own behind a queue), never on
//! a worker that serves requests. Decoding is what costs memory (a
//! 12-megapixel photo is 36 MB of pixels), and the pool's size bounds how many
//! decodings run at once, however many uploads arrive.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Arc;

use anyhow::Context;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use crate::domain::media::{
    CopyFacts, ItemKind, MAX_ANIMATION_PIXELS, MediaType, Refusal, check_pixels, jpeg_scale,
    scaled_height, variant_file, widths_for,
};

/// Decodings at once. One 12-megapixel decode peaks near 60 MiB; one at a
/// time keeps four simultaneous uploads of such photos under 128 MiB.
pub const POOL_SIZE: usize = 1;

/// WebP quality of every copy (libwebp's scale): photos at a fraction of
/// their JPEG size with no visible loss at the widths a post shows.
const WEBP_QUALITY: f32 = 80.0;

/// What one decoding may allocate at most (a 50-megapixel RGBA image is 200 MB).
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// An upload as it was streamed to a private temporary file.
#[derive(Debug)]
pub struct Spooled {
    pub file: File,
    /// The file name as uploaded (cleaned).
    pub name: String,
    pub media_type: MediaType,
    pub bytes: u64,
    pub sha256: [u8; 32],
}

/// One copy for readers, in a temporary file of its own, ready to be stored.
#[derive(Debug)]
pub struct Copy {
    pub facts: CopyFacts,
    /// Rewound to its start.
    pub data: File,
}

/// An upload made ready: what it is, its size, and its copies.
#[derive(Debug)]
pub struct Prepared {
    pub kind: ItemKind,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub copies: Vec<Copy>,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<std::io::Error> for WorkError {
    fn from(error: std::io::Error) -> Self {
        Self::Failed(anyhow::Error::new(error).context("a temporary file"))
    }
}

type Job = (
    Spooled,
    String,
    tokio::sync::oneshot::Sender<Result<Prepared, WorkError>>,
);

/// The pool the image work runs in: `POOL_SIZE` threads of its own, started
/// once. Threads that live on keep reusing the memory they freed, where
/// short-lived ones would each leave some behind in the allocator.
#[derive(Debug, Clone)]
pub struct ImageWork {
    jobs: std::sync::mpsc::SyncSender<Job>,
}

impl Default for ImageWork {
    fn default() -> Self {
        Self::start(POOL_SIZE)
    }
}

impl ImageWork {
    pub fn start(threads: usize) -> Self {
        let (jobs, queue) = std::sync::mpsc::sync_channel::<Job>(64);
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            let spawned = std::thread::Builder::new()
                .name(format!("image-work-{n}"))
                .spawn(move || work(&queue));
            if let Err(error) = spawned {
                tracing::error!(%error, "could not start an image worker");
            }
        }
        Self { jobs }
    }

    /// The copies readers get of `upload`, named after `url_name`; a PDF is
    /// kept as it came, an image is decoded and encoded afresh in the pool.
    pub async fn prepare(&self, upload: Spooled, url_name: &str) -> Result<Prepared, WorkError> {
        let url_name = url_name.to_owned();
        if upload.media_type == MediaType::Pdf {
            return pdf(upload, &url_name);
        }
        let (done, result) = tokio::sync::oneshot::channel();
        let jobs = self.jobs.clone();
        // The queue is bounded: waiting for room must not hold up a request worker.
        tokio::task::spawn_blocking(move || jobs.send((upload, url_name, done)))
            .await
            .context("the image queue panicked")?
            .map_err(|_| anyhow::anyhow!("the image workers have stopped"))?;
        result
            .await
            .map_err(|_| anyhow::anyhow!("an image worker stopped mid-work"))?
    }
}

/// An image worker: takes jobs until the queue closes.
fn work(queue: &std::sync::Mutex<std::sync::mpsc::Receiver<Job>>) {
    loop {
        let job = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok((upload, url_name, done)) = job else {
            return;
        };
        let prepared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            prepare_image(upload, &url_name)
        }))
        .unwrap_or_else(|_| Err(anyhow::anyhow!("the image work panicked").into()));
        // The request may have gone meanwhile; then nobody waits for the result.
        let _ = done.send(prepared);
    }
}

fn pdf(mut upload: Spooled, url_name: &str) -> Result<Prepared, WorkError> {
    upload.file.seek(SeekFrom::Start(0))?;
    let copy = Copy {
        facts: CopyFacts {
            file_name: variant_file(url_name, None, "pdf"),
            width: None,
            height: None,
            content_type: "application/pdf",
            bytes: upload.bytes,
            etag: format!("\"{}\"", hex::encode(&upload.sha256[..16])),
        },
        data: upload.file,
    };
    Ok(Prepared {
        kind: ItemKind::Pdf,
        width: None,
        height: None,
        copies: vec![copy],
    })
}

fn unreadable(name: &str) -> impl Fn(image::ImageError) -> WorkError + '_ {
    move |error| {
        tracing::info!(%error, "an uploaded image could not be decoded");
        WorkError::Refused(Refusal::Unreadable {
            name: name.to_owned(),
        })
    }
}

fn prepare_image(mut upload: Spooled, url_name: &str) -> Result<Prepared, WorkError> {
    if upload.media_type == MediaType::Gif
        && let Some(animation) = animation(&mut upload, url_name)?
    {
        return Ok(animation);
    }
    upload.file.seek(SeekFrom::Start(0))?;
    still_image(upload, url_name)
}

fn format_of(media_type: MediaType) -> ImageFormat {
    match media_type {
        MediaType::Jpeg => ImageFormat::Jpeg,
        MediaType::Png => ImageFormat::Png,
        MediaType::WebP => ImageFormat::WebP,
        MediaType::Gif | MediaType::Pdf => ImageFormat::Gif,
    }
}

/// Whether an orientation turns the picture on its side (width and height swap).
fn turns_sideways(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// A picture as it lies in its file (perhaps decoded smaller), how to turn
/// it upright, and the size of the whole picture.
struct Decoded {
    image: DynamicImage,
    orientation: Orientation,
    width: u32,
    height: u32,
}

fn decode(upload: Spooled) -> Result<Decoded, WorkError> {
    if upload.media_type == MediaType::Jpeg
        && let Some(decoded) = decode_jpeg(&upload)?
    {
        return Ok(decoded);
    }
    decode_whole(upload)
}

/// A JPEG decoded at the scale `media::jpeg_scale` picks: a 12-megapixel
/// photo becomes 3 megapixels while it is decoded, not after. `None` for
/// the rare kinds (CMYK, 16-bit) left to `decode_whole`.
fn decode_jpeg(upload: &Spooled) -> Result<Option<Decoded>, WorkError> {
    let name = upload.name.as_str();
    let refused = |error: jpeg_decoder::Error| {
        tracing::info!(%error, "an uploaded JPEG could not be decoded");
        WorkError::Refused(Refusal::Unreadable {
            name: name.to_owned(),
        })
    };
    let mut file = upload.file.try_clone()?;
    file.seek(SeekFrom::Start(0))?;
    let mut decoder = jpeg_decoder::Decoder::new(BufReader::new(file));
    decoder.read_info().map_err(refused)?;
    let Some(info) = decoder.info() else {
        return Ok(None);
    };
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    check_pixels(name, width, height).map_err(WorkError::Refused)?;
    let wanted = |side: u32, scale: u32| u16::try_from(side.div_ceil(scale)).unwrap_or(u16::MAX);
    let scale = jpeg_scale(width, height);
    let (scaled_width, scaled_height) = decoder
        .scale(wanted(width, scale), wanted(height, scale))
        .map_err(refused)?;
    decoder.set_max_decoding_buffer_size(usize::try_from(MAX_ALLOC).unwrap_or(usize::MAX));
    let pixels = decoder.decode().map_err(refused)?;
    let (scaled_width, scaled_height) = (u32::from(scaled_width), u32::from(scaled_height));
    let image = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => {
            image::RgbImage::from_raw(scaled_width, scaled_height, pixels).map(DynamicImage::from)
        }
        jpeg_decoder::PixelFormat::L8 => {
            image::GrayImage::from_raw(scaled_width, scaled_height, pixels).map(DynamicImage::from)
        }
        _ => return Ok(None),
    };
    let Some(image) = image else {
        return Ok(None);
    };
    let orientation = decoder
        .exif_data()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    Ok(Some(Decoded {
        image,
        orientation,
        width,
        height,
    }))
}

/// Any accepted picture, decoded whole by the `image` crate.
fn decode_whole(upload: Spooled) -> Result<Decoded, WorkError> {
    let name = upload.name.as_str();
    let format = format_of(upload.media_type);
    let header = ImageReader::with_format(BufReader::new(upload.file.try_clone()?), format);
    let (width, height) = header.into_dimensions().map_err(unreadable(name))?;
    check_pixels(name, width, height).map_err(WorkError::Refused)?;

    let mut file = upload.file.try_clone()?;
    file.seek(SeekFrom::Start(0))?;
    let mut decoder = ImageReader::with_format(BufReader::new(file), format)
        .into_decoder()
        .map_err(unreadable(name))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_ALLOC);
    decoder.set_limits(limits).map_err(unreadable(name))?;
    let image = DynamicImage::from_decoder(decoder).map_err(unreadable(name))?;
    Ok(Decoded {
        image,
        orientation,
        width,
        height,
    })
}

fn still_image(upload: Spooled, url_name: &str) -> Result<Prepared, WorkError> {
    let Decoded {
        image: decoded,
        orientation,
        width,
        height,
    } = decode(upload)?;

    // Scale first, turn afterwards: turning the full-size picture would need a second copy of it.
    let sideways = turns_sideways(orientation);
    let upright = |w: u32, h: u32| if sideways { (h, w) } else { (w, h) };
    let (upright_width, upright_height) = upright(width, height);
    let (decoded_width, decoded_height) = upright(decoded.width(), decoded.height());
    let widths = widths_for(decoded_width);
    let largest = widths.last().copied().unwrap_or(decoded_width);
    let largest_height = scaled_height(decoded_width, decoded_height, largest);
    let (scaled_width, scaled_h) = upright(largest, largest_height);
    let mut top = if (scaled_width, scaled_h) == (decoded.width(), decoded.height()) {
        decoded
    } else {
        let scaled = decoded.thumbnail_exact(scaled_width, scaled_h);
        drop(decoded);
        scaled
    };
    top.apply_orientation(orientation);
    let top = Pixels::from(top);

    let mut copies = Vec::with_capacity(widths.len());
    for &copy_width in widths.iter().rev() {
        let copy_height = scaled_height(decoded_width, decoded_height, copy_width);
        let file_name = if copy_width == largest {
            variant_file(url_name, None, "webp")
        } else {
            variant_file(url_name, Some(copy_width), "webp")
        };
        let encoded = if copy_width == largest {
            top.webp()?
        } else {
            top.scaled(copy_width, copy_height).webp()?
        };
        copies.push(spool_copy(
            &encoded,
            file_name,
            (copy_width, copy_height),
            "image/webp",
        )?);
    }
    copies.reverse();
    Ok(Prepared {
        kind: ItemKind::Image,
        width: Some(upright_width),
        height: Some(upright_height),
        copies,
    })
}

/// Pixels as the WebP encoder takes them: with an alpha channel only when the picture has one.
enum Pixels {
    Rgb(image::RgbImage),
    Rgba(image::RgbaImage),
}

impl From<DynamicImage> for Pixels {
    fn from(image: DynamicImage) -> Self {
        if image.color().has_alpha() {
            Self::Rgba(image.into_rgba8())
        } else {
            Self::Rgb(image.into_rgb8())
        }
    }
}

impl Pixels {
    /// A smaller copy, each pixel the average of those it covers.
    fn scaled(&self, width: u32, height: u32) -> Self {
        match self {
            Self::Rgb(image) => Self::Rgb(image::imageops::thumbnail(image, width, height)),
            Self::Rgba(image) => Self::Rgba(image::imageops::thumbnail(image, width, height)),
        }
    }

    fn webp(&self) -> Result<Vec<u8>, WorkError> {
        let encoder = match self {
            Self::Rgb(image) => webp::Encoder::from_rgb(image, image.width(), image.height()),
            Self::Rgba(image) => webp::Encoder::from_rgba(image, image.width(), image.height()),
        };
        let mut config = webp::WebPConfig::new()
            .map_err(|()| anyhow::anyhow!("libwebp has no configuration"))?;
        config.quality = WEBP_QUALITY;
        config.alpha_compression = 1;
        // libwebp's own option: a few percent more CPU for well under half the memory.
        config.low_memory = 1;
        let encoded = encoder
            .encode_advanced(&config)
            .map_err(|error| anyhow::anyhow!("WebP encoding failed: {error:?}"))?;
        Ok(encoded.to_vec())
    }
}

/// Writes an encoded copy to a private temporary file, rewound, with its ETag.
fn spool_copy(
    bytes: &[u8],
    file_name: String,
    (width, height): (u32, u32),
    content_type: &'static str,
) -> Result<Copy, WorkError> {
    let mut data = tempfile::tempfile()?;
    data.write_all(bytes)?;
    data.seek(SeekFrom::Start(0))?;
    Ok(Copy {
        facts: CopyFacts {
            file_name,
            width: Some(width),
            height: Some(height),
            content_type,
            bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            etag: etag_of(bytes),
        },
        data,
    })
}

fn etag_of(bytes: &[u8]) -> String {
    format!("\"{}\"", hex::encode(&Sha256::digest(bytes)[..16]))
}

/// An animated GIF re-muxed: its frames (pixels, palettes, timing, loop)
/// written into a new file, without comments or application extensions (XMP
/// lives there). `None` for a GIF with one frame: that is a still image.
fn animation(upload: &mut Spooled, url_name: &str) -> Result<Option<Prepared>, WorkError> {
    let name = upload.name.clone();
    let refused = |error: gif::DecodingError| {
        tracing::info!(%error, "an uploaded GIF could not be decoded");
        WorkError::Refused(Refusal::Unreadable { name: name.clone() })
    };
    upload.file.seek(SeekFrom::Start(0))?;
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    options.set_memory_limit(gif::MemoryLimit::Bytes(
        std::num::NonZeroU64::new(MAX_ALLOC).unwrap_or(std::num::NonZeroU64::MIN),
    ));
    let mut decoder = options
        .read_info(BufReader::new(upload.file.try_clone()?))
        .map_err(&refused)?;
    let (width, height) = (decoder.width(), decoder.height());
    check_pixels(&upload.name, width.into(), height.into()).map_err(WorkError::Refused)?;
    let mut out = BufWriter::new(tempfile::tempfile()?);
    let palette = decoder.global_palette().unwrap_or_default().to_vec();
    let mut encoder = gif::Encoder::new(&mut out, width, height, &palette)
        .map_err(|e| anyhow::anyhow!("GIF encoding failed: {e}"))?;
    encoder
        .set_repeat(decoder.repeat())
        .map_err(|e| anyhow::anyhow!("GIF encoding failed: {e}"))?;
    let frames = copy_frames(&mut decoder, &mut encoder, &refused, || {
        WorkError::Refused(Refusal::TooManyPixels {
            name: upload.name.clone(),
            width: width.into(),
            height: height.into(),
        })
    })?;
    drop(encoder);
    if frames < 2 {
        return Ok(None);
    }
    let mut file = out
        .into_inner()
        .map_err(|e| anyhow::anyhow!("GIF writing failed: {e}"))?;
    let (bytes, etag) = hash_file(&mut file)?;
    Ok(Some(Prepared {
        kind: ItemKind::Animation,
        width: Some(width.into()),
        height: Some(height.into()),
        copies: vec![Copy {
            facts: CopyFacts {
                file_name: variant_file(url_name, None, "gif"),
                width: Some(width.into()),
                height: Some(height.into()),
                content_type: "image/gif",
                bytes,
                etag,
            },
            data: file,
        }],
    }))
}

/// Copies every frame from `decoder` to `encoder`; how many there were.
/// `too_many` is the refusal once the frames hold more pixels than allowed.
fn copy_frames<R: std::io::Read, W: Write>(
    decoder: &mut gif::Decoder<R>,
    encoder: &mut gif::Encoder<W>,
    refused: &dyn Fn(gif::DecodingError) -> WorkError,
    too_many: impl Fn() -> WorkError,
) -> Result<u64, WorkError> {
    let mut frames = 0u64;
    let mut pixels = 0u64;
    while let Some(frame) = decoder.read_next_frame().map_err(refused)? {
        frames += 1;
        pixels += u64::from(frame.width) * u64::from(frame.height);
        if pixels > MAX_ANIMATION_PIXELS {
            return Err(too_many());
        }
        encoder
            .write_frame(frame)
            .map_err(|e| anyhow::anyhow!("GIF encoding failed: {e}"))?;
    }
    Ok(frames)
}

/// The size and ETag of a temporary file, read from its start; left rewound.
fn hash_file(file: &mut File) -> Result<(u64, String), WorkError> {
    file.flush()?;
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        hasher.update(&buffer[..n]);
    }
    file.seek(SeekFrom::Start(0))?;
    Ok((
        total,
        format!("\"{}\"", hex::encode(&hasher.finalize()[..16])),
    ))
}
