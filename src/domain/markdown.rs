//! Post bodies: Markdown rendered to HTML, then sanitised.

use pulldown_cmark::{Event, Options, Parser, TagEnd, html};

use super::SafeHtml;

/// An author may end the excerpt explicitly with this marker.
const MORE_MARKER: &str = "<!-- more -->";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

fn sanitise(unsafe_html: &str) -> SafeHtml {
    let clean = ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into())
        .clean(unsafe_html)
        .to_string();
    SafeHtml::from_renderer(clean)
}

/// The whole post body as sanitised HTML.
pub fn render(markdown: &str) -> SafeHtml {
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options()));
    sanitise(&unsafe_html)
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
        assert!(html.as_str().contains("<h1>Hello</h1>"));
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
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(reading_minutes("short"), 1);
        assert_eq!(reading_minutes(&"word ".repeat(441)), 3);
    }
}
