//! The trash: a deleted post or page waits there, off the site, with its
//! comments and old addresses, until it is restored or deleted for good.

use super::ids::PostId;
use super::message::{Message, msg};
use super::time::UnixTime;

/// How long a post or page stays in the trash before the hygiene task deletes it for good.
pub const KEPT_DAYS: i64 = 30;

const DAY_SECONDS: i64 = 24 * 60 * 60;

/// Posts moved to the trash before this moment are deleted for good at `now`.
pub fn purge_before(now: UnixTime) -> UnixTime {
    now - KEPT_DAYS * DAY_SECONDS
}

/// When a post moved to the trash at `trashed_at` is deleted for good.
pub fn deleted_for_good_at(trashed_at: UnixTime) -> UnixTime {
    trashed_at + KEPT_DAYS * DAY_SECONDS
}

/// The slug a post stands under while it is in the trash, so that its own is
/// free for others meanwhile: no typed or made slug can look like it (see `Slug`).
pub fn placeholder_slug(id: PostId) -> String {
    format!("__trashed-{id}")
}

/// A schedule still ahead is kept when a post comes back; one whose time
/// passed while it was in the trash is dropped (it comes back a draft), so a
/// restore never publishes anything by surprise.
pub fn schedule_kept(publish_at: Option<UnixTime>, now: UnixTime) -> Option<UnixTime> {
    publish_at.filter(|at| *at > now)
}

/// What restoring a post brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub title: String,
    /// Where it is now (its public address once published).
    pub slug: String,
    /// Its slug before, when another post took that meanwhile.
    pub slug_taken: Option<String>,
    /// Its schedule passed while it was in the trash: it came back a draft.
    pub schedule_dropped: bool,
}

impl Restored {
    /// The flash after a restore: what came back, and what changed on the way.
    pub fn messages(&self) -> Vec<Message> {
        let mut messages =
            vec![Message::new(msg::FLASH_TRASH_RESTORED).with("title", self.title.as_str())];
        if let Some(old) = &self.slug_taken {
            messages.push(
                Message::new(msg::FLASH_TRASH_RESTORED_NEW_SLUG)
                    .with("old", old.as_str())
                    .with("slug", self.slug.as_str()),
            );
        }
        if self.schedule_dropped {
            messages.push(Message::new(msg::FLASH_TRASH_RESTORED_UNSCHEDULED));
        }
        messages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::slug::Slug;

    #[test]
    fn a_post_is_deleted_for_good_thirty_days_after_it_was_trashed() {
        let trashed_at = UnixTime::from_seconds(1_000_000);
        let due = deleted_for_good_at(trashed_at);
        assert_eq!(due - trashed_at, 30 * 86_400);
        assert!(trashed_at >= purge_before(due - 1), "kept until then");
        assert!(trashed_at < purge_before(due + 1), "deleted after");
    }

    #[test]
    fn a_post_in_the_trash_stands_under_a_slug_no_post_can_have() {
        let placeholder = placeholder_slug(PostId::new(42));
        assert_eq!(placeholder, "__trashed-42");
        assert!(Slug::parse(&placeholder).is_err());
    }

    #[test]
    fn only_a_schedule_still_ahead_comes_back_from_the_trash() {
        let at = UnixTime::from_seconds;
        assert_eq!(schedule_kept(Some(at(2_000)), at(1_000)), Some(at(2_000)));
        assert_eq!(schedule_kept(Some(at(1_000)), at(1_000)), None);
        assert_eq!(schedule_kept(None, at(1_000)), None);
    }

    #[test]
    fn a_restore_says_when_the_slug_or_the_schedule_changed() {
        let plain = Restored {
            title: "Hours".into(),
            slug: "hours".into(),
            slug_taken: None,
            schedule_dropped: false,
        };
        assert_eq!(plain.messages().len(), 1);
        let moved = Restored {
            slug: "hours-2".into(),
            slug_taken: Some("hours".into()),
            schedule_dropped: true,
            ..plain
        };
        let ids: Vec<&str> = moved.messages().iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "flash-trash-restored",
                "flash-trash-restored-new-slug",
                "flash-trash-restored-unscheduled"
            ]
        );
    }
}
