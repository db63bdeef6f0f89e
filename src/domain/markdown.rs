//! Post bodies: Markdown rendered to HTML, then sanitised.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use super::SafeHtml;
use super::media::{self, Responsive};
use super::slug::{Slug, Spelling};

/// The library images a text shows, by hash, with their sizes and copies:
/// read when a post is saved, so that rendering needs no I/O.
pub type MediaCatalog = HashMap<String, Responsive>;

/// An author may end the excerpt explicitly with this marker.
pub const MORE_MARKER: &str = "<!-- more -->";

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
    builder.add_tag_attributes("img", &["srcset", "sizes", "loading", "decoding"]);
    let clean = builder
        // Every link, external ones included, gets at least `noopener`.
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into())
        .attribute_filter(|_element, attribute, value| {
            // A heading may not take an id the page layout itself uses.
            let refused = match attribute {
                "id" => is_layout_id(value),
                "srcset" => !media::srcset_is_ours(value),
                "loading" => !matches!(value, "lazy" | "eager"),
                "decoding" => !matches!(value, "async" | "sync" | "auto"),
                "sizes" => value != media::SIZES,
                _ => false,
            };
            if refused { None } else { Some(value.into()) }
        })
        .clean(unsafe_html)
        .to_string();
    SafeHtml::from_renderer(clean)
}

/// Ids that the post page's own elements carry (see templates/blog and partials):
/// a heading must not shadow them, or the page's links and labels would break.
fn is_layout_id(id: &str) -> bool {
    const FIELDS: [&str; 4] = ["name", "email", "website", "body"];
    const PAGE: [&str; 9] = [
        "main",
        "site-search-q",
        "search-page-q",
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

/// The text of an image's alt (its description), without markup.
fn alt_text(events: &[Event<'_>]) -> String {
    let mut alt = String::new();
    for event in events {
        match event {
            Event::Text(text) | Event::Code(text) => alt.push_str(text),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// Where an image ends: the index of its `End(Image)`, nested images counted.
fn image_end(events: &[Event<'_>], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (index, event) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

/// Images from the media library become responsive `<img>`s (every copy in
/// `srcset`, the size in `width` and `height`, lazy loading); one alone in its
/// paragraph with a title becomes a figure with that title as its caption.
fn with_responsive_images<'a>(events: Vec<Event<'a>>, catalog: &MediaCatalog) -> Vec<Event<'a>> {
    if catalog.is_empty() {
        return events;
    }
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    let mut index = 0;
    while index < events.len() {
        let found = match &events[index] {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => media::hash_in_url(dest_url)
                .and_then(|hash| catalog.get(hash))
                .zip(image_end(&events, index))
                .map(|(image, end)| (image, title.to_string(), end)),
            _ => None,
        };
        let Some((image, title, end)) = found else {
            out.push(events[index].clone());
            index += 1;
            continue;
        };
        let alt = alt_text(&events[index + 1..end]);
        let alone = matches!(out.last(), Some(Event::Start(Tag::Paragraph)))
            && matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph)));
        if alone && !title.trim().is_empty() {
            out.pop();
            out.push(Event::Html(
                format!(
                    "<figure>{}<figcaption>{}</figcaption></figure>\n",
                    image.img_html(&alt, ""),
                    media::escape_attr(title.trim())
                )
                .into(),
            ));
            index = end + 2;
        } else {
            out.push(Event::InlineHtml(image.img_html(&alt, &title).into()));
            index = end + 1;
        }
    }
    out
}

/// Every library item a text shows or links to (by hash), each once, in
/// order: in Markdown, or in HTML written into it (an imported post's
/// `<img src>` and `<a href>`).
pub fn media_hashes(markdown: &str) -> Vec<String> {
    let mut hashes: Vec<String> = Vec::new();
    let mut add = |hash: &str| {
        if !hashes.iter().any(|h| h == hash) {
            hashes.push(hash.to_owned());
        }
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. }) => {
                if let Some(hash) = media::hash_in_url(&dest_url) {
                    add(hash);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (_, url) in html_media_urls(&html) {
                    if let Some(hash) = media::hash_in_url(url) {
                        add(hash);
                    }
                }
            }
            _ => {}
        }
    }
    hashes
}

/// The `src="…"` and `href="…"` values in a piece of HTML that point into the
/// library, with whether each is an image's (`src`).
fn html_media_urls(html: &str) -> Vec<(bool, &str)> {
    let mut found = Vec::new();
    for (attribute, image) in [("src=\"", true), ("href=\"", false)] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            let value = &rest[at + attribute.len()..];
            let end = value.find('"').unwrap_or(value.len());
            let preceded_by_space = at == 0 || rest[..at].ends_with(char::is_whitespace);
            if preceded_by_space && value[..end].contains("/media/") {
                found.push((image, &value[..end]));
            }
            rest = &value[end..];
        }
    }
    found
}

/// The first library image a text shows, by hash (its link preview).
pub fn first_media_image(markdown: &str) -> Option<String> {
    Parser::new_ext(markdown, options()).find_map(|event| match event {
        Event::Start(Tag::Image { dest_url, .. }) => {
            media::hash_in_url(&dest_url).map(str::to_owned)
        }
        Event::Html(html) | Event::InlineHtml(html) => html_media_urls(&html)
            .into_iter()
            .filter(|(image, _)| *image)
            .find_map(|(_, url)| media::hash_in_url(url).map(str::to_owned)),
        _ => None,
    })
}

/// The sources of the images a text shows without alt text, in order.
pub fn images_without_alt(markdown: &str) -> Vec<String> {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let mut missing = Vec::new();
    for (index, event) in events.iter().enumerate() {
        if let Event::Start(Tag::Image { dest_url, .. }) = event {
            let end = image_end(&events, index).unwrap_or(index);
            if alt_text(events.get(index + 1..end).unwrap_or_default())
                .trim()
                .is_empty()
            {
                missing.push(dest_url.to_string());
            }
        }
    }
    missing
}

/// The whole post body as sanitised HTML, headings with anchors.
pub fn render(markdown: &str) -> SafeHtml {
    render_with_media(markdown, &MediaCatalog::new())
}

/// `render`, with the library images in `catalog` made responsive.
pub fn render_with_media(markdown: &str, catalog: &MediaCatalog) -> SafeHtml {
    let events = with_heading_anchors(Parser::new_ext(markdown, options()).collect());
    let events = with_responsive_images(events, catalog);
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
    excerpt_with_media(markdown, body_html, &MediaCatalog::new())
}

/// `excerpt`, with the library images in `catalog` made responsive (`body_html`
/// was rendered with them already).
pub fn excerpt_with_media(
    markdown: &str,
    body_html: &SafeHtml,
    catalog: &MediaCatalog,
) -> SafeHtml {
    if let Some((before, _)) = markdown.split_once(MORE_MARKER) {
        return render_with_media(before, catalog);
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

/// The text of a rendered body, as search indexes it and shows it in excerpts:
/// tags dropped (a space where a block or line ends), character references decoded.
pub fn plain_text(html: &SafeHtml) -> String {
    html_text(html.as_str())
}

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

    const HASH: &str = "0123456789abcdef0123";

    fn catalog() -> MediaCatalog {
        let sources = [320, 640]
            .into_iter()
            .map(|w| media::Source {
                url: format!("/media/{HASH}/praxis-{w}.webp"),
                width: w,
                height: w / 2,
            })
            .collect();
        let image = Responsive {
            hash: HASH.into(),
            width: 640,
            height: 320,
            sources,
            animated: false,
        };
        MediaCatalog::from([(HASH.to_owned(), image)])
    }

    #[test]
    fn a_library_image_becomes_a_responsive_img() {
        let markdown = format!("Before ![The *waiting* room](/media/{HASH}/praxis.webp) after.");
        let html = render_with_media(&markdown, &catalog());
        let html = html.as_str();
        assert!(
            html.contains(&format!(r#"src="/media/{HASH}/praxis-640.webp""#)),
            "{html}"
        );
        assert!(
            html.contains(&format!("/media/{HASH}/praxis-320.webp 320w")),
            "{html}"
        );
        assert!(
            html.contains(r#"width="640""#) && html.contains(r#"height="320""#),
            "{html}"
        );
        assert!(html.contains(r#"alt="The waiting room""#), "{html}");
        assert!(
            html.contains(&format!(r#"sizes="{}""#, media::SIZES)),
            "{html}"
        );
        assert!(
            html.contains(r#"loading="lazy""#) && html.contains(r#"decoding="async""#),
            "{html}"
        );
        assert!(html.starts_with("<p>Before <img"), "{html}");
    }

    #[test]
    fn a_titled_image_alone_in_its_paragraph_becomes_a_figure_with_a_caption() {
        let markdown =
            format!("![Reception](/media/{HASH}/praxis.webp \"Our <reception>\")\n\nText.");
        let html = render_with_media(&markdown, &catalog());
        let html = html.as_str();
        assert!(html.starts_with("<figure><img"), "{html}");
        assert!(
            html.contains("<figcaption>Our &lt;reception&gt;</figcaption></figure>"),
            "{html}"
        );
        assert!(!html.contains("<p><figure>"), "{html}");
        // Before a `<!-- more -->` the picture is in the excerpt too; else the excerpt is the first paragraph with words.
        let body = render_with_media(&markdown, &catalog());
        let with_more = format!("{markdown}\n\n<!-- more -->\n\nMore.");
        let excerpt = excerpt_with_media(&with_more, &body, &catalog());
        assert!(
            excerpt.as_str().contains("<figure><img"),
            "{}",
            excerpt.as_str()
        );
        let plain = excerpt_with_media(&markdown, &body, &catalog());
        assert_eq!(plain.as_str().trim(), "<p>Text.</p>");
    }

    #[test]
    fn other_images_stay_as_they_are_and_a_forged_srcset_is_dropped() {
        let markdown = format!(
            "![x](https://example.org/a.png)\n\n<img src=\"/a.png\" srcset=\"javascript:alert(1) 1x\" loading=\"bogus\">\n\n![y](/media/{HASH}/unknown-item.webp)"
        );
        let html = render_with_media(&markdown, &MediaCatalog::new());
        let html = html.as_str();
        assert!(
            html.contains(r#"<img src="https://example.org/a.png" alt="x">"#),
            "{html}"
        );
        assert!(
            !html.contains("srcset") && !html.contains("bogus"),
            "{html}"
        );
    }

    #[test]
    fn the_library_items_a_text_uses_are_found_once_each() {
        let markdown = format!(
            "![a](/media/{HASH}/a.webp) [flyer](/media/abcdefabcdefabcdefab/f.pdf) ![b](/media/{HASH}/a-320.webp) ![c](/static/x.png)"
        );
        assert_eq!(
            media_hashes(&markdown),
            vec![HASH.to_owned(), "abcdefabcdefabcdefab".to_owned()]
        );
        assert_eq!(first_media_image(&markdown), Some(HASH.to_owned()));
        assert_eq!(
            first_media_image("[flyer](/media/abcdefabcdefabcdefab/f.pdf)"),
            None
        );
    }

    #[test]
    fn images_without_alt_text_are_named() {
        let markdown = "![](/media/a.webp) ![ok](/b.webp) ![ ](/c.webp)";
        assert_eq!(
            images_without_alt(markdown),
            vec!["/media/a.webp", "/c.webp"]
        );
    }

    #[test]
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(reading_minutes("short"), 1);
        assert_eq!(reading_minutes(&"word ".repeat(441)), 3);
    }

    #[test]
    fn library_items_in_html_count_as_uses_and_previews() {
        let html = format!(
            "<figure><img src=\"/media/{HASH}/praxis.webp\" width=\"640\" alt=\"x\"></figure>\n\n<p><a href=\"/media/abcdefabcdefabcdefab/f.pdf\">PDF</a> <img data-src=\"/media/bbbbbbbbbbbbbbbbbbbb/x.webp\"></p>"
        );
        assert_eq!(
            media_hashes(&html),
            vec![HASH.to_owned(), "abcdefabcdefabcdefab".to_owned()]
        );
        assert_eq!(first_media_image(&html), Some(HASH.to_owned()));
        let only_a_link = "<p><a href=\"/media/abcdefabcdefabcdefab/f.pdf\">PDF</a></p>";
        assert_eq!(first_media_image(only_a_link), None);
    }
}
