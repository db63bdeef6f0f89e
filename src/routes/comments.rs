//! A reader submits a comment: validated, judged by the intake rules
//! (`domain::spam`), stored with the verdict or refused with their text kept.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::db;
use crate::db::comments::{Intake, IntakeGuard, IntakeHistory, Origin};
use crate::db::posts::PublishedPost;
use crate::domain::comment::{CommentForm, FieldErrors, NewComment, PARENT_NOT_FOUND};
use crate::domain::spam::{self, FormToken, Limits, RejectKind, Rules, Verdict};
use crate::domain::{comment_text, signing};
use crate::error::{AppError, Result};
use crate::page_cache::NoPublicChange;
use crate::routes::blog::{FORM_ERROR, FormState, render_post};
use crate::routes::{client_ip, user_agent};
use crate::state::AppState;

/// The comment form as posted: the reader's fields plus the anti-abuse ones.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Submission {
    #[serde(flatten)]
    form: CommentForm,
    /// The honeypot: hidden from people, so only bots fill it in.
    homepage: String,
    /// When the form's page was served, signed (see `signing::comment_form_token`).
    form_token: String,
}

fn origin(req: &HttpRequest) -> Origin {
    Origin {
        ip: client_ip(req),
        user_agent: user_agent(req),
    }
}

pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    submission: web::Form<Submission>,
) -> Result<HttpResponse> {
    let post = post_for_intake(&state, &slug).await?;
    let now = state.config.clock.now();
    let site = state.site();
    if spam::comments_closed(
        post.comments_open,
        post.published_at,
        site.close_comments_after_days,
        now,
    ) {
        return Err(AppError::Forbidden(RejectKind::Closed.message().into()));
    }
    let Submission {
        form,
        homepage,
        form_token,
    } = submission.into_inner();
    let comment = match NewComment::try_from(&form) {
        Ok(comment) => comment,
        Err(errors) => {
            return refuse(
                &state,
                &post,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let origin = origin(&req);
    let limits = Limits {
        min_seconds: state.config.comment_min_seconds,
        comments_per_minute: state.config.comments_per_minute,
    };

    let submitted = Submitted {
        post: &post,
        comment: &comment,
        origin: &origin,
        honeypot: &homepage,
        form_token: &form_token,
        limits,
        now,
    };
    if let Some(parent_id) = comment.parent_id
        && !db::comments::parent_is_approved(&mut *state.pool.acquire().await?, post.id, parent_id)
            .await?
    {
        return refuse_parent(&state, &post, form).await;
    }
    // Only the known-author rule needs the history up front: the rate limit and
    // the duplicate rule are enforced by the guarded insert below, and when it
    // stops a comment the rules run again with the history to say why.
    let site_needs_history = state.site().auto_approve_known_authors;
    let verdict = judge(&state, &submitted, site_needs_history).await?;
    let (status, status_reason) = match &verdict {
        Verdict::Reject(kind) => {
            tracing::info!(post_id = post.id, refused = ?kind, "comment refused");
            return reject(&state, &post, form, *kind).await;
        }
        stored => stored.stored_as().unwrap_or(("pending", "")),
    };
    let intake = Intake {
        post_id: post.id,
        comment: comment.clone(),
        body_html: comment_text::render(comment.body.as_ref()),
        origin: origin.clone(),
        status,
        status_reason: status_reason.to_owned(),
        created_at: now,
    };
    let guard = IntakeGuard {
        rate_window_start: now - spam::RATE_WINDOW_SECONDS,
        rate_limit: limits.comments_per_minute,
        // Rules that file a comment as spam come before the duplicate rule.
        check_duplicate: !matches!(verdict, Verdict::Spam(_)),
        duplicate_window_start: now - spam::DUPLICATE_WINDOW_SECONDS,
    };
    let stored = state
        .comments
        .store(intake, guard)
        .await
        .map_err(anyhow::Error::new)?;
    let Some(id) = stored else {
        // Something changed since the history was read (a simultaneous post
        // reached the rate limit or said the same, or the parent was hidden):
        // judge again to tell the reader which.
        return match judge(&state, &submitted, true).await? {
            Verdict::Reject(kind) => reject(&state, &post, form, kind).await,
            _ => refuse_parent(&state, &post, form).await,
        };
    };
    tracing::info!(post_id = post.id, comment_id = id, status, "comment stored");
    let publicly_visible = status == "approved";

    // Held and spam comments alike: the author sees theirs "awaiting moderation".
    let token = signing::pending_comment_token(&state.signer, id);
    let location = format!("/posts/{}?mine={token}#comment-{id}", post.slug);
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish();
    if !publicly_visible {
        response.extensions_mut().insert(NoPublicChange);
    }
    Ok(response)
}

/// The published post a comment is for: from memory while nothing readers see
/// has changed (comments come in bursts), else from the database.
async fn post_for_intake(state: &AppState, slug: &str) -> Result<std::sync::Arc<PublishedPost>> {
    let version = state.pages.content_version(&state.pool).await?;
    if let Some(post) = state.pages.post(slug, version) {
        return Ok(post);
    }
    let post = db::posts::published_by_slug(&state.pool, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(state.pages.put_post(version, post))
}

/// The post page again with the reader's text kept (and a fresh form token).
async fn refuse(
    state: &AppState,
    post: &db::posts::PublishedPost,
    form: CommentForm,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse> {
    let form = FormState {
        form,
        errors,
        mine: None,
    };
    render_post(state, post, form, status).await
}

/// A refusal the reader can act on: the form again with what happened, except on
/// a closed post, which has no form to show.
async fn reject(
    state: &AppState,
    post: &db::posts::PublishedPost,
    form: CommentForm,
    kind: RejectKind,
) -> Result<HttpResponse> {
    let status = match kind {
        RejectKind::Closed => return Err(AppError::Forbidden(kind.message().into())),
        RejectKind::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        RejectKind::Expired => StatusCode::UNPROCESSABLE_ENTITY,
        RejectKind::Duplicate => StatusCode::CONFLICT,
    };
    let errors = FieldErrors::from([(FORM_ERROR, kind.message().to_owned())]);
    refuse(state, post, form, errors, status).await
}

/// A submission and what the rules need to know about where it came from.
struct Submitted<'a> {
    post: &'a PublishedPost,
    comment: &'a NewComment,
    origin: &'a Origin,
    honeypot: &'a str,
    form_token: &'a str,
    limits: Limits,
    now: i64,
}

/// Applies the rules; with `read_history`, to the commenter's history (one
/// indexed query, no write lock), else as if they had none.
async fn judge(state: &AppState, submitted: &Submitted<'_>, read_history: bool) -> Result<Verdict> {
    let Submitted {
        post,
        comment,
        origin,
        limits,
        now,
        ..
    } = submitted;
    let history = if !read_history {
        IntakeHistory::default()
    } else {
        db::comments::intake_history(
            &mut *state.pool.acquire().await?,
            post.id,
            comment,
            &origin.ip,
            now - spam::RATE_WINDOW_SECONDS,
            limits.comments_per_minute,
            now - spam::DUPLICATE_WINDOW_SECONDS,
        )
        .await?
    };
    let site = state.site();
    let context = spam::Context {
        now: *now,
        ip: &origin.ip,
        user_agent: &origin.user_agent,
        honeypot: submitted.honeypot,
        form_token: FormToken::read(&state.signer, post.id, submitted.form_token),
        post_published_at: post.published_at,
        post_comments_open: post.comments_open,
        known_author: history.known_author,
        recent_from_ip: history.recent_from_ip,
        duplicate: history.duplicate,
        rules: Rules {
            auto_approve_known_authors: site.auto_approve_known_authors,
            hold_if_links_over: site.hold_if_links_over,
            spam_words: &site.spam_words,
            moderation_words: &site.moderation_words,
            close_comments_after_days: site.close_comments_after_days,
        },
        limits: *limits,
    };
    Ok(spam::judge(comment, &context))
}

async fn refuse_parent(
    state: &AppState,
    post: &PublishedPost,
    form: CommentForm,
) -> Result<HttpResponse> {
    let errors = FieldErrors::from([("parent_id", PARENT_NOT_FOUND.to_owned())]);
    refuse(state, post, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await
}
