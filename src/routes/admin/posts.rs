//! Writing posts and pages: the list, the Markdown editor with preview and
//! scheduling, and moving them to the trash. The same handlers serve both,
//! under `/admin/posts` and `/admin/pages`; the scope says which kind (see
//! `routes`). An author sees and changes only their own posts, never
//! publishes or schedules, and sends them for review instead (`domain::role`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::{admin_context, set_flash};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::db::posts::read::{AdminPostRow, EditablePost};
use crate::db::posts::write::{EditOf, PostContent};
use crate::domain::form::FieldErrors;
use crate::domain::ids::{PostId, RevisionId};
use crate::domain::message::{Message, msg};
use crate::domain::pagination::{ADMIN_PAGE_SIZE, ListPage, PageRequest, Reading};
use crate::domain::post::Kind;
use crate::domain::post::{PostForm, ValidPost};
use crate::domain::post_save::{Fate, Refusal, SlugChoice};
use crate::domain::role::{self, Permission, PostShape, Review};
use crate::domain::schedule::{self, Publication};
use crate::domain::slug::{Slug, Spelling};
use crate::domain::time::{UnixTime, Zone};
use crate::domain::trash;
use crate::domain::{SafeHtml, markdown};
use crate::error::{AppError, Result};
use crate::i18n::Dates;
use crate::respond::{self, see_other};
use crate::routes::request::ListUrl;
use crate::state::AppState;

#[derive(Serialize)]
struct PostRowView {
    id: PostId,
    title: String,
    slug: String,
    published: bool,
    /// When a scheduled one goes public, for people.
    scheduled_for: Option<String>,
    date_iso: String,
    date_human: String,
    approved_comments: i64,
    pending_comments: i64,
    nav_position: Option<i64>,
    author: Option<String>,
    waiting_for_review: bool,
    /// The signed-in account may open it in the editor and delete it.
    changeable: bool,
}

/// What the admin templates need to know about the kind they show.
fn kind_context(context: &mut tera::Context, kind: Kind) {
    context.insert("kind", &kind);
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    page: Option<String>,
}

/// A post as the admin's list shows it to `admin`.
fn row_view(admin: &AdminUser, zone: &Dates, p: AdminPostRow) -> PostRowView {
    let date = p.publish_at.or(p.published_at).unwrap_or(p.updated_at);
    let shape = PostShape {
        author_id: p.author_id,
        published: p.published || p.publish_at.is_some(),
    };
    PostRowView {
        changeable: role::may_change_post(admin.role, admin.admin_id, shape),
        id: p.id,
        title: p.title,
        slug: p.slug,
        published: p.published,
        scheduled_for: p.publish_at.map(|at| zone.human_date_time(at)),
        date_iso: zone.iso8601(date),
        date_human: zone.human_date(date),
        approved_comments: p.approved_comments,
        pending_comments: p.pending_comments,
        nav_position: p.nav_position,
        author: p.author,
        waiting_for_review: p.submitted_at.is_some(),
    }
}

pub async fn list(
    state: web::Data<AppState>,
    admin: AdminUser,
    kind: web::Data<Kind>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let kind = **kind;
    let request = PageRequest {
        page: query.page.as_deref(),
        ..PageRequest::default()
    };
    // An author's list holds their own posts only.
    let only_by = (!admin.may(Permission::PublishPosts)).then_some(admin.admin_id);
    let total = db::posts::read::count(&state.pool, kind, only_by).await?;
    let list = ListPage::locate(request, total, ADMIN_PAGE_SIZE, Reading::Offset)
        .ok_or(AppError::NotFound)?;
    let window = list.window();
    let zone = state.dates();
    let posts: Vec<PostRowView> =
        db::posts::read::admin_list(&state.pool, kind, only_by, window.take, window.skip)
            .await?
            .into_iter()
            .map(|p| row_view(&admin, &zone, p))
            .collect();
    let pager = ListUrl::new(kind.admin_base()).pager(&list, posts.len(), None, false);
    let mut context = admin_context(&state, &admin, section(kind)).await?;
    kind_context(&mut context, kind);
    context.insert(
        "waiting",
        &posts
            .iter()
            .filter(|p| p.waiting_for_review && admin.may(Permission::PublishPosts))
            .collect::<Vec<_>>(),
    );
    context.insert("posts", &posts);
    context.insert("pager", &pager);
    let template = match kind {
        Kind::Post => "admin/posts.html",
        Kind::Page => "admin/pages.html",
    };
    respond::page(&state.templates, template, &context)
}

/// The admin navigation entry that is current.
fn section(kind: Kind) -> &'static str {
    match kind {
        Kind::Post => "posts",
        Kind::Page => "pages",
    }
}

/// Where the editor form posts to and what it is editing.
#[derive(Serialize)]
struct EditorTarget {
    kind: Kind,
    action: String,
    id: Option<PostId>,
    /// The post's slug while it is published (the template makes its address).
    public_slug: Option<String>,
    /// The revision the form is based on: a save from an older one is a conflict.
    revision: Option<i64>,
}

/// The saved version shown next to the admin's own after an edit conflict.
#[derive(Serialize)]
struct ConflictView {
    title: String,
    body: String,
    tags: String,
    saved_at: String,
}

#[derive(Serialize)]
struct RevisionView {
    id: RevisionId,
    revision: i64,
    title: String,
    body_chars: i64,
    saved_at_iso: String,
    saved_at: String,
    saved_by: Option<String>,
    current: bool,
}

struct Editor<'a> {
    target: EditorTarget,
    form: &'a PostForm,
    errors: &'a FieldErrors,
    preview: Option<SafeHtml>,
    conflict: Option<ConflictView>,
}

impl<'a> Editor<'a> {
    fn new(target: EditorTarget, form: &'a PostForm, errors: &'a FieldErrors) -> Self {
        Self {
            target,
            form,
            errors,
            preview: None,
            conflict: None,
        }
    }
}

async fn revisions_of(state: &AppState, target: &EditorTarget) -> Result<Vec<RevisionView>> {
    let Some(id) = target.id else {
        return Ok(Vec::new());
    };
    let zone = state.dates();
    Ok(db::revisions::for_post(&state.pool, id)
        .await?
        .into_iter()
        .map(|r| RevisionView {
            id: r.id,
            current: Some(r.revision) == target.revision,
            revision: r.revision,
            title: r.title,
            body_chars: r.body_chars,
            saved_at_iso: zone.iso8601(r.saved_at),
            saved_at: zone.human_date_time(r.saved_at),
            saved_by: r.saved_by,
        })
        .collect())
}

async fn render_editor(
    state: &AppState,
    admin: &AdminUser,
    editor: Editor<'_>,
) -> Result<HttpResponse> {
    let status = if editor.conflict.is_some() {
        StatusCode::CONFLICT
    } else if editor.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut context = admin_context(state, admin, section(editor.target.kind)).await?;
    kind_context(&mut context, editor.target.kind);
    context.insert("revisions", &revisions_of(state, &editor.target).await?);
    context.insert("target", &editor.target);
    context.insert("form", editor.form);
    context.insert("errors", editor.errors);
    context.insert("preview", &editor.preview);
    context.insert("conflict", &editor.conflict);
    context.insert("media", &super::media::newest(state).await?);
    context.insert("zone", site_zone(state).name());
    respond::render_page(&state.templates, status, "admin/post_editor.html", &context)
}

fn new_target(kind: Kind) -> EditorTarget {
    EditorTarget {
        kind,
        action: kind.admin_base().into(),
        id: None,
        public_slug: None,
        revision: None,
    }
}

fn edit_target(post: &EditablePost) -> EditorTarget {
    EditorTarget {
        kind: post.kind,
        action: format!("{}/{}", post.kind.admin_base(), post.id),
        id: Some(post.id),
        public_slug: post.published.then(|| post.slug.clone()),
        revision: Some(post.revision),
    }
}

pub async fn new(
    state: web::Data<AppState>,
    admin: AdminUser,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let form = match **kind {
        Kind::Post => PostForm::new_post(),
        // Comments are off on a page until the admin allows them.
        Kind::Page => PostForm {
            comments_open: None,
            ..PostForm::new_post()
        },
    };
    let errors = FieldErrors::new();
    render_editor(
        &state,
        &admin,
        Editor::new(new_target(**kind), &form, &errors),
    )
    .await
}

/// The post (or page, by the scope's kind) with this id, if the account may
/// change it: otherwise 403, and nothing is shown or changed.
async fn editable_post(
    state: &AppState,
    admin: &AdminUser,
    raw_id: &str,
    kind: Kind,
) -> Result<EditablePost> {
    let id: PostId = raw_id.parse().map_err(|()| AppError::NotFound)?;
    let post = db::posts::read::editable(&state.pool, id)
        .await?
        .filter(|post| post.kind == kind)
        .ok_or(AppError::NotFound)?;
    // A scheduled post is as good as published: its author can no longer change it.
    let shape = PostShape {
        author_id: post.author_id,
        published: post.published || post.publish_at.is_some(),
    };
    if !role::may_change_post(admin.role, admin.admin_id, shape) {
        return Err(AppError::Forbidden(
            crate::auth::session::NOT_PERMITTED.into(),
        ));
    }
    Ok(post)
}

pub async fn edit(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let post = editable_post(&state, &admin, &id, **kind).await?;
    let form = form_of(&state, &post).await?;
    let errors = FieldErrors::new();
    render_editor(
        &state,
        &admin,
        Editor::new(edit_target(&post), &form, &errors),
    )
    .await
}

/// The site's time zone, in which "Publish at" is typed and shown.
fn site_zone(state: &AppState) -> Zone {
    Zone::from_setting(&state.site().timezone)
}

/// The editor's status for a post as saved.
fn status_of(post: &EditablePost) -> &'static str {
    if post.published {
        "published"
    } else if post.publish_at.is_some() {
        schedule::SCHEDULED
    } else if post.submitted {
        "review"
    } else {
        "draft"
    }
}

/// The editor's form filled with the post as saved.
async fn form_of(state: &AppState, post: &EditablePost) -> Result<PostForm> {
    let tags: Vec<String> = db::tags::for_post(&state.pool, post.id)
        .await?
        .into_iter()
        .map(|t| t.name)
        .collect();
    Ok(PostForm {
        title: post.title.clone(),
        slug: post.slug.clone(),
        body: post.body_markdown.clone(),
        status: status_of(post).into(),
        comments_open: post.comments_open.then(|| "on".into()),
        tags: tags.join(", "),
        action: String::new(),
        revision: post.revision.to_string(),
        take_old_address: None,
        images_decorative: None,
        publish_at: post
            .publish_at
            .map(|at| site_zone(state).local_input(at))
            .unwrap_or_default(),
        publish_now: None,
    })
}

/// The admin's form kept as sent, next to the version saved meanwhile; the
/// form now counts as based on that version, so saving it is a choice.
async fn conflict(
    state: &AppState,
    admin: &AdminUser,
    form: &PostForm,
    id: PostId,
) -> Result<HttpResponse> {
    let saved = db::posts::read::editable(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved_form = form_of(state, &saved).await?;
    let errors = FieldErrors::new();
    let mut editor = Editor::new(edit_target(&saved), form, &errors);
    editor.conflict = Some(ConflictView {
        title: saved_form.title,
        body: saved_form.body,
        tags: saved_form.tags,
        saved_at: state.dates().human_date_time(saved.updated_at),
    });
    render_editor(state, admin, editor).await
}

/// A post ready to be stored: valid, within what the account's role may do
/// (an author's publishing or scheduling is refused with 403), its tags
/// fitting its kind and the moment it goes public decided.
struct Ready {
    post: ValidPost,
    review: Review,
    /// When it goes public, if it is scheduled.
    publish_at: Option<UnixTime>,
}

/// The form made `Ready`, or the errors the editor shows with it.
fn ready(
    state: &AppState,
    admin: &AdminUser,
    form: &PostForm,
    kind: Kind,
) -> Result<std::result::Result<Ready, FieldErrors>> {
    let spelling = Spelling::of_language(&state.site().language);
    let mut post = match ValidPost::check(form, spelling) {
        Ok(post) => post,
        Err(errors) => return Ok(Err(errors)),
    };
    // An author can neither publish nor schedule: refused before anything is saved.
    let review = role::review_on_save(admin.role, post.goes_public(), post.for_review)
        .ok_or_else(|| AppError::Forbidden(crate::auth::session::NOT_PERMITTED.into()))?;
    if kind == Kind::Page {
        // Pages have no tags (the editor does not offer them).
        post.tags.clear();
    }
    let publish_at = match scheduled(state, form, &post) {
        Ok(Some(Publication::At(at))) => Some(at),
        Ok(Some(Publication::Now)) => {
            post.published = true;
            None
        }
        Ok(None) => None,
        Err(errors) => return Ok(Err(errors)),
    };
    Ok(Ok(Ready {
        post,
        review,
        publish_at,
    }))
}

/// Validates, previews or saves a post; `existing` is `None` for a new one.
async fn save(
    state: &AppState,
    admin: &AdminUser,
    form: &PostForm,
    existing: Result<&EditablePost, Kind>,
) -> Result<HttpResponse> {
    let target = existing.map_or_else(new_target, edit_target);
    let kind = target.kind;
    let Ready {
        post,
        review,
        publish_at,
    } = match ready(state, admin, form, kind)? {
        Ok(ready) => ready,
        Err(errors) => {
            return render_editor(state, admin, Editor::new(target, form, &errors)).await;
        }
    };
    let existing = existing.ok();
    let media = db::media::catalog(&state.pool, &markdown::media_hashes(&post.body)).await?;
    let body_html = markdown::render_with_media(&post.body, &media);
    if let Some(errors) = post.missing_alt_text(form) {
        return render_editor(state, admin, Editor::new(target, form, &errors)).await;
    }
    if form.wants_preview() {
        let errors = FieldErrors::new();
        let mut editor = Editor::new(target, form, &errors);
        editor.preview = Some(body_html);
        return render_editor(state, admin, editor).await;
    }
    let stored = Stored {
        form,
        post: &post,
        publish_at,
        body_html: &body_html,
        media: &media,
        existing,
        review,
    };
    match store(state, admin, stored, kind).await? {
        Fate::Saved { id, slug } => {
            state.publisher.schedule_changed();
            let message = saved_message(state, form, &post, publish_at, &kind.path(&slug), &slug);
            set_flash(state, admin, &message, false).await?;
            Ok(see_other(&format!("{}/{id}/edit", kind.admin_base())))
        }
        Fate::Refused(Refusal::Conflict) => match existing {
            Some(existing) => conflict(state, admin, form, existing.id).await,
            None => Err(AppError::NotFound),
        },
        Fate::Refused(Refusal::NotFound) => Err(AppError::NotFound),
        Fate::Refused(refused) => {
            let errors = refused.field_errors();
            render_editor(state, admin, Editor::new(target, form, &errors)).await
        }
    }
}

/// When a post saved as "scheduled" goes public (`None` for any other
/// status), or why it cannot be scheduled for the time typed.
fn scheduled(
    state: &AppState,
    form: &PostForm,
    post: &ValidPost,
) -> std::result::Result<Option<Publication>, FieldErrors> {
    // A preview saves nothing: when it would go public does not matter yet.
    let Some(local) = post.publish_at.filter(|_| !form.wants_preview()) else {
        return Ok(None);
    };
    let now = state.config.clock.now();
    schedule::publication(local, &site_zone(state), now, form.publish_now.is_some())
        .map(Some)
        .map_err(|message| {
            let passed = message.id == "schedule-time-passed";
            let mut errors = FieldErrors::from([("publish_at", message)]);
            if passed {
                errors.insert("publish_now", Message::new(msg::EDITOR_PUBLISH_NOW));
            }
            errors
        })
}

/// A valid post on its way to the database, and the form it came from.
struct Stored<'a> {
    form: &'a PostForm,
    post: &'a ValidPost,
    /// When it goes public, if it is scheduled.
    publish_at: Option<UnixTime>,
    body_html: &'a SafeHtml,
    /// The library images the text shows.
    media: &'a markdown::MediaCatalog,
    existing: Option<&'a EditablePost>,
    review: Review,
}

async fn store(
    state: &AppState,
    admin: &AdminUser,
    stored: Stored<'_>,
    kind: Kind,
) -> Result<Fate> {
    let Stored {
        form,
        post,
        publish_at,
        body_html,
        media,
        existing,
        review,
    } = stored;
    let excerpt_html = markdown::excerpt_with_media(&post.body, body_html, media);
    let content = PostContent {
        title: &post.title,
        body_markdown: &post.body,
        body_html,
        excerpt_html: &excerpt_html,
        published: post.published,
        publish_at,
        comments_open: post.comments_open,
        tags: &post.tags,
        kind,
        saved_by: Some(admin.admin_id),
        author_id: Some(admin.admin_id),
        review,
        tell_reviewers: state.mailer.is_some(),
    };
    let from_title = Slug::from_title(&post.title, Spelling::of_language(&state.site().language));
    let slug = post
        .slug
        .as_ref()
        .map_or(SlugChoice::FromTitle(&from_title), |slug| {
            SlugChoice::Typed {
                slug,
                take_old_address: form.take_old_address.is_some(),
            }
        });
    let now = state.config.clock.now();
    Ok(match existing {
        None => db::posts::write::create(&state.pool, &content, slug, now).await?,
        Some(existing) => {
            let edit = EditOf {
                id: existing.id,
                opened_at_revision: form.revision.trim().parse().ok(),
            };
            db::posts::write::update(&state.pool, edit, &content, slug, now).await?
        }
    })
}

/// The flash after a save: where the post is now (or when it will be), and
/// the slug if it was made from what was typed.
fn saved_message(
    state: &AppState,
    form: &PostForm,
    post: &ValidPost,
    publish_at: Option<UnixTime>,
    path: &str,
    slug: &str,
) -> String {
    let title = post.title.as_str();
    let mut message = state.text(match publish_at {
        _ if post.published => Message::new(msg::FLASH_POST_PUBLISHED)
            .with("title", title)
            .with("path", path),
        Some(at) => Message::new(msg::FLASH_POST_SCHEDULED)
            .with("title", title)
            .with("when", state.dates().human_date_time(at)),
        None if post.for_review => Message::new(msg::FLASH_POST_SUBMITTED).with("title", title),
        None => Message::new(msg::FLASH_POST_DRAFT).with("title", title),
    });
    let typed = form.slug.trim();
    if !typed.is_empty() && typed != slug {
        message.push(' ');
        message.push_str(&state.text(Message::new(msg::FLASH_POST_SLUG_MADE).with("slug", slug)));
    }
    message
}

pub async fn create(
    state: web::Data<AppState>,
    form: AdminForm<PostForm>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    save(&state, &admin, &form, Err(**kind)).await
}

pub async fn update(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: AdminForm<PostForm>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let post = editable_post(&state, &admin, &id, **kind).await?;
    save(&state, &admin, &form, Ok(&post)).await
}

/// Saves an earlier revision's title, text and tags as the post's newest version;
/// its address, status and comment setting stay as they are.
pub async fn restore(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: AdminForm<crate::auth::csrf::NoFields>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let (id, revision_id) = path.into_inner();
    let post = editable_post(&state, &form.admin, &id, **kind).await?;
    let revision_id: RevisionId = revision_id.parse().map_err(|()| AppError::NotFound)?;
    let revision = db::revisions::find(&state.pool, post.id, revision_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = form_of(&state, &post).await?;
    let restored = PostForm {
        title: revision.title,
        body: revision.body_markdown,
        tags: revision.tags,
        action: "save".into(),
        ..current
    };
    save(&state, &form.admin, &restored, Ok(&post)).await
}

/// A post as readers will see its text, drafts included, for the admin only.
pub async fn preview(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let kind = **kind;
    // Editors also preview what is in the trash; an author only a post they may change.
    let id = if admin.role.may(Permission::PublishPosts) {
        id.parse::<PostId>().map_err(|()| AppError::NotFound)?
    } else {
        editable_post(&state, &admin, &id, kind).await?.id
    };
    let post = db::posts::read::preview(&state.pool, id)
        .await?
        .filter(|post| post.kind == kind)
        .ok_or(AppError::NotFound)?;
    let mut context = admin_context(&state, &admin, section(kind)).await?;
    kind_context(&mut context, kind);
    context.insert(
        "scheduled_for",
        &post.publish_at.map(|at| state.dates().human_date_time(at)),
    );
    context.insert("post", &post);
    respond::page(&state.templates, "admin/post_preview.html", &context)
}

#[derive(Serialize)]
struct DeleteView<'a> {
    id: PostId,
    title: &'a str,
    comment_count: i64,
}

/// Asks before moving a post or page to the trash.
pub async fn confirm_delete(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let post = editable_post(&state, &admin, &id, **kind).await?;
    let mut context = admin_context(&state, &admin, section(post.kind)).await?;
    kind_context(&mut context, post.kind);
    context.insert(
        "post",
        &DeleteView {
            id: post.id,
            title: &post.title,
            comment_count: post.comment_count,
        },
    );
    context.insert("kept_days", &trash::KEPT_DAYS);
    respond::page(&state.templates, "admin/confirm_trash_post.html", &context)
}

/// Deleting a post or page moves it to the trash (see `trash`).
pub async fn delete(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: AdminForm<crate::auth::csrf::NoFields>,
    kind: web::Data<Kind>,
) -> Result<HttpResponse> {
    let admin = form.admin;
    let post = editable_post(&state, &admin, &id, **kind).await?;
    let now = state.config.clock.now();
    if !db::trash::move_to_trash(&state.pool, post.id, now).await? {
        return Err(AppError::NotFound);
    }
    set_flash(
        &state,
        &admin,
        &state.text(
            Message::new(msg::FLASH_POST_TRASHED)
                .with("title", post.title.as_str())
                .with("days", trash::KEPT_DAYS),
        ),
        false,
    )
    .await?;
    Ok(see_other(post.kind.admin_base()))
}
