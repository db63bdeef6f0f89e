//! A streaming reader of WordPress exports (WXR 1.0–1.2): it reads the file
//! element by element and hands out one plain record at a time (the site, an
//! author, a term, an item with its comments), never the whole document.
//! A DTD is refused outright, so no entity is ever expanded.
//!
//! Elements are told apart by namespace, as WordPress's own parser does, not
//! by prefix: `wp:` is whatever namespace the document's root binds to `wp`,
//! and an element whose prefix names another namespace is none of WordPress's
//! fields, whatever the prefix says.

use std::io::{BufRead, Read};

use quick_xml::NsReader;
use quick_xml::errors::SyntaxError;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;

/// The channel's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub title: String,
    pub link: String,
    pub description: String,
    pub language: String,
    pub wxr_version: String,
    pub base_site_url: String,
    pub base_blog_url: String,
}

/// A `<wp:author>`: one of the site's users who wrote an exported item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub id: i64,
    pub login: String,
    pub email: String,
    pub display_name: String,
}

/// A category, tag or other term (`<wp:category>`, `<wp:tag>` or `<wp:term>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    pub id: i64,
    /// `category`, `post_tag`, `post_format`, ...
    pub taxonomy: String,
    pub slug: String,
    pub name: String,
    /// The parent's slug, if any.
    pub parent: String,
}

/// A term as an item carries it (`<category domain="post_tag" nicename="x">Name</category>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemTerm {
    pub domain: String,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub author: String,
    pub author_email: String,
    pub author_url: String,
    pub author_ip: String,
    pub date: String,
    pub date_gmt: String,
    pub content: String,
    /// `1`, `0`, `spam`, `trash`, `post-trashed`.
    pub approved: String,
    /// `comment` (or empty in old exports), `pingback`, `trackback`, ...
    pub comment_type: String,
    pub parent: i64,
    pub user_id: i64,
}

/// An `<item>`: a post, page, attachment or other post type, with its comments and meta.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub title: String,
    pub link: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub post_id: i64,
    pub post_date: String,
    pub post_date_gmt: String,
    pub post_modified_gmt: String,
    pub comment_status: String,
    pub post_name: String,
    pub status: String,
    pub post_type: String,
    pub is_sticky: bool,
    /// An attachment's file on the old site (`wp:attachment_url`).
    pub attachment_url: String,
    pub terms: Vec<ItemTerm>,
    /// `(meta_key, meta_value)` in file order (`_wp_old_slug` may appear several times).
    pub meta: Vec<(String, String)>,
    pub comments: Vec<Comment>,
}

impl Item {
    pub fn meta_values<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.meta
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Site(Site),
    Author(Author),
    Term(Term),
    Item(Box<Item>),
}

impl Open {
    /// The record an entry makes once it closes (the channel makes none).
    fn into_record(self) -> Option<Record> {
        match self {
            Open::Channel => None,
            Open::Author(author) => Some(Record::Author(author)),
            Open::Term(term) => Some(Record::Term(term)),
            Open::Item(item) => Some(Record::Item(item)),
        }
    }
}

/// Why a file was refused, and where (a byte offset; see `ReadError::at_line`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ReadError {
    pub message: String,
    /// Byte offset in the file.
    pub offset: u64,
}

/// What is being filled in while the reader is inside it.
enum Open {
    Channel,
    Author(Author),
    Term(Term),
    Item(Box<Item>),
}

/// The namespaces of WordPress's fields, as the document binds them.
struct Namespaces {
    /// The URI the root binds to `wp` (WordPress's parser assumes WXR 1.1's when it binds none).
    wp: String,
    excerpt: String,
}

const CONTENT_NAMESPACE: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NAMESPACE: &str = "http://purl.org/dc/elements/1.1/";

impl Default for Namespaces {
    fn default() -> Self {
        Self {
            wp: "http://wordpress.org/export/1.1/".to_owned(),
            excerpt: "http://wordpress.org/export/1.1/excerpt/".to_owned(),
        }
    }
}

impl Namespaces {
    /// The bindings declared on the root element, where WordPress writes them.
    fn of_root(root: &BytesStart<'_>) -> Self {
        let mut namespaces = Self::default();
        for attribute in root.attributes().flatten() {
            match attribute.key.as_ref() {
                "xmlns:wp" => namespaces.wp = attribute.value.into_owned(),
                "xmlns:excerpt" => namespaces.excerpt = attribute.value.into_owned(),
                _ => {}
            }
        }
        namespaces
    }

    /// An element's name as the reader matches it: `wp:post_type` for
    /// `post_type` in the document's `wp` namespace (whatever its prefix),
    /// `title` for a name in no namespace, and `?:name` for any other namespace.
    fn name_of(&self, namespace: &ResolveResult<'_>, local: &str) -> String {
        let prefix = match namespace {
            ResolveResult::Unbound => "",
            ResolveResult::Bound(ns) if ns.as_ref() == self.wp => "wp:",
            ResolveResult::Bound(ns) if ns.as_ref() == self.excerpt => "excerpt:",
            ResolveResult::Bound(ns) if ns.as_ref() == CONTENT_NAMESPACE => "content:",
            ResolveResult::Bound(ns) if ns.as_ref() == DC_NAMESPACE => "dc:",
            _ => "?:",
        };
        format!("{prefix}{local}")
    }
}

pub struct WxrReader<R: BufRead> {
    xml: NsReader<R>,
    buf: Vec<u8>,
    namespaces: Namespaces,
    /// Names of the open elements (see `Namespaces::name_of`), outermost first.
    path: Vec<String>,
    /// Text of the innermost element so far (text, CDATA and references).
    text: String,
    open: Open,
    /// Inside an item: the comment being read, the meta pair, the term attributes.
    comment: Option<Comment>,
    meta: Option<(String, String)>,
    item_term: Option<ItemTerm>,
    site: Site,
    site_sent: bool,
    seen_root: bool,
    finished: bool,
}

impl<R: BufRead> WxrReader<R> {
    pub fn new(input: R) -> Self {
        let mut xml = NsReader::from_reader(input);
        let config = xml.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = true;
        Self {
            xml,
            buf: Vec::with_capacity(64 * 1024),
            namespaces: Namespaces::default(),
            path: Vec::new(),
            text: String::new(),
            open: Open::Channel,
            comment: None,
            meta: None,
            item_term: None,
            site: Site::default(),
            site_sent: false,
            seen_root: false,
            finished: false,
        }
    }

    /// How far into the input the reader is, in bytes (for a progress bar).
    pub fn position(&self) -> u64 {
        self.xml.buffer_position()
    }

    fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError {
            message: message.into(),
            offset: self.xml.buffer_position(),
        }
    }

    /// The next record, `None` at the end of a complete export, or why the file cannot be read.
    pub fn next_record(&mut self) -> Result<Option<Record>, ReadError> {
        if self.finished {
            return Ok(None);
        }
        loop {
            let (name, event) = self.read_event()?;
            let record = match event {
                Event::DocType(_) => {
                    return Err(self.error(
                        "the file declares a DTD (<!DOCTYPE ...>), which WordPress exports never do; \
                         Folio refuses it so that no entity is ever expanded",
                    ));
                }
                Event::Start(start) => self.on_start(name, &start)?,
                Event::End(_) => {
                    self.path.pop();
                    let text = std::mem::take(&mut self.text);
                    self.end(&name, text)?
                }
                Event::Text(text) => {
                    self.text.push_str(&text.xml10_content());
                    None
                }
                Event::CData(data) => {
                    self.text.push_str(&data.xml10_content());
                    None
                }
                Event::GeneralRef(reference) => {
                    let resolved = self.resolve(&reference)?;
                    self.text.push(resolved);
                    None
                }
                Event::Eof => return self.on_eof(),
                Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => None,
            };
            if record.is_some() {
                return Ok(record);
            }
        }
    }

    /// The next XML event with the name the reader matches an element by
    /// (empty for other events), or why the file is not well-formed (or truncated).
    fn read_event(&mut self) -> Result<(String, Event<'static>), ReadError> {
        self.buf.clear();
        match self.xml.read_resolved_event_into(&mut self.buf) {
            Ok((namespace, event)) => {
                let name = match &event {
                    Event::Start(e) => self.namespaces.name_of(&namespace, e.local_name().as_ref()),
                    Event::End(e) => self.namespaces.name_of(&namespace, e.local_name().as_ref()),
                    _ => String::new(),
                };
                Ok((name, event.into_owned()))
            }
            Err(error) => {
                let message = match error {
                    quick_xml::Error::Syntax(syntax)
                        if syntax != SyntaxError::InvalidBangMarkup =>
                    {
                        format!("the file ends in the middle of markup ({syntax}): it is truncated")
                    }
                    other => format!("the file is not well-formed XML ({other})"),
                };
                Err(ReadError {
                    message,
                    offset: self.xml.error_position(),
                })
            }
        }
    }

    /// An opening tag: the document must be `<rss>`; some tags begin a record.
    fn on_start(
        &mut self,
        name: String,
        start: &BytesStart<'_>,
    ) -> Result<Option<Record>, ReadError> {
        if !self.seen_root {
            if name != "rss" {
                let raw = start.name().as_ref().to_owned();
                return Err(self.error(format!(
                    "this is not a WordPress export: the document is <{raw}>, not <rss>"
                )));
            }
            self.namespaces = Namespaces::of_root(start);
            self.seen_root = true;
        }
        let record = self.start(&name, start)?;
        self.path.push(name);
        if record.is_none() {
            self.text.clear();
        }
        Ok(record)
    }

    /// The end of the file: only after a complete export with its site is that the end.
    fn on_eof(&mut self) -> Result<Option<Record>, ReadError> {
        if !self.seen_root {
            return Err(self.error("the file is empty or not XML"));
        }
        if !self.path.is_empty() {
            return Err(self.error(format!(
                "the file ends inside <{}>: it is truncated",
                self.path.last().map(String::as_str).unwrap_or("rss")
            )));
        }
        self.finished = true;
        if !self.site_sent {
            return Err(
                self.error("this is not a WordPress export: no <channel> with a <wp:wxr_version>")
            );
        }
        Ok(None)
    }

    /// Only XML's own five entities and character references exist without a DTD.
    fn resolve(&self, reference: &BytesRef<'_>) -> Result<char, ReadError> {
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(c)) => Ok(c),
                _ => Err(self.error(format!(
                    "invalid character reference &{};",
                    reference.as_ref() as &str
                ))),
            };
        }
        match reference.as_ref() as &str {
            "amp" => Ok('&'),
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "quot" => Ok('"'),
            "apos" => Ok('\''),
            other => Err(self.error(format!(
                "the file uses the undeclared entity &{other};, which Folio does not expand"
            ))),
        }
    }

    fn in_channel(&self) -> bool {
        self.path.len() == 2 && self.path[0] == "rss" && self.path[1] == "channel"
    }

    /// Hands out the site before the first author, term or item.
    fn site_first(&mut self) -> Result<Option<Record>, ReadError> {
        if self.site_sent {
            return Ok(None);
        }
        let version = self.site.wxr_version.trim();
        if version.is_empty() {
            return Err(self.error(
                "this is not a WordPress export: no <wp:wxr_version> before the first entry",
            ));
        }
        if !is_version_number(version) {
            return Err(self.error(format!(
                "this is not a WordPress export: its <wp:wxr_version> is {version:?}, not a version number like 1.2"
            )));
        }
        self.site_sent = true;
        Ok(Some(Record::Site(self.site.clone())))
    }

    fn start(&mut self, name: &str, start: &BytesStart<'_>) -> Result<Option<Record>, ReadError> {
        if self.in_channel() && matches!(self.open, Open::Channel) {
            let opened = match name {
                "wp:author" => Some(Open::Author(Author::default())),
                "wp:category" => Some(Open::Term(Term {
                    taxonomy: "category".into(),
                    ..Term::default()
                })),
                "wp:tag" => Some(Open::Term(Term {
                    taxonomy: "post_tag".into(),
                    ..Term::default()
                })),
                "wp:term" => Some(Open::Term(Term::default())),
                "item" => Some(Open::Item(Box::default())),
                _ => None,
            };
            if let Some(opened) = opened {
                self.open = opened;
                self.text.clear();
                return self.site_first();
            }
        }
        if let Open::Item(_) = self.open {
            match name {
                "wp:comment" => self.comment = Some(Comment::default()),
                "wp:postmeta" => self.meta = Some((String::new(), String::new())),
                "category" => {
                    let mut term = ItemTerm::default();
                    for attribute in start.attributes().flatten() {
                        let value = attribute
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| self.error(format!("a bad attribute value ({e})")))?
                            .into_owned();
                        match attribute.key.as_ref() {
                            "domain" => term.domain = value,
                            "nicename" => term.slug = value,
                            _ => {}
                        }
                    }
                    self.item_term = Some(term);
                }
                _ => {}
            }
        }
        Ok(None)
    }

    fn end(&mut self, name: &str, text: String) -> Result<Option<Record>, ReadError> {
        if self.in_channel() && !matches!(self.open, Open::Channel) {
            return Ok(std::mem::replace(&mut self.open, Open::Channel).into_record());
        }
        match &mut self.open {
            Open::Channel => {
                if self.path.len() == 2 && self.path[1] == "channel" {
                    set_site_field(&mut self.site, name, text);
                } else if name == "channel" {
                    return self.site_first();
                }
                Ok(None)
            }
            Open::Author(author) => {
                set_author_field(author, name, text);
                Ok(None)
            }
            Open::Term(term) => {
                set_term_field(term, name, text);
                Ok(None)
            }
            Open::Item(item) => {
                if let Some(comment) = &mut self.comment {
                    if name == "wp:comment" {
                        item.comments.extend(self.comment.take());
                    } else {
                        set_comment_field(comment, name, text);
                    }
                } else if let Some(meta) = &mut self.meta {
                    match name {
                        "wp:postmeta" => item.meta.extend(self.meta.take()),
                        "wp:meta_key" => meta.0 = text,
                        "wp:meta_value" => meta.1 = text,
                        _ => {}
                    }
                } else if name == "category" {
                    if let Some(mut term) = self.item_term.take() {
                        term.name = text;
                        item.terms.push(term);
                    }
                } else {
                    set_item_field(item, name, text);
                }
                Ok(None)
            }
        }
    }
}

fn set_site_field(site: &mut Site, name: &str, text: String) {
    match name {
        "title" => site.title = text,
        "link" => site.link = text,
        "description" => site.description = text,
        "language" => site.language = text,
        "wp:wxr_version" => site.wxr_version = text,
        "wp:base_site_url" => site.base_site_url = text,
        "wp:base_blog_url" => site.base_blog_url = text,
        _ => {}
    }
}

fn set_author_field(author: &mut Author, name: &str, text: String) {
    match name {
        "wp:author_id" => author.id = number(&text),
        "wp:author_login" => author.login = text,
        "wp:author_email" => author.email = text,
        "wp:author_display_name" => author.display_name = text,
        _ => {}
    }
}

fn set_term_field(term: &mut Term, name: &str, text: String) {
    match name {
        "wp:term_id" => term.id = number(&text),
        "wp:term_taxonomy" => term.taxonomy = text,
        "wp:category_nicename" | "wp:tag_slug" | "wp:term_slug" => term.slug = text,
        "wp:cat_name" | "wp:tag_name" | "wp:term_name" => term.name = text,
        "wp:category_parent" | "wp:term_parent" => term.parent = text,
        _ => {}
    }
}

fn set_comment_field(comment: &mut Comment, name: &str, text: String) {
    match name {
        "wp:comment_id" => comment.id = number(&text),
        "wp:comment_author" => comment.author = text,
        "wp:comment_author_email" => comment.author_email = text,
        "wp:comment_author_url" => comment.author_url = text,
        "wp:comment_author_IP" => comment.author_ip = text,
        "wp:comment_date" => comment.date = text,
        "wp:comment_date_gmt" => comment.date_gmt = text,
        "wp:comment_content" => comment.content = text,
        "wp:comment_approved" => comment.approved = text,
        "wp:comment_type" => comment.comment_type = text,
        "wp:comment_parent" => comment.parent = number(&text),
        "wp:comment_user_id" => comment.user_id = number(&text),
        _ => {}
    }
}

fn set_item_field(item: &mut Item, name: &str, text: String) {
    match name {
        "title" => item.title = text,
        "link" => item.link = text,
        "dc:creator" => item.creator = text,
        "content:encoded" => item.content = text,
        "excerpt:encoded" => item.excerpt = text,
        "wp:post_id" => item.post_id = number(&text),
        "wp:post_date" => item.post_date = text,
        "wp:post_date_gmt" => item.post_date_gmt = text,
        "wp:post_modified_gmt" => item.post_modified_gmt = text,
        "wp:comment_status" => item.comment_status = text,
        "wp:post_name" => item.post_name = text,
        "wp:status" => item.status = text,
        "wp:post_type" => item.post_type = text,
        "wp:is_sticky" => item.is_sticky = text.trim() == "1",
        "wp:attachment_url" => item.attachment_url = text.trim().to_owned(),
        _ => {}
    }
}

/// What WordPress's importer takes for a WXR version: digits, a dot, digits.
fn is_version_number(version: &str) -> bool {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    version
        .split_once('.')
        .is_some_and(|(major, minor)| digits(major) && digits(minor))
}

fn number(text: &str) -> i64 {
    text.trim().parse().unwrap_or(0)
}

/// `line L, column C` of a byte offset in `input` (read again from the start).
pub fn line_and_column(mut input: impl BufRead, offset: u64) -> (u64, u64) {
    let (mut line, mut column, mut seen) = (1_u64, 1_u64, 0_u64);
    let mut chunk = Vec::with_capacity(64 * 1024);
    loop {
        chunk.clear();
        let want = offset.saturating_sub(seen).min(64 * 1024);
        if want == 0 {
            break;
        }
        let read = match (&mut input).take(want).read_to_end(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for &byte in &chunk[..read] {
            if byte == b'\n' {
                line += 1;
                column = 1;
            } else if byte & 0xC0 != 0x80 {
                column += 1;
            }
        }
        seen += read as u64;
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(xml: &str) -> Result<Vec<Record>, ReadError> {
        let mut reader = WxrReader::new(xml.as_bytes());
        let mut records = Vec::new();
        while let Some(record) = reader.next_record()? {
            records.push(record);
        }
        Ok(records)
    }

    const MINIMAL: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>T &amp; co</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>http://x.example</wp:base_site_url>
<item><title><![CDATA[A ]]]]><![CDATA[> B]]></title><wp:post_id>7</wp:post_id>
<category domain="post_tag" nicename="t-1"><![CDATA[T 1]]></category>
<wp:postmeta><wp:meta_key>_wp_old_slug</wp:meta_key><wp:meta_value>old</wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_content><![CDATA[a
b]]></wp:comment_content></wp:comment>
</item></channel></rss>"#;

    #[test]
    fn a_minimal_export_gives_the_site_then_the_item() {
        let records = read_all(MINIMAL).unwrap();
        let Record::Site(site) = &records[0] else {
            panic!("{records:?}")
        };
        assert_eq!(site.title, "T & co");
        assert_eq!(site.base_site_url, "http://x.example");
        let Record::Item(item) = &records[1] else {
            panic!("{records:?}")
        };
        assert_eq!(item.title, "A ]]> B");
        assert_eq!(item.post_id, 7);
        assert_eq!(item.terms[0].slug, "t-1");
        assert_eq!(item.terms[0].name, "T 1");
        assert_eq!(
            item.meta_values("_wp_old_slug").collect::<Vec<_>>(),
            ["old"]
        );
        assert_eq!(item.comments[0].id, 3);
        assert_eq!(item.comments[0].content, "a\nb");
        assert_eq!(records.len(), 2);
    }

    #[test]
    fn a_doctype_is_refused_before_any_entity_is_read() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss><channel>&lol2;</channel></rss>"#;
        let error = read_all(xml).unwrap_err();
        assert!(error.message.contains("DTD"), "{error}");
    }

    #[test]
    fn an_undeclared_entity_is_refused() {
        let xml = MINIMAL.replace("T &amp; co", "T &xxe; co");
        let error = read_all(&xml).unwrap_err();
        assert!(error.message.contains("&xxe;"), "{error}");
    }

    #[test]
    fn a_truncated_file_is_refused() {
        let cut = &MINIMAL[..MINIMAL.len() - 30];
        let error = read_all(cut).unwrap_err();
        assert!(
            error.message.contains("truncated") || error.message.contains("well-formed"),
            "{error}"
        );
    }

    #[test]
    fn html_is_not_an_export() {
        let error = read_all("<html><body>hi</body></html>").unwrap_err();
        assert!(error.message.contains("not a WordPress export"), "{error}");
        let error = read_all("<rss><channel><item></item></channel></rss>").unwrap_err();
        assert!(error.message.contains("not a WordPress export"), "{error}");
        assert!(read_all("").is_err());
    }

    #[test]
    fn a_version_that_is_no_number_is_refused_like_a_missing_one() {
        for version in ["abc", "1", "1.2.3", " .2", "1.x"] {
            let xml = MINIMAL.replace(
                ">1.2</wp:wxr_version>",
                &format!(">{version}</wp:wxr_version>"),
            );
            let error = read_all(&xml).unwrap_err();
            assert!(
                error.message.contains("not a version number"),
                "{version}: {error}"
            );
        }
        let xml = MINIMAL.replace(">1.2</wp:wxr_version>", "> 1.0 </wp:wxr_version>");
        assert!(read_all(&xml).is_ok());
    }

    fn items(xml: &str) -> Vec<Item> {
        read_all(xml)
            .unwrap()
            .into_iter()
            .filter_map(|r| match r {
                Record::Item(i) => Some(*i),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn names_are_matched_by_namespace_not_by_prefix() {
        let hijacked = MINIMAL.replace(
            "<item>",
            r#"<item xmlns:wp="http://malicious.example.com/hijack/">"#,
        );
        let item = &items(&hijacked)[0];
        assert_eq!((item.post_id, item.comments.len()), (0, 0), "{item:?}");
        assert_eq!(item.title, "A ]]> B", "plain RSS names stay");

        let older = MINIMAL.replace(
            "<item>",
            r#"<item xmlns:wp="http://wordpress.org/export/1.0/">"#,
        );
        assert_eq!(
            items(&older)[0].post_id,
            0,
            "the root's wp namespace is the one"
        );

        let aliased = MINIMAL
            .replace("<wp:post_id>7</wp:post_id>", "<w:post_id>7</w:post_id>")
            .replace(
                "<item>",
                r#"<item xmlns:w="http://wordpress.org/export/1.2/">"#,
            );
        assert_eq!(items(&aliased)[0].post_id, 7);

        let default_namespace = MINIMAL.replace(
            "<wp:post_id>7</wp:post_id>",
            r#"<post_id xmlns="http://wordpress.org/export/1.2/">7</post_id>"#,
        );
        assert_eq!(items(&default_namespace)[0].post_id, 7);
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        assert_eq!(line_and_column("ab\ncd\nef".as_bytes(), 4), (2, 2));
        assert_eq!(line_and_column("ü\nx".as_bytes(), 2), (1, 2));
    }

    #[test]
    fn the_fixture_reads_whole() {
        let file = std::fs::read("tests/fixtures/wordpress/fixture.xml").unwrap();
        let records = read_all(std::str::from_utf8(&file).unwrap()).unwrap();
        let items: Vec<&Item> = records
            .iter()
            .filter_map(|r| match r {
                Record::Item(i) => Some(&**i),
                _ => None,
            })
            .collect();
        assert_eq!(items.len(), 12);
        assert_eq!(items.iter().map(|i| i.comments.len()).sum::<usize>(), 57);
        let authors = records
            .iter()
            .filter(|r| matches!(r, Record::Author(_)))
            .count();
        assert_eq!(authors, 2);
        let terms = records
            .iter()
            .filter(|r| matches!(r, Record::Term(_)))
            .count();
        assert_eq!(terms, 30);
    }
}
