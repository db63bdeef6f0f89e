//! Slugs: the `[a-z0-9-]` names in post URLs (`/posts/{slug}`) and heading anchors.

use std::fmt;

use super::message::{Message, msg};

/// The longest slug; long enough for any sensible title, short enough for a URL.
pub const MAX_CHARS: usize = 80;

/// What a title with no letters or digits at all (e.g. "!!!") becomes.
const FALLBACK: &str = "post";

/// How a site's language writes the letters a slug cannot keep. German
/// writes umlauts and ß out (`ä` → `ae`, `ß` → `ss`), as WordPress does on a
/// German site (`datenschutzerklaerung`, `nuernberg`); elsewhere letters lose
/// their accents (`crème` → `creme`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Spelling {
    #[default]
    Plain,
    German,
}

impl Spelling {
    /// The spelling for a language code (`de`, `de-AT`, `en`, …).
    pub fn of_language(code: &str) -> Self {
        let code = code.trim().to_ascii_lowercase();
        if code == "de" || code.starts_with("de-") || code.starts_with("de_") {
            Self::German
        } else {
            Self::Plain
        }
    }

    /// The text with this language's own letters written out in ASCII first.
    fn spell_out(self, text: &str) -> std::borrow::Cow<'_, str> {
        const GERMAN: [(char, &str); 8] = [
            ('ä', "ae"),
            ('ö', "oe"),
            ('ü', "ue"),
            ('ß', "ss"),
            ('Ä', "Ae"),
            ('Ö', "Oe"),
            ('Ü', "Ue"),
            ('ẞ', "SS"),
        ];
        match self {
            Self::German if text.contains(|c| GERMAN.iter().any(|(g, _)| *g == c)) => {
                let mut out = String::with_capacity(text.len() + 8);
                for c in text.chars() {
                    match GERMAN.iter().find(|(g, _)| *g == c) {
                        Some((_, ascii)) => out.push_str(ascii),
                        None => out.push(c),
                    }
                }
                out.into()
            }
            _ => text.into(),
        }
    }
}

/// A valid slug: 1–80 characters of `a-z`, `0-9` and single dashes between them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

/// Why a slug someone typed was refused; the message is meant for them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("The slug must not be empty.")]
    Empty,
    #[error("The slug may be at most {MAX_CHARS} characters long (it has {0}).")]
    TooLong(usize),
    #[error(
        "The slug may contain only lowercase letters a–z, digits 0–9 and dashes (found {0:?})."
    )]
    InvalidCharacter(char),
    #[error("The slug must not start or end with a dash.")]
    DashAtEdge,
    #[error("The slug must not contain two dashes in a row.")]
    DoubleDash,
    #[error("The slug needs at least one letter or digit.")]
    NothingToKeep,
}

impl SlugError {
    /// The refusal for the editor's page, worded by the catalogues.
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new(msg::SLUG_EMPTY),
            Self::TooLong(n) => Message::new(msg::SLUG_TOO_LONG)
                .with("max", MAX_CHARS)
                .with("count", *n),
            Self::InvalidCharacter(c) => {
                Message::new(msg::SLUG_INVALID_CHARACTER).with("found", format!("{c:?}"))
            }
            Self::DashAtEdge => Message::new(msg::SLUG_DASH_AT_EDGE),
            Self::DoubleDash => Message::new(msg::SLUG_DOUBLE_DASH),
            Self::NothingToKeep => Message::new(msg::SLUG_NOTHING_TO_KEEP),
        }
    }
}

impl Slug {
    /// Checks a slug an author typed (surrounding whitespace is ignored).
    pub fn parse(raw: &str) -> Result<Self, SlugError> {
        let slug = raw.trim();
        if slug.is_empty() {
            return Err(SlugError::Empty);
        }
        if let Some(bad) = slug
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(SlugError::InvalidCharacter(bad));
        }
        // Only ASCII is left, so bytes are characters.
        if slug.len() > MAX_CHARS {
            return Err(SlugError::TooLong(slug.len()));
        }
        if slug.starts_with('-') || slug.ends_with('-') {
            return Err(SlugError::DashAtEdge);
        }
        if slug.contains("--") {
            return Err(SlugError::DoubleDash);
        }
        Ok(Self(slug.to_owned()))
    }

    /// A slug an author typed, made into one the way a title is when it is not
    /// one already ("Grüße aus Nürnberg" → `grusse-aus-nurnberg`, on a German
    /// site `gruesse-aus-nuernberg`).
    pub fn from_typed(raw: &str, spelling: Spelling) -> Result<Self, SlugError> {
        Self::parse(raw).or_else(|_| {
            let slug = slugify(raw, MAX_CHARS, spelling);
            if slug.is_empty() {
                Err(SlugError::NothingToKeep)
            } else {
                Ok(Self(slug))
            }
        })
    }

    /// The slug made from a title: "Grüße aus Nürnberg" → `grusse-aus-nurnberg`
    /// (`gruesse-aus-nuernberg` in German spelling).
    pub fn from_title(title: &str, spelling: Spelling) -> Self {
        Self::from_text(title, FALLBACK, spelling)
    }

    /// The slug of any text, or `fallback` (itself a valid slug) when nothing is left of it.
    pub(crate) fn from_text(text: &str, fallback: &'static str, spelling: Spelling) -> Self {
        let slug = slugify(text, MAX_CHARS, spelling);
        if slug.is_empty() {
            Self(fallback.to_owned())
        } else {
            Self(slug)
        }
    }

    /// This slug with `-{n}` appended, shortened first if needed to stay within the limit.
    /// (A suffix is at most 11 characters: a dash and a `u32`.)
    pub fn with_suffix(&self, n: u32) -> Self {
        let suffix = format!("-{n}");
        let keep = MAX_CHARS.saturating_sub(suffix.len());
        let base = self.0[..self.0.len().min(keep)].trim_end_matches('-');
        Self(format!("{base}{suffix}"))
    }

    /// The part of the slug that every suffixed form keeps (`with_suffix`
    /// may shorten the rest to make room): what all its forms start with.
    pub fn kept_stem(&self) -> &str {
        &self.0[..self.0.len().min(MAX_CHARS - 11)]
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `wanted` if it is free, else the first free one of `wanted-2`, `wanted-3`, ….
/// `is_taken` is asked about each candidate in turn (e.g. a set of existing slugs).
pub fn unique(wanted: &Slug, mut is_taken: impl FnMut(&str) -> bool) -> Slug {
    if !is_taken(wanted.as_str()) {
        return wanted.clone();
    }
    (2..=u32::MAX)
        .map(|n| wanted.with_suffix(n))
        .find(|candidate| !is_taken(candidate.as_str()))
        // Unreachable in practice: it would take four billion posts with one title.
        .unwrap_or_else(|| wanted.clone())
}

/// Text folded to lowercase ASCII with every run of other characters made one dash,
/// no dash at either end, at most `max_chars` long; empty if nothing is left.
pub fn slugify(text: &str, max_chars: usize, spelling: Spelling) -> String {
    let ascii = deunicode::deunicode(&spelling.spell_out(text));
    let mut slug = String::with_capacity(ascii.len().min(max_chars));
    let mut dash_pending = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash_pending && !slug.is_empty() {
                slug.push('-');
            }
            dash_pending = false;
            slug.push(c.to_ascii_lowercase());
            if slug.len() >= max_chars {
                break;
            }
        } else if c != '\'' {
            // An apostrophe joins its word ("don't" → "dont") instead of splitting it.
            dash_pending = true;
        }
    }
    slug.truncate(max_chars);
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain slug of `title`.
    fn plain(title: &str) -> String {
        Slug::from_title(title, Spelling::Plain).into_string()
    }

    #[test]
    fn a_typed_slug_is_made_into_one_like_a_title_unless_nothing_is_left() {
        assert_eq!(
            Slug::from_typed(" Grüße aus Nürnberg! ", Spelling::Plain)
                .unwrap()
                .as_str(),
            "grusse-aus-nurnberg"
        );
        assert_eq!(
            Slug::from_typed("news-2", Spelling::Plain)
                .unwrap()
                .as_str(),
            "news-2"
        );
        assert_eq!(
            Slug::from_typed("!!!", Spelling::Plain),
            Err(SlugError::NothingToKeep)
        );
    }

    #[test]
    fn german_spelling_writes_umlauts_and_sharp_s_out_as_wordpress_does() {
        let german = |title| Slug::from_title(title, Spelling::German).into_string();
        assert_eq!(german("Datenschutzerklärung"), "datenschutzerklaerung");
        assert_eq!(german("Grüße aus Nürnberg"), "gruesse-aus-nuernberg");
        assert_eq!(
            german("ÖFFNUNGSZEITEN & Über uns"),
            "oeffnungszeiten-ueber-uns"
        );
        assert_eq!(german("Straße"), "strasse");
        assert_eq!(german("Crème brûlée"), "creme-brulee");
        assert_eq!(
            Slug::from_typed("Nürnberg", Spelling::German)
                .unwrap()
                .as_str(),
            "nuernberg"
        );
        assert_eq!(Spelling::of_language("de-AT"), Spelling::German);
        assert_eq!(Spelling::of_language("en-US"), Spelling::Plain);
    }

    #[test]
    fn a_german_title_is_folded_to_ascii() {
        assert_eq!(plain("Grüße aus Nürnberg"), "grusse-aus-nurnberg");
    }

    #[test]
    fn runs_of_punctuation_and_space_become_one_dash_and_edges_are_trimmed() {
        assert_eq!(plain("  Hello,   World!! -- 2026 "), "hello-world-2026");
        assert_eq!(plain("Don't panic: it’s fine"), "dont-panic-its-fine");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(plain("Ελληνικά"), "ellenika");
        assert_eq!(plain("Crème brûlée"), "creme-brulee");
    }

    #[test]
    fn a_title_without_letters_or_digits_gets_a_fallback() {
        assert_eq!(plain("!!! ???"), "post");
        assert_eq!(plain(""), "post");
    }

    #[test]
    fn a_long_title_is_capped_without_a_trailing_dash() {
        let slug = Slug::from_title(&"word ".repeat(40), Spelling::Plain);
        assert!(slug.as_str().len() <= MAX_CHARS);
        assert!(!slug.as_str().ends_with('-'));
        assert!(Slug::parse(slug.as_str()).is_ok());
    }

    #[test]
    fn every_title_makes_a_slug_that_parses() {
        for title in [
            "Grüße",
            "a  b",
            "-x-",
            "Ü",
            "🎉 Party 🎉",
            "日本語",
            "A/B?C#D",
        ] {
            let slug = Slug::from_title(title, Spelling::Plain);
            assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()), "{title}");
        }
    }

    #[test]
    fn a_valid_slug_parses_and_whitespace_around_it_is_ignored() {
        assert_eq!(Slug::parse(" my-post-2 ").unwrap().as_str(), "my-post-2");
        assert!(Slug::parse(&"a".repeat(MAX_CHARS)).is_ok());
    }

    #[test]
    fn an_empty_slug_is_refused() {
        assert_eq!(Slug::parse("  "), Err(SlugError::Empty));
    }

    #[test]
    fn characters_outside_a_z_0_9_and_dash_are_refused() {
        for (raw, bad) in [
            ("Hello", 'H'),
            ("a_b", '_'),
            ("grüße", 'ü'),
            ("a b", ' '),
            ("a/b", '/'),
        ] {
            assert_eq!(
                Slug::parse(raw),
                Err(SlugError::InvalidCharacter(bad)),
                "{raw}"
            );
        }
        let message = SlugError::InvalidCharacter('_').to_string();
        assert!(message.contains("lowercase letters"), "{message}");
    }

    #[test]
    fn a_slug_over_80_characters_is_refused() {
        assert_eq!(
            Slug::parse(&"a".repeat(MAX_CHARS + 1)),
            Err(SlugError::TooLong(MAX_CHARS + 1))
        );
    }

    #[test]
    fn dashes_at_the_edges_or_doubled_are_refused() {
        assert_eq!(Slug::parse("-a"), Err(SlugError::DashAtEdge));
        assert_eq!(Slug::parse("a-"), Err(SlugError::DashAtEdge));
        assert_eq!(Slug::parse("-"), Err(SlugError::DashAtEdge));
        assert_eq!(Slug::parse("a--b"), Err(SlugError::DoubleDash));
    }

    #[test]
    fn a_free_slug_is_kept() {
        let wanted = Slug::parse("hello").unwrap();
        assert_eq!(unique(&wanted, |_| false), wanted);
    }

    #[test]
    fn a_taken_slug_gets_the_first_free_numeric_suffix() {
        let taken = ["hello", "hello-2", "hello-3"];
        let wanted = Slug::parse("hello").unwrap();
        assert_eq!(unique(&wanted, |s| taken.contains(&s)).as_str(), "hello-4");
    }

    #[test]
    fn a_suffix_on_a_slug_of_maximum_length_stays_within_the_limit() {
        let wanted = Slug::parse(&format!("{}-b", "a".repeat(MAX_CHARS - 2))).unwrap();
        let suffixed = unique(&wanted, |s| s == wanted.as_str());
        assert_eq!(suffixed.as_str().len(), MAX_CHARS);
        assert!(suffixed.as_str().ends_with("-2"));
        assert!(Slug::parse(suffixed.as_str()).is_ok());
        // Cutting just before a dash must not leave a double dash.
        let dashy = Slug::parse(&format!("{}-bb", "a".repeat(MAX_CHARS - 3))).unwrap();
        assert!(Slug::parse(dashy.with_suffix(12).as_str()).is_ok());
    }
}
