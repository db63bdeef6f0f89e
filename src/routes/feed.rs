//! Machine-readable views of the site: the Atom feeds and the sitemap.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::db;
use crate::db::comments::PublicComment;
use crate::db::tags::PublishedTag;
use crate::domain::feed::{self, SitemapCounts, SitemapSource, xml_text};
use crate::domain::message::{Message, msg};
use crate::domain::post::Kind;
use crate::domain::time;
use crate::error::{AppError, Result};
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
    cached(&state, &req, ATOM, || posts_feed(&state, None)).await
}

/// `GET /tags/{slug}/feed.xml`: the newest published posts with the tag; 404
/// when no published post has it.
pub async fn tag(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse> {
    cached(&state, &req, ATOM, || async {
        let tag = db::tags::published_by_slug(&state.pool, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        posts_feed(&state, Some((&slug, tag))).await
    })
    .await
}

/// The posts feed: of the whole site, or of one tag (its slug and row).
async fn posts_feed(
    state: &AppState,
    tag: Option<(&str, PublishedTag)>,
) -> Result<std::result::Result<String, HttpResponse>> {
    let base = state.config.base_url();
    let site = state.site();
    let tag_id = tag.as_ref().map(|(_, t)| t.id);
    let posts = db::posts::read::latest_for_feed(&state.pool, tag_id, feed::POSTS_IN_FEED).await?;
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
    let (id, title, self_url, alternate_url) = match &tag {
        None => (
            format!("{base}/"),
            site.title.clone(),
            format!("{base}/feed.xml"),
            format!("{base}/"),
        ),
        Some((slug, tag)) => (
            format!("{base}/tags/{slug}"),
            state.text(
                Message::new(msg::FEED_TAG_TITLE)
                    .with("tag", tag.name.as_str())
                    .with("site", site.title.as_str()),
            ),
            format!("{base}/tags/{slug}/feed.xml"),
            format!("{base}/tags/{slug}"),
        ),
    };
    let view = FeedView {
        id,
        title: xml_text(&title).into_owned(),
        subtitle: xml_text(&site.tagline).into_owned(),
        updated: time::iso8601(updated),
        self_url,
        alternate_url,
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

/// `GET /sitemap.xml`: the home page, every published post and page, and
/// every tag page; past the 50,000 addresses one file may list, an index of
/// the numbered parts that list them.
pub async fn sitemap(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse> {
    cached(&state, &req, XML, || async {
        let counts = sitemap_counts(&state).await?;
        let parts = counts.parts(feed::MAX_SITEMAP_URLS);
        if parts == 1 {
            return sitemap_part(&state, counts, 1).await;
        }
        let base = state.config.base_url();
        let locations: Vec<String> = (1..=parts)
            .map(|n| format!("{base}/sitemap-{n}.xml"))
            .collect();
        let mut context = Context::new();
        context.insert("parts", &locations);
        Ok(Ok(state
            .templates
            .render("feeds/sitemap_index.xml", &context)?))
    })
    .await
}

/// `GET /sitemap-{n}.xml`: part `n` of a sitemap too long for one file.
pub async fn sitemap_numbered(
    state: web::Data<AppState>,
    req: HttpRequest,
    part: web::Path<u32>,
) -> Result<HttpResponse> {
    let part = i64::from(*part);
    cached(&state, &req, XML, || async {
        let counts = sitemap_counts(&state).await?;
        if part > counts.parts(feed::MAX_SITEMAP_URLS) {
            return Err(AppError::NotFound);
        }
        sitemap_part(&state, counts, part).await
    })
    .await
}

async fn sitemap_counts(state: &AppState) -> Result<SitemapCounts> {
    Ok(SitemapCounts {
        posts: db::posts::read::count_published_of(&state.pool, Kind::Post).await?,
        pages: db::posts::read::count_published_of(&state.pool, Kind::Page).await?,
        tags: db::tags::count_published(&state.pool).await?,
    })
}

/// The addresses of part `part` as one `<urlset>`.
async fn sitemap_part(
    state: &AppState,
    counts: SitemapCounts,
    part: i64,
) -> Result<std::result::Result<String, HttpResponse>> {
    let base = state.config.base_url();
    let base = base.as_str();
    let under = |folder: &'static str| {
        move |entry: db::SitemapEntry| SitemapUrl {
            loc: format!("{base}{folder}{}", entry.slug),
            lastmod: Some(time::iso8601(entry.updated_at)),
        }
    };
    let mut urls: Vec<SitemapUrl> = Vec::new();
    for slice in counts.part(part, feed::MAX_SITEMAP_URLS) {
        let (limit, offset) = (slice.limit, slice.offset);
        match slice.source {
            SitemapSource::Home => urls.push(SitemapUrl {
                loc: format!("{base}/"),
                lastmod: db::posts::read::latest_change(&state.pool)
                    .await?
                    .map(time::iso8601),
            }),
            SitemapSource::Posts => urls.extend(
                db::posts::read::published_for_sitemap(&state.pool, Kind::Post, limit, offset)
                    .await?
                    .into_iter()
                    .map(under("/posts/")),
            ),
            SitemapSource::Pages => urls.extend(
                db::posts::read::published_for_sitemap(&state.pool, Kind::Page, limit, offset)
                    .await?
                    .into_iter()
                    .map(under("/")),
            ),
            SitemapSource::Tags => urls.extend(
                db::tags::published_for_sitemap(&state.pool, limit, offset)
                    .await?
                    .into_iter()
                    .map(under("/tags/")),
            ),
        }
    }
    let mut context = Context::new();
    context.insert("urls", &urls);
    Ok(Ok(state.templates.render("feeds/sitemap.xml", &context)?))
}
