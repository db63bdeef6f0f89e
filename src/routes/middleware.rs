//! What wraps every request and response (`frame`): the request log, security
//! headers, styled error pages, the cache policy, and the limits on a request's
//! head and the time its body may take.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, ContentType};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError, web};
use futures_core::Stream;
use tokio::time::Sleep;
use tracing::Instrument;

use crate::domain::message::{Message, MessageId, msg};
use crate::domain::signing;
use crate::error::{AppError, PublicMessage};
use crate::i18n::{DEFAULT_LANGUAGE, Language};
use crate::page_cache::NoPublicChange;
use crate::routes::media;
use crate::state::AppState;
use crate::telemetry::access;

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: https:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; \
     object-src 'none'";

/// What every response carries, unless its handler said otherwise.
const SECURITY_HEADERS: [(header::HeaderName, &str); 4] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_FRAME_OPTIONS, "DENY"),
];

/// Everything that wraps every request and response, in one layer: the
/// request head's size limit, the body's deadline, the page cache told of
/// writes, styled error pages, the cache policy, the security headers, and
/// the access line with the request counted for `/metrics`.
///
/// They ran as seven middlewares before; each layer costs a boxed future, a
/// `Next` and a poll of its own on every request, which took the user CPU of
/// a cached page from 7.7 to 8.8 µs per request (wrk on 2 cores). The steps
/// keep the order the layers had, innermost first.
pub async fn frame(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let mut response = if head_too_large(&req) {
        let (req, _) = req.into_parts();
        let refused = HttpResponse::build(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
            .insert_header((header::CONNECTION, "close"))
            .finish();
        ServiceResponse::new(req, refused)
    } else if matches!(*req.method(), Method::GET | Method::HEAD) {
        // Reads, by far the most requests, go without a span.
        handle(req, next).await?
    } else {
        // A request that may write runs in a `request` span, so that what its
        // handler logs names the request.
        let path = signing::loggable_path(req.path());
        let span = tracing::info_span!("request", method = %req.method(), path = %path);
        handle(req, next).instrument(span).await?
    };
    if response.status().is_client_error() || response.status().is_server_error() {
        response = styled_error(response);
    }
    let headers = response.headers_mut();
    apply_cache_policy(headers);
    for (name, value) in &SECURITY_HEADERS {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), header::HeaderValue::from_static(value));
        }
    }
    log_request(&response, started.elapsed());
    Ok(response)
}

/// The request handled, with its body's deadline (see `BODY_IDLE`), and the
/// page cache told when it may have written.
async fn handle(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let reads_only = matches!(*req.method(), Method::GET | Method::HEAD);
    let expired = with_body_deadline(&mut req);
    let mut response = next.call(req).await?.map_into_boxed_body();
    if expired.is_some_and(|expired| expired.get()) {
        // Whatever the handler made of a body cut short, the client was too slow.
        let (req, _) = response.into_parts();
        response = ServiceResponse::new(req, AppError::RequestTimeout.error_response());
    }
    // After any request that may have written (anything but GET and HEAD),
    // the page cache reads the content version again before the next page is
    // served; this runs before the response leaves, so whoever follows it
    // sees the change.
    if !reads_only
        && !response
            .response()
            .extensions()
            .contains::<NoPublicChange>()
        && let Some(state) = response.request().app_data::<web::Data<AppState>>()
    {
        state.pages.note_possible_change();
    }
    Ok(response)
}

/// One access line per request (`telemetry::access`): method, path (with an
/// email link's token replaced, and never the query string, which may carry a
/// reader's token), status and time taken; and the request counted for
/// `/metrics` under its route's pattern.
fn log_request(response: &ServiceResponse<BoxBody>, took: Duration) {
    let status = response.status().as_u16();
    let request = response.request();
    if let Some(state) = request.app_data::<web::Data<AppState>>() {
        let route = request.match_pattern();
        let route = route.as_deref().unwrap_or_else(|| {
            if media::serves(request.path()) {
                media::ROUTE
            } else {
                crate::metrics::UNMATCHED
            }
        });
        state.metrics.observe_request(route, status, took);
    }
    access::record(&access::Served {
        method: request.method().as_str(),
        path: &signing::loggable_path(request.path()),
        status,
        took,
    });
}

/// Longest request head (request line and headers) answered; nginx refuses
/// more than 8 KiB per line, and a bounded head is part of staying up under abuse.
pub const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// Whether the request's head is larger than `MAX_REQUEST_HEAD` (answered
/// `431`), counted as it came over the wire (`Name: value\r\n` per header).
/// The HTTP layer itself reads no more than 128 KiB of a head and refuses the rest.
fn head_too_large(req: &ServiceRequest) -> bool {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    let line = req.method().as_str().len() + target + "  HTTP/1.1\r\n".len();
    let headers: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + ": \r\n".len())
        .sum();
    line + headers > MAX_REQUEST_HEAD
}

/// A request body that sends nothing for this long is given up on (nginx's
/// `client_body_timeout` is the same idea), so clients that stall after the
/// head cannot hold connections open; the head itself has its own timeout.
const BODY_IDLE: Duration = Duration::from_secs(10);
/// However it trickles in, a body must be complete within this time.
const BODY_TOTAL: Duration = Duration::from_secs(300);

/// Bounds the time the request's body may take to arrive (see `BODY_IDLE`
/// and `BODY_TOTAL`); the flag it gives back is set once the body stalled
/// (answered 408). Requests without a body (every GET) pass untouched.
fn with_body_deadline(req: &mut ServiceRequest) -> Option<Rc<Cell<bool>>> {
    let has_body = req.headers().contains_key(header::CONTENT_LENGTH)
        || req.headers().contains_key(header::TRANSFER_ENCODING);
    if !has_body {
        return None;
    }
    let expired = Rc::new(Cell::new(false));
    let body = DeadlineBody {
        inner: req.take_payload(),
        idle: Box::pin(tokio::time::sleep(BODY_IDLE)),
        total: Box::pin(tokio::time::sleep(BODY_TOTAL)),
        expired: Rc::clone(&expired),
    };
    req.set_payload(Payload::Stream {
        payload: Box::pin(body),
    });
    Some(expired)
}

/// A request body that fails with a timeout once it stalls or takes too long.
struct DeadlineBody {
    inner: Payload,
    idle: Pin<Box<Sleep>>,
    total: Pin<Box<Sleep>>,
    expired: Rc<Cell<bool>>,
}

impl Stream for DeadlineBody {
    type Item = Result<web::Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if let Poll::Ready(item) = Pin::new(&mut this.inner).poll_next(cx) {
            if matches!(item, Some(Ok(_))) {
                this.idle
                    .as_mut()
                    .reset(tokio::time::Instant::now() + BODY_IDLE);
            }
            return Poll::Ready(item);
        }
        if this.idle.as_mut().poll(cx).is_ready() || this.total.as_mut().poll(cx).is_ready() {
            this.expired.set(true);
            let stalled = std::io::Error::new(std::io::ErrorKind::TimedOut, "the body stalled");
            return Poll::Ready(Some(Err(PayloadError::Io(stalled))));
        }
        Poll::Pending
    }
}

/// What a shared cache (a proxy, a CDN) may keep: only responses a handler
/// marked `public` (pages, feeds and files that are the same for every
/// reader) and that set no cookie; everything else — admin pages, a reader's
/// own `?mine=` page, refused forms with their text, errors — is
/// `private, no-store`.
fn apply_cache_policy(headers: &mut header::HeaderMap) {
    let said = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let shareable = said.starts_with("public") && !headers.contains_key(header::SET_COOKIE);
    if !shareable && !said.starts_with("private, no-store") && !said.starts_with("no-store") {
        headers.insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("private, no-store"),
        );
    }
}

/// Every 4xx/5xx that a handler did not render itself becomes a page in the
/// site's layout, with a message for people and no internal detail.
fn styled_error(response: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        return response;
    }
    let status = response.status();
    let (req, res) = response.into_parts();
    let custom = res.extensions().get::<PublicMessage>().map(|m| m.0.clone());
    let (heading_id, message_id) = describe(status);
    let state = req.app_data::<web::Data<AppState>>();
    let language = state.map_or_else(
        || Language::new(DEFAULT_LANGUAGE),
        |state| state.language.clone(),
    );
    let heading = language.text(heading_id);
    let message = language.message(&custom.unwrap_or_else(|| Message::new(message_id)));
    let page = state.and_then(|state| {
        let mut context = state.context();
        context.insert("heading", &heading);
        context.insert("message", &message);
        context.insert("status", &status.as_u16());
        state.templates.render("errors/error.html", &context).ok()
    });
    let mut styled = HttpResponse::build(status);
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            styled.insert_header((name.clone(), value.clone()));
        }
    }
    let styled = match page {
        Some(html) => styled.content_type(ContentType::html()).body(html),
        None => styled
            .content_type(ContentType::plaintext())
            .body(format!("{heading}\n\n{message}\n")),
    };
    ServiceResponse::new(req, styled)
}

/// The heading and text of an error page, as message ids.
fn describe(status: StatusCode) -> (MessageId, MessageId) {
    match status.as_u16() {
        400 => (msg::ERROR_400_HEADING, msg::ERROR_400),
        403 => (msg::ERROR_403_HEADING, msg::ERROR_403),
        404 => (msg::ERROR_404_HEADING, msg::ERROR_404),
        405 => (msg::ERROR_405_HEADING, msg::ERROR_405),
        408 => (msg::ERROR_408_HEADING, msg::ERROR_408),
        409 => (msg::ERROR_409_HEADING, msg::ERROR_409),
        413 => (msg::ERROR_413_HEADING, msg::ERROR_413),
        429 => (msg::ERROR_429_HEADING, msg::ERROR_429),
        431 => (msg::ERROR_431_HEADING, msg::ERROR_431),
        503 => (msg::ERROR_503_HEADING, msg::ERROR_503),
        500..=599 => (msg::ERROR_500_HEADING, msg::ERROR_500),
        _ => (msg::ERROR_OTHER_HEADING, msg::ERROR_OTHER),
    }
}
