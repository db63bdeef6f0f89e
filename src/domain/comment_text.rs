//! Comment bodies are plain text: whatever HTML a reader types is shown as the
//! literal text, paragraphs and line breaks are kept, and web addresses become links.

use linkify::{LinkFinder, LinkKind};
use tera::escape_html;

use super::SafeHtml;

/// Renders a comment body once, at intake: a `<p>` per paragraph (blank line),
/// `<br>` for a single line break, `http(s)` URLs linked with `rel="nofollow ugc noopener"`.
pub fn render(body: &str) -> SafeHtml {
    let normalised = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut html = String::with_capacity(normalised.len() + 32);
    for paragraph in paragraphs(&normalised) {
        html.push_str("<p>");
        for (i, line) in paragraph.iter().enumerate() {
            if i > 0 {
                html.push_str("<br>\n");
            }
            push_linked_line(&mut html, line);
        }
        html.push_str("</p>\n");
    }
    SafeHtml::from_renderer(html)
}

/// Groups lines into paragraphs split by lines that are empty or only white space.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut result: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                result.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        result.push(current);
    }
    result
}

/// How many web addresses a text holds (the spam rules count them).
pub fn count_links(text: &str) -> usize {
    links(text).count()
}

fn links(text: &str) -> impl Iterator<Item = linkify::Link<'_>> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder
        .links(text)
        .filter(|link| {
            let lower = link.as_str().to_ascii_lowercase();
            lower.starts_with("http://") || lower.starts_with("https://")
        })
        .collect::<Vec<_>>()
        .into_iter()
}

fn push_linked_line(html: &mut String, line: &str) {
    let mut last = 0;
    for link in links(line) {
        html.push_str(&escape_html(&line[last..link.start()]));
        let url = escape_html(link.as_str());
        html.push_str(r#"<a href=""#);
        html.push_str(&url);
        html.push_str(r#"" rel="nofollow ugc noopener">"#);
        html.push_str(&url);
        html.push_str("</a>");
        last = link.end();
    }
    html.push_str(&escape_html(&line[last..]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_line_breaks_are_kept() {
        let html = render("one\ntwo\n\nthree");
        assert_eq!(html.as_str(), "<p>one<br>\ntwo</p>\n<p>three</p>\n");
    }

    #[test]
    fn html_is_shown_as_the_literal_text() {
        let html = render("<script>alert('x')</script> & <b>bold</b>");
        assert!(!html.as_str().contains("<script>"));
        assert!(!html.as_str().contains("<b>"));
        assert!(html.as_str().contains("&lt;script&gt;"));
        assert!(html.as_str().contains("&amp;"));
    }

    #[test]
    fn web_addresses_become_nofollow_links() {
        let html = render("see https://example.org/a?b=1&c=2 now");
        assert!(
            html.as_str().contains(
                r#"<a href="https:&#x2F;&#x2F;example.org&#x2F;a?b=1&amp;c=2" rel="nofollow ugc noopener">"#
            ),
            "{}",
            html.as_str()
        );
        assert!(html.as_str().ends_with(" now</p>\n"));
    }

    #[test]
    fn other_schemes_are_not_linked() {
        let html = render("javascript:alert(1) ftp://example.org");
        assert!(!html.as_str().contains("<a "));
    }

    #[test]
    fn windows_line_endings_and_blank_runs_are_normalised() {
        let html = render("a\r\n\r\n\r\n  \r\nb");
        assert_eq!(html.as_str(), "<p>a</p>\n<p>b</p>\n");
    }

    #[test]
    fn links_are_counted() {
        assert_eq!(
            count_links("http://a.example and https://b.example/x, not www.c.example"),
            2
        );
    }
}
