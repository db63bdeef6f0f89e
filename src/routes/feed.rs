//! Machine-readable views of the site: the Atom feeds and the sitemap.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::db;
use crate::db::comments::PublicComment;
use crate::domain::etag::etag_of;
use crate::domain::feed::{self, xml_text};
use crate::domain::message::Message;
use crate::domain::time;
use crate::error::Result;
use crate::i18n::Language;
use crate::routes::conditional::respond;
use crate::routes::post_page::{PostAt, find_post, renamed};
use crate::state::AppState;

const ATOM: &str = "application/atom+xml; charset=utf-8";
const XML: &str = "application/xml; charset=utf-8";

#[derive(Serialize)]
struct FeedView {
    id: String,
    title: String,
    subtitle: String,
    updated: String,
    self_url: String,
    alternate_url: String,
    author: String,
    entries: Vec<EntryView>,
}

#[derive(Serialize)]
struct EntryView {
    id: String,
    title: String,
    url: String,
    published: String,
    updated: String,
    author: Option<AuthorView>,
    content_html: String,
}

#[derive(Serialize)]
struct AuthorView {
    name: String,
    uri: Option<String>,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

/// Feed readers poll; each answer carries an ETag of its bytes, so an
/// unchanged feed costs them a bodiless 304.
fn render(
    state: &AppState,
    req: &HttpRequest,
    template: &str,
    context: &Context,
    content_type: &'static str,
) -> Result<HttpResponse> {
    let body = state.templates.render(template, context)?;
    let etag = etag_of(body.as_bytes());
    Ok(respond(req, &etag, Some("public, max-age=300"), || {
        HttpResponse::Ok().content_type(content_type).body(body)
    }))
}

fn render_feed(state: &AppState, req: &HttpRequest, feed: &FeedView) -> Result<HttpResponse> {
    let mut context = Context::new();
    context.insert("feed", feed);
    context.insert("lang", &state.site().language);
    render(state, req, "feeds/atom.xml", &context, ATOM)
}

/// `GET /feed.xml`: the newest published posts with their full content.
pub async fn posts(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse> {
    let base = state.config.base_url();
    let site = state.site();
    let posts = db::posts::latest_for_feed(&state.pool, feed::POSTS_IN_FEED).await?;
    let updated = match posts.iter().map(|p| p.updated_at).max() {
        Some(latest) => latest,
        None => db::settings::updated_at(&state.pool).await?,
    };
    let entries = posts
        .into_iter()
        .map(|post| {
            let url = format!("{base}/posts/{}", post.slug);
            EntryView {
                id: feed::tag_uri(&base, post.created_at, &format!("post-{}", post.id)),
                title: xml_text(&post.title).into_owned(),
                published: time::iso8601(post.published_at),
                updated: time::iso8601(post.updated_at),
                author: None,
                content_html: xml_text(post.body_html.as_str()).into_owned(),
                url,
            }
        })
        .collect();
    let view = FeedView {
        id: format!("{base}/"),
        title: xml_text(&site.title).into_owned(),
        subtitle: xml_text(&site.tagline).into_owned(),
        updated: time::iso8601(updated),
        self_url: format!("{base}/feed.xml"),
        alternate_url: format!("{base}/"),
        author: xml_text(&site.title).into_owned(),
        entries,
    };
    render_feed(&state, &req, &view)
}

/// `GET /posts/{slug}/comments.xml`: a post's newest approved comments (never an email).
pub async fn comments(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse> {
    let post = match find_post(&state, &slug).await? {
        PostAt::Here(post) => post,
        PostAt::RenamedTo(current) => {
            return Ok(renamed(&req, &format!("/posts/{current}/comments.xml")));
        }
    };
    let base = state.config.base_url();
    let site = state.site();
    let post_url = format!("{base}/posts/{}", post.slug);
    let approved = db::comments::approved_for_post(&state.pool, post.id).await?;
    let updated = approved
        .iter()
        .map(|c| c.created_at)
        .max()
        .unwrap_or(post.published_at)
        .max(post.updated_at);
    let entries = approved
        .into_iter()
        .rev()
        .take(feed::COMMENTS_IN_FEED)
        .map(|comment| comment_entry(&state.language, &base, &post_url, comment))
        .collect();
    let view = FeedView {
        id: feed::tag_uri(
            &base,
            post.created_at,
            &format!("post-{}/comments", post.id),
        ),
        title: xml_text(
            &state.text(Message::new("feed-post-comments").with("title", post.title.as_str())),
        )
        .into_owned(),
        subtitle: String::new(),
        updated: time::iso8601(updated),
        self_url: format!("{post_url}/comments.xml"),
        alternate_url: format!("{post_url}#comments"),
        author: xml_text(&site.title).into_owned(),
        entries,
    };
    render_feed(&state, &req, &view)
}

/// A comment as an entry of its post's comment feed.
fn comment_entry(
    language: &Language,
    base: &str,
    post_url: &str,
    comment: PublicComment,
) -> EntryView {
    let name = xml_text(&comment.author_name).into_owned();
    EntryView {
        id: feed::tag_uri(base, comment.created_at, &format!("comment-{}", comment.id)),
        title: language.message(&Message::new("comment-by").with("name", name.as_str())),
        url: format!("{post_url}#comment-{}", comment.id),
        published: time::iso8601(comment.created_at),
        updated: time::iso8601(comment.created_at),
        author: Some(AuthorView {
            name,
            uri: (!comment.author_website.is_empty())
                .then(|| xml_text(&comment.author_website).into_owned()),
        }),
        content_html: xml_text(comment.body_html.as_str()).into_owned(),
    }
}

/// `GET /sitemap.xml`: the home page, every published post and every tag page.
pub async fn sitemap(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse> {
    let base = state.config.base_url();
    let posts = db::posts::published_for_sitemap(&state.pool, feed::MAX_SITEMAP_URLS - 1).await?;
    let home = SitemapUrl {
        loc: format!("{base}/"),
        lastmod: posts.iter().map(|p| p.updated_at).max().map(time::iso8601),
    };
    let room_for_tags = feed::MAX_SITEMAP_URLS - 1 - i64::try_from(posts.len()).unwrap_or(0);
    let tags = db::tags::published_for_sitemap(&state.pool, room_for_tags).await?;
    let base = base.as_str();
    let under = |folder: &'static str| {
        move |entry: db::SitemapEntry| SitemapUrl {
            loc: format!("{base}/{folder}/{}", entry.slug),
            lastmod: Some(time::iso8601(entry.updated_at)),
        }
    };
    let urls: Vec<SitemapUrl> = std::iter::once(home)
        .chain(posts.into_iter().map(under("posts")))
        .chain(tags.into_iter().map(under("tags")))
        .collect();
    let mut context = Context::new();
    context.insert("urls", &urls);
    render(&state, &req, "feeds/sitemap.xml", &context, XML)
}
