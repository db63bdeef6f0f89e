//! A reader's comment from the form to its fate, as one pipeline:
//! [`accept`] checks that the post takes comments and the form is valid;
//! [`decide`] applies the spam rules (`domain::spam`) and says what to store and
//! which guard the store must enforce; the store (`db::intake`) checks the
//! guard against the comments stored meanwhile and answers with a [`Fate`].

use serde::Deserialize;

use super::SafeHtml;
use super::comment::{CONSENT_REQUIRED, CommentForm, NewComment};
use super::comment_text;
use super::form::FieldErrors;
use super::ids::{CommentId, PostId};
use super::mail::{IntakeMail, MailPolicy};
use super::message::{Message, MessageId, msg};
use super::moderation::Status;
use super::signing::Signer;
use super::spam::{self, FormToken, Guard, History, Limits, RejectKind, Rules, Verdict};
use super::time::UnixTime;

/// The comment form as posted: the reader's fields plus the anti-abuse ones.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Submission {
    #[serde(flatten)]
    pub form: CommentForm,
    /// The honeypot: hidden from people, so only bots fill it in.
    #[serde(rename = "homepage")]
    pub honeypot: String,
    /// When the form's page was served, signed (see `signing::comment_form_token`).
    pub form_token: String,
}

/// Where a comment came from, kept for moderation.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub ip: String,
    pub user_agent: String,
}

/// What the rules need to know of the post a comment is for.
#[derive(Debug, Clone, Copy)]
pub struct PostFacts {
    pub id: PostId,
    pub published_at: UnixTime,
    pub comments_open: bool,
}

/// The site's rules and the operator's limits, as they stand for this comment.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    pub rules: Rules<'a>,
    /// Commenters must tick the consent box (site setting).
    pub require_consent: bool,
    pub limits: Limits,
    /// Whether email is on and whom a new comment is mailed to.
    pub mail: MailPolicy,
    pub now: UnixTime,
}

impl Policy<'_> {
    /// Whether the commenter's history must be read before the rules are
    /// applied: only the known-author rule needs it up front, the rate limit
    /// and the duplicate rule are enforced by the store's guard.
    pub fn needs_history_up_front(&self) -> bool {
        self.rules.auto_approve_known_authors
    }

    /// The guard for a comment under this policy (before its verdict is known).
    pub fn guard(&self) -> Guard {
        Guard::new(self.now, self.limits)
    }
}

/// Why a comment was not stored; the reader gets the form back with their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// One message per wrong field.
    Invalid(FieldErrors),
    Rejected(RejectKind),
    /// Nothing wrong with it, but the database could not store it (a full
    /// disk, say): the reader gets their text back to send again later.
    NotStored,
}

impl Refusal {
    /// What the reader is told about a comment that could not be stored.
    pub const NOT_STORED: MessageId = msg::COMMENT_NOT_STORED;
}

/// A comment as the rules decided to keep it, owned so that it can be
/// handed to the comment writer (see `db::comment_writer`).
#[derive(Debug, Clone)]
pub struct Intake {
    pub post_id: PostId,
    pub comment: NewComment,
    pub body_html: SafeHtml,
    pub origin: Origin,
    pub status: Status,
    /// Why it was held or filed as spam, as `Message::to_stored` keeps it; for
    /// the moderators only.
    pub status_reason: String,
    pub created_at: UnixTime,
    /// When the commenter agreed to how their data is stored, if they were asked.
    pub consent_at: Option<UnixTime>,
    /// The mail to queue with it (in the same transaction).
    pub mail: IntakeMail,
}

/// What became of a submitted comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Stored, with the random value its signed links carry (see `signing::RowKey`).
    Stored {
        id: CommentId,
        status: Status,
        link_nonce: String,
    },
    Refused(Refusal),
}

/// The first gate: the post must take comments and every field must be valid.
pub fn accept(
    form: &CommentForm,
    post: PostFacts,
    policy: &Policy<'_>,
) -> Result<NewComment, Refusal> {
    if spam::comments_closed(
        post.comments_open,
        post.published_at,
        policy.rules.close_comments_after_days,
        policy.now,
    ) {
        return Err(Refusal::Rejected(RejectKind::Closed));
    }
    let parsed = NewComment::try_from(form);
    if policy.require_consent && form.consent.is_none() {
        let mut errors = parsed.err().unwrap_or_default();
        errors.insert("consent", Message::new(CONSENT_REQUIRED));
        return Err(Refusal::Invalid(errors));
    }
    parsed.map_err(Refusal::Invalid)
}

/// The rules' verdict on a valid comment, as what to store and the guard the
/// store must check against the comments stored meanwhile.
pub fn decide(
    comment: NewComment,
    submission: &Submission,
    post: PostFacts,
    origin: Origin,
    history: History,
    policy: &Policy<'_>,
    signer: &Signer,
) -> Result<(Intake, Guard), Refusal> {
    let context = spam::Context {
        now: policy.now,
        ip: &origin.ip,
        user_agent: &origin.user_agent,
        honeypot: &submission.honeypot,
        form_token: FormToken::read(signer, post.id, &submission.form_token),
        post_published_at: post.published_at,
        post_comments_open: post.comments_open,
        history,
        rules: policy.rules,
        limits: policy.limits,
    };
    let verdict = spam::judge(&comment, &context);
    let (status, reason) = match verdict {
        Verdict::Reject(kind) => return Err(Refusal::Rejected(kind)),
        Verdict::Approve => (Status::Approved, String::new()),
        Verdict::Hold(reason) => (Status::Pending, reason.to_stored()),
        Verdict::Spam(reason) => (Status::Spam, reason.to_stored()),
    };
    // Rules that file a comment as spam come before the duplicate rule.
    let guard = policy.guard().checking_duplicates(status != Status::Spam);
    let reader_asked = submission.form.notify_replies.is_some();
    let intake = Intake {
        mail: policy.mail.for_comment(status, reader_asked),
        post_id: post.id,
        body_html: comment_text::render(comment.body.as_ref()),
        comment,
        origin,
        status,
        status_reason: reason,
        created_at: policy.now,
        consent_at: (policy.require_consent && submission.form.consent.is_some())
            .then_some(policy.now),
    };
    Ok((intake, guard))
}

/// The timing token a refused form carries: the one it was sent with while
/// that is still good, so that a quick correction is timed from when the reader
/// first saw the page, not from the error page; `None` for a fresh one.
pub fn token_for_retry<'a>(
    submission: &'a Submission,
    post_id: PostId,
    refusal: &Refusal,
    signer: &Signer,
) -> Option<&'a str> {
    let expired = *refusal == Refusal::Rejected(RejectKind::Expired);
    let genuine = matches!(
        FormToken::read(signer, post_id, &submission.form_token),
        FormToken::IssuedAt(_)
    );
    (genuine && !expired).then_some(submission.form_token.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: UnixTime = UnixTime::from_seconds(1_795_788_300);

    fn policy(rules: Rules<'_>) -> Policy<'_> {
        Policy {
            rules,
            require_consent: false,
            limits: Limits {
                min_seconds: 3,
                comments_per_minute: 5,
            },
            mail: MailPolicy::default(),
            now: NOW,
        }
    }

    fn rules() -> Rules<'static> {
        Rules {
            auto_approve_known_authors: false,
            hold_if_links_over: 2,
            spam_words: "casino",
            moderation_words: "",
            close_comments_after_days: 0,
        }
    }

    fn post(comments_open: bool) -> PostFacts {
        PostFacts {
            id: PostId::new(7),
            published_at: NOW - 86_400,
            comments_open,
        }
    }

    fn submission(body: &str, signer: &Signer) -> Submission {
        Submission {
            form: CommentForm {
                name: "Ada".into(),
                email: "ada@example.org".into(),
                body: body.into(),
                ..CommentForm::default()
            },
            honeypot: String::new(),
            form_token: super::super::signing::comment_form_token(signer, PostId::new(7), NOW - 60),
        }
    }

    fn judged(body: &str) -> Result<(Intake, Guard), Refusal> {
        let signer = Signer::new(b"a test key of some length".to_vec());
        let submission = submission(body, &signer);
        let rules = rules();
        let policy = policy(rules);
        let comment = accept(&submission.form, post(true), &policy)?;
        decide(
            comment,
            &submission,
            post(true),
            Origin::default(),
            History::default(),
            &policy,
            &signer,
        )
    }

    #[test]
    fn a_refused_form_keeps_its_genuine_token_unless_it_expired() {
        let signer = Signer::new(b"a test key of some length".to_vec());
        let mut submission = submission("Hi", &signer);
        let invalid = Refusal::Invalid(FieldErrors::new());
        let expired = Refusal::Rejected(RejectKind::Expired);
        let kept = token_for_retry(&submission, PostId::new(7), &invalid, &signer);
        assert_eq!(kept, Some(submission.form_token.as_str()));
        assert_eq!(
            token_for_retry(&submission, PostId::new(7), &expired, &signer),
            None
        );
        assert_eq!(
            token_for_retry(&submission, PostId::new(8), &invalid, &signer),
            None
        );
        submission.form_token = "forged".into();
        assert_eq!(
            token_for_retry(&submission, PostId::new(7), &invalid, &signer),
            None
        );
    }

    #[test]
    fn a_closed_post_refuses_before_the_form_is_read() {
        let rules = rules();
        let refusal = accept(&CommentForm::default(), post(false), &policy(rules)).unwrap_err();
        assert_eq!(refusal, Refusal::Rejected(RejectKind::Closed));
    }

    #[test]
    fn a_site_that_asks_for_consent_refuses_a_form_without_it() {
        let rules = rules();
        let mut policy = policy(rules);
        policy.require_consent = true;
        let form = CommentForm {
            name: "Ada".into(),
            email: "ada@example.org".into(),
            body: "Hello".into(),
            ..CommentForm::default()
        };
        let Err(Refusal::Invalid(errors)) = accept(&form, post(true), &policy) else {
            panic!("consent is required");
        };
        assert_eq!(errors.keys().copied().collect::<Vec<_>>(), ["consent"]);
        let consenting = CommentForm {
            consent: Some("on".into()),
            ..form
        };
        assert!(accept(&consenting, post(true), &policy).is_ok());
    }

    #[test]
    fn an_invalid_form_is_refused_field_by_field() {
        let rules = rules();
        let Err(Refusal::Invalid(errors)) =
            accept(&CommentForm::default(), post(true), &policy(rules))
        else {
            panic!("an empty form must be invalid");
        };
        assert!(errors.contains_key("name") && errors.contains_key("body"));
    }

    #[test]
    fn a_held_comment_is_stored_pending_and_guarded_against_duplicates() {
        let (intake, guard) = judged("A kind word.").unwrap();
        assert_eq!(intake.status, Status::Pending);
        assert!(guard.check_duplicate);
        assert_eq!(guard.rate_window_start, NOW - spam::RATE_WINDOW_SECONDS);
    }

    #[test]
    fn spam_is_stored_as_spam_and_not_checked_for_duplicates() {
        let (intake, guard) = judged("Visit the casino").unwrap();
        assert_eq!(intake.status, Status::Spam);
        assert!(intake.status_reason.contains("casino"));
        assert!(!guard.check_duplicate);
    }
}
