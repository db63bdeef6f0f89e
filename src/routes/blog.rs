//! The public lists of posts: the home page and a page for each tag. A post's
//! own page is in `post_page`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::db;
use crate::db::posts::read::PostSummary;
use crate::domain::message::{Message, msg};
use crate::domain::post::Tag;
use crate::domain::{SafeHtml, markdown, media};
use crate::error::{AppError, Result};
use crate::page_cache::{PageKey, Rendered};
use crate::respond;
use crate::routes::conditional;
use crate::routes::meta::PageMeta;
use crate::routes::request::{Pagination, page_number};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct HomeQuery {
    page: Option<String>,
}

#[derive(Serialize)]
struct PostSummaryView {
    slug: String,
    title: String,
    excerpt_html: SafeHtml,
    /// Its featured image, responsive, when it has one.
    featured_html: Option<SafeHtml>,
    published_iso: String,
    published_human: String,
    reading_minutes: u32,
    approved_comments: i64,
}

pub async fn home(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<HomeQuery>,
) -> Result<HttpResponse> {
    let requested = query.page.as_deref();
    let key = page_number(requested).map(PageKey::Home);
    listing(&state, &req, key, || home_html(&state, requested)).await
}

/// `GET /tags/{slug}`: the published posts with the tag, newest first; 404
/// when no published post has it.
pub async fn tag(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    query: web::Query<HomeQuery>,
) -> Result<HttpResponse> {
    let requested = query.page.as_deref();
    let key = page_number(requested).map(|n| PageKey::Tag(slug.to_string(), n));
    listing(&state, &req, key, || tag_html(&state, &slug, requested)).await
}

/// A list of posts from the page cache, or rendered and cached; one whose
/// `?page=` is no page number is rendered (as the first page) but not cached.
async fn listing<F>(
    state: &AppState,
    req: &HttpRequest,
    key: Option<PageKey>,
    render: impl FnOnce() -> F,
) -> Result<HttpResponse>
where
    F: std::future::Future<Output = Result<String>>,
{
    match key {
        None => Ok(respond::html(StatusCode::OK, render().await?)),
        Some(key) => {
            let rendered = || async { Ok(Ok(Rendered::html(render().await?))) };
            conditional::get_or_render(state, req, key, rendered).await
        }
    }
}

/// The home and tag pages' view of each post.
async fn summaries(state: &AppState, posts: Vec<PostSummary>) -> Result<Vec<PostSummaryView>> {
    let zone = state.dates();
    let slugs: Vec<String> = posts.iter().map(|p| p.slug.clone()).collect();
    let featured = db::media::featured_images(&state.pool, &slugs).await?;
    let hashes: Vec<String> = featured.iter().map(|(_, hash, _)| hash.clone()).collect();
    let catalog = db::media::catalog(&state.pool, &hashes).await?;
    let mut images: std::collections::HashMap<String, SafeHtml> = featured
        .into_iter()
        .map(|(slug, hash, alt)| {
            let markdown = media::markdown_for(
                media::ItemKind::Image,
                &alt,
                "",
                &media::media_path(&hash, "image"),
            );
            (slug, markdown::render_with_media(&markdown, &catalog))
        })
        .collect();
    Ok(posts
        .into_iter()
        .map(|p| PostSummaryView {
            featured_html: images.remove(&p.slug),
            published_iso: zone.iso8601(p.published_at),
            published_human: zone.human_date(p.published_at),
            reading_minutes: markdown::reading_minutes(&p.body_markdown),
            slug: p.slug,
            title: p.title,
            excerpt_html: p.excerpt_html,
            approved_comments: p.approved_comments,
        })
        .collect())
}

/// A page of posts: the list, where it is, and the links to its neighbours.
async fn listing_context(
    state: &AppState,
    meta: &PageMeta,
    posts: Vec<PostSummary>,
    pages: &Pagination,
) -> Result<tera::Context> {
    let mut context = state.public_context().await?;
    context.insert("meta", meta);
    context.insert("posts", &summaries(state, posts).await?);
    context.insert("page", &pages.page());
    context.insert("newer_page", &pages.newer());
    context.insert("older_page", &pages.older());
    Ok(context)
}

/// `url` with `?page=N` after the first page.
fn page_url(url: &str, page: i64) -> String {
    if page == 1 {
        url.to_owned()
    } else {
        format!("{url}?page={page}")
    }
}

async fn home_html(state: &AppState, requested_page: Option<&str>) -> Result<String> {
    let per_page = state.site().posts_per_page;
    let total = db::posts::read::count_published(&state.pool).await?;
    let pages = Pagination::new(requested_page, total, per_page)?;
    let posts =
        db::posts::read::published_page(&state.pool, None, per_page, pages.offset()).await?;
    let site = state.site();
    let meta = PageMeta {
        title: site.title.clone(),
        description: site.tagline.clone(),
        url: page_url(&format!("{}/", state.config.base_url()), pages.page()),
        kind: "website",
        image: None,
    };
    let context = listing_context(state, &meta, posts, &pages).await?;
    Ok(state.templates.render("blog/home.html", &context)?)
}

async fn tag_html(state: &AppState, slug: &str, requested_page: Option<&str>) -> Result<String> {
    let tag = db::tags::published_by_slug(&state.pool, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let per_page = state.site().posts_per_page;
    let pages = Pagination::new(requested_page, tag.posts, per_page)?;
    let posts =
        db::posts::read::published_page(&state.pool, Some(tag.id), per_page, pages.offset())
            .await?;
    let meta = PageMeta {
        title: state.text(Message::new(msg::TAG_HEADING).with("tag", tag.name.as_str())),
        description: state.text(
            Message::new(msg::TAG_DESCRIPTION)
                .with("tag", tag.name.as_str())
                .with("site", state.site().title.as_str()),
        ),
        url: page_url(
            &format!("{}/tags/{slug}", state.config.base_url()),
            pages.page(),
        ),
        kind: "website",
        image: None,
    };
    let mut context = listing_context(state, &meta, posts, &pages).await?;
    context.insert(
        "tag_feed_url",
        &format!("{}/tags/{slug}/feed.xml", state.config.base_url()),
    );
    context.insert(
        "tag",
        &Tag {
            name: tag.name,
            slug: slug.to_owned(),
        },
    );
    Ok(state.templates.render("blog/tag.html", &context)?)
}
