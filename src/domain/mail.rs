//! The rules of Folio's email: who is told of which comment, how long a
//! failing mail is retried, how often an admin may be mailed, which action
//! links a mail may carry, and what may reach a header.

use serde::Serialize;

use super::ids::{AdminId, CommentId, SubscriptionId};
use super::moderation::{Action, Status};
use super::signing::{self, RowKey, Signer};
use super::time::UnixTime;

/// Which new comments admins are told of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AdminNotice {
    /// Only comments held for moderation.
    #[default]
    Held,
    /// Every comment except spam.
    All,
    Never,
}

impl AdminNotice {
    pub const ALL: [AdminNotice; 3] = [Self::Held, Self::All, Self::Never];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::All => "all",
            Self::Never => "never",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.as_str() == raw.trim())
    }

    /// Whether a new comment stored with `status` is worth an admin's email.
    pub fn covers(self, status: Status) -> bool {
        match self {
            Self::Held => status == Status::Pending,
            Self::All => status != Status::Spam,
            Self::Never => false,
        }
    }
}

/// What the intake pipeline must queue with a comment, decided before it is stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IntakeMail {
    /// Tell every admin with an address.
    pub tell_admins: bool,
    /// The reader asked to be told of replies (a confirmation mail goes first).
    pub subscribe: bool,
}

/// Whether email is on, and the admins' choice: what a new comment causes.
#[derive(Debug, Clone, Copy, Default)]
pub struct MailPolicy {
    pub on: bool,
    pub admins: AdminNotice,
}

impl MailPolicy {
    /// Spam never mails anyone; with email off, nothing does.
    pub fn for_comment(self, status: Status, reader_asked: bool) -> IntakeMail {
        IntakeMail {
            tell_admins: self.on && self.admins.covers(status),
            subscribe: self.on && reader_asked && status != Status::Spam,
        }
    }
}

/// An admin gets at most one mail per this many seconds; what arrives in between waits for one digest.
pub const ADMIN_MAIL_INTERVAL: i64 = 60;

/// When an admin last mailed at `last_sent` may be mailed again.
pub fn next_admin_mail_at(last_sent: Option<UnixTime>, now: UnixTime) -> UnixTime {
    last_sent.map_or(now, |last| (last + ADMIN_MAIL_INTERVAL).max(now))
}

/// A mail that still fails this long after it was queued is given up.
pub const GIVE_UP_AFTER: i64 = 2 * 24 * 60 * 60;
const _: () = assert!(GIVE_UP_AFTER >= 24 * 60 * 60, "retried for at least a day");
const FIRST_RETRY: i64 = 60;
const LONGEST_WAIT: i64 = 4 * 60 * 60;

/// When to try again after `attempts` failed tries of a mail queued at
/// `queued_at`: after 1, 2, 4, ... minutes (at most 4 hours apart), for two
/// days; `None` once that is over.
pub fn next_attempt(queued_at: UnixTime, attempts: i64, now: UnixTime) -> Option<UnixTime> {
    let doublings = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let wait = FIRST_RETRY
        .saturating_mul(1_i64 << doublings)
        .min(LONGEST_WAIT);
    let at = now + wait;
    (at <= queued_at + GIVE_UP_AFTER).then_some(at)
}

/// An action link in an admin's email lasts this long.
pub const ACTION_LINK_SECONDS: i64 = 7 * 24 * 60 * 60;

/// The actions an email may offer.
pub const MAIL_ACTIONS: [Action; 3] = [Action::Approve, Action::Spam, Action::Trash];

/// What a valid action link allows: this action, on this comment (the row with
/// this id and random value), for this admin, until then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLink {
    pub comment: RowKey<CommentId>,
    pub admin_id: AdminId,
    pub action: Action,
    pub expires_at: UnixTime,
}

const ACTION_PURPOSE: &str = "mail-action";

impl ActionLink {
    fn message(&self) -> String {
        format!(
            "{}.{}.{}.{}.{}",
            self.comment.id,
            self.admin_id,
            self.action.as_str(),
            self.expires_at,
            self.comment.nonce
        )
    }

    pub fn token(&self, signer: &Signer) -> String {
        let message = self.message();
        format!("{message}.{}", signer.sign(ACTION_PURPOSE, &message))
    }

    /// The link a token names, if its signature holds (expiry is checked by [`ActionLink::expired`]).
    pub fn verify(signer: &Signer, token: &str) -> Option<Self> {
        let mut parts = token.trim().split('.');
        let comment_id = parts.next()?;
        let admin_id = parts.next()?.parse().ok()?;
        let action = Action::parse(parts.next()?).filter(|a| MAIL_ACTIONS.contains(a))?;
        let expires_at = UnixTime::from_seconds(parts.next()?.parse().ok()?);
        let comment = RowKey::parse(comment_id, parts.next()?)?;
        let signature = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        let link = Self {
            comment,
            admin_id,
            action,
            expires_at,
        };
        signer
            .verify(ACTION_PURPOSE, &link.message(), signature)
            .then_some(link)
    }

    pub fn expired(&self, now: UnixTime) -> bool {
        now >= self.expires_at
    }
}

/// A reader's link to confirm or end one subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriptionLink {
    Confirm,
    Unsubscribe,
}

impl SubscriptionLink {
    fn purpose(self) -> &'static str {
        match self {
            Self::Confirm => "subscription-confirm",
            Self::Unsubscribe => "subscription-end",
        }
    }

    pub fn token(self, signer: &Signer, subscription: &RowKey<SubscriptionId>) -> String {
        signing::row_token(signer, self.purpose(), subscription)
    }

    /// The subscription a token names; `None` when it is forged or of the other kind.
    pub fn verify(self, signer: &Signer, token: &str) -> Option<RowKey<SubscriptionId>> {
        signing::verify_row_token(signer, self.purpose(), token)
    }
}

/// Text for a header (a subject, a display name): control characters such as
/// CR and LF become spaces, runs of spaces one, and it is cut to `max` characters.
pub fn header_text(raw: &str, max: usize) -> String {
    let spaced: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let mut text = words.join(" ");
    if text.chars().count() > max {
        text = text.chars().take(max.saturating_sub(1)).collect::<String>() + "…";
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_are_told_of_held_comments_by_default_and_never_of_spam() {
        let held = AdminNotice::default();
        assert!(held.covers(Status::Pending));
        assert!(!held.covers(Status::Approved));
        assert!(AdminNotice::All.covers(Status::Approved));
        assert!(!AdminNotice::All.covers(Status::Spam));
        assert!(!AdminNotice::Never.covers(Status::Pending));
    }

    #[test]
    fn with_email_off_a_comment_causes_no_mail() {
        let off = MailPolicy {
            on: false,
            admins: AdminNotice::All,
        };
        assert_eq!(
            off.for_comment(Status::Pending, true),
            IntakeMail::default()
        );
        let on = MailPolicy { on: true, ..off };
        assert!(!on.for_comment(Status::Spam, true).subscribe);
        assert!(on.for_comment(Status::Pending, true).subscribe);
    }

    #[test]
    fn retries_back_off_and_stop_after_two_days() {
        let queued = UnixTime::from_seconds(1_000_000);
        assert_eq!(next_attempt(queued, 1, queued), Some(queued + 60));
        assert_eq!(next_attempt(queued, 2, queued), Some(queued + 120));
        assert_eq!(next_attempt(queued, 3, queued), Some(queued + 240));
        assert_eq!(
            next_attempt(queued, 30, queued + 3600),
            Some(queued + 3600 + LONGEST_WAIT)
        );
        assert_eq!(next_attempt(queued, 12, queued + GIVE_UP_AFTER), None);
    }

    #[test]
    fn an_admin_is_mailed_at_most_once_a_minute() {
        let at = UnixTime::from_seconds;
        assert_eq!(next_admin_mail_at(None, at(100)), at(100));
        assert_eq!(next_admin_mail_at(Some(at(90)), at(100)), at(150));
        assert_eq!(next_admin_mail_at(Some(at(10)), at(100)), at(100));
    }

    const NONCE: &str = "0123456789abcdef";

    #[test]
    fn an_action_link_holds_only_for_its_comment_action_and_admin() {
        let signer = Signer::new(b"k".to_vec());
        let link = ActionLink {
            comment: RowKey::new(CommentId::new(7), NONCE),
            admin_id: AdminId::new(1),
            action: Action::Approve,
            expires_at: UnixTime::from_seconds(5_000),
        };
        let token = link.token(&signer);
        assert_eq!(ActionLink::verify(&signer, &token), Some(link.clone()));
        for forged in [
            token.replacen("7.1.", "8.1.", 1),
            token.replacen("7.1.", "7.2.", 1),
            token.replacen("approve", "spam", 1),
            token.replacen("5000", "9000", 1),
            token.replacen("approve", "delete", 1),
            token.replacen(NONCE, "fedcba9876543210", 1),
            format!("{token}.x"),
            String::new(),
        ] {
            assert_eq!(ActionLink::verify(&signer, &forged), None, "{forged}");
        }
        assert!(!link.expired(UnixTime::from_seconds(4_999)));
        assert!(link.expired(UnixTime::from_seconds(5_000)));
    }

    #[test]
    fn a_confirmation_token_cannot_unsubscribe_and_back() {
        let signer = Signer::new(b"k".to_vec());
        let subscription = RowKey::new(SubscriptionId::new(3), NONCE);
        let confirm = SubscriptionLink::Confirm.token(&signer, &subscription);
        assert_eq!(
            SubscriptionLink::Confirm.verify(&signer, &confirm),
            Some(subscription)
        );
        assert_eq!(
            SubscriptionLink::Unsubscribe.verify(&signer, &confirm),
            None
        );
    }

    #[test]
    fn no_line_break_reaches_a_header() {
        assert_eq!(
            header_text("Hi\r\nBcc: victim@example.org", 100),
            "Hi Bcc: victim@example.org"
        );
        assert_eq!(header_text("Jürgen   Müller", 100), "Jürgen Müller");
        assert_eq!(header_text("abcdef", 4), "abc…");
    }
}
