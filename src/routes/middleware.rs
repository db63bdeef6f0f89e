//! What wraps every response: the request log, security headers, styled error
//! pages, and the deadline for a request's body.

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
use actix_web::middleware::{DefaultHeaders, ErrorHandlerResponse, ErrorHandlers, Next};
use actix_web::{HttpMessage, HttpResponse, ResponseError, web};
use futures_core::Stream;
use tokio::time::Sleep;
use tracing::Instrument;

use crate::domain::message::{Message, MessageId, msg};
use crate::domain::signing;
use crate::error::{AppError, PublicMessage};
use crate::i18n::{DEFAULT_LANGUAGE, Language};
use crate::page_cache::NoPublicChange;
use crate::state::AppState;
use crate::telemetry::access;

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: https:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; \
     object-src 'none'";

pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .add((header::X_FRAME_OPTIONS, "DENY"))
}

/// One access line per request (`telemetry::access`): method, path (with an
/// email link's token replaced, and never the query string, which may carry a
/// reader's token), status and time taken; and the request counted for
/// `/metrics` under its route's pattern. A request that may write (anything
/// but GET and HEAD) runs in a `request` span, so that what its handler logs
/// names the request; reads, by far the most requests, go without one.
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let response = if matches!(*req.method(), Method::GET | Method::HEAD) {
        next.call(req).await?
    } else {
        let path = signing::loggable_path(req.path());
        let span = tracing::info_span!("request", method = %req.method(), path = %path);
        next.call(req).instrument(span).await?
    };
    let status = response.status().as_u16();
    let took = started.elapsed();
    let request = response.request();
    if let Some(state) = request.app_data::<web::Data<AppState>>() {
        let route = request.match_pattern();
        let route = route.as_deref().unwrap_or(crate::metrics::UNMATCHED);
        state.metrics.observe_request(route, status, took);
    }
    access::record(&access::Served {
        method: request.method().as_str(),
        path: &signing::loggable_path(request.path()),
        status,
        took,
    });
    Ok(response)
}

/// Longest request head (request line and headers) answered; nginx refuses
/// more than 8 KiB per line, and a bounded head is part of staying up under abuse.
pub const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// Answers `431` to a request whose head is larger than `MAX_REQUEST_HEAD`,
/// counted as it came over the wire (`Name: value\r\n` per header). The HTTP
/// layer itself reads no more than 128 KiB of a head and refuses the rest.
pub async fn limit_request_head(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    let line = req.method().as_str().len() + target + "  HTTP/1.1\r\n".len();
    let headers: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + ": \r\n".len())
        .sum();
    if line + headers > MAX_REQUEST_HEAD {
        let (req, _) = req.into_parts();
        let refused = HttpResponse::build(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
            .insert_header((header::CONNECTION, "close"))
            .finish();
        return Ok(ServiceResponse::new(req, refused));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// A request body that sends nothing for this long is given up on (nginx's
/// `client_body_timeout` is the same idea), so clients that stall after the
/// head cannot hold connections open; the head itself has its own timeout.
const BODY_IDLE: Duration = Duration::from_secs(10);
/// However it trickles in, a body must be complete within this time.
const BODY_TOTAL: Duration = Duration::from_secs(300);

/// Bounds the time a request's body may take to arrive (see `BODY_IDLE` and
/// `BODY_TOTAL`) and answers 408 when it stalls. Requests without a body
/// (every GET) pass untouched.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let has_body = req.headers().contains_key(header::CONTENT_LENGTH)
        || req.headers().contains_key(header::TRANSFER_ENCODING);
    if !has_body {
        return Ok(next.call(req).await?.map_into_boxed_body());
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
    let response = next.call(req).await?;
    if !expired.get() {
        return Ok(response.map_into_boxed_body());
    }
    // Whatever the handler made of a body cut short, the client was too slow.
    let (req, _) = response.into_parts();
    Ok(ServiceResponse::new(
        req,
        AppError::RequestTimeout.error_response(),
    ))
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

/// After any request that may have written (anything but GET and HEAD), the
/// page cache reads the content version again before the next page is served;
/// this runs before the response leaves, so whoever follows it sees the change.
pub async fn note_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let reads_only = matches!(*req.method(), Method::GET | Method::HEAD);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let response = next.call(req).await?;
    let nothing_public = response
        .response()
        .extensions()
        .contains::<NoPublicChange>();
    if !reads_only
        && !nothing_public
        && let Some(state) = state
    {
        state.pages.note_possible_change();
    }
    Ok(response)
}

/// What a shared cache (a proxy, a CDN) may keep: only responses a handler
/// marked `public` (pages, feeds and files that are the same for every
/// reader) and that set no cookie; everything else — admin pages, a reader's
/// own `?mine=` page, refused forms with their text, errors — is
/// `private, no-store`.
pub async fn cache_policy(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
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
    Ok(response)
}

/// Every 4xx/5xx that a handler did not render itself becomes a page in the
/// site's layout, with a message for people and no internal detail.
pub fn error_pages<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(render_error_page)
}

fn render_error_page<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
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
    let styled: HttpResponse<BoxBody> = match page {
        Some(html) => styled.content_type(ContentType::html()).body(html),
        None => styled
            .content_type(ContentType::plaintext())
            .body(format!("{heading}\n\n{message}\n")),
    };
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, styled).map_into_right_body(),
    ))
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
