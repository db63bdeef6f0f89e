//! `/media/{hash}/{file}`: the library's copies for readers. The hash in the
//! URL names the content, so a copy is cached for a year and never asked for
//! again; it is read from the database a chunk at a time as it is sent, and a
//! byte range reads only the chunks it covers. Small copies are kept in
//! memory once read (see `media_cache`).

use std::borrow::Cow;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::future::{Either, LocalBoxFuture, Ready, ready};
use futures_util::stream;
use percent_encoding::percent_decode_str;
use sqlx::SqlitePool;

use crate::db;
use crate::db::media::CHUNK_BYTES;
use crate::domain::ids::VariantId;
use crate::domain::media::{ByteRange, ItemKind, byte_range};
use crate::error::{AppError, Result};
use crate::media_cache::{CachedCopy, CopyHeaders, MAX_ENTRY_BYTES};
use crate::routes::conditional::etag_matches;
use crate::state::AppState;

/// The route a copy's request is counted under in `/metrics`: the scope that
/// serves copies has no pattern of its own to report (see `serve`).
pub const ROUTE: &str = "/media/{hash}/{file}";

/// Whether `serve` answers `path`, the scope's prefix and below.
pub fn serves(path: &str) -> bool {
    path.strip_prefix("/media")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The URL changes whenever the content does.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Everything below `/media` (a scope with no routes of its own, so that the
/// router matches a copy's address by its prefix and no regular expression).
/// A copy kept in memory is answered at once, and the handler's future then
/// is no bigger than the answer: copies are asked for more than anything
/// else, and the database path's future is many times larger, to move and free.
pub fn serve(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Either<Ready<Result<HttpResponse>>, LocalBoxFuture<'static, Result<HttpResponse>>> {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return Either::Left(ready(Ok(HttpResponse::MethodNotAllowed().finish())));
    }
    if let Some((hash, file)) = segments(&req)
        && !hash.contains('%')
        && !file.contains('%')
        && let Some(cached) = state.media.get(hash, file)
    {
        let response = respond(&req, &cached.headers, Bytes::Memory(cached.body.clone()));
        return Either::Left(ready(Ok(response)));
    }
    Either::Right(Box::pin(from_database(state, req)))
}

/// A copy `serve` did not find in memory: its names decoded (they may have
/// been percent-encoded, so memory is asked again), read from the database,
/// and kept when small.
async fn from_database(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse> {
    let (hash, file) = names(&req)?;
    if let Some(cached) = state.media.get(&hash, &file) {
        return Ok(respond(
            &req,
            &cached.headers,
            Bytes::Memory(cached.body.clone()),
        ));
    }
    let copy = db::media::copy_at(&state.pool, &hash, &file)
        .await?
        .ok_or(AppError::NotFound)?;
    let headers = CopyHeaders {
        etag: HeaderValue::from_str(&copy.etag).ok(),
        content_type: HeaderValue::from_str(&copy.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        disposition: (copy.kind == ItemKind::Pdf).then(|| inline_named(&copy.file_name)),
    };
    let small = usize::try_from(copy.bytes).is_ok_and(|n| n <= MAX_ENTRY_BYTES);
    let bytes = if small && req.method() == Method::GET {
        // Small enough to keep: one chunk, read once, then served from memory.
        let body = db::media::chunk(&state.pool, copy.variant_id, 0)
            .await?
            .map(web::Bytes::from)
            .unwrap_or_default();
        state.media.put(
            &hash,
            &file,
            CachedCopy {
                headers: headers.clone(),
                body: body.clone(),
            },
        );
        Bytes::Memory(body)
    } else {
        Bytes::Chunks {
            pool: state.pool.clone(),
            variant_id: copy.variant_id,
            total: u64::try_from(copy.bytes).unwrap_or(0),
        }
    };
    Ok(respond(&req, &headers, bytes))
}

/// The copy's hash and file name: the two segments of the path below
/// `/media` (`/media/{hash}/{file}`), as they stand in the request.
fn segments(req: &HttpRequest) -> Option<(&str, &str)> {
    let rest = req.match_info().unprocessed().strip_prefix('/')?;
    let (hash, file) = rest.split_once('/')?;
    (!hash.is_empty() && !file.is_empty() && !file.contains('/')).then_some((hash, file))
}

/// The copy's hash and file name, percent-decoded where anything in them is
/// encoded (no name Folio gives a copy is; an encoded `/` names no copy).
fn names(req: &HttpRequest) -> Result<(Cow<'_, str>, Cow<'_, str>)> {
    let (hash, file) = segments(req).ok_or(AppError::NotFound)?;
    let decoded = |segment| {
        percent_decode_str(segment)
            .decode_utf8()
            .map_err(|_| AppError::NotFound)
    };
    Ok((decoded(hash)?, decoded(file)?))
}

/// Where a copy's bytes come from.
enum Bytes {
    Memory(web::Bytes),
    Chunks {
        pool: SqlitePool,
        variant_id: VariantId,
        total: u64,
    },
}

impl Bytes {
    fn len(&self) -> u64 {
        match self {
            Self::Memory(bytes) => bytes.len() as u64,
            Self::Chunks { total, .. } => *total,
        }
    }
}

fn respond(req: &HttpRequest, about: &CopyHeaders, bytes: Bytes) -> HttpResponse {
    let mut response = if etag_matches(req, about.etag()) {
        HttpResponse::NotModified().finish()
    } else {
        body(req, about, bytes)
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    if let Some(etag) = &about.etag {
        headers.insert(header::ETAG, etag.clone());
    }
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Some(disposition) = &about.disposition {
        headers.insert(header::CONTENT_DISPOSITION, disposition.clone());
    }
    response
}

/// `inline` with the file name as uploaded: an ASCII fallback, and the name in UTF-8 (RFC 6266).
fn inline_named(file_name: &str) -> HeaderValue {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | ';') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    HeaderValue::from_str(&format!(
        "inline; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("inline"))
}

/// The copy's bytes, or the range of them the client asked for.
fn body(req: &HttpRequest, about: &CopyHeaders, bytes: Bytes) -> HttpResponse {
    let total = bytes.len();
    let asked = req
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    // A range of an older copy is no use: `If-Range` with another ETag asks for the whole.
    let same_copy = req
        .headers()
        .get(header::IF_RANGE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|tag| tag.trim() == about.etag());
    let range = if same_copy {
        byte_range(asked, total)
    } else {
        ByteRange::Whole
    };
    let (status, start, end) = match range {
        ByteRange::Unsatisfiable => {
            return HttpResponse::build(StatusCode::RANGE_NOT_SATISFIABLE)
                .insert_header((header::CONTENT_RANGE, format!("bytes */{total}")))
                .finish();
        }
        ByteRange::Part { start, end } => (StatusCode::PARTIAL_CONTENT, start, end),
        ByteRange::Whole if total == 0 => {
            return HttpResponse::Ok()
                .content_type(about.content_type.clone())
                .finish();
        }
        ByteRange::Whole => (StatusCode::OK, 0, total - 1),
    };
    let mut response = HttpResponse::build(status);
    response.content_type(about.content_type.clone());
    if status == StatusCode::PARTIAL_CONTENT {
        response.insert_header((
            header::CONTENT_RANGE,
            format!("bytes {start}-{end}/{total}"),
        ));
    }
    let length = end - start + 1;
    if req.method() == Method::HEAD {
        let nothing = stream::empty::<std::result::Result<web::Bytes, std::io::Error>>();
        return response.no_chunking(length).streaming(nothing);
    }
    match bytes {
        Bytes::Memory(all) => {
            let (from, to) = (
                usize::try_from(start).unwrap_or(0),
                usize::try_from(end + 1).unwrap_or(0),
            );
            response.body(all.slice(from..to.min(all.len())))
        }
        Bytes::Chunks {
            pool, variant_id, ..
        } => response
            .no_chunking(length)
            .streaming(chunks(pool, variant_id, start, end)),
    }
}

/// Bytes `start..=end` of a copy, read a chunk at a time as the client takes them.
fn chunks(
    pool: SqlitePool,
    variant_id: VariantId,
    start: u64,
    end: u64,
) -> impl futures_util::Stream<Item = std::result::Result<web::Bytes, std::io::Error>> {
    let size = CHUNK_BYTES as u64;
    let (first, last) = (start / size, end / size);
    stream::unfold(first, move |seq| {
        let pool = pool.clone();
        async move {
            if seq > last {
                return None;
            }
            let index = i64::try_from(seq).unwrap_or(i64::MAX);
            let read = match db::media::chunk(&pool, variant_id, index).await {
                Ok(Some(data)) => {
                    let chunk_start = seq * size;
                    let chunk_end = chunk_start + data.len() as u64;
                    let from = usize::try_from(start.max(chunk_start) - chunk_start).unwrap_or(0);
                    let to = usize::try_from((end + 1).min(chunk_end) - chunk_start).unwrap_or(0);
                    let data = web::Bytes::from(data);
                    if from <= to && to <= data.len() {
                        Ok(data.slice(from..to))
                    } else {
                        Err(std::io::Error::other(
                            "a media chunk is shorter than its copy",
                        ))
                    }
                }
                Ok(None) => Err(std::io::Error::other("a media chunk is missing")),
                Err(error) => {
                    tracing::error!(%error, "could not read a media chunk");
                    Err(std::io::Error::other(error))
                }
            };
            Some((read, seq + 1))
        }
    })
}
