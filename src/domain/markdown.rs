//! Post bodies: Markdown rendered to HTML, then sanitised.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use super::SafeHtml;
use super::slug::Slug;

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
        let base = Slug::from_text(&text, "section");
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

/// Plain text for a page description (`og:description`): the first paragraph
/// without markup, cut at a word boundary to at most `max_chars` characters.
pub fn summary_text(markdown: &str, max_chars: usize) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => break,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
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

/// What the home page shows of a post: everything before `<!-- more -->`,
/// or else the first paragraph.
pub fn excerpt(markdown: &str) -> SafeHtml {
    if let Some((before, _)) = markdown.split_once(MORE_MARKER) {
        return render(before);
    }
    let mut in_paragraph = false;
    let mut events = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match &event {
            Event::Start(pulldown_cmark::Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => {
                events.push(event);
                break;
            }
            _ => {}
        }
        if in_paragraph {
            events.push(event);
        }
    }
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, events.into_iter());
    sanitise(&unsafe_html)
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

    #[test]
    fn the_excerpt_is_the_first_paragraph() {
        let html = excerpt("# Title\n\nFirst paragraph.\n\nSecond paragraph.");
        assert_eq!(html.as_str().trim(), "<p>First paragraph.</p>");
    }

    #[test]
    fn the_more_marker_ends_the_excerpt() {
        let html = excerpt("One.\n\nTwo.\n\n<!-- more -->\n\nThree.");
        assert!(html.as_str().contains("Two."));
        assert!(!html.as_str().contains("Three."));
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
    fn the_summary_is_the_first_paragraph_as_plain_text() {
        assert_eq!(
            summary_text("# T\n\nHello *big*\n`world` & co.\n\nMore.", 100),
            "Hello big world & co."
        );
        assert_eq!(summary_text("one two three four", 12), "one two…");
        assert_eq!(summary_text("# Only a heading", 50), "");
    }

    #[test]
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(reading_minutes("short"), 1);
        assert_eq!(reading_minutes(&"word ".repeat(441)), 3);
    }
}
