//! What wraps every response: the request log, security headers, styled error pages.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, ContentType};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{DefaultHeaders, ErrorHandlerResponse, ErrorHandlers, Next};
use actix_web::{HttpResponse, web};
use tracing::Instrument;

use crate::error::PublicMessage;
use crate::page_cache::NoPublicChange;
use crate::state::AppState;

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

/// One log line per request: method, path (never the query string, which may
/// carry a reader's token), status and time taken.
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let span = tracing::info_span!("request", method = %req.method(), path = %req.path());
    let started = Instant::now();
    let response = next.call(req).instrument(span.clone()).await?;
    let status = response.status().as_u16();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        match status {
            500.. => tracing::warn!(status, elapsed_ms, "served"),
            // Scanners ask for thousands of missing pages; keep them out of the default log.
            404 => tracing::debug!(status, elapsed_ms, "served"),
            _ => tracing::info!(status, elapsed_ms, "served"),
        }
    });
    Ok(response)
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
    let (heading, default_message) = describe(status);
    let message = custom.unwrap_or_else(|| default_message.to_owned());
    let page = req.app_data::<web::Data<AppState>>().and_then(|state| {
        let mut context = state.context();
        context.insert("heading", heading);
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

fn describe(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => (
            "Bad request",
            "The request could not be understood. Please go back and try again.",
        ),
        403 => ("Not allowed", "You are not allowed to do that."),
        404 => (
            "Page not found",
            "There is no page at this address. It may have moved, or never existed.",
        ),
        405 => (
            "Not allowed",
            "This address does not accept that kind of request.",
        ),
        409 => (
            "Conflict",
            "That could not be done because something changed meanwhile.",
        ),
        413 => (
            "Too large",
            "What you sent is too large. A comment may be at most 5,000 characters.",
        ),
        429 => (
            "Too many requests",
            "You are sending requests too quickly. Please wait a moment and try again.",
        ),
        503 => (
            "Unavailable",
            "The site is unavailable for a moment. Please try again shortly.",
        ),
        500..=599 => (
            "Something went wrong",
            "Sorry, something went wrong on our side. Please try again later.",
        ),
        _ => ("Request refused", "The request could not be completed."),
    }
}
