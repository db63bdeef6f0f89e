//! The site settings form and the rules for each value.

use serde::{Deserialize, Serialize};

use super::form::{FieldErrors, checked};
use super::ids::PostId;
use super::mail::AdminNotice;
use super::message::{Message, MessageId, msg};

/// The settings form exactly as the admin typed it; re-shown when refused.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SettingsForm {
    pub title: String,
    pub tagline: String,
    pub header_lines: String,
    pub timezone: String,
    pub posts_per_page: String,
    /// A checkbox: present ("on") when ticked, absent otherwise.
    pub auto_approve_known_authors: Option<String>,
    /// A checkbox, like the one above.
    pub require_consent: Option<String>,
    /// The id of the page with the privacy policy; empty for none.
    pub privacy_page: String,
    pub hold_if_links_over: String,
    pub spam_words: String,
    pub moderation_words: String,
    pub close_comments_after_days: String,
    pub thread_depth: String,
    /// Empty: the server's default (see [`Retention`]).
    pub ip_retention_days: String,
    pub spam_retention_days: String,
    /// Which new comments admins are told of by email: held, all or never.
    pub notify_admins: String,
    /// A language code ("en", "de"); empty keeps English.
    pub language: String,
    /// A checkbox: every account must sign in with a second factor.
    pub require_two_step: Option<String>,
}

/// The site's settings: every value passed its rule (they are made only from
/// a valid form or read back from the database, which stores nothing else).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteSettings {
    pub title: String,
    pub tagline: String,
    /// Shown at the top of every page, one entry per line; no blank ones.
    pub header_lines: Vec<String>,
    pub timezone: String,
    pub posts_per_page: i64,
    pub auto_approve_known_authors: bool,
    /// Commenters must tick "I agree that my data is stored…"; the time is kept with the comment.
    pub require_consent: bool,
    /// The page with the privacy policy, linked next to the comment form's notes.
    pub privacy_page_id: Option<PostId>,
    pub hold_if_links_over: i64,
    pub spam_words: String,
    pub moderation_words: String,
    pub close_comments_after_days: i64,
    pub thread_depth: i64,
    /// Days a commenter's full IP address is kept; `None` leaves it to the server's default.
    pub ip_retention_days: Option<i64>,
    /// Days spam is kept for review; `None` leaves it to the server's default.
    pub spam_retention_days: Option<i64>,
    pub notify_admins: AdminNotice,
    /// The language of every page: a folder of catalogues under `locales/`.
    pub language: String,
    /// Every account must sign in with a second factor; one without is taken to set one up.
    pub require_two_step: bool,
}

/// How long personal data and spam are kept, in days; 0 keeps them for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Retention {
    /// After this, a commenter's IP address is reduced to its network (/24 or /48).
    pub ip_days: u32,
    /// After this, a comment filed as spam is deleted.
    pub spam_days: u32,
}

pub const MAX_RETENTION_DAYS: i64 = 36_500;

pub const MAX_TITLE_CHARS: usize = 100;
pub const MAX_TAGLINE_CHARS: usize = 200;
pub const MAX_HEADER_LINES: usize = 10;
pub const MAX_HEADER_LINE_CHARS: usize = 120;
pub const MAX_WORD_LIST_CHARS: usize = 20_000;

fn short_text(raw: &str, max: usize, required: Option<MessageId>) -> Result<String, Message> {
    let text = raw.trim();
    if let Some(message) = required
        && text.is_empty()
    {
        return Err(Message::new(message));
    }
    if text.chars().count() > max {
        return Err(Message::new(msg::SETTINGS_TOO_LONG).with("max", max));
    }
    if text.chars().any(char::is_control) {
        return Err(Message::new(msg::SETTINGS_SINGLE_LINE));
    }
    Ok(text.to_owned())
}

fn whole_number(raw: &str, min: i64, max: i64) -> Result<i64, Message> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            Message::new(msg::SETTINGS_WHOLE_NUMBER)
                .with("min", min)
                .with("max", max)
        })
}

/// Lines of a textarea, trimmed, blank ones dropped, joined with `\n`.
fn clean_lines(raw: &str) -> Vec<&str> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn header_lines(raw: &str) -> Result<Vec<String>, Message> {
    let lines = clean_lines(raw);
    if lines.len() > MAX_HEADER_LINES {
        return Err(Message::new(msg::SETTINGS_HEADER_LINES_TOO_MANY).with("max", MAX_HEADER_LINES));
    }
    if lines
        .iter()
        .any(|l| l.chars().count() > MAX_HEADER_LINE_CHARS)
    {
        return Err(
            Message::new(msg::SETTINGS_HEADER_LINE_TOO_LONG).with("max", MAX_HEADER_LINE_CHARS)
        );
    }
    Ok(lines.into_iter().map(str::to_owned).collect())
}

fn word_list(raw: &str) -> Result<String, Message> {
    let lines = clean_lines(raw);
    let joined = lines.join("\n");
    if joined.chars().count() > MAX_WORD_LIST_CHARS {
        return Err(Message::new(msg::SETTINGS_TOO_LONG).with("max", MAX_WORD_LIST_CHARS));
    }
    Ok(joined)
}

/// A retention period as typed: empty for the server's default, else whole days.
fn retention_days(raw: &str) -> Result<Option<i64>, Message> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    whole_number(raw, 0, MAX_RETENTION_DAYS).map(Some)
}

/// Refused: a language there are no catalogues for.
pub const UNKNOWN_LANGUAGE: MessageId = msg::SETTINGS_LANGUAGE_UNKNOWN;

/// A language code as the catalogues' folders are named: "en", "de"; empty is English.
fn language_code(raw: &str) -> Result<String, Message> {
    let code = raw.trim();
    if code.is_empty() {
        return Ok("en".to_owned());
    }
    if (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase()) {
        Ok(code.to_owned())
    } else {
        Err(Message::new(UNKNOWN_LANGUAGE))
    }
}

impl SiteSettings {
    /// The retention in force: what the admin chose in the settings wins; a
    /// period left empty there follows the server's `defaults` (the environment).
    pub fn retention(&self, defaults: Retention) -> Retention {
        let days = |chosen: Option<i64>, default: u32| {
            chosen.map_or(default, |d| u32::try_from(d).unwrap_or(default))
        };
        Retention {
            ip_days: days(self.ip_retention_days, defaults.ip_days),
            spam_days: days(self.spam_retention_days, defaults.spam_days),
        }
    }

    /// The comment rules the admin set, for the intake rules.
    pub fn comment_rules(&self) -> super::spam::Rules<'_> {
        super::spam::Rules {
            auto_approve_known_authors: self.auto_approve_known_authors,
            hold_if_links_over: self.hold_if_links_over,
            spam_words: &self.spam_words,
            moderation_words: &self.moderation_words,
            close_comments_after_days: self.close_comments_after_days,
        }
    }
}

/// The form as it shows the saved settings.
impl From<&SiteSettings> for SettingsForm {
    fn from(site: &SiteSettings) -> Self {
        Self {
            title: site.title.clone(),
            tagline: site.tagline.clone(),
            header_lines: site.header_lines.join("\n"),
            timezone: site.timezone.clone(),
            posts_per_page: site.posts_per_page.to_string(),
            auto_approve_known_authors: site.auto_approve_known_authors.then(|| "on".to_owned()),
            require_consent: site.require_consent.then(|| "on".to_owned()),
            require_two_step: site.require_two_step.then(|| "on".to_owned()),
            privacy_page: site
                .privacy_page_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            hold_if_links_over: site.hold_if_links_over.to_string(),
            spam_words: site.spam_words.clone(),
            moderation_words: site.moderation_words.clone(),
            close_comments_after_days: site.close_comments_after_days.to_string(),
            thread_depth: site.thread_depth.to_string(),
            ip_retention_days: site
                .ip_retention_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            spam_retention_days: site
                .spam_retention_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            notify_admins: site.notify_admins.as_str().to_owned(),
            language: site.language.clone(),
        }
    }
}

/// The value, or its default with the field's message noted in `errors`.
fn field<T: Default>(
    errors: &mut FieldErrors,
    name: &'static str,
    result: Result<T, Message>,
) -> T {
    checked(errors, name, result).unwrap_or_default()
}

fn timezone(raw: &str) -> Result<String, Message> {
    super::time::Zone::parse(raw)
        .map(|_| raw.trim().to_owned())
        .map_err(|_| Message::new(msg::SETTINGS_TIMEZONE_UNKNOWN).with("zone", raw.trim()))
}

/// The page chosen from a list: empty for none, else its id.
fn page_choice(raw: &str) -> Result<Option<PostId>, Message> {
    match raw.trim() {
        "" => Ok(None),
        id => id
            .parse::<PostId>()
            .map(Some)
            .map_err(|()| Message::new(msg::SETTINGS_CHOOSE_OPTION)),
    }
}

/// Which comments admins are told of; an old form without the field keeps the default.
fn notify_admins(raw: &str) -> Result<AdminNotice, Message> {
    if raw.trim().is_empty() {
        return Ok(AdminNotice::default());
    }
    AdminNotice::parse(raw).ok_or_else(|| Message::new(msg::SETTINGS_CHOOSE_OPTION))
}

impl TryFrom<&SettingsForm> for SiteSettings {
    type Error = FieldErrors;

    fn try_from(form: &SettingsForm) -> Result<Self, Self::Error> {
        let e = &mut FieldErrors::new();
        let title_required = Some(msg::SETTINGS_TITLE_REQUIRED);
        let settings = Self {
            title: field(
                e,
                "title",
                short_text(&form.title, MAX_TITLE_CHARS, title_required),
            ),
            tagline: field(
                e,
                "tagline",
                short_text(&form.tagline, MAX_TAGLINE_CHARS, None),
            ),
            header_lines: field(e, "header_lines", header_lines(&form.header_lines)),
            timezone: field(e, "timezone", timezone(&form.timezone)),
            posts_per_page: field(
                e,
                "posts_per_page",
                whole_number(&form.posts_per_page, 1, 100),
            ),
            auto_approve_known_authors: form.auto_approve_known_authors.is_some(),
            require_consent: form.require_consent.is_some(),
            require_two_step: form.require_two_step.is_some(),
            privacy_page_id: field(e, "privacy_page", page_choice(&form.privacy_page)),
            hold_if_links_over: field(
                e,
                "hold_if_links_over",
                whole_number(&form.hold_if_links_over, 0, 100),
            ),
            spam_words: field(e, "spam_words", word_list(&form.spam_words)),
            moderation_words: field(e, "moderation_words", word_list(&form.moderation_words)),
            close_comments_after_days: field(
                e,
                "close_comments_after_days",
                whole_number(&form.close_comments_after_days, 0, 36_500),
            ),
            thread_depth: field(e, "thread_depth", whole_number(&form.thread_depth, 1, 10)),
            ip_retention_days: field(
                e,
                "ip_retention_days",
                retention_days(&form.ip_retention_days),
            ),
            spam_retention_days: field(
                e,
                "spam_retention_days",
                retention_days(&form.spam_retention_days),
            ),
            notify_admins: field(e, "notify_admins", notify_admins(&form.notify_admins)),
            language: field(e, "language", language_code(&form.language)),
        };
        if e.is_empty() {
            Ok(settings)
        } else {
            Err(std::mem::take(e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> SettingsForm {
        SettingsForm {
            title: " Praxis Dr. Weber ".into(),
            tagline: "Allgemeinmedizin".into(),
            header_lines:
                "Working Hours: 7 Days a Week\n\n  Virnsberger Str. 75, 90431 Nürnberg  \n".into(),
            timezone: "UTC".into(),
            posts_per_page: "10".into(),
            auto_approve_known_authors: Some("on".into()),
            require_consent: None,
            require_two_step: None,
            privacy_page: String::new(),
            hold_if_links_over: "2".into(),
            spam_words: "casino\n\nviagra".into(),
            moderation_words: String::new(),
            close_comments_after_days: "0".into(),
            thread_depth: "5".into(),
            notify_admins: "held".into(),
            ip_retention_days: String::new(),
            spam_retention_days: " 90 ".into(),
            language: "de".into(),
        }
    }

    const SERVER_DEFAULTS: Retention = Retention {
        ip_days: 30,
        spam_days: 14,
    };

    #[test]
    fn a_retention_chosen_in_the_settings_wins_and_an_empty_one_follows_the_server() {
        let settings = SiteSettings::try_from(&valid_form()).expect("valid");
        assert_eq!(settings.ip_retention_days, None);
        assert_eq!(settings.spam_retention_days, Some(90));
        assert_eq!(
            settings.retention(SERVER_DEFAULTS),
            Retention {
                ip_days: 30,
                spam_days: 90
            }
        );
    }

    #[test]
    fn zero_days_is_a_choice_too_keep_for_ever() {
        let form = SettingsForm {
            ip_retention_days: "0".into(),
            ..valid_form()
        };
        let settings = SiteSettings::try_from(&form).expect("valid");
        assert_eq!(settings.retention(SERVER_DEFAULTS).ip_days, 0);
    }

    #[test]
    fn a_retention_must_be_empty_or_whole_days_up_to_a_hundred_years() {
        for bad in ["-1", "1.5", "many", "36501"] {
            let form = SettingsForm {
                ip_retention_days: bad.into(),
                spam_retention_days: bad.into(),
                ..valid_form()
            };
            let errors = SiteSettings::try_from(&form).expect_err(bad);
            assert!(errors.contains_key("ip_retention_days"), "{bad}");
            assert!(errors.contains_key("spam_retention_days"), "{bad}");
        }
    }

    #[test]
    fn a_valid_form_is_trimmed_and_its_blank_lines_dropped() {
        let settings = SiteSettings::try_from(&valid_form()).expect("valid");
        assert_eq!(settings.title, "Praxis Dr. Weber");
        assert_eq!(
            settings.header_lines,
            [
                "Working Hours: 7 Days a Week",
                "Virnsberger Str. 75, 90431 Nürnberg"
            ]
        );
        assert_eq!(settings.spam_words, "casino\nviagra");
        assert!(settings.auto_approve_known_authors);
    }

    #[test]
    fn an_unticked_checkbox_is_off() {
        let form = SettingsForm {
            auto_approve_known_authors: None,
            ..valid_form()
        };
        assert!(
            !SiteSettings::try_from(&form)
                .expect("valid")
                .auto_approve_known_authors
        );
    }

    #[test]
    fn every_bad_value_gets_its_own_message() {
        let form = SettingsForm {
            title: "  ".into(),
            header_lines: "x\n".repeat(11),
            timezone: "Mars/Olympus".into(),
            posts_per_page: "0".into(),
            hold_if_links_over: "many".into(),
            close_comments_after_days: "-1".into(),
            thread_depth: "11".into(),
            notify_admins: "always".into(),
            ..valid_form()
        };
        let errors = SiteSettings::try_from(&form).expect_err("invalid");
        for field in [
            "title",
            "header_lines",
            "timezone",
            "posts_per_page",
            "hold_if_links_over",
            "close_comments_after_days",
            "thread_depth",
            "notify_admins",
        ] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }
}
