//! Writing posts: the list, the Markdown editor with preview, and deleting.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::{admin_context, see_other, set_flash};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::db::posts::{EditablePost, PostContent, Saved, SlugChoice};
use crate::domain::comment::FieldErrors;
use crate::domain::post::{PostForm, ValidPost};
use crate::domain::slug::Slug;
use crate::domain::{SafeHtml, markdown};
use crate::error::{AppError, Result};
use crate::state::AppState;

#[derive(Serialize)]
struct PostRowView {
    id: i64,
    title: String,
    slug: String,
    published: bool,
    date_iso: String,
    date_human: String,
    approved_comments: i64,
    pending_comments: i64,
}

pub async fn list(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let zone = state.zone();
    let posts: Vec<PostRowView> = db::posts::admin_list(&state.pool)
        .await?
        .into_iter()
        .map(|p| {
            let date = p.published_at.unwrap_or(p.updated_at);
            PostRowView {
                id: p.id,
                title: p.title,
                slug: p.slug,
                published: p.published,
                date_iso: zone.iso8601(date),
                date_human: zone.human_date(date),
                approved_comments: p.approved_comments,
                pending_comments: p.pending_comments,
            }
        })
        .collect();
    let mut context = admin_context(&state, &admin, "posts").await?;
    context.insert("posts", &posts);
    state.render_page(StatusCode::OK, "admin/posts.html", &context)
}

/// Where the editor form posts to and what it is editing.
#[derive(Serialize)]
struct EditorTarget {
    action: String,
    id: Option<i64>,
    /// The post's public address while it is published.
    public_slug: Option<String>,
}

struct Editor<'a> {
    target: EditorTarget,
    form: &'a PostForm,
    errors: &'a FieldErrors,
    preview: Option<SafeHtml>,
}

async fn render_editor(
    state: &AppState,
    admin: &AdminUser,
    editor: Editor<'_>,
) -> Result<HttpResponse> {
    let status = if editor.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut context = admin_context(state, admin, "posts").await?;
    context.insert("target", &editor.target);
    context.insert("form", editor.form);
    context.insert("errors", editor.errors);
    context.insert("preview", &editor.preview);
    state.render_page(status, "admin/post_editor.html", &context)
}

fn new_target() -> EditorTarget {
    EditorTarget {
        action: "/admin/posts".into(),
        id: None,
        public_slug: None,
    }
}

fn edit_target(post: &EditablePost) -> EditorTarget {
    EditorTarget {
        action: format!("/admin/posts/{}", post.id),
        id: Some(post.id),
        public_slug: post.published.then(|| post.slug.clone()),
    }
}

pub async fn new(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let form = PostForm::new_post();
    let editor = Editor {
        target: new_target(),
        form: &form,
        errors: &FieldErrors::new(),
        preview: None,
    };
    render_editor(&state, &admin, editor).await
}

async fn editable_post(state: &AppState, raw_id: &str) -> Result<EditablePost> {
    let id = raw_id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    db::posts::editable(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn edit(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let post = editable_post(&state, &id).await?;
    let tags: Vec<String> = db::tags::for_post(&state.pool, post.id)
        .await?
        .into_iter()
        .map(|t| t.name)
        .collect();
    let form = PostForm {
        title: post.title.clone(),
        slug: post.slug.clone(),
        body: post.body_markdown.clone(),
        status: if post.published { "published" } else { "draft" }.into(),
        comments_open: post.comments_open.then(|| "on".into()),
        tags: tags.join(", "),
        action: String::new(),
    };
    let editor = Editor {
        target: edit_target(&post),
        form: &form,
        errors: &FieldErrors::new(),
        preview: None,
    };
    render_editor(&state, &admin, editor).await
}

/// Validates, previews or saves a post; `id` is `None` for a new one.
async fn save(
    state: &AppState,
    admin: &AdminUser,
    form: &PostForm,
    existing: Option<&EditablePost>,
) -> Result<HttpResponse> {
    let target = existing.map_or_else(new_target, edit_target);
    let post = match ValidPost::try_from(form) {
        Ok(post) => post,
        Err(errors) => {
            let editor = Editor {
                target,
                form,
                errors: &errors,
                preview: None,
            };
            return render_editor(state, admin, editor).await;
        }
    };
    let body_html = markdown::render(&post.body);
    if form.wants_preview() {
        let editor = Editor {
            target,
            form,
            errors: &FieldErrors::new(),
            preview: Some(body_html),
        };
        return render_editor(state, admin, editor).await;
    }
    let excerpt_html = markdown::excerpt(&post.body);
    let content = PostContent {
        title: &post.title,
        body_markdown: &post.body,
        body_html: &body_html,
        excerpt_html: &excerpt_html,
        published: post.published,
        comments_open: post.comments_open,
        tags: &post.tags,
    };
    let from_title = Slug::from_title(&post.title);
    let slug = post
        .slug
        .as_ref()
        .map_or(SlugChoice::FromTitle(&from_title), SlugChoice::Typed);
    let now = state.config.clock.now();
    let saved = match existing {
        None => db::posts::create(&state.pool, &content, slug, now).await?,
        Some(existing) => db::posts::update(&state.pool, existing.id, &content, slug, now).await?,
    };
    match saved {
        Saved::Saved { id, slug } => {
            let what = if post.published {
                format!("published at /posts/{slug}")
            } else {
                "saved as a draft".to_owned()
            };
            set_flash(state, admin, &format!("“{}” {what}.", post.title), false).await?;
            Ok(see_other(&format!("/admin/posts/{id}/edit")))
        }
        Saved::SlugTaken { by } => {
            let errors = FieldErrors::from([(
                "slug",
                format!("This slug is already used by the post “{by}”; choose another."),
            )]);
            let editor = Editor {
                target,
                form,
                errors: &errors,
                preview: None,
            };
            render_editor(state, admin, editor).await
        }
        Saved::NotFound => Err(AppError::NotFound),
    }
}

pub async fn create(state: web::Data<AppState>, form: AdminForm<PostForm>) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    save(&state, &admin, &form, None).await
}

pub async fn update(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: AdminForm<PostForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let post = editable_post(&state, &id).await?;
    save(&state, &admin, &form, Some(&post)).await
}

#[derive(Serialize)]
struct DeleteView<'a> {
    id: i64,
    title: &'a str,
    comment_count: i64,
}

pub async fn confirm_delete(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let post = editable_post(&state, &id).await?;
    let mut context = admin_context(&state, &admin, "posts").await?;
    context.insert(
        "post",
        &DeleteView {
            id: post.id,
            title: &post.title,
            comment_count: post.comment_count,
        },
    );
    state.render_page(StatusCode::OK, "admin/confirm_delete_post.html", &context)
}

pub async fn delete(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: AdminForm<crate::auth::csrf::NoFields>,
) -> Result<HttpResponse> {
    let admin = form.admin;
    let post = editable_post(&state, &id).await?;
    db::posts::delete(&state.pool, post.id).await?;
    set_flash(
        &state,
        &admin,
        &format!(
            "“{}” and its {} comment(s) were deleted.",
            post.title, post.comment_count
        ),
        false,
    )
    .await?;
    Ok(see_other("/admin/posts"))
}
