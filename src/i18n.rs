//! The site's language: Fluent catalogues (`locales/<lang>/*.ftl`), embedded at
//! build time, and the `t()` function templates ask for their texts with.
//!
//! A language is one folder of catalogues: whatever folders there are, the
//! settings offer. Domain rules return [`Message`]s (an id and its values);
//! only this module turns them into words.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use tera::Tera;

use crate::domain::import::SummaryLine;
use crate::domain::message::{Arg, Message, MessageId, msg};
use crate::domain::time::{UnixTime, Zone};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No invisible isolation marks around values: the pages are one direction.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The language a site starts in.
pub const DEFAULT_LANGUAGE: &str = "en";

/// The languages there are catalogues for, as codes ("de", "en"), sorted.
pub fn languages() -> Vec<String> {
    let mut codes: Vec<String> = LOCALES.locales().map(ToString::to_string).collect();
    codes.sort();
    codes
}

/// Each language with its name in itself ("Deutsch"), for the settings form.
pub fn language_choices() -> Vec<(String, String)> {
    languages()
        .into_iter()
        .map(|code| {
            let name = Language::new(&code).text(msg::LANGUAGE_NAME);
            (code, name)
        })
        .collect()
}

/// Whether there are catalogues for this language code.
pub fn is_language(code: &str) -> bool {
    languages().iter().any(|known| known == code)
}

/// The site's current language, shared by the templates and the handlers;
/// the settings form changes it.
#[derive(Clone)]
pub struct Language(Arc<RwLock<LanguageIdentifier>>);

fn identifier(code: &str) -> LanguageIdentifier {
    code.parse()
        .ok()
        .filter(|_| is_language(code))
        .unwrap_or_else(|| fluent_templates::langid!("en"))
}

impl Language {
    pub fn new(code: &str) -> Self {
        Self(Arc::new(RwLock::new(identifier(code))))
    }

    pub fn set(&self, code: &str) {
        let fresh = identifier(code);
        match self.0.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
    }

    /// The language's code ("de"), for `lang` attributes.
    pub fn code(&self) -> String {
        self.current().to_string()
    }

    fn current(&self) -> LanguageIdentifier {
        match self.0.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The text of a message without values.
    pub fn text(&self, id: MessageId) -> String {
        self.lookup(id.as_str(), None)
    }

    /// A domain message in words.
    pub fn message(&self, message: &Message) -> String {
        let args = message
            .args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), fluent_value(value)))
            .collect();
        self.lookup(message.id.as_str(), Some(&args))
    }

    /// A text the database keeps for people (a comment's hold reason): one
    /// kept by `Message::to_stored` in words; anything else (a reason stored
    /// before reasons were kept as messages) as it was stored.
    pub fn stored(&self, text: &str) -> String {
        let Ok(stored) = serde_json::from_str::<Stored>(text) else {
            return text.to_owned();
        };
        self.stored_message(&stored)
            .unwrap_or_else(|| text.to_owned())
    }

    /// Lines kept as messages (an import's summary, see
    /// `domain::import::Summary::to_stored`) in words, indented as kept;
    /// `None` for a text kept before summaries were messages.
    pub fn stored_lines(&self, text: &str) -> Option<Vec<String>> {
        let lines: Vec<Stored> = serde_json::from_str(text).ok()?;
        Some(
            lines
                .iter()
                .map(|line| {
                    let words = self.stored_message(line).unwrap_or_else(|| line.id.clone());
                    if line.indent {
                        format!("  {words}")
                    } else {
                        words
                    }
                })
                .collect(),
        )
    }

    /// An import's summary in words, one string per line (see `stored_lines`).
    pub fn summary_lines(&self, lines: &[SummaryLine]) -> Vec<String> {
        lines
            .iter()
            .map(|line| {
                let words = self.message(&line.message);
                if line.indent {
                    format!("  {words}")
                } else {
                    words
                }
            })
            .collect()
    }

    fn stored_message(&self, stored: &Stored) -> Option<String> {
        let values = stored
            .args
            .iter()
            .map(|(name, value)| (Cow::Owned(name.clone()), fluent_json(value, str::to_owned)))
            .collect();
        let id = MessageId::find(&stored.id)?;
        LOCALES.try_lookup_complete(&self.current(), id.as_str(), Some(&values))
    }

    fn lookup(
        &self,
        id: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue<'static>>>,
    ) -> String {
        let lang = self.current();
        LOCALES
            .try_lookup_complete(&lang, id, args)
            .unwrap_or_else(|| {
                tracing::warn!(id, "a text is missing from the catalogues");
                id.to_owned()
            })
    }

    /// Dates and times in the site's zone, worded in this language.
    pub fn dates(&self, zone: Zone) -> Dates {
        Dates {
            zone,
            language: self.clone(),
        }
    }
}

fn fluent_value(arg: &Arg) -> FluentValue<'static> {
    match arg {
        Arg::Number(n) => FluentValue::from(*n),
        Arg::Text(s) => FluentValue::from(s.clone()),
    }
}

/// A message as the database keeps it (`Message::to_stored`), maybe as a line of several.
#[derive(serde::Deserialize)]
struct Stored {
    id: String,
    #[serde(default)]
    args: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    indent: bool,
}

/// Dates for people in the site's zone and language: "27 November 2026",
/// "27. November 2026".
pub struct Dates {
    zone: Zone,
    language: Language,
}

impl Dates {
    fn worded(&self, id: MessageId, unix: UnixTime) -> String {
        let parts = self.zone.parts(unix);
        let message = Message::new(id)
            .with("day", parts.day)
            .with("month", parts.month)
            .with("year", parts.year)
            .with("hour", format!("{:02}", parts.hour))
            .with("minute", format!("{:02}", parts.minute))
            .with("zone", parts.zone);
        self.language.message(&message)
    }

    /// "27 November 2026" / "27. November 2026".
    pub fn human_date(&self, unix: UnixTime) -> String {
        self.worded(msg::DATE, unix)
    }

    /// "27 November 2026 at 15:05 CET" / "27. November 2026, 15:05 CET".
    pub fn human_date_time(&self, unix: UnixTime) -> String {
        self.worded(msg::DATE_TIME, unix)
    }

    /// ISO 8601 with the zone's offset, for `<time datetime>`.
    pub fn iso8601(&self, unix: UnixTime) -> String {
        self.zone.iso8601(unix)
    }
}

/// Makes `t(id="…", name=value, …)` and `t(msg=message)` available to
/// templates, and the filter `worded` for texts the database keeps for people
/// (see [`Language::stored`]).
pub fn register(tera: &mut Tera, language: Language) {
    tera.register_filter("worded", Worded(language.clone()));
    tera.register_function(
        "t",
        Translate {
            language,
            plain: false,
        },
    );
}

/// The templates' `worded` filter: `{{ comment.status_reason | worded }}`.
struct Worded(Language);

impl tera::Filter for Worded {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("worded wants a text"))?;
        Ok(tera::Value::String(self.0.stored(text)))
    }
}

/// For plain-text templates (mail): `t_text()`, the same texts with their
/// values left as they are, not HTML-escaped.
pub fn register_plain(tera: &mut Tera, language: Language) {
    tera.register_function(
        "t_text",
        Translate {
            language,
            plain: true,
        },
    );
}

/// The templates' `t()`. The catalogues are the project's own text, like the
/// templates, so their words go out as they are (an apostrophe stays an
/// apostrophe); every value put into them is escaped here instead.
struct Translate {
    language: Language,
    /// For plain text: nothing is escaped.
    plain: bool,
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        translate(&self.language, args, self.plain).map(tera::Value::String)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A template's value for a text; `escape` HTML-escapes strings.
fn fluent_json(value: &tera::Value, escape: fn(&str) -> String) -> FluentValue<'static> {
    match value {
        tera::Value::Number(n) => n.as_i64().map_or_else(
            || FluentValue::from(n.as_f64().unwrap_or_default()),
            FluentValue::from,
        ),
        tera::Value::String(s) => FluentValue::from(escape(s)),
        other => FluentValue::from(escape(&other.to_string())),
    }
}

fn translate(
    language: &Language,
    args: &HashMap<String, tera::Value>,
    plain: bool,
) -> tera::Result<String> {
    let message = args.get("msg");
    let id = message
        .and_then(|m| m.get("id"))
        .or_else(|| args.get("id"))
        .and_then(tera::Value::as_str)
        .ok_or_else(|| tera::Error::msg("t() wants an id, or a message as msg"))?;
    let message_args = message
        .and_then(|m| m.get("args"))
        .and_then(tera::Value::as_object)
        .into_iter()
        .flatten();
    // A page's own texts go out as written, their values escaped; a message
    // from the rules (a refusal, a field error) is escaped whole, like any value.
    let escape_values: fn(&str) -> String = if message.is_some() || plain {
        str::to_owned
    } else {
        tera::escape_html
    };
    let values: HashMap<Cow<'static, str>, FluentValue<'static>> = args
        .iter()
        .filter(|(name, _)| !["id", "msg"].contains(&name.as_str()))
        .chain(message_args)
        .map(|(name, value)| (Cow::Owned(name.clone()), fluent_json(value, escape_values)))
        .collect();
    let text = language.lookup(id, Some(&values));
    Ok(if message.is_some() && !plain {
        tera::escape_html(&text)
    } else {
        text
    })
}

/// A one-off template named `name` rendered with `v` as its only value (for tests).
#[cfg(test)]
pub(crate) fn probe(tera: &mut Tera, name: &str, source: &str, v: impl serde::Serialize) -> String {
    tera.add_raw_template(name, source).unwrap();
    let mut context = tera::Context::new();
    context.insert("v", &v);
    tera.render(name, &context).unwrap()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use fluent_syntax::ast;

    use super::*;

    /// Every message id (and attribute) in one language's catalogues.
    fn keys(dir: &Path) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(source.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in resource.body {
                match entry {
                    ast::Entry::Message(m) => {
                        keys.insert(m.id.name.to_owned());
                    }
                    ast::Entry::Term(t) => {
                        keys.insert(format!("-{}", t.id.name));
                    }
                    _ => {}
                }
            }
        }
        keys
    }

    #[test]
    fn every_language_has_every_message_of_every_other() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let catalogues: Vec<(String, BTreeSet<String>)> = languages()
            .into_iter()
            .map(|code| {
                let keys = keys(&root.join(&code));
                (code, keys)
            })
            .collect();
        assert!(catalogues.len() >= 2, "{catalogues:?}");
        let all: BTreeSet<&String> = catalogues.iter().flat_map(|(_, k)| k).collect();
        for (code, keys) in &catalogues {
            let missing: Vec<_> = all.iter().filter(|k| !keys.contains(**k)).collect();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
        }
    }

    /// Every `needle"…"` in the files under `dir` with one of `extensions`: the ids asked for.
    fn ids_after(dir: &Path, extensions: &[&str], needle: &str, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                ids_after(&path, extensions, needle, found);
                continue;
            }
            if !path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices(needle) {
                let rest = &text[at + needle.len()..];
                match rest.find('"') {
                    Some(end) if end > 0 => {
                        found.insert(rest[..end].to_owned());
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn every_text_asked_for_by_id_is_in_the_catalogues() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut asked = BTreeSet::new();
        ids_after(
            &root.join("templates"),
            &["html", "xml", "txt"],
            r#"t(id=""#,
            &mut asked,
        );
        // The Rust code names its texts by `msg::…` constants, which exist only
        // for the catalogue's ids (see `domain::message`): the compiler checks those.
        let known = keys(&root.join("locales").join(DEFAULT_LANGUAGE));
        let missing: Vec<_> = asked.iter().filter(|id| !known.contains(*id)).collect();
        assert!(missing.is_empty(), "not in the catalogues: {missing:?}");
        assert!(asked.len() > 100, "{asked:?}");
    }

    #[test]
    fn every_folder_of_catalogues_is_a_language() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut folders: Vec<String> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        folders.sort();
        assert_eq!(folders, languages());
        assert!(is_language(DEFAULT_LANGUAGE));
    }

    #[test]
    fn dates_are_worded_in_the_site_language() {
        let t = UnixTime::from_seconds(1_795_788_300); // 2026-11-27 14:05 UTC
        let english = Language::new("en");
        assert_eq!(english.dates(Zone::utc()).human_date(t), "27 November 2026");
        assert_eq!(
            english.dates(Zone::utc()).human_date_time(t),
            "27 November 2026 at 14:05 UTC"
        );
        let german = Language::new("de");
        assert_eq!(german.dates(Zone::utc()).human_date(t), "27. November 2026");
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(
            german.dates(berlin).human_date_time(t),
            "27. November 2026, 15:05 CET"
        );
        assert_eq!(
            german.dates(Zone::utc()).human_date(t - 25 * 86_400),
            "2. November 2026"
        );
        let summer = UnixTime::from_seconds(1_782_565_500); // 27 Jun 2026 13:05 UTC
        assert_eq!(
            english
                .dates(Zone::parse("Europe/Berlin").unwrap())
                .human_date_time(summer),
            "27 June 2026 at 15:05 CEST"
        );
        assert_eq!(
            german.dates(Zone::utc()).human_date(summer),
            "27. Juni 2026"
        );
    }

    #[test]
    fn counts_take_the_plural_of_the_language() {
        let german = Language::new("de");
        let count = |n: i64| german.message(&Message::new(msg::COMMENT_COUNT).with("count", n));
        assert_eq!(count(1), "1 Kommentar");
        assert_eq!(count(4), "4 Kommentare");
        let english = Language::new("en");
        let count = |n: i64| english.message(&Message::new(msg::COMMENT_COUNT).with("count", n));
        assert_eq!(count(1), "1 comment");
        assert_eq!(count(0), "0 comments");
    }

    #[test]
    fn templates_ask_for_texts_by_id_with_values() {
        let language = Language::new("en");
        let mut tera = Tera::default();
        register(&mut tera, language.clone());
        tera.add_raw_template("probe.html", r#"{{ t(id="comment-count", count=n) }}"#)
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("n", &2);
        assert_eq!(tera.render("probe.html", &context).unwrap(), "2 comments");
        language.set("de");
        assert_eq!(tera.render("probe.html", &context).unwrap(), "2 Kommentare");
    }

    #[test]
    fn values_in_texts_are_escaped_and_the_texts_are_not() {
        let mut tera = Tera::default();
        register(&mut tera, Language::new("en"));
        tera.add_raw_template(
            "probe.html",
            r#"{{ t(id="tag-heading", tag=v) }} {{ t(id="settings-retention-hint") }}"#,
        )
        .unwrap();
        let mut context = tera::Context::new();
        context.insert("v", "<b>&\"");
        let html = tera.render("probe.html", &context).unwrap();
        assert!(
            html.starts_with("Posts tagged “&lt;b&gt;&amp;&quot;”"),
            "{html}"
        );
        assert!(html.contains("server's default"), "{html}");
        tera.add_raw_template("message.html", "{{ t(msg=m) }}")
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("m", &Message::new(msg::POST_TAG_EMPTY).with("tag", "<i>"));
        assert_eq!(
            tera.render("message.html", &context).unwrap(),
            "The tag “&lt;i&gt;” needs at least one letter or digit."
        );
    }

    #[test]
    fn plain_text_templates_get_their_values_unescaped() {
        let mut tera = Tera::default();
        register_plain(&mut tera, Language::new("de"));
        tera.add_raw_template("mail.txt", r#"{{ t_text(id="mail-hello", name=v) }}"#)
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("v", "Renée O'Brien <r>");
        assert_eq!(
            tera.render("mail.txt", &context).unwrap(),
            "Guten Tag Renée O'Brien <r>,"
        );
    }

    #[test]
    fn an_unknown_language_falls_back_to_english() {
        assert!(!is_language("xx"));
        let language = Language::new("xx");
        assert_eq!(language.text(msg::COMMENT_FORM_HEADING), "Leave a Reply");
    }

    #[test]
    fn a_stored_message_is_worded_in_the_language_and_other_stored_text_stays() {
        let reason = Message::new(msg::REASON_SPAM_WORD)
            .with("word", "casino")
            .with("field", "user-agent")
            .to_stored();
        assert_eq!(
            english_then_german(|language| language.stored(&reason)),
            [
                "disallowed word \"casino\" in the user agent",
                "unerlaubtes Wort „casino“ im User-Agent"
            ]
        );
        let language = Language::new("de");
        assert_eq!(language.stored("held by hand"), "held by hand");
        let unknown = r#"{"id":"no-such-message","args":{}}"#;
        assert_eq!(language.stored(unknown), unknown);
    }

    #[test]
    fn a_log_detail_that_names_another_message_passes_its_values_on() {
        let moved = Message::new(msg::LOG_DETAIL_MOVED_BY_EMAIL)
            .with("from", "pending")
            .with("action", "approve");
        assert_eq!(
            english_then_german(|language| language.message(&moved)),
            [
                "pending → approve (from an email link)",
                "Wartend → freigegeben (über einen Link in einer E-Mail)"
            ]
        );
    }

    /// What `say` gives in English, then in German.
    fn english_then_german(say: impl Fn(&Language) -> String) -> [String; 2] {
        let language = Language::new("en");
        let english = say(&language);
        language.set("de");
        [english, say(&language)]
    }
}
