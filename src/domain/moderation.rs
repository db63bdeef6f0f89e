//! The moderation states of a comment and which action moves it where.

use serde::Serialize;

use super::message::Message;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Where a new comment waits, and where the queue opens.
    #[default]
    Pending,
    Approved,
    Spam,
    Trash,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Pending,
        Status::Approved,
        Status::Spam,
        Status::Trash,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Spam => "spam",
            Self::Trash => "trash",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Approve,
    Unapprove,
    Spam,
    Trash,
    Restore,
    Delete,
}

/// What an action does to a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    MoveTo(Status),
    Delete,
}

impl Action {
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "approve" => Self::Approve,
            "unapprove" => Self::Unapprove,
            "spam" => Self::Spam,
            "trash" => Self::Trash,
            "restore" => Self::Restore,
            "delete" => Self::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Unapprove => "unapprove",
            Self::Spam => "spam",
            Self::Trash => "trash",
            Self::Restore => "restore",
            Self::Delete => "delete",
        }
    }

    /// Where this action takes a comment in `current`, or why it does not apply
    /// (a message id: "refusal-…", worded to follow "Comment #5").
    pub fn apply(self, current: Status) -> Result<Outcome, &'static str> {
        use Status::*;
        match (self, current) {
            (Self::Delete, _) => Ok(Outcome::Delete),
            (Self::Approve, Approved) => Err("refusal-already-approved"),
            (Self::Approve, Trash) => Err("refusal-in-trash"),
            (Self::Approve, _) => Ok(Outcome::MoveTo(Approved)),
            (Self::Unapprove, Approved) => Ok(Outcome::MoveTo(Pending)),
            (Self::Unapprove, _) => Err("refusal-not-approved"),
            (Self::Spam, Spam) => Err("refusal-already-spam"),
            (Self::Spam, _) => Ok(Outcome::MoveTo(Spam)),
            (Self::Trash, Trash) => Err("refusal-already-trash"),
            (Self::Trash, _) => Ok(Outcome::MoveTo(Trash)),
            (Self::Restore, Spam | Trash) => Ok(Outcome::MoveTo(Pending)),
            (Self::Restore, _) => Err("refusal-not-spam-or-trash"),
        }
    }
}

/// What the moderation log says of a comment an action moved (`by_email`:
/// the action came from a link in an email, not the queue).
pub fn moved_detail(from: Status, action: Action, by_email: bool) -> Message {
    let id = if by_email {
        "log-detail-moved-by-email"
    } else {
        "log-detail-moved"
    };
    Message::new(id)
        .with("from", from.as_str())
        .with("action", action.as_str())
}

/// What the moderation log says of a pending comment an admin's reply approved.
pub fn approved_with_reply_detail() -> Message {
    Message::new("log-detail-approved-with-reply")
}

/// What the moderation log says of an admin's reply.
pub fn reply_detail(parent_id: i64) -> Message {
    Message::new("log-detail-reply-to").with("parent", parent_id)
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn every_action_moves_a_comment_where_the_queue_expects() {
        let cases = [
            (Action::Approve, Pending, Ok(Outcome::MoveTo(Approved))),
            (Action::Approve, Spam, Ok(Outcome::MoveTo(Approved))),
            (Action::Unapprove, Approved, Ok(Outcome::MoveTo(Pending))),
            (Action::Spam, Pending, Ok(Outcome::MoveTo(Spam))),
            (Action::Spam, Approved, Ok(Outcome::MoveTo(Spam))),
            (Action::Trash, Pending, Ok(Outcome::MoveTo(Trash))),
            (Action::Restore, Spam, Ok(Outcome::MoveTo(Pending))),
            (Action::Restore, Trash, Ok(Outcome::MoveTo(Pending))),
            (Action::Delete, Trash, Ok(Outcome::Delete)),
            (Action::Delete, Approved, Ok(Outcome::Delete)),
        ];
        for (action, from, expected) in cases {
            assert_eq!(action.apply(from), expected, "{action:?} from {from:?}");
        }
    }

    #[test]
    fn an_action_on_a_comment_already_in_that_state_is_refused() {
        assert!(Action::Approve.apply(Approved).is_err());
        assert!(Action::Spam.apply(Spam).is_err());
        assert!(Action::Trash.apply(Trash).is_err());
        assert!(Action::Unapprove.apply(Pending).is_err());
        assert!(Action::Restore.apply(Pending).is_err());
        assert!(Action::Approve.apply(Trash).is_err());
    }

    #[test]
    fn actions_and_statuses_parse_only_known_names() {
        assert_eq!(Action::parse("approve"), Some(Action::Approve));
        assert_eq!(Action::parse("APPROVE"), None);
        assert_eq!(Status::parse("spam"), Some(Spam));
        assert_eq!(Status::parse("junk"), None);
    }
}
