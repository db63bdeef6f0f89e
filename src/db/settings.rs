use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::ids::PostId;
use crate::domain::mail::AdminNotice;
use crate::domain::new_site;
use crate::domain::settings::SiteSettings;
use crate::domain::time::UnixTime;

/// Header lines as stored: one per line, blank ones dropped.
fn split_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

pub async fn load(pool: &SqlitePool) -> sqlx::Result<Option<SiteSettings>> {
    let row = sqlx::query!(
        r#"SELECT title, tagline, header_lines, timezone, posts_per_page,
                  auto_approve_known_authors AS "auto_approve_known_authors: bool",
                  require_consent AS "require_consent: bool",
                  privacy_page_id AS "privacy_page_id: PostId",
                  hold_if_links_over, spam_words, moderation_words,
                  close_comments_after_days, thread_depth, ip_retention_days, spam_retention_days,
                  notify_admins, language, require_two_step AS "require_two_step: bool"
           FROM site_settings WHERE id = 1"#
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| SiteSettings {
        title: r.title,
        tagline: r.tagline,
        header_lines: split_lines(&r.header_lines),
        timezone: r.timezone,
        posts_per_page: r.posts_per_page,
        auto_approve_known_authors: r.auto_approve_known_authors,
        require_consent: r.require_consent,
        privacy_page_id: r.privacy_page_id,
        hold_if_links_over: r.hold_if_links_over,
        spam_words: r.spam_words,
        moderation_words: r.moderation_words,
        close_comments_after_days: r.close_comments_after_days,
        thread_depth: r.thread_depth,
        ip_retention_days: r.ip_retention_days,
        spam_retention_days: r.spam_retention_days,
        notify_admins: AdminNotice::parse(&r.notify_admins).unwrap_or_default(),
        language: r.language,
        require_two_step: r.require_two_step,
    }))
}

/// Whether the site has been set up (its settings row exists).
pub async fn exists(conn: &mut SqliteConnection) -> sqlx::Result<bool> {
    let row = sqlx::query!(r#"SELECT COUNT(*) AS "n!: i64" FROM site_settings"#)
        .fetch_one(conn)
        .await?;
    Ok(row.n > 0)
}

/// Sets the site up with Folio's defaults (see `domain::new_site`) unless it
/// is already; whether it was set up now.
pub async fn create_if_missing(conn: &mut SqliteConnection, now: UnixTime) -> sqlx::Result<bool> {
    let (title, tagline, header_lines) =
        (new_site::TITLE, new_site::TAGLINE, new_site::HEADER_LINES);
    let created = sqlx::query!(
        "INSERT INTO site_settings (id, title, tagline, header_lines, updated_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING",
        title,
        tagline,
        header_lines,
        now
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(created > 0)
}

/// Which of an import's title and tagline the site took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Taken {
    pub title: bool,
    pub tagline: bool,
}

/// Takes an imported site's title and tagline where the site still has Folio's own.
pub async fn take_if_default(
    conn: &mut SqliteConnection,
    title: Option<&str>,
    tagline: Option<&str>,
    now: UnixTime,
) -> sqlx::Result<Taken> {
    let current = sqlx::query!("SELECT title, tagline FROM site_settings WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    let title = title.filter(|_| current.title == new_site::TITLE);
    let tagline = tagline.filter(|_| current.tagline == new_site::TAGLINE);
    let taken = Taken {
        title: title.is_some(),
        tagline: tagline.is_some(),
    };
    if taken.title || taken.tagline {
        sqlx::query!(
            "UPDATE site_settings
             SET title = COALESCE(?, title), tagline = COALESCE(?, tagline), updated_at = ?
             WHERE id = 1",
            title,
            tagline,
            now
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(taken)
}

/// When the settings were last saved (the feed's date while nothing is published).
pub async fn updated_at(pool: &SqlitePool) -> sqlx::Result<UnixTime> {
    let row = sqlx::query!(
        r#"SELECT updated_at AS "updated_at: UnixTime" FROM site_settings WHERE id = 1"#
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map_or(UnixTime::EPOCH, |r| r.updated_at))
}

pub async fn update(pool: &SqlitePool, settings: &SiteSettings, now: UnixTime) -> sqlx::Result<()> {
    let header_lines = settings.header_lines.join("\n");
    let notify_admins = settings.notify_admins.as_str();
    sqlx::query!(
        "UPDATE site_settings SET title = ?, tagline = ?, header_lines = ?, timezone = ?, posts_per_page = ?,
                auto_approve_known_authors = ?, hold_if_links_over = ?, spam_words = ?, moderation_words = ?,
                close_comments_after_days = ?, thread_depth = ?, ip_retention_days = ?,
                spam_retention_days = ?, require_consent = ?, privacy_page_id = ?, notify_admins = ?, language = ?,
                require_two_step = ?, updated_at = ?
         WHERE id = 1",
        settings.title,
        settings.tagline,
        header_lines,
        settings.timezone,
        settings.posts_per_page,
        settings.auto_approve_known_authors,
        settings.hold_if_links_over,
        settings.spam_words,
        settings.moderation_words,
        settings.close_comments_after_days,
        settings.thread_depth,
        settings.ip_retention_days,
        settings.spam_retention_days,
        settings.require_consent,
        settings.privacy_page_id,
        notify_admins,
        settings.language,
        settings.require_two_step,
        now
    )
    .execute(pool)
    .await?;
    Ok(())
}
