//! Where a post's address leads: the published post (or page) there, or the
//! one that had the address before it was renamed, answered with a 301 that
//! keeps the link's query. Shared by the post page, its feed and the old
//! addresses of an import.

use actix_web::{HttpRequest, HttpResponse};

use crate::db;
use crate::db::posts::read::PublishedPost;
use crate::domain::post::Kind;
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

/// Where a post address leads.
pub enum PostAt {
    /// The published post with this slug.
    Here(PublishedPost),
    /// A published post that had this slug before it was renamed: its current slug.
    RenamedTo(String),
}

/// Finds the published post (or page) at `slug`, or the one that used to be there; else 404.
pub async fn find_post(state: &AppState, slug: &str, kind: Kind) -> Result<PostAt> {
    if let Some(post) = db::posts::read::published_by_slug(&state.pool, slug).await?
        && post.kind == kind
    {
        return Ok(PostAt::Here(post));
    }
    db::posts::read::renamed_to(&state.pool, slug, kind)
        .await?
        .map(PostAt::RenamedTo)
        .ok_or(AppError::NotFound)
}

/// The 301 that sends an old link to a post's current address, with the
/// link's query (a reader's `?mine=` or `?replytocom=`) kept.
pub fn renamed(req: &HttpRequest, location: &str) -> HttpResponse {
    match req.query_string() {
        "" => respond::moved_permanently(location),
        query => respond::moved_permanently(&format!("{location}?{query}")),
    }
}
