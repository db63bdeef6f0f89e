//! Search: how text is made comparable (case, accents, the German spellings
//! ae/oe/ue/ss for ä/ö/ü/ß), what a reader's or a moderator's words ask the
//! index, and the excerpt that shows a reader why a result matched.
//!
//! Posts are indexed as `normalise` makes them, and a reader's query goes
//! through the same function, so `Öffnungszeiten`, `offnungszeiten` and
//! `Oeffnungszeiten` are one word to the index. Comments are indexed as
//! written (the index folds case and accents itself); a moderator's words are
//! only split and quoted.

use serde::Serialize;

/// Longest query taken, in characters; the rest is ignored.
const MAX_QUERY_CHARS: usize = 200;
/// Most phrases (words, or words in quotes) one query looks for.
const MAX_PHRASES: usize = 8;
/// The last word matches as a prefix once it has this many characters.
const MIN_PREFIX_CHARS: usize = 2;
/// Words shown before the first match in an excerpt.
const CONTEXT_WORDS: usize = 6;

/// Text as the post index holds it: words in lower case without accents,
/// `ß` as `ss`, and `ae`, `oe`, `ue` (however they were written: `ä` or `ae`)
/// as `a`, `o`, `u`; anything but letters and digits separates words, and the
/// words are joined by single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in normalised_words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// The words of `text`, each as `normalise` writes it.
fn normalised_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let end_word = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(collapse_spellings(word));
            word.clear();
        }
    };
    for c in text.chars() {
        if is_combining_mark(c) {
            // A decomposed accent (`o` followed by U+0308) belongs to its letter.
            continue;
        }
        if !c.is_alphanumeric() {
            end_word(&mut word, &mut words);
            continue;
        }
        for lower in c.to_lowercase() {
            if lower.is_ascii() {
                word.push(lower);
            } else if lower == 'ß' {
                word.push_str("ss");
            } else {
                match deunicode::deunicode_char(lower) {
                    Some(folded) if !folded.is_empty() => {
                        for f in folded.chars() {
                            if f.is_ascii_alphanumeric() {
                                word.push(f.to_ascii_lowercase());
                            } else {
                                end_word(&mut word, &mut words);
                            }
                        }
                    }
                    _ => word.push(lower),
                }
            }
        }
    }
    end_word(&mut word, &mut words);
    words
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// `ae`, `oe` and `ue` become `a`, `o` and `u`, read from left to right.
fn collapse_spellings(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, 'a' | 'o' | 'u') && chars.peek() == Some(&'e') {
            chars.next();
        }
    }
    out
}

/// Words that must occur next to each other; the last one may be the start of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Phrase {
    words: Vec<String>,
    prefix: bool,
}

impl Phrase {
    /// The phrases of a query: each chunk (see `chunks`) split into words by
    /// `words_of`, the same words once, at most `MAX_PHRASES` of them. Only the
    /// last unquoted one finds the words its last word begins, and only when
    /// that word has at least `min_prefix_chars` characters.
    fn all_in(
        raw: &str,
        words_of: impl Fn(&str) -> Vec<String>,
        min_prefix_chars: usize,
    ) -> Vec<Self> {
        let mut phrases: Vec<Self> = Vec::new();
        for (chunk, quoted) in chunks(raw) {
            let words = words_of(chunk);
            if words.is_empty() || phrases.iter().any(|p| p.words == words) {
                continue;
            }
            phrases.push(Self {
                words,
                prefix: !quoted,
            });
        }
        phrases.truncate(MAX_PHRASES);
        let last = phrases.len().saturating_sub(1);
        for (i, phrase) in phrases.iter_mut().enumerate() {
            let long_enough = phrase
                .words
                .last()
                .is_some_and(|w| w.chars().count() >= min_prefix_chars);
            phrase.prefix = phrase.prefix && i == last && long_enough;
        }
        phrases
    }
}

/// Phrases in FTS5's syntax, every one required: `"guten tag" "ada"*`.
fn fts5_phrases(phrases: &[Phrase]) -> String {
    let mut expression = String::new();
    for phrase in phrases {
        if !expression.is_empty() {
            expression.push(' ');
        }
        expression.push('"');
        expression.push_str(&quoted(&phrase.words.join(" ")));
        expression.push('"');
        if phrase.prefix {
            expression.push('*');
        }
    }
    expression
}

/// Most words a search's last word may stand for; past it the index is asked
/// for the prefix itself.
pub const MAX_COMPLETIONS: usize = 32;

/// A query's phrases, every one required, and the words of the index its last
/// word was completed to, once they were looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Words {
    phrases: Vec<Phrase>,
    completions: Option<Vec<String>>,
}

impl Words {
    fn new(phrases: Vec<Phrase>) -> Self {
        Self {
            phrases,
            completions: None,
        }
    }

    /// See `Completable::prefix_to_complete`.
    fn prefix_to_complete(&self) -> Option<String> {
        let last = self.phrases.last().filter(|phrase| phrase.prefix)?;
        index_form(last.words.last()?)
    }

    /// See `Completable::completed`.
    fn complete(&mut self, words: Vec<String>) {
        if (1..=MAX_COMPLETIONS).contains(&words.len()) {
            self.completions = Some(words);
        }
    }

    /// Every phrase in FTS5's syntax, the last one as one of its completions
    /// where there are some.
    fn fts5(&self) -> String {
        let (Some(words), Some((last, before))) = (&self.completions, self.phrases.split_last())
        else {
            return fts5_phrases(&self.phrases);
        };
        let one_of: Vec<String> = words
            .iter()
            .map(|word| {
                let mut phrase = last.clone();
                phrase.prefix = false;
                phrase.words.pop();
                phrase.words.push(word.clone());
                fts5_phrases(&[phrase])
            })
            .collect();
        let one_of = format!("({})", one_of.join(" OR "));
        if before.is_empty() {
            one_of
        } else {
            format!("{} AND {one_of}", fts5_phrases(before))
        }
    }
}

/// The two search indexes: published posts and pages for readers, comments for moderators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    Posts,
    Comments,
}

/// A search whose last word may be completed from the words its index holds.
///
/// FTS5 answers a prefix by gathering every match of every word with that
/// prefix before it returns a row, and does so again in every statement (a
/// search runs two or more: a page and its counts); whole words it reads only
/// as far as the statement needs. So the index's words that the last word
/// begins are looked up once (`db::search::complete_last_word`), and the
/// index is asked for those instead.
pub trait Completable: Sized {
    /// The index the query asks.
    const INDEX: Index;

    /// The last word as the index holds its words, when the query looks for
    /// the words it begins and that form is certain (see `index_form`).
    fn prefix_to_complete(&self) -> Option<String>;

    /// The query with its last word standing for `words`, the index's words
    /// that begin with it. With no word, or more than `MAX_COMPLETIONS`, the
    /// prefix stays.
    #[must_use]
    fn completed(self, words: Vec<String>) -> Self;
}

/// A reader's query, as the post index is asked it. Any text is a query:
/// words in double quotes are a phrase, everything else is a word (FTS5's own
/// syntax is never passed on, so no query can fail to parse); the last word
/// also finds the words it begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    words: Words,
}

impl SearchQuery {
    pub fn parse(raw: &str) -> Self {
        Self {
            words: Words::new(Phrase::all_in(raw, normalised_words, MIN_PREFIX_CHARS)),
        }
    }

    /// True when the query holds no word at all (only punctuation, or nothing).
    pub fn is_empty(&self) -> bool {
        self.words.phrases.is_empty()
    }

    /// The query in FTS5's syntax for the post index: every phrase must occur.
    pub fn fts5(&self) -> String {
        self.words.fts5()
    }

    /// Whether `word` (as `normalise` writes it) is one the query looks for.
    fn matches(&self, word: &str) -> bool {
        self.words.phrases.iter().any(|phrase| {
            let last = phrase.words.len() - 1;
            phrase.words.iter().enumerate().any(|(i, wanted)| {
                word == wanted || (phrase.prefix && i == last && word.starts_with(wanted.as_str()))
            })
        })
    }
}

impl Completable for SearchQuery {
    const INDEX: Index = Index::Posts;

    fn prefix_to_complete(&self) -> Option<String> {
        self.words.prefix_to_complete()
    }

    fn completed(mut self, words: Vec<String>) -> Self {
        self.words.complete(words);
        self
    }
}

/// The pieces of a query: the text inside pairs of double quotes (a phrase)
/// and every whitespace-separated word outside them. A quote without its pair
/// counts as a space.
fn chunks(raw: &str) -> Vec<(&str, bool)> {
    let raw = match raw.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => &raw[..cut],
        None => raw,
    };
    let quotes = raw.matches('"').count();
    let mut pieces = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        let quote = if quotes >= 2 { rest.find('"') } else { None };
        let (outside, after) = match quote {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        pieces.extend(
            outside
                .split(|c: char| c.is_whitespace() || c == '"')
                .filter(|w| !w.is_empty())
                .map(|w| (w, false)),
        );
        let Some(after) = after else { break };
        match after.find('"') {
            Some(close) => {
                pieces.push((&after[..close], true));
                rest = &after[close + 1..];
            }
            None => {
                pieces.extend(
                    after
                        .split(|c: char| c.is_whitespace() || c == '"')
                        .filter(|w| !w.is_empty())
                        .map(|w| (w, false)),
                );
                break;
            }
        }
    }
    pieces
}

/// A moderator's search of the comment queue, as the comment index is asked
/// it: by author name, email address or words of the text, the last word as a
/// prefix. The words are kept as typed (the index folds case and accents);
/// an address or a hyphenated word is a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentQuery {
    words: Words,
}

impl CommentQuery {
    pub fn parse(raw: &str) -> Self {
        let words_as_typed = |chunk: &str| -> Vec<String> {
            chunk
                .split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        Self {
            words: Words::new(Phrase::all_in(raw, words_as_typed, 0)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.phrases.is_empty()
    }

    /// The query in FTS5's syntax for the comment index, within one status:
    /// every phrase must occur in the name, the address or the text.
    pub fn fts5_in_status(&self, status: &str) -> String {
        format!(
            "status : \"{}\" AND {{author_name author_email body}} : ({})",
            quoted(status),
            self.words.fts5()
        )
    }
}

impl Completable for CommentQuery {
    const INDEX: Index = Index::Comments;

    fn prefix_to_complete(&self) -> Option<String> {
        self.words.prefix_to_complete()
    }

    fn completed(mut self, words: Vec<String>) -> Self {
        self.words.complete(words);
        self
    }
}

/// `word` (in lower case) as SQLite's `unicode61` tokenizer with
/// `remove_diacritics 2` writes it into either index: letters and digits
/// of ASCII as they are, the accented Latin letters of the western European
/// languages without their accent. `None` for any other letter, whose form in
/// the index is not certain here.
fn index_form(word: &str) -> Option<String> {
    word.chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => Some(c),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ñ' => Some('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'ý' | 'ÿ' => Some('y'),
            _ => None,
        })
        .collect()
}

/// Text inside an FTS5 string: a double quote is written twice.
fn quoted(text: &str) -> String {
    text.replace('"', "\"\"")
}

/// A piece of shown text, marked when it is a word the reader searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    pub text: String,
    pub marked: bool,
}

/// `text` (a title) with the words `query` looks for marked.
pub fn highlight(text: &str, query: &SearchQuery) -> Vec<Fragment> {
    fragments(text, &word_spans(text), 0, text.len(), query)
}

/// A short piece of `text` around the first word `query` looks for (or its
/// start), at most about `max_chars` characters, with those words marked and
/// `…` where text was left out.
pub fn excerpt(text: &str, query: &SearchQuery, max_chars: usize) -> Vec<Fragment> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = word_spans(&text);
    let first_match = words
        .iter()
        .position(|&(start, end)| word_matches(&text[start..end], query));
    let first_shown = first_match.map_or(0, |at| at.saturating_sub(CONTEXT_WORDS));
    let start = match words.get(first_shown) {
        Some(&(word_start, _)) if first_shown > 0 => word_start,
        _ => 0,
    };
    let mut end = None;
    for (i, &(_, word_end)) in words.iter().enumerate().skip(first_shown) {
        if text[start..word_end].chars().count() > max_chars {
            // One word longer than the whole excerpt is shown all the same.
            end = Some(end.unwrap_or(word_end));
            break;
        }
        end = Some(if i + 1 == words.len() {
            text.len()
        } else {
            word_end
        });
    }
    let end = end.unwrap_or(text.len());
    let mut shown = fragments(&text, &words, start, end, query);
    if start > 0 {
        match shown.first_mut() {
            Some(first) if !first.marked => first.text.insert(0, '…'),
            _ => shown.insert(0, plain("…")),
        }
    }
    if end < text.len() {
        match shown.last_mut() {
            Some(last) if !last.marked => last.text.push('…'),
            _ => shown.push(plain("…")),
        }
    }
    shown
}

fn plain(text: &str) -> Fragment {
    Fragment {
        text: text.to_owned(),
        marked: false,
    }
}

/// Where each word of `text` starts and ends (byte offsets).
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || is_combining_mark(c);
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                spans.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

fn word_matches(word: &str, query: &SearchQuery) -> bool {
    normalised_words(word).iter().any(|w| query.matches(w))
}

/// `text[start..end]` as fragments: the matching words marked, the text
/// between them joined.
fn fragments(
    text: &str,
    words: &[(usize, usize)],
    start: usize,
    end: usize,
    query: &SearchQuery,
) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    let mut plain_from = start;
    for &(word_start, word_end) in words {
        if word_start < start || word_end > end {
            continue;
        }
        if word_matches(&text[word_start..word_end], query) {
            if plain_from < word_start {
                out.push(plain(&text[plain_from..word_start]));
            }
            out.push(Fragment {
                text: text[word_start..word_end].to_owned(),
                marked: true,
            });
            plain_from = word_end;
        }
    }
    if plain_from < end {
        out.push(plain(&text[plain_from..end]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(fragments: &[Fragment]) -> Vec<&str> {
        fragments
            .iter()
            .filter(|f| f.marked)
            .map(|f| f.text.as_str())
            .collect()
    }

    fn joined(fragments: &[Fragment]) -> String {
        fragments.iter().map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn umlauts_their_spellings_case_and_accents_normalise_alike() {
        let same = [
            "Öffnungszeiten",
            "offnungszeiten",
            "Oeffnungszeiten",
            "OEFFNUNGSZEITEN",
            "öffnungszeiten",
            "O\u{308}ffnungszeiten",
        ];
        for word in same {
            assert_eq!(normalise(word), "offnungszeiten", "{word}");
        }
        assert_eq!(normalise("Straße"), normalise("Strasse"));
        assert_eq!(normalise("Übung"), normalise("Uebung"));
        assert_eq!(normalise("Ärztin"), normalise("Aerztin"));
        assert_eq!(normalise("Café crème"), "cafe creme");
    }

    #[test]
    fn punctuation_separates_words_and_spaces_are_single() {
        assert_eq!(
            normalise("  Termin: Mo.–Fr.\n8-12 Uhr (COVID-19)!  "),
            "termin mo fr 8 12 uhr covid 19"
        );
        assert_eq!(normalise("ada@example.org"), "ada example org");
        assert_eq!(normalise("<b>&amp;</b>"), "b amp b");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn english_words_with_the_same_letters_normalise_alike_too() {
        // Harmless: both sides of a search change the same way.
        assert_eq!(normalise("Queue"), normalise("queue"));
        assert_eq!(normalise("does"), "dos");
    }

    #[test]
    fn a_query_asks_for_every_word_and_the_last_as_a_prefix() {
        let query = SearchQuery::parse("Öffnungszeiten Samstag");
        assert_eq!(query.fts5(), r#""offnungszeiten" "samstag"*"#);
        assert_eq!(
            SearchQuery::parse("oeffnungszeiten").fts5(),
            r#""offnungszeiten"*"#
        );
    }

    #[test]
    fn quoted_words_are_a_phrase_and_an_address_is_one_too() {
        let query = SearchQuery::parse(r#""guten Tag" ada@example.org"#);
        assert_eq!(query.fts5(), r#""guten tag" "ada example org"*"#);
    }

    #[test]
    fn fts5_syntax_in_a_query_is_only_words() {
        for raw in [
            r#"Impfung AND (Termin OR"#,
            r#"NEAR(a b) title:x ^start"#,
            r#""unbalanced quote"#,
            "*",
            "-- ; DROP TABLE posts",
        ] {
            let fts = SearchQuery::parse(raw).fts5();
            let inside_quotes: String = fts.split('"').skip(1).step_by(2).collect();
            assert!(
                inside_quotes
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' '),
                "{raw} -> {fts}"
            );
            let outside: String = fts.split('"').step_by(2).collect();
            assert!(
                outside.chars().all(|c| c == ' ' || c == '*'),
                "{raw} -> {fts}"
            );
        }
        assert_eq!(
            SearchQuery::parse(r#"Impfung AND (Termin"#).fts5(),
            r#""impfung" "and" "termin"*"#
        );
    }

    #[test]
    fn a_query_of_punctuation_is_empty() {
        assert!(SearchQuery::parse(" !!! -- ").is_empty());
        assert!(SearchQuery::parse("").is_empty());
        assert!(!SearchQuery::parse("a").is_empty());
    }

    #[test]
    fn a_one_letter_last_word_is_not_a_prefix() {
        assert_eq!(SearchQuery::parse("Termin a").fts5(), r#""termin" "a""#);
    }

    #[test]
    fn a_long_query_is_cut() {
        let raw = "wort ".repeat(500);
        let query = SearchQuery::parse(&raw);
        assert_eq!(query.words.phrases.len(), 1, "repeated words count once");
        let many: String = (0..50).map(|i| format!("w{i} ")).collect();
        assert_eq!(SearchQuery::parse(&many).words.phrases.len(), MAX_PHRASES);
    }

    #[test]
    fn the_excerpt_marks_the_words_found_however_they_were_spelled() {
        let query = SearchQuery::parse("oeffnungszeiten");
        let text = "Unsere Öffnungszeiten ändern sich im Sommer.";

        let shown = excerpt(text, &query, 200);

        assert_eq!(marked(&shown), ["Öffnungszeiten"]);
        assert_eq!(joined(&shown), text);
    }

    #[test]
    fn the_last_word_of_a_query_marks_the_words_it_begins() {
        let query = SearchQuery::parse("Impf");
        let shown = excerpt("Die Impfung und das Impfen; impfbar.", &query, 200);
        assert_eq!(marked(&shown), ["Impfung", "Impfen", "impfbar"]);
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_match() {
        let before = "eins zwei drei vier fünf sechs sieben acht neun zehn ".repeat(20);
        let after = " elf zwölf dreizehn".repeat(40);
        let text = format!("{before}Impfung{after}");
        let query = SearchQuery::parse("impfung");

        let shown = excerpt(&text, &query, 120);

        let whole = joined(&shown);
        assert!(whole.starts_with('…') && whole.ends_with('…'), "{whole}");
        assert!(whole.chars().count() <= 125, "{whole}");
        assert_eq!(marked(&shown), ["Impfung"]);
        assert!(whole.contains("acht neun zehn Impfung elf"), "{whole}");
    }

    #[test]
    fn without_a_match_in_the_text_the_excerpt_is_its_start() {
        let text = "word ".repeat(100);
        let shown = excerpt(&text, &SearchQuery::parse("title"), 50);
        let whole = joined(&shown);
        assert!(whole.starts_with("word word"), "{whole}");
        assert!(whole.ends_with('…'));
        assert!(marked(&shown).is_empty());
    }

    #[test]
    fn markup_in_the_text_stays_text_for_the_template_to_escape() {
        let query = SearchQuery::parse("b");
        let shown = excerpt("a <b>bold</b> & b", &query, 200);
        assert_eq!(joined(&shown), "a <b>bold</b> & b");
        assert_eq!(marked(&shown), ["b", "b", "b"]);
    }

    #[test]
    fn a_title_is_highlighted_whole() {
        let query = SearchQuery::parse("Rücken");
        let shown = highlight("Übungen für den Rücken", &query);
        assert_eq!(marked(&shown), ["Rücken"]);
        assert_eq!(joined(&shown), "Übungen für den Rücken");
    }

    #[test]
    fn a_comment_query_searches_one_status_and_quotes_what_was_typed() {
        let query = CommentQuery::parse(r#"ada@example.org Müll"#);
        assert_eq!(
            query.fts5_in_status("pending"),
            r#"status : "pending" AND {author_name author_email body} : ("ada example org" "müll"*)"#
        );
        let sneaky = CommentQuery::parse(r#"x" OR status : "spam"#);
        assert_eq!(
            sneaky.fts5_in_status("trash"),
            r#"status : "trash" AND {author_name author_email body} : ("x" "or status" "spam"*)"#
        );
    }

    #[test]
    fn a_completed_queue_search_asks_for_whole_words_instead_of_the_prefix() {
        let query = CommentQuery::parse("ada@example.org Müll");
        assert_eq!(query.prefix_to_complete().as_deref(), Some("mull"));

        let completed = query.completed(vec!["mull".into(), "muller".into()]);

        assert_eq!(
            completed.fts5_in_status("spam"),
            r#"status : "spam" AND {author_name author_email body} : ("ada example org" AND ("mull" OR "muller"))"#
        );
        let phrase = CommentQuery::parse("guten ta").completed(vec!["tag".into()]);
        assert_eq!(
            phrase.fts5_in_status("pending"),
            r#"status : "pending" AND {author_name author_email body} : ("guten" AND ("tag"))"#
        );
    }

    #[test]
    fn a_queue_search_keeps_its_prefix_without_completions_or_with_too_many() {
        let query = CommentQuery::parse("dan");
        let prefix = r#"status : "pending" AND {author_name author_email body} : ("dan"*)"#;
        assert_eq!(
            query
                .clone()
                .completed(Vec::new())
                .fts5_in_status("pending"),
            prefix
        );
        let many = (0..=MAX_COMPLETIONS).map(|i| format!("dan{i}")).collect();
        assert_eq!(query.completed(many).fts5_in_status("pending"), prefix);
    }

    #[test]
    fn only_words_whose_index_form_is_certain_are_completed() {
        assert_eq!(
            CommentQuery::parse("Übung").prefix_to_complete().as_deref(),
            Some("ubung")
        );
        assert_eq!(CommentQuery::parse("straße").prefix_to_complete(), None);
        assert_eq!(
            CommentQuery::parse("\"ganz genau\"").prefix_to_complete(),
            None
        );
        assert_eq!(CommentQuery::parse("").prefix_to_complete(), None);
    }
}
