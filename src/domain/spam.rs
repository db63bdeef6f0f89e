//! The comment-intake rules: from a valid comment and what is known around it,
//! decide whether it is approved, held for a moderator, filed as spam or refused.
//!
//! Precedence, first match wins:
//! 1. comments closed (switched off, or the post is older than the limit) → `Reject(Closed)`:
//!    nothing at all is stored on a closed post;
//! 2. more comments from this IP in the last minute than allowed → `Reject(RateLimited)`:
//!    a burst is refused before it can fill even the spam folder;
//! 3. the honeypot field filled → `Spam`;
//! 4. the timing token missing, forged, or the form sent sooner than the minimum → `Spam`;
//! 5. the timing token older than a day → `Reject(Expired)`: a real reader whose page sat
//!    open overnight gets their text back with a fresh token;
//! 6. a disallowed word in the comment, name, email, website, IP or user agent → `Spam`;
//! 7. the same text on this post from the same email or IP within a day → `Reject(Duplicate)`;
//! 8. a moderation word, then more links than allowed → `Hold`;
//! 9. auto-approval on and an earlier approved comment with this email and name → `Approve`;
//! 10. otherwise → `Hold`.
//!
//! Reasons are for the moderation queue only; readers are told the same thing
//! ("awaiting moderation") for held and spam comments alike.

use super::comment::{NewComment, PARENT_NOT_FOUND};
use super::comment_text::count_links;
use super::ids::PostId;
use super::message::{Message, MessageId, msg};
use super::signing::{self, Signer};
use super::time::UnixTime;

/// A form token older than this no longer counts: the reader is asked to send again.
pub const FORM_TOKEN_MAX_AGE_SECONDS: i64 = 24 * 60 * 60;
/// The window `Limits::comments_per_minute` counts over.
pub const RATE_WINDOW_SECONDS: i64 = 60;
/// How far back the same text from the same person counts as a duplicate.
pub const DUPLICATE_WINDOW_SECONDS: i64 = 24 * 60 * 60;

const DAY_SECONDS: i64 = 24 * 60 * 60;

/// What happens to a submitted comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    /// Stored as pending, with the reason for the moderator.
    Hold(Message),
    /// Stored as spam (kept, reviewable, restorable), with the reason for the moderator.
    Spam(Message),
    /// Not stored; the reader is told why and gets their text back.
    Reject(RejectKind),
}

/// Why a comment was refused; each says so in words a reader understands,
/// without naming a spam rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectKind {
    Closed,
    RateLimited,
    Expired,
    Duplicate,
    /// The comment replied to is not (or no longer) an approved comment of the post.
    ParentGone,
}

impl RejectKind {
    /// What the reader is told (the catalogues word it; none names a spam rule).
    pub fn message(self) -> Message {
        Message::new(match self {
            Self::Closed => msg::COMMENT_CLOSED,
            Self::RateLimited => msg::COMMENT_RATE_LIMITED,
            Self::Expired => msg::COMMENT_EXPIRED,
            Self::Duplicate => msg::COMMENT_DUPLICATE,
            Self::ParentGone => PARENT_NOT_FOUND,
        })
    }
}

/// The admin's comment rules (site settings).
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    pub auto_approve_known_authors: bool,
    pub hold_if_links_over: i64,
    /// One word or phrase per line; a match sends the comment to spam.
    pub spam_words: &'a str,
    /// One word or phrase per line; a match holds the comment for a moderator.
    pub moderation_words: &'a str,
    /// Comments close this many days after a post is published; 0 = never.
    pub close_comments_after_days: i64,
}

/// The operator's limits (configuration).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A form sent sooner than this after its page was served is spam; 0 = off.
    pub min_seconds: u64,
    /// Comments accepted per IP per minute; 0 = off.
    pub comments_per_minute: u32,
}

/// The comment form's timing token, as checked against the site's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormToken {
    Missing,
    Forged,
    IssuedAt(UnixTime),
}

impl FormToken {
    pub fn read(signer: &Signer, post_id: PostId, raw: &str) -> Self {
        if raw.trim().is_empty() {
            return Self::Missing;
        }
        signing::verify_comment_form_token(signer, post_id, raw)
            .map_or(Self::Forged, Self::IssuedAt)
    }
}

/// What the rules need to know from earlier comments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct History {
    /// An approved comment with the same email (any case) and name exists.
    pub known_author: bool,
    /// Comments stored from this IP since the rate window began, counted up to the limit.
    pub recent_from_ip: i64,
    /// The same body on this post from the same email or IP since the duplicate window began.
    pub duplicate: bool,
}

/// Rule 2: too many comments from one address in the rate window.
fn rate_limited(limits: Limits, recent_from_ip: i64) -> bool {
    limits.comments_per_minute > 0 && recent_from_ip >= i64::from(limits.comments_per_minute)
}

/// The rules that depend on the comments stored meanwhile (the rate limit and
/// the duplicate rule): the history is read without the write lock, so the
/// store checks them again, against what it holds when the comment goes in.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    pub limits: Limits,
    pub rate_window_start: UnixTime,
    /// Whether a duplicate would have changed the verdict.
    pub check_duplicate: bool,
    pub duplicate_window_start: UnixTime,
}

impl Guard {
    pub fn new(now: UnixTime, limits: Limits) -> Self {
        Self {
            limits,
            rate_window_start: now - RATE_WINDOW_SECONDS,
            check_duplicate: true,
            duplicate_window_start: now - DUPLICATE_WINDOW_SECONDS,
        }
    }

    pub fn checking_duplicates(self, check_duplicate: bool) -> Self {
        Self {
            check_duplicate,
            ..self
        }
    }

    /// How many of this address's recent comments the store needs to count
    /// (counting stops there); 0 when there is nothing to count: no limit, or
    /// no address.
    pub fn count_up_to(&self, ip: &str) -> i64 {
        if ip.is_empty() {
            0
        } else {
            i64::from(self.limits.comments_per_minute)
        }
    }

    /// The refusal the history calls for, in the rules' order; `None` to store.
    pub fn refusal(&self, history: &History) -> Option<RejectKind> {
        if rate_limited(self.limits, history.recent_from_ip) {
            Some(RejectKind::RateLimited)
        } else if self.check_duplicate && history.duplicate {
            Some(RejectKind::Duplicate)
        } else {
            None
        }
    }
}

/// Everything around a comment that the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub now: UnixTime,
    pub ip: &'a str,
    pub user_agent: &'a str,
    /// The field people never see; only bots fill it in.
    pub honeypot: &'a str,
    pub form_token: FormToken,
    pub post_published_at: UnixTime,
    pub post_comments_open: bool,
    /// The commenter's earlier comments, as far as read (see `Guard`).
    pub history: History,
    pub rules: Rules<'a>,
    pub limits: Limits,
}

/// Whether a post takes comments at `now`.
pub fn comments_closed(
    comments_open: bool,
    published_at: UnixTime,
    close_after_days: i64,
    now: UnixTime,
) -> bool {
    !comments_open
        || (close_after_days > 0
            && now - published_at > close_after_days.saturating_mul(DAY_SECONDS))
}

/// The verdict on a comment; see the module documentation for the precedence.
pub fn judge(comment: &NewComment, context: &Context<'_>) -> Verdict {
    match gate(context) {
        Err(verdict) => verdict,
        Ok(()) => content_verdict(comment, context),
    }
}

/// The rules about the request rather than the text: comments closed, too
/// many from one address, the honeypot, and the form's timing token.
fn gate(context: &Context<'_>) -> Result<(), Verdict> {
    let closed = comments_closed(
        context.post_comments_open,
        context.post_published_at,
        context.rules.close_comments_after_days,
        context.now,
    );
    if closed {
        return Err(Verdict::Reject(RejectKind::Closed));
    }
    if rate_limited(context.limits, context.history.recent_from_ip) {
        return Err(Verdict::Reject(RejectKind::RateLimited));
    }
    if !context.honeypot.trim().is_empty() {
        return Err(Verdict::Spam(Message::new(msg::REASON_HONEYPOT)));
    }
    form_timing(context)
}

/// A form sent too soon after its page was served is spam; one served too long ago has expired.
fn form_timing(context: &Context<'_>) -> Result<(), Verdict> {
    let form_age = match context.form_token {
        FormToken::Missing => return Err(Verdict::Spam(Message::new(msg::REASON_TOKEN_MISSING))),
        FormToken::Forged => return Err(Verdict::Spam(Message::new(msg::REASON_TOKEN_FORGED))),
        FormToken::IssuedAt(issued_at) => (context.now - issued_at).max(0),
    };
    let min_seconds = i64::try_from(context.limits.min_seconds).unwrap_or(i64::MAX);
    if form_age < min_seconds {
        return Err(Verdict::Spam(
            Message::new(msg::REASON_TOO_FAST)
                .with("seconds", form_age)
                .with("minimum", min_seconds),
        ));
    }
    if form_age > FORM_TOKEN_MAX_AGE_SECONDS {
        return Err(Verdict::Reject(RejectKind::Expired));
    }
    Ok(())
}

/// The rules about what the comment says and who wrote it: the word lists,
/// duplicates, links, and (when the site asks) the known-author rule.
fn content_verdict(comment: &NewComment, context: &Context<'_>) -> Verdict {
    let rules = context.rules;
    let fields = fields(comment, context);
    if let Some((word, field)) = find_listed(rules.spam_words, &fields) {
        return Verdict::Spam(listed(msg::REASON_SPAM_WORD, word, field));
    }
    if context.history.duplicate {
        return Verdict::Reject(RejectKind::Duplicate);
    }
    if let Some((word, field)) = find_listed(rules.moderation_words, &fields) {
        return Verdict::Hold(listed(msg::REASON_MODERATION_WORD, word, field));
    }
    let links = i64::try_from(count_links(comment.body.as_ref())).unwrap_or(i64::MAX);
    if links > rules.hold_if_links_over {
        return Verdict::Hold(
            Message::new(msg::REASON_LINKS)
                .with("links", links)
                .with("limit", rules.hold_if_links_over),
        );
    }
    match (
        rules.auto_approve_known_authors,
        context.history.known_author,
    ) {
        (true, true) => Verdict::Approve,
        (true, false) => Verdict::Hold(Message::new(msg::REASON_UNKNOWN_AUTHOR)),
        (false, _) => Verdict::Hold(Message::new(msg::REASON_ALL_HELD)),
    }
}

/// A listed word found in a field, as the reason names it.
fn listed(id: MessageId, word: &str, field: &'static str) -> Message {
    Message::new(id).with("word", word).with("field", field)
}

/// What the word lists are matched against, each with the key the reason's
/// catalogue entry words it by.
fn fields<'a>(comment: &'a NewComment, context: &Context<'a>) -> [(&'static str, &'a str); 6] {
    [
        ("comment", comment.body.as_ref()),
        ("name", comment.name.as_ref()),
        ("email", comment.email.as_ref()),
        (
            "website",
            comment.website.as_ref().map_or("", AsRef::as_ref),
        ),
        ("ip", context.ip),
        ("user-agent", context.user_agent),
    ]
}

/// The first word or phrase of a one-per-line list found in a field, and that field's name.
fn find_listed<'w>(
    list: &'w str,
    fields: &[(&'static str, &str)],
) -> Option<(&'w str, &'static str)> {
    let fields: Vec<(&'static str, String)> = fields
        .iter()
        .map(|(name, text)| (*name, normalise(text)))
        .collect();
    list.lines()
        .map(str::trim)
        .filter(|term| !term.is_empty())
        .find_map(|term| {
            let needle = normalise(term);
            fields
                .iter()
                .find(|(_, text)| contains_whole(text, &needle))
                .map(|(name, _)| (term, *name))
        })
}

/// Lower case with every run of white space made one space, so phrases match across line breaks.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `needle` occurs in `haystack` as a whole word or phrase: where the
/// needle starts or ends with a letter or digit, the neighbouring character must not be one.
fn contains_whole(haystack: &str, needle: &str) -> bool {
    let (Some(first), Some(last)) = (needle.chars().next(), needle.chars().next_back()) else {
        return false;
    };
    let mut from = 0;
    while let Some(offset) = haystack[from..].find(needle) {
        let start = from + offset;
        let end = start + needle.len();
        let before_ok = !is_word_char(first)
            || haystack[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
        let after_ok = !is_word_char(last)
            || haystack[end..]
                .chars()
                .next()
                .is_none_or(|c| !is_word_char(c));
        if before_ok && after_ok {
            return true;
        }
        from = start + first.len_utf8();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::comment::CommentForm;

    const NOW: UnixTime = UnixTime::from_seconds(1_795_788_300);

    /// A benign comment and context; each case changes one thing.
    struct Case {
        form: CommentForm,
        ip: String,
        user_agent: String,
        honeypot: String,
        form_token: FormToken,
        post_published_at: UnixTime,
        post_comments_open: bool,
        known_author: bool,
        recent_from_ip: i64,
        duplicate: bool,
        auto_approve_known_authors: bool,
        hold_if_links_over: i64,
        spam_words: String,
        moderation_words: String,
        close_comments_after_days: i64,
        min_seconds: u64,
        comments_per_minute: u32,
    }

    impl Default for Case {
        fn default() -> Self {
            Self {
                form: CommentForm {
                    name: "Ada Lovelace".into(),
                    email: "ada@example.org".into(),
                    website: "https://ada.example.org".into(),
                    body: "A thoughtful reply about engines.".into(),
                    ..CommentForm::default()
                },
                ip: "203.0.113.9".into(),
                user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0".into(),
                honeypot: String::new(),
                form_token: FormToken::IssuedAt(NOW - 120),
                post_published_at: NOW - 10 * DAY_SECONDS,
                post_comments_open: true,
                known_author: false,
                recent_from_ip: 0,
                duplicate: false,
                auto_approve_known_authors: true,
                hold_if_links_over: 2,
                spam_words: "casino\ncheap pills".into(),
                moderation_words: "refund".into(),
                close_comments_after_days: 0,
                min_seconds: 3,
                comments_per_minute: 5,
            }
        }
    }

    impl Case {
        fn verdict(&self) -> Verdict {
            let comment = NewComment::try_from(&self.form).expect("a valid comment");
            let context = Context {
                now: NOW,
                ip: &self.ip,
                user_agent: &self.user_agent,
                honeypot: &self.honeypot,
                form_token: self.form_token,
                post_published_at: self.post_published_at,
                post_comments_open: self.post_comments_open,
                history: History {
                    known_author: self.known_author,
                    recent_from_ip: self.recent_from_ip,
                    duplicate: self.duplicate,
                },
                rules: Rules {
                    auto_approve_known_authors: self.auto_approve_known_authors,
                    hold_if_links_over: self.hold_if_links_over,
                    spam_words: &self.spam_words,
                    moderation_words: &self.moderation_words,
                    close_comments_after_days: self.close_comments_after_days,
                },
                limits: Limits {
                    min_seconds: self.min_seconds,
                    comments_per_minute: self.comments_per_minute,
                },
            };
            judge(&comment, &context)
        }
    }

    /// What a case must come to: the verdict's kind and a piece of its reason.
    #[derive(Debug)]
    enum Expect {
        Approve,
        Hold(&'static str),
        Spam(&'static str),
        Reject(RejectKind),
    }

    /// A reason as an English-speaking moderator reads it.
    fn in_english(reason: &Message) -> String {
        crate::i18n::Language::new("en").message(reason)
    }

    fn check(name: &str, case: &Case, expected: &Expect) {
        let verdict = case.verdict();
        let ok = match (&verdict, expected) {
            (Verdict::Approve, Expect::Approve) => true,
            (Verdict::Hold(reason), Expect::Hold(part))
            | (Verdict::Spam(reason), Expect::Spam(part)) => in_english(reason).contains(part),
            (Verdict::Reject(kind), Expect::Reject(want)) => kind == want,
            _ => false,
        };
        assert!(ok, "{name}: expected {expected:?}, got {verdict:?}");
    }

    type Change = fn(&mut Case);

    fn run(table: &[(&str, Change, Expect)]) {
        for (name, change, expected) in table {
            let mut case = Case::default();
            change(&mut case);
            check(name, &case, expected);
        }
    }

    #[test]
    fn each_rule_on_its_own() {
        run(&[
            (
                "a benign first comment is held",
                |_| {},
                Expect::Hold("no earlier approved"),
            ),
            (
                "a known author is approved",
                |c| c.known_author = true,
                Expect::Approve,
            ),
            (
                "a known author is held when auto-approval is off",
                |c| {
                    c.known_author = true;
                    c.auto_approve_known_authors = false;
                },
                Expect::Hold("every comment waits"),
            ),
            (
                "comments switched off",
                |c| c.post_comments_open = false,
                Expect::Reject(RejectKind::Closed),
            ),
            (
                "a post older than the closing age",
                |c| c.close_comments_after_days = 7,
                Expect::Reject(RejectKind::Closed),
            ),
            (
                "a post younger than the closing age",
                |c| c.close_comments_after_days = 11,
                Expect::Hold(""),
            ),
            (
                "as many recent comments from the IP as allowed",
                |c| c.recent_from_ip = 5,
                Expect::Reject(RejectKind::RateLimited),
            ),
            (
                "one under the rate limit",
                |c| c.recent_from_ip = 4,
                Expect::Hold(""),
            ),
            (
                "a rate limit of 0 is off",
                |c| {
                    c.recent_from_ip = 1_000;
                    c.comments_per_minute = 0;
                },
                Expect::Hold(""),
            ),
            (
                "the honeypot filled",
                |c| c.honeypot = "http://spam.example".into(),
                Expect::Spam("honeypot"),
            ),
            (
                "no timing token",
                |c| c.form_token = FormToken::Missing,
                Expect::Spam("without the form's timing token"),
            ),
            (
                "a forged timing token",
                |c| c.form_token = FormToken::Forged,
                Expect::Spam("forged"),
            ),
            (
                "sent sooner than the minimum",
                |c| c.form_token = FormToken::IssuedAt(NOW - 2),
                Expect::Spam("sent 2 s after"),
            ),
            (
                "a token from the future counts as instant",
                |c| c.form_token = FormToken::IssuedAt(NOW + 50),
                Expect::Spam("sent 0 s after"),
            ),
            (
                "sent exactly at the minimum",
                |c| c.form_token = FormToken::IssuedAt(NOW - 3),
                Expect::Hold(""),
            ),
            (
                "a minimum of 0 is off",
                |c| {
                    c.form_token = FormToken::IssuedAt(NOW);
                    c.min_seconds = 0;
                },
                Expect::Hold(""),
            ),
            (
                "a page open for hours is fine",
                |c| c.form_token = FormToken::IssuedAt(NOW - 20 * 60 * 60),
                Expect::Hold(""),
            ),
            (
                "a token older than a day",
                |c| c.form_token = FormToken::IssuedAt(NOW - FORM_TOKEN_MAX_AGE_SECONDS - 1),
                Expect::Reject(RejectKind::Expired),
            ),
            (
                "a disallowed word in the comment",
                |c| c.form.body = "Best CASINO in town".into(),
                Expect::Spam("\"casino\" in the comment"),
            ),
            (
                "a disallowed phrase across a line break",
                |c| c.form.body = "buy cheap\n  pills".into(),
                Expect::Spam("\"cheap pills\" in the comment"),
            ),
            (
                "a disallowed word in the name",
                |c| c.form.name = "Casino Bob".into(),
                Expect::Spam("in the name"),
            ),
            (
                "a disallowed word in the email",
                |c| c.form.email = "bob@casino.example".into(),
                Expect::Spam("in the email"),
            ),
            (
                "a disallowed word in the website",
                |c| c.form.website = "https://casino.example".into(),
                Expect::Spam("in the website"),
            ),
            (
                "a disallowed IP",
                |c| c.spam_words = "203.0.113.9".into(),
                Expect::Spam("in the IP address"),
            ),
            (
                "a disallowed word in the user agent",
                |c| c.user_agent = "Casino-Bot/1.0".into(),
                Expect::Spam("in the user agent"),
            ),
            (
                "a disallowed word inside a longer word does not count",
                |c| c.form.body = "Casinos and occasional thoughts".into(),
                Expect::Hold(""),
            ),
            (
                "a similar IP does not count",
                |c| c.spam_words = "203.0.113.91\n3.0.113.9".into(),
                Expect::Hold(""),
            ),
            (
                "a duplicate",
                |c| c.duplicate = true,
                Expect::Reject(RejectKind::Duplicate),
            ),
            (
                "a moderation word",
                |c| c.form.body = "I want a Refund.".into(),
                Expect::Hold("moderation word \"refund\" in the comment"),
            ),
            (
                "as many links as allowed",
                |c| c.form.body = "https://a.example and https://b.example".into(),
                Expect::Hold("no earlier approved"),
            ),
            (
                "one link more than allowed",
                |c| c.form.body = "https://a.example https://b.example https://c.example".into(),
                Expect::Hold("3 links (more than 2)"),
            ),
            (
                "a limit of 0 links holds any link",
                |c| {
                    c.hold_if_links_over = 0;
                    c.form.body = "see https://a.example".into();
                },
                Expect::Hold("1 link (more than 0)"),
            ),
        ]);
    }

    #[test]
    fn the_rules_apply_in_their_documented_order() {
        run(&[
            (
                "closed beats rate limit and honeypot",
                |c| {
                    c.post_comments_open = false;
                    c.recent_from_ip = 99;
                    c.honeypot = "x".into();
                },
                Expect::Reject(RejectKind::Closed),
            ),
            (
                "rate limit beats honeypot",
                |c| {
                    c.recent_from_ip = 99;
                    c.honeypot = "x".into();
                },
                Expect::Reject(RejectKind::RateLimited),
            ),
            (
                "honeypot beats a forged token",
                |c| {
                    c.honeypot = "x".into();
                    c.form_token = FormToken::Forged;
                },
                Expect::Spam("honeypot"),
            ),
            (
                "a forged token beats a disallowed word",
                |c| {
                    c.form_token = FormToken::Forged;
                    c.form.body = "casino".into();
                },
                Expect::Spam("forged"),
            ),
            (
                "the honeypot beats an expired token",
                |c| {
                    c.honeypot = "x".into();
                    c.form_token = FormToken::IssuedAt(NOW - 2 * FORM_TOKEN_MAX_AGE_SECONDS);
                },
                Expect::Spam("honeypot"),
            ),
            (
                "an expired token beats a disallowed word",
                |c| {
                    c.form_token = FormToken::IssuedAt(NOW - 2 * FORM_TOKEN_MAX_AGE_SECONDS);
                    c.form.body = "casino".into();
                },
                Expect::Reject(RejectKind::Expired),
            ),
            (
                "a disallowed word beats a duplicate",
                |c| {
                    c.form.body = "casino".into();
                    c.duplicate = true;
                },
                Expect::Spam("casino"),
            ),
            (
                "a duplicate beats a moderation word",
                |c| {
                    c.duplicate = true;
                    c.form.body = "refund".into();
                },
                Expect::Reject(RejectKind::Duplicate),
            ),
            (
                "a moderation word beats too many links",
                |c| {
                    c.form.body =
                        "refund https://a.example https://b.example https://c.example".into();
                },
                Expect::Hold("moderation word"),
            ),
            (
                "too many links hold even a known author",
                |c| {
                    c.known_author = true;
                    c.form.body = "https://a.example https://b.example https://c.example".into();
                },
                Expect::Hold("3 links"),
            ),
            (
                "a moderation word holds even a known author",
                |c| {
                    c.known_author = true;
                    c.form.body = "refund".into();
                },
                Expect::Hold("moderation word"),
            ),
            (
                "a disallowed word sends even a known author to spam",
                |c| {
                    c.known_author = true;
                    c.form.body = "casino".into();
                },
                Expect::Spam("casino"),
            ),
        ]);
    }

    #[test]
    fn whole_words_and_phrases_match_case_insensitively() {
        let cases = [
            ("Viagra now", "viagra", true),
            ("viagra-now", "viagra", true),
            ("xviagra", "viagra", false),
            ("viagras", "viagra", false),
            ("buy CHEAP  pills", "cheap pills", true),
            ("bob@spam.example", "@spam.example", true),
            ("bob@spam.example", "spam.example", true),
            ("bob@nospam.example", "spam.example", false),
            ("10.0.0.12", "10.0.0.1", false),
            ("10.0.0.1", "10.0.0.1", true),
            ("Größe", "grösse", false),
            ("ÄRGER hier", "ärger", true),
        ];
        for (text, word, expected) in cases {
            assert_eq!(
                find_listed(word, &[("comment", text)]).is_some(),
                expected,
                "{word:?} in {text:?}"
            );
        }
    }

    #[test]
    fn blank_lines_in_a_word_list_match_nothing() {
        assert_eq!(find_listed("\n  \n", &[("comment", "anything")]), None);
    }

    #[test]
    fn reject_messages_name_no_spam_rule() {
        for kind in [
            RejectKind::Closed,
            RejectKind::RateLimited,
            RejectKind::Expired,
            RejectKind::Duplicate,
        ] {
            let message = kind.message().id.as_str();
            assert!(!message.contains("spam") && !message.contains("honeypot"));
        }
    }

    #[test]
    fn the_guard_refuses_what_was_stored_meanwhile_in_the_rules_order() {
        let limits = Limits {
            min_seconds: 3,
            comments_per_minute: 5,
        };
        let guard = Guard::new(NOW, limits);
        let busy = History {
            recent_from_ip: 5,
            duplicate: true,
            ..History::default()
        };
        let repeated = History {
            duplicate: true,
            ..History::default()
        };
        assert_eq!(guard.refusal(&busy), Some(RejectKind::RateLimited));
        assert_eq!(guard.refusal(&repeated), Some(RejectKind::Duplicate));
        assert_eq!(guard.checking_duplicates(false).refusal(&repeated), None);
        assert_eq!(guard.refusal(&History::default()), None);
        let unlimited = Guard::new(
            NOW,
            Limits {
                comments_per_minute: 0,
                ..limits
            },
        );
        assert_eq!(unlimited.refusal(&busy), Some(RejectKind::Duplicate));
    }
}
