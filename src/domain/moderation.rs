//! The moderation states of a comment and which action moves it where.

use serde::Serialize;

use super::ids::CommentId;
use super::message::{Message, msg};

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
    /// (a "refusal-…" text, worded to follow "Comment #5").
    pub fn apply(self, current: Status) -> Result<Outcome, Message> {
        use Status::*;
        let refused = |id| Err(Message::new(id));
        match (self, current) {
            (Self::Delete, _) => Ok(Outcome::Delete),
            (Self::Approve, Approved) => refused(msg::REFUSAL_ALREADY_APPROVED),
            (Self::Approve, Trash) => refused(msg::REFUSAL_IN_TRASH),
            (Self::Approve, _) => Ok(Outcome::MoveTo(Approved)),
            (Self::Unapprove, Approved) => Ok(Outcome::MoveTo(Pending)),
            (Self::Unapprove, _) => refused(msg::REFUSAL_NOT_APPROVED),
            (Self::Spam, Spam) => refused(msg::REFUSAL_ALREADY_SPAM),
            (Self::Spam, _) => Ok(Outcome::MoveTo(Spam)),
            (Self::Trash, Trash) => refused(msg::REFUSAL_ALREADY_TRASH),
            (Self::Trash, _) => Ok(Outcome::MoveTo(Trash)),
            (Self::Restore, Spam | Trash) => Ok(Outcome::MoveTo(Pending)),
            (Self::Restore, _) => refused(msg::REFUSAL_NOT_SPAM_OR_TRASH),
        }
    }

    /// `apply`, for an action that came `via` the queue or an email link: a
    /// link acts only on a comment that still waits (see `email_link_acts_on`).
    pub fn apply_via(self, current: Status, via: Via) -> Result<Outcome, Message> {
        if via == Via::EmailLink {
            email_link_acts_on(current)?;
        }
        self.apply(current)
    }
}

/// Where an action came from; the log says when it was not the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Queue,
    EmailLink,
}

/// An email's action link acts only on a comment that is still pending: once
/// it has left the queue (whoever moved it), the link is dead; the refusal
/// says where the comment is now.
pub fn email_link_acts_on(current: Status) -> Result<(), Message> {
    if current == Status::Pending {
        Ok(())
    } else {
        Err(Message::new(msg::EMAIL_LINK_LEFT_QUEUE).with("status", current.as_str()))
    }
}

/// An admin's reply may answer an approved comment, or a pending one, which
/// is approved with it (`Ok(true)`); spam and trash must be restored first.
pub fn reply_approves_parent(parent: Status) -> Result<bool, Message> {
    match parent {
        Status::Approved => Ok(false),
        Status::Pending => Ok(true),
        Status::Spam | Status::Trash => Err(Message::new(msg::REFUSAL_REPLY_NEEDS_RESTORE)),
    }
}

/// What the moderation log says of a comment an action moved (`by_email`:
/// the action came from a link in an email, not the queue).
pub fn moved_detail(from: Status, action: Action, by_email: bool) -> Message {
    let id = if by_email {
        msg::LOG_DETAIL_MOVED_BY_EMAIL
    } else {
        msg::LOG_DETAIL_MOVED
    };
    Message::new(id)
        .with("from", from.as_str())
        .with("action", action.as_str())
}

/// What the moderation log says of a pending comment an admin's reply approved.
pub fn approved_with_reply_detail() -> Message {
    Message::new(msg::LOG_DETAIL_APPROVED_WITH_REPLY)
}

/// What the moderation log says of an admin's reply.
pub fn reply_detail(parent_id: CommentId) -> Message {
    Message::new(msg::LOG_DETAIL_REPLY_TO).with("parent", parent_id)
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
    fn an_email_link_acts_only_on_a_pending_comment() {
        assert_eq!(
            Action::Approve.apply_via(Pending, Via::EmailLink),
            Ok(Outcome::MoveTo(Approved))
        );
        for left in [Approved, Spam, Trash] {
            let refused = Action::Trash.apply_via(left, Via::EmailLink).unwrap_err();
            assert_eq!(refused.id, "email-link-left-queue");
            assert_eq!(refused.args["status"], left.as_str().into());
        }
        assert!(Action::Trash.apply_via(Spam, Via::Queue).is_ok());
    }

    #[test]
    fn a_reply_approves_a_pending_parent_and_refuses_spam_or_trash() {
        assert_eq!(reply_approves_parent(Approved), Ok(false));
        assert_eq!(reply_approves_parent(Pending), Ok(true));
        assert!(reply_approves_parent(Spam).is_err());
        assert!(reply_approves_parent(Trash).is_err());
    }

    #[test]
    fn actions_and_statuses_parse_only_known_names() {
        assert_eq!(Action::parse("approve"), Some(Action::Approve));
        assert_eq!(Action::parse("APPROVE"), None);
        assert_eq!(Status::parse("spam"), Some(Spam));
        assert_eq!(Status::parse("junk"), None);
    }
}
