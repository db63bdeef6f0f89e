//! A post's page: the post, its approved comments in threads and the comment
//! form, which a refused comment shows again with the reader's text
//! (see `comments`). Old addresses of renamed posts lead here with a 301.
//! A page (`/{slug}`) is shown the same way, without date, tags or reading time.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::SignedIn;
use crate::db;
use crate::db::comments::PublicComment;
use crate::db::posts::read::PublishedPost;
use crate::domain::comment::CommentForm;
use crate::domain::form::FieldErrors;
use crate::domain::ids::{CommentId, PostId};
use crate::domain::post::Kind;
use crate::domain::role::Permission;
use crate::domain::signing::RowKey;
use crate::domain::{SafeHtml, markdown, signing, spam, thread, time};
use crate::error::{AppError, Result};
use crate::page_cache::{FORM_TOKEN_SLOT, PageKey, Rendered};
use crate::respond;
use crate::routes::conditional;
use crate::routes::meta::{PageMeta, PreviewImage};
use crate::routes::post_at::{PostAt, find_post, renamed};
use crate::routes::remember;
use crate::state::AppState;

/// Longest page description, about what search results and previews show.
const DESCRIPTION_CHARS: usize = 200;

#[derive(Debug, Default, Deserialize)]
pub struct PostQuery {
    /// The signed token a reader gets after commenting, to see their own pending comment.
    mine: Option<String>,
    /// The comment being replied to, when the reader followed a "Reply" link.
    replytocom: Option<String>,
}

#[derive(Serialize)]
struct PostView<'a> {
    slug: &'a str,
    /// A page is at `/{slug}`, a post at `/posts/{slug}`.
    is_page: bool,
    title: &'a str,
    body_html: &'a SafeHtml,
    comments_open: bool,
    published_iso: String,
    published_human: String,
    /// Set when the post changed well after it was published.
    updated_iso: Option<String>,
    updated_human: Option<String>,
    reading_minutes: u32,
    comments_feed_url: String,
}

#[derive(Serialize)]
struct CommentView {
    id: CommentId,
    depth: usize,
    author_name: String,
    author_website: String,
    body_html: SafeHtml,
    created_iso: String,
    created_human: String,
    by_admin: bool,
    awaiting_moderation: bool,
}

/// The key in `FieldErrors` for a message about the whole form rather than one field.
pub const FORM_ERROR: &str = "form";

/// What the comment form shows: the reader's values and, after a refusal, why.
#[derive(Debug, Default)]
pub struct FormState {
    pub form: CommentForm,
    pub errors: FieldErrors,
    /// The author's own pending comment to show, if their token is valid.
    pub mine: Option<RowKey<CommentId>>,
    /// The timing token to send the form with; a fresh one when `None`.
    pub form_token: Option<String>,
    /// The page is for a signed-in admin: it links to the post's editor.
    pub for_admin: bool,
    /// The address this browser remembers (the reader ticked "Save my name…"):
    /// its comments awaiting moderation are shown to this reader.
    pub own_email: Option<String>,
}

/// `GET /posts/{slug}` or `GET /{slug}` (the address says which kind): the
/// published post or page; for a page, else an old address from an import;
/// else 404.
pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    query: web::Query<PostQuery>,
    admin: Option<SignedIn>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let kind = **kind;
    match show_as(&state, &req, &slug, &query, kind, admin).await {
        Err(AppError::NotFound) if kind == Kind::Page => {
            super::redirects::not_found_or_redirect(req, state).await
        }
        shown => shown,
    }
}

/// A post or a page with its comments, for a reader: the cached page, unless
/// this reader gets one of their own (their pending comment through `?mine=`,
/// a reply link, a remembered name and address, or an admin's Edit link).
async fn show_as(
    state: &AppState,
    req: &HttpRequest,
    slug: &str,
    query: &PostQuery,
    kind: Kind,
    admin: Option<SignedIn>,
) -> Result<HttpResponse> {
    // The Edit link is for those who may change any post or page.
    let editor = match kind {
        Kind::Post => Permission::PublishPosts,
        Kind::Page => Permission::ManagePages,
    };
    let admin = admin.filter(|a| a.may(editor));
    let remembered = remember::remembered(req, &state.signer);
    let same_for_everyone = query.mine.is_none()
        && query.replytocom.is_none()
        && admin.is_none()
        && remembered.is_none();
    if same_for_everyone {
        return cached_post(state, req, slug, kind).await;
    }
    let post = match find_post(state, slug, kind).await? {
        PostAt::Here(post) => post,
        PostAt::RenamedTo(current) => {
            return Ok(renamed(req, &kind.path(&current)));
        }
    };
    let mine = query
        .mine
        .as_deref()
        .and_then(|token| signing::verify_pending_comment_token(&state.signer, token));
    let mut form = FormState {
        mine,
        for_admin: admin.is_some(),
        ..FormState::default()
    };
    if let Some(reader) = remembered {
        form.form.name = reader.name;
        form.form.website = reader.website;
        form.form.remember = Some("on".to_owned());
        form.own_email = Some(reader.email.clone());
        form.form.email = reader.email;
    }
    if let Some(parent) = query.replytocom.as_deref() {
        form.form.parent_id = parent.to_owned();
    }
    render_post(state, &post, form, StatusCode::OK).await
}

/// The post page as every reader without a pending comment of their own sees
/// it: from the page cache, with a fresh form token, or rendered and cached.
async fn cached_post(
    state: &AppState,
    req: &HttpRequest,
    slug: &str,
    kind: Kind,
) -> Result<HttpResponse> {
    let key = match kind {
        Kind::Post => PageKey::Post(slug.to_owned()),
        Kind::Page => PageKey::Page(slug.to_owned()),
    };
    let rendered = || async {
        let post = match find_post(state, slug, kind).await? {
            PostAt::Here(post) => post,
            PostAt::RenamedTo(current) => return Ok(Err(renamed(req, &kind.path(&current)))),
        };
        let html = post_page_html(state, &post, FormState::default(), FORM_TOKEN_SLOT).await?;
        Ok(Ok(Rendered::with_form(html, post.id)))
    };
    conditional::get_or_render(state, req, key, rendered).await
}

/// The post page, for a plain visit and for a refused comment (422) alike.
pub async fn render_post(
    state: &AppState,
    post: &PublishedPost,
    mut form: FormState,
    status: StatusCode,
) -> Result<HttpResponse> {
    let token = form.form_token.take().unwrap_or_else(|| {
        signing::comment_form_token(&state.signer, post.id, state.config.clock.now())
    });
    let personal = form.for_admin || form.own_email.is_some();
    let html = post_page_html(state, post, form, &token).await?;
    let response = respond::html(status, html);
    // An admin's copy (with its Edit link), or a remembered reader's (with
    // their details and pending comments), is theirs alone.
    Ok(if personal {
        respond::private(response)
    } else {
        response
    })
}

/// The post page's HTML with `form_token` in its comment form.
async fn post_page_html(
    state: &AppState,
    post: &PublishedPost,
    mut form: FormState,
    form_token: &str,
) -> Result<String> {
    let email = form.own_email.as_deref();
    let comments =
        db::comments::shown_on_post(&state.pool, post.id, form.mine.as_ref(), email).await?;
    let replying_to = replying_to(&comments, &form.form.parent_id);
    if replying_to.is_none() {
        // A stale or junk reply link: sending the form again starts a top-level comment.
        form.form.parent_id.clear();
    }
    let post_url = format!("{}{}", state.config.base_url(), post.kind.path(&post.slug));
    let mut context = state.public_context().await?;
    context.insert("meta", &post_meta(state, post, &post_url).await?);
    context.insert("post", &post_view(state, post, &post_url));
    context.insert("tags", &db::tags::for_post(&state.pool, post.id).await?);
    // Every comment shown, replies too: the count the home page gives (plus the reader's own).
    context.insert("comment_count", &comments.len());
    context.insert("comments", &comment_views(state, comments));
    context.insert("form", &form.form);
    context.insert("errors", &form.errors);
    context.insert(
        "form_error",
        &form.errors.get("parent_id").or(form.errors.get(FORM_ERROR)),
    );
    context.insert("form_token", form_token);
    context.insert("replying_to", &replying_to);
    let privacy_page = match state.site().privacy_page_id {
        Some(id) => db::posts::read::page_link(&state.pool, id).await?,
        None => None,
    };
    context.insert("privacy_page", &privacy_page);
    context.insert("edit_post_id", &form.for_admin.then_some(post.id));
    Ok(state.templates.render("blog/post.html", &context)?)
}

/// The post as the page shows it, dates in the site's time zone.
fn post_view<'a>(state: &AppState, post: &'a PublishedPost, post_url: &str) -> PostView<'a> {
    let zone = state.dates();
    let updated = time::shows_as_updated(post.published_at, post.updated_at);
    PostView {
        slug: &post.slug,
        is_page: post.kind == Kind::Page,
        title: &post.title,
        body_html: &post.body_html,
        comments_open: !spam::comments_closed(
            post.comments_open,
            post.published_at,
            state.site().close_comments_after_days,
            state.config.clock.now(),
        ),
        published_iso: zone.iso8601(post.published_at),
        published_human: zone.human_date(post.published_at),
        updated_iso: updated.then(|| zone.iso8601(post.updated_at)),
        updated_human: updated.then(|| zone.human_date(post.updated_at)),
        reading_minutes: markdown::reading_minutes(&post.body_markdown),
        comments_feed_url: format!("{post_url}/comments.xml"),
    }
}

/// The post's `<head>` description: its excerpt (the first paragraph of its
/// text, for a post saved before excerpts were taken from the rendered text),
/// or the site's tagline when it has no text; its first library picture as
/// the link preview's image.
async fn post_meta(state: &AppState, post: &PublishedPost, post_url: &str) -> Result<PageMeta> {
    let mut summary = markdown::description(&post.excerpt_html, DESCRIPTION_CHARS);
    if summary.is_empty() {
        let first = markdown::excerpt(&post.body_markdown, &post.body_html);
        summary = markdown::description(&first, DESCRIPTION_CHARS);
    }
    Ok(PageMeta {
        image: preview_image(state, post.id, &post.body_markdown).await?,
        title: post.title.clone(),
        description: if summary.is_empty() {
            state.site().tagline.clone()
        } else {
            summary
        },
        url: post_url.to_owned(),
        kind: "article",
    })
}

/// A post's featured image, else its first library image, as its link preview shows it.
async fn preview_image(
    state: &AppState,
    post_id: PostId,
    markdown: &str,
) -> Result<Option<PreviewImage>> {
    let featured = db::media::featured_image(&state.pool, post_id).await?;
    let Some(hash) = featured.or_else(|| markdown::first_media_image(markdown)) else {
        return Ok(None);
    };
    let catalog = db::media::catalog(&state.pool, std::slice::from_ref(&hash)).await?;
    let Some(source) = catalog.get(&hash).and_then(|image| image.preview()) else {
        return Ok(None);
    };
    Ok(Some(PreviewImage {
        url: format!("{}{}", state.config.base_url(), source.url),
        width: source.width,
        height: source.height,
        alt: db::media::alt_of(&state.pool, &hash)
            .await?
            .unwrap_or_default(),
    }))
}

/// The comments as threads, each reply nested in its parent (as deep as the site's setting allows).
fn comment_views(state: &AppState, comments: Vec<PublicComment>) -> Vec<thread::Node<CommentView>> {
    let depth = usize::try_from(state.site().thread_depth).unwrap_or(5);
    let zone = state.dates();
    let views = thread::arrange(comments, depth)
        .into_iter()
        .map(|(depth, c)| CommentView {
            id: c.id,
            depth,
            created_iso: zone.iso8601(c.created_at),
            created_human: zone.human_date_time(c.created_at),
            author_name: c.author_name,
            author_website: c.author_website,
            body_html: c.body_html,
            by_admin: c.by_admin,
            awaiting_moderation: c.awaiting_moderation,
        })
        .collect();
    thread::nest(views, |view| view.depth)
}

/// The name of the approved comment a reply form answers, if it is one.
fn replying_to(comments: &[PublicComment], parent_id: &str) -> Option<String> {
    let id: CommentId = parent_id.trim().parse().ok()?;
    comments
        .iter()
        .find(|c| c.id == id && !c.awaiting_moderation)
        .map(|c| c.author_name.clone())
}
