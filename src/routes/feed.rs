//! Machine-readable views of the site: the Atom feeds and the sitemap.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::db;
use crate::db::comments::PublicComment;
use crate::domain::feed::{self, xml_text};
use crate::domain::message::{Message, msg};
use crate::domain::post::Kind;
use crate::domain::time;
use crate::error::Result;
use crate::i18n::Language;
use crate::page_cache::{PageKey, Rendered};
use crate::routes::conditional;
use crate::routes::post_at::{PostAt, find_post, renamed};
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

/// Feed readers poll; a feed is rendered once per content version, kept in
/// the page cache (compressed there when asked for), and each answer carries
/// an ETag of its bytes, so an unchanged feed costs them a bodiless 304.
/// `render` gives the body, or an answer to send as it is (a redirect).
async fn cached<F>(
    state: &AppState,
    req: &HttpRequest,
    content_type: &'static str,
    render: impl FnOnce() -> F,
) -> Result<HttpResponse>
where
    F: std::future::Future<Output = Result<std::result::Result<String, HttpResponse>>>,
{
    let key = PageKey::Xml(req.path().to_owned());
    let rendered = || async {
        Ok(render()
            .await?
            .map(|body| Rendered::typed(body, content_type)))
    };
    conditional::get_or_render(state, req, key, rendered).await
}

/// A feed in Atom; its author is the site.
fn render_feed(state: &AppState, feed: &FeedView) -> Result<String> {
    let mut context = Context::new();
    context.insert("feed", feed);
    context.insert("author", &xml_text(&state.site().title));
    context.insert("lang", &state.site().language);
    Ok(state.templates.render("feeds/atom.xml", &context)?)
}

/// `GET /feed.xml`: the newest published posts with their full content.
pub async fn posts(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse> {
    cached(&state, &req, ATOM, || posts_feed(&state)).await
}

async fn posts_feed(state: &AppState) -> Result<std::result::Result<String, HttpResponse>> {
    let base = state.config.base_url();
    let site = state.site();
    let posts = db::posts::read::latest_for_feed(&state.pool, feed::POSTS_IN_FEED).await?;
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
        entries,
    };
    render_feed(state, &view).map(Ok)
}

/// `GET /posts/{slug}/comments.xml`: a post's newest approved comments (never an email).
pub async fn comments(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse> {
    cached(&state, &req, ATOM, || comments_feed(&state, &req, &slug)).await
}

async fn comments_feed(
    state: &AppState,
    req: &HttpRequest,
    slug: &str,
) -> Result<std::result::Result<String, HttpResponse>> {
    let post = match find_post(state, slug, Kind::Post).await? {
        PostAt::Here(post) => post,
        PostAt::RenamedTo(current) => {
            return Ok(Err(renamed(req, &format!("/posts/{current}/comments.xml"))));
        }
    };
    let base = state.config.base_url();
    let post_url = format!("{base}/posts/{}", post.slug);
    let approved = db::comments::shown_on_post(&state.pool, post.id, None, None).await?;
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
            &state.text(Message::new(msg::FEED_POST_COMMENTS).with("title", post.title.as_str())),
        )
        .into_owned(),
        subtitle: String::new(),
        updated: time::iso8601(updated),
        self_url: format!("{post_url}/comments.xml"),
        alternate_url: format!("{post_url}#comments"),
        entries,
    };
    render_feed(state, &view).map(Ok)
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
        title: language.message(&Message::new(msg::COMMENT_BY).with("name", name.as_str())),
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

/// `GET /sitemap.xml`: the home page, every published post and page, and every tag page.
pub async fn sitemap(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse> {
    cached(&state, &req, XML, || sitemap_xml(&state)).await
}

async fn sitemap_xml(state: &AppState) -> Result<std::result::Result<String, HttpResponse>> {
    let base = state.config.base_url();
    let pages =
        db::posts::read::published_for_sitemap(&state.pool, Kind::Page, feed::MAX_SITEMAP_URLS - 1)
            .await?;
    let room_for_posts = feed::MAX_SITEMAP_URLS - 1 - i64::try_from(pages.len()).unwrap_or(0);
    let posts =
        db::posts::read::published_for_sitemap(&state.pool, Kind::Post, room_for_posts).await?;
    let home = SitemapUrl {
        loc: format!("{base}/"),
        lastmod: posts.iter().map(|p| p.updated_at).max().map(time::iso8601),
    };
    let room_for_tags =
        feed::MAX_SITEMAP_URLS - 1 - i64::try_from(posts.len() + pages.len()).unwrap_or(0);
    let tags = db::tags::published_for_sitemap(&state.pool, room_for_tags).await?;
    let base = base.as_str();
    let under = |folder: &'static str| {
        move |entry: db::SitemapEntry| SitemapUrl {
            loc: format!("{base}{folder}{}", entry.slug),
            lastmod: Some(time::iso8601(entry.updated_at)),
        }
    };
    let urls: Vec<SitemapUrl> = std::iter::once(home)
        .chain(posts.into_iter().map(under("/posts/")))
        .chain(pages.into_iter().map(under("/")))
        .chain(tags.into_iter().map(under("/tags/")))
        .collect();
    let mut context = Context::new();
    context.insert("urls", &urls);
    Ok(Ok(state.templates.render("feeds/sitemap.xml", &context)?))
}
