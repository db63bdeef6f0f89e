//! Post bodies: Markdown rendered to HTML, then sanitised.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use super::SafeHtml;
use super::slug::{Slug, Spelling};

/// An author may end the excerpt explicitly with this marker.
const MORE_MARKER: &str = "<!-- more -->";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

fn sanitise(unsafe_html: &str) -> SafeHtml {
    let mut builder = ammonia::Builder::default();
    for heading in HEADINGS {
        builder.add_tag_attributes(heading, &["id"]);
    }
    let clean = builder
        // Every link, external ones included, gets at least `noopener`.
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into())
        .attribute_filter(|_element, attribute, value| {
            // A heading may not take an id the page layout itself uses.
            if attribute == "id" && is_layout_id(value) {
                None
            } else {
                Some(value.into())
            }
        })
        .clean(unsafe_html)
        .to_string();
    SafeHtml::from_renderer(clean)
}

/// Ids that the post page's own elements carry (see templates/blog and partials):
/// a heading must not shadow them, or the page's links and labels would break.
fn is_layout_id(id: &str) -> bool {
    const FIELDS: [&str; 4] = ["name", "email", "website", "body"];
    const PAGE: [&str; 7] = [
        "main",
        "comments",
        "comments-title",
        "respond",
        "reply-title",
        "form-errors",
        "email-notes",
    ];
    PAGE.contains(&id)
        || FIELDS.contains(&id)
        || id
            .strip_suffix("-error")
            .is_some_and(|field| FIELDS.contains(&field))
        || id
            .strip_prefix("comment-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Gives every heading an `id` made from its text, unique within the document,
/// so that a section can be linked to (`/posts/x#getting-started`).
fn with_heading_anchors(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { .. }) => open = Some((index, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(open.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading_text)) = &mut open {
                    heading_text.push_str(text);
                }
            }
            _ => {}
        }
    }
    let mut used: HashSet<String> = HashSet::new();
    // The next suffix to try per base, so that many equal headings stay linear.
    let mut next_suffix: HashMap<String, u32> = HashMap::new();
    for (index, text) in headings {
        let base = Slug::from_text(&text, "section", Spelling::Plain);
        let mut anchor = base.as_str().to_owned();
        while used.contains(&anchor) || is_layout_id(&anchor) {
            let n = next_suffix.entry(base.as_str().to_owned()).or_insert(2);
            anchor = base.with_suffix(*n).into_string();
            *n = n.saturating_add(1);
        }
        used.insert(anchor.clone());
        if let Some(Event::Start(Tag::Heading { id, .. })) = events.get_mut(index) {
            *id = Some(anchor.into());
        }
    }
    events
}

/// The whole post body as sanitised HTML, headings with anchors.
pub fn render(markdown: &str) -> SafeHtml {
    let events = with_heading_anchors(Parser::new_ext(markdown, options()).collect());
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    sanitise(&unsafe_html)
}

/// Plain text for a page description (`<meta name="description">`,
/// `og:description`): the excerpt's text, cut at a word boundary to at most
/// `max_chars` characters; empty when it has no text.
pub fn description(excerpt: &SafeHtml, max_chars: usize) -> String {
    let text = html_text(excerpt.as_str());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let cut = match cut.rsplit_once(' ') {
        Some((words, _)) if !words.is_empty() => words,
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// What the home page shows of a post: everything before `<!-- more -->`, or
/// else the first paragraph of the rendered text that has any words, so a post
/// written in HTML (an imported one) gets the same excerpt as Markdown.
pub fn excerpt(markdown: &str, body_html: &SafeHtml) -> SafeHtml {
    if let Some((before, _)) = markdown.split_once(MORE_MARKER) {
        return render(before);
    }
    sanitise(first_paragraph(body_html.as_str()).unwrap_or_default())
}

/// A tag of sanitised HTML: where it starts and ends, its name, whether it closes.
struct HtmlTag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
}

/// The next tag at or after `from`. In sanitised HTML every `<` in text is
/// escaped, so each one opens a tag; a `>` inside a quoted attribute value does not end it.
fn next_tag(html: &str, from: usize) -> Option<HtmlTag<'_>> {
    let start = from + html.get(from..)?.find('<')?;
    let bytes = html.as_bytes();
    let closing = bytes.get(start + 1) == Some(&b'/');
    let name_start = start + 1 + usize::from(closing);
    let name_end = html[name_start..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .map_or(html.len(), |n| name_start + n);
    let mut quote = None;
    let mut end = name_end;
    while end < bytes.len() {
        match (quote, bytes[end]) {
            (Some(q), b) if b == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(bytes[end]),
            (None, b'>') => break,
            _ => {}
        }
        end += 1;
    }
    Some(HtmlTag {
        start,
        end: (end + 1).min(html.len()),
        name: &html[name_start..name_end],
        closing,
    })
}

/// The first `<p>` element of sanitised HTML with any text in it.
fn first_paragraph(html: &str) -> Option<&str> {
    let mut at = 0;
    while let Some(tag) = next_tag(html, at) {
        at = tag.end;
        if tag.closing || !tag.name.eq_ignore_ascii_case("p") {
            continue;
        }
        let mut end = html.len();
        let mut search = tag.end;
        while let Some(inner) = next_tag(html, search) {
            search = inner.end;
            if inner.closing && inner.name.eq_ignore_ascii_case("p") {
                end = inner.end;
                break;
            }
        }
        let paragraph = &html[tag.start..end];
        if !html_text(paragraph).trim().is_empty() {
            return Some(paragraph);
        }
        at = end;
    }
    None
}

/// Elements whose edges separate words (inline ones like `<em>` do not).
const WORD_BREAKING: [&str; 24] = [
    "address",
    "blockquote",
    "br",
    "dd",
    "div",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The text of sanitised HTML: tags dropped, character references decoded.
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut at = 0;
    while at < html.len() {
        let Some(tag) = next_tag(html, at) else {
            decode_references(&html[at..], &mut text);
            break;
        };
        decode_references(&html[at..tag.start], &mut text);
        if WORD_BREAKING
            .iter()
            .any(|b| tag.name.eq_ignore_ascii_case(b))
        {
            text.push(' ');
        }
        at = tag.end;
    }
    text
}

fn decode_references(chunk: &str, out: &mut String) {
    let mut rest = chunk;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Minutes a reader needs, at about 220 words a minute; never less than one.
pub fn reading_minutes(markdown: &str) -> u32 {
    let words = markdown.split_whitespace().count();
    u32::try_from(words.div_ceil(220))
        .unwrap_or(u32::MAX)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let html = render("# Hello\n\nSome *words* and a [link](https://example.org).");
        assert!(html.as_str().contains(r#"<h1 id="hello">Hello</h1>"#));
        assert!(html.as_str().contains("<em>words</em>"));
        assert!(html.as_str().contains(r#"href="https://example.org""#));
    }

    #[test]
    fn script_tags_event_handlers_and_javascript_links_are_removed() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))",
        );
        let html = html.as_str();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    fn excerpt_of(text: &str) -> SafeHtml {
        excerpt(text, &render(text))
    }

    #[test]
    fn the_excerpt_is_the_first_paragraph() {
        let html = excerpt_of("# Title\n\nFirst paragraph.\n\nSecond paragraph.");
        assert_eq!(html.as_str().trim(), "<p>First paragraph.</p>");
    }

    #[test]
    fn the_more_marker_ends_the_excerpt() {
        let html = excerpt_of("One.\n\nTwo.\n\n<!-- more -->\n\nThree.");
        assert!(html.as_str().contains("Two."));
        assert!(!html.as_str().contains("Three."));
    }

    #[test]
    fn a_post_written_in_html_gets_its_first_paragraph_as_excerpt() {
        let html = "<h2>Neu</h2>\n<figure><img src=\"/a.png\" alt=\"\"></figure>\n<p></p>\n\
                    <p class=\"x\">Wir haben <strong>neue</strong> Öffnungszeiten &amp; mehr.</p>\n<p>Zwei.</p>";
        let excerpt = excerpt_of(html);
        assert_eq!(
            excerpt.as_str(),
            "<p>Wir haben <strong>neue</strong> Öffnungszeiten &amp; mehr.</p>"
        );
        assert_eq!(
            description(&excerpt, 200),
            "Wir haben neue Öffnungszeiten & mehr."
        );
    }

    #[test]
    fn a_paragraph_with_only_a_picture_is_not_the_excerpt() {
        let excerpt = excerpt_of("![A photo](/a.png)\n\nThe words.");
        assert_eq!(excerpt.as_str().trim(), "<p>The words.</p>");
    }

    #[test]
    fn an_attribute_holding_a_closing_bracket_does_not_end_its_tag() {
        let excerpt = excerpt_of("<p title=\"a > b </p>\">Inside.</p>");
        assert_eq!(description(&excerpt, 50), "Inside.");
    }

    #[test]
    fn headings_get_unique_anchors_from_their_text() {
        let html = render("# Grüße aus Nürnberg\n\n## Intro\n\n## Intro\n\n### `code` *and* text");
        let html = html.as_str();
        assert!(html.contains(r#"<h1 id="grusse-aus-nurnberg">"#), "{html}");
        assert!(html.contains(r#"<h2 id="intro">Intro</h2>"#), "{html}");
        assert!(html.contains(r#"<h2 id="intro-2">Intro</h2>"#), "{html}");
        assert!(html.contains(r#"<h3 id="code-and-text">"#), "{html}");
    }

    #[test]
    fn a_heading_never_takes_an_id_the_page_layout_uses() {
        let html = render("## Comments\n\n## Email\n\n## Comment 7\n\n<h2 id=\"respond\">Raw</h2>");
        let html = html.as_str();
        assert!(html.contains(r#"<h2 id="comments-2">"#), "{html}");
        assert!(html.contains(r#"<h2 id="email-2">"#), "{html}");
        assert!(html.contains(r#"<h2 id="comment-7-2">"#), "{html}");
        assert!(!html.contains(r#"id="respond""#), "{html}");
    }

    #[test]
    fn an_empty_heading_still_gets_an_anchor() {
        let html = render("## !!!\n");
        assert!(
            html.as_str().contains(r#"<h2 id="section">"#),
            "{}",
            html.as_str()
        );
    }

    #[test]
    fn links_get_rel_noopener() {
        let html = render("[out](https://example.org) and [in](/posts/x)");
        let html = html.as_str();
        assert!(
            html.contains(r#"<a href="https://example.org" rel="noopener noreferrer">"#),
            "{html}"
        );
        assert!(html.matches("noopener").count() == 2, "{html}");
    }

    #[test]
    fn only_ids_survive_on_headings_and_nothing_else_gains_attributes() {
        let html = render("<p id=\"x\" style=\"color:red\" onclick=\"a()\">hi</p>");
        assert_eq!(html.as_str().trim(), "<p>hi</p>");
    }

    #[test]
    fn a_one_megabyte_post_renders() {
        let section = "## Section\n\nSome *text* with a [link](https://example.org) and `code`.\n\n- one\n- two\n\n";
        let markdown = section.repeat(1024 * 1024 / section.len() + 1);
        assert!(markdown.len() >= 1024 * 1024);

        let html = render(&markdown);

        assert!(html.as_str().len() > markdown.len());
        assert!(html.as_str().contains(r#"id="section-2000""#));
    }

    #[test]
    fn the_description_is_the_excerpt_as_plain_text() {
        let text = |markdown: &str, max| description(&excerpt_of(markdown), max);
        assert_eq!(
            text("# T\n\nHello *big*\n`world` & co.\n\nMore.", 100),
            "Hello big world & co."
        );
        assert_eq!(text("one two three four", 12), "one two…");
        assert_eq!(text("# Only a heading", 50), "");
        assert_eq!(text("A&amp;B&#8211;&#x2014;C", 50), "A&B–—C");
        assert_eq!(text("neu<em>e</em>s Jahr<br>hier", 50), "neues Jahr hier");
    }

    #[test]
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(reading_minutes("short"), 1);
        assert_eq!(reading_minutes(&"word ".repeat(441)), 3);
    }
}
