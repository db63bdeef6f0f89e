//! A reader submits a comment: extract → accept and decide (`domain::intake`)
//! → store with its guard (`db::intake`, through the comment writer) → answer
//! with a 303 to the post or the form again with the reader's text kept.

use std::sync::Arc;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::db;
use crate::db::comment_writer::StoreError;
use crate::db::posts::read::PublishedPost;
use crate::domain::comment::CommentForm;
use crate::domain::form::FieldErrors;
use crate::domain::ids::CommentId;
use crate::domain::intake::{self, Fate, Origin, Policy, PostFacts, Refusal, Submission};
use crate::domain::mail::MailPolicy;
use crate::domain::message::Message;
use crate::domain::moderation::Status;
use crate::domain::post::Kind;
use crate::domain::remember::Remembered;
use crate::domain::signing::{self, RowKey};
use crate::domain::spam::{History, RejectKind};
use crate::error::{AppError, Result};
use crate::page_cache::NoPublicChange;
use crate::respond;
use crate::routes::post_page::{FORM_ERROR, FormState, render_post};
use crate::routes::remember;
use crate::routes::request::{client_ip, user_agent};
use crate::state::AppState;

/// A comment on a post (`POST /posts/{slug}/comments`) or a page (`POST
/// /{slug}/comments`; the address says which), taken in the same way.
pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    submission: web::Form<Submission>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let (state, req, slug, kind) = (&state, &req, slug.as_str(), **kind);
    let post = post_for_intake(state, slug, kind).await?;
    let submission = submission.into_inner();
    let origin = Origin {
        ip: client_ip(req),
        user_agent: user_agent(req),
    };
    let fate = match take_in(state, &post, &submission, origin).await? {
        Ok(fate) => fate,
        Err(error) => {
            // One line, in the request's span; the reader keeps their text.
            tracing::error!(post_id = %post.id, error = %error, "could not store a comment");
            Fate::Refused(Refusal::NotStored)
        }
    };
    state.metrics.observe_comment(&fate);
    match fate {
        Fate::Stored {
            id,
            status,
            link_nonce,
        } => {
            let comment = RowKey::new(id, link_nonce);
            let mut response = stored(state, &post, &comment, status);
            remember_or_forget(state, req, &submission.form, &mut response)?;
            Ok(response)
        }
        Fate::Refused(refusal) => {
            let token = intake::token_for_retry(&submission, post.id, &refusal, &state.signer)
                .map(str::to_owned);
            refuse(state, &post, submission.form, refusal, token).await
        }
    }
}

/// The intake pipeline: the form must be accepted, the rules decide, and the
/// store checks the guard against what was stored meanwhile. The inner error
/// is the comment writer's: the comment could not be stored.
async fn take_in(
    state: &AppState,
    post: &PublishedPost,
    submission: &Submission,
    origin: Origin,
) -> Result<Result<Fate, StoreError>> {
    let site = state.site();
    let policy = Policy {
        rules: site.comment_rules(),
        require_consent: site.require_consent,
        limits: state.config.comment_limits(),
        mail: MailPolicy {
            on: state.mailer.is_some(),
            admins: site.notify_admins,
        },
        now: state.config.clock.now(),
    };
    let facts = PostFacts {
        id: post.id,
        published_at: post.published_at,
        comments_open: post.comments_open,
    };
    let comment = match intake::accept(&submission.form, facts, &policy) {
        Ok(comment) => comment,
        Err(refusal) => return Ok(Ok(Fate::Refused(refusal))),
    };
    let history = if policy.needs_history_up_front() {
        let mut conn = state.pool.acquire().await?;
        db::intake::history(&mut conn, post.id, &comment, &origin.ip, &policy.guard()).await?
    } else {
        History::default()
    };
    let decided = intake::decide(
        comment,
        submission,
        facts,
        origin,
        history,
        &policy,
        &state.signer,
    );
    let (intake, guard) = match decided {
        Ok(decided) => decided,
        Err(refusal) => return Ok(Ok(Fate::Refused(refusal))),
    };
    Ok(state.comments.store(intake, guard).await)
}

/// The published post a comment is for: from memory while nothing readers see
/// has changed (comments come in bursts), else from the database.
async fn post_for_intake(state: &AppState, slug: &str, kind: Kind) -> Result<Arc<PublishedPost>> {
    let version = state.content_version().await?;
    let post = match state.pages.post(slug, version) {
        Some(post) => post,
        None => {
            let post = db::posts::read::published_by_slug(&state.pool, slug)
                .await?
                .ok_or(AppError::NotFound)?;
            state.pages.put_post(version, post)
        }
    };
    if post.kind == kind {
        Ok(post)
    } else {
        Err(AppError::NotFound)
    }
}

/// The 303 back to the post, where (held and spam alike) the author sees
/// their comment "awaiting moderation" through the signed link.
fn stored(
    state: &AppState,
    post: &PublishedPost,
    comment: &RowKey<CommentId>,
    status: Status,
) -> HttpResponse {
    let id = comment.id;
    tracing::info!(
        post_id = %post.id,
        comment_id = %id,
        status = status.as_str(),
        "comment stored"
    );
    let token = signing::pending_comment_token(&state.signer, comment);
    let location = format!("{}?mine={token}#comment-{id}", post.kind.path(&post.slug));
    let mut response = respond::see_other(&location);
    if status != Status::Approved {
        response.extensions_mut().insert(NoPublicChange);
    }
    response
}

/// The opt-in "save my name, email and website" cookie: set when the box was
/// ticked, removed when a reader who had it sends the form unticked.
fn remember_or_forget(
    state: &AppState,
    req: &HttpRequest,
    form: &CommentForm,
    response: &mut HttpResponse,
) -> Result<()> {
    let secure = state.config.secure_cookies();
    let cookie = if form.remember.is_some() {
        let remembered = Remembered {
            name: form.name.trim().to_owned(),
            email: form.email.trim().to_owned(),
            website: form.website.trim().to_owned(),
        };
        remember::cookie(remembered.to_cookie_value(&state.signer), secure)
    } else if req.cookie(remember::COOKIE).is_some() {
        let mut removal = remember::cookie(String::new(), secure);
        removal.make_removal();
        removal
    } else {
        return Ok(());
    };
    response
        .add_cookie(&cookie)
        .map_err(|e| AppError::Internal(e.into()))
}

/// The post page again with the reader's text kept and what happened; on a
/// post that closed meanwhile the text is shown (to copy) where the form was.
async fn refuse(
    state: &AppState,
    post: &PublishedPost,
    form: CommentForm,
    refusal: Refusal,
    form_token: Option<String>,
) -> Result<HttpResponse> {
    let (status, errors) = match refusal {
        Refusal::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        Refusal::NotStored => (
            StatusCode::SERVICE_UNAVAILABLE,
            FieldErrors::from([(FORM_ERROR, Message::new(Refusal::NOT_STORED))]),
        ),
        Refusal::Rejected(kind) => {
            tracing::info!(post_id = %post.id, refused = ?kind, "comment refused");
            let (status, field) = match kind {
                RejectKind::Closed => (StatusCode::FORBIDDEN, FORM_ERROR),
                RejectKind::RateLimited => (StatusCode::TOO_MANY_REQUESTS, FORM_ERROR),
                RejectKind::Expired => (StatusCode::UNPROCESSABLE_ENTITY, FORM_ERROR),
                RejectKind::Duplicate => (StatusCode::CONFLICT, FORM_ERROR),
                RejectKind::ParentGone => (StatusCode::UNPROCESSABLE_ENTITY, "parent_id"),
            };
            (status, FieldErrors::from([(field, kind.message())]))
        }
    };
    let form = FormState {
        form,
        errors,
        form_token,
        ..FormState::default()
    };
    let mut response = render_post(state, post, form, status).await?;
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
    }
    Ok(response)
}
