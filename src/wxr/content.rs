//! WordPress's stored HTML made into what Folio stores: block comments
//! removed, `[caption]` shortcodes made figures, loose text made paragraphs
//! (as WordPress's `wpautop` does on display), and comment HTML made plain
//! text with its links written out. Pure string work; sanitising happens after.

use crate::domain::markdown::MORE_MARKER;

/// Elements `wpautop` treats as blocks: never wrapped in a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "col",
    "colgroup",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "iframe",
    "legend",
    "li",
    "map",
    "math",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// A tag found in HTML text: where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TagAt {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Lowercase.
    pub(super) name: String,
    pub(super) closing: bool,
}

/// The next HTML tag (or comment, with the name `!--`) at or after `from`.
pub(super) fn next_tag(html: &str, from: usize) -> Option<TagAt> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = html.get(at..)?.find('<') {
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            let end = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |e| start + 4 + e + 3);
            return Some(TagAt {
                start,
                end,
                name: "!--".into(),
                closing: false,
            });
        }
        let mut name_start = start + 1;
        let closing = bytes.get(name_start) == Some(&b'/');
        if closing {
            name_start += 1;
        }
        let name_end = html[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |e| name_start + e);
        let after = bytes.get(name_end).copied();
        let looks_like_tag = name_end > name_start
            && bytes[name_start].is_ascii_alphabetic()
            && matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'));
        if looks_like_tag && let Some(close) = html[name_end..].find('>') {
            return Some(TagAt {
                start,
                end: name_end + close + 1,
                name: html[name_start..name_end].to_ascii_lowercase(),
                closing,
            });
        }
        at = start + 1;
    }
    None
}

/// Removes Gutenberg's `<!-- wp:... -->` / `<!-- /wp:... -->` comments and
/// turns WordPress's `<!--more-->` into Folio's marker.
fn without_block_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find("-->") else {
            rest = &rest[start..];
            break;
        };
        let comment = &rest[start..start + len + 3];
        let inner = comment[4..comment.len() - 3].trim();
        if inner == "more" || inner.starts_with("more ") {
            out.push_str(MORE_MARKER);
        } else if !(inner.starts_with("wp:") || inner.starts_with("/wp:")) {
            out.push_str(comment);
        }
        rest = &rest[start + len + 3..];
    }
    out.push_str(rest);
    out
}

/// `[caption ...]<img ...> Text[/caption]` → `<figure><img ...><figcaption>Text</figcaption></figure>`.
fn captions_as_figures(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("[caption") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let (Some(open_end), Some(close)) = (after.find(']'), after.find("[/caption]")) else {
            out.push_str(after);
            return out;
        };
        if open_end > close {
            out.push_str(&after[..close + 10]);
            rest = &after[close + 10..];
            continue;
        }
        let attributes = &after[..open_end];
        let inner = &after[open_end + 1..close];
        // The image (maybe inside a link) comes first; the rest is the caption.
        let media_end = media_end(inner);
        let (media, mut caption) = inner.split_at(media_end);
        let caption_attribute = attribute_value(attributes, "caption");
        if caption.trim().is_empty()
            && let Some(text) = &caption_attribute
        {
            caption = text;
        }
        out.push_str("<figure>");
        out.push_str(media.trim());
        if !caption.trim().is_empty() {
            out.push_str("<figcaption>");
            out.push_str(caption.trim());
            out.push_str("</figcaption>");
        }
        out.push_str("</figure>");
        rest = &after[close + 10..];
    }
    out.push_str(rest);
    out
}

/// Where the leading `<img>` (or `<a ...><img></a>`) of a caption ends.
fn media_end(inner: &str) -> usize {
    let mut at = 0;
    let mut depth_a = 0;
    while let Some(tag) = next_tag(inner, at) {
        if !inner[at..tag.start].trim().is_empty() {
            break;
        }
        at = tag.end;
        match (tag.name.as_str(), tag.closing) {
            ("a", false) => depth_a += 1,
            ("a", true) => depth_a -= 1,
            _ => {}
        }
        if depth_a <= 0 && (tag.name == "img" || tag.name == "a") {
            return at;
        }
    }
    at
}

fn attribute_value(attributes: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = attributes.find(&key)? + key.len();
    let end = attributes[start..].find('"')?;
    Some(attributes[start..start + end].to_owned())
}

/// Where the element opened by `open` ends (after its matching closing tag),
/// or the end of the text when it is never closed.
fn element_end(html: &str, open: &TagAt) -> usize {
    if open.name == "hr" || html[..open.end].ends_with("/>") {
        return open.end;
    }
    let mut depth = 1;
    let mut at = open.end;
    while let Some(tag) = next_tag(html, at) {
        at = tag.end;
        if tag.name == open.name {
            depth += if tag.closing { -1 } else { 1 };
            if depth == 0 {
                return at;
            }
        }
    }
    html.len()
}

/// Loose text → `<p>` per blank-line-separated paragraph, `<br>` per single
/// line break; block elements stay as they are. Blocks are separated by a
/// blank line and hold none inside (except `<pre>`), so that Markdown leaves
/// each one alone when the post is edited in Folio later.
fn autop(html: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut loose = String::new();
    let mut at = 0;
    while let Some(tag) = next_tag(html, at) {
        let is_block = !tag.closing && BLOCKS.contains(&tag.name.as_str());
        let is_marker = tag.name == "!--" && &html[tag.start..tag.end] == MORE_MARKER;
        if !is_block && !is_marker {
            loose.push_str(&html[at..tag.end]);
            at = tag.end;
            continue;
        }
        loose.push_str(&html[at..tag.start]);
        paragraphs_into(&mut blocks, &std::mem::take(&mut loose));
        let end = if is_marker {
            tag.end
        } else {
            element_end(html, &tag)
        };
        let element = &html[tag.start..end];
        if tag.name == "pre" {
            blocks.push(element.to_owned());
        } else {
            blocks.push(without_blank_lines(element));
        }
        at = end;
    }
    loose.push_str(&html[at..]);
    paragraphs_into(&mut blocks, &loose);
    blocks.join("\n\n")
}

fn without_blank_lines(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn paragraphs_into(blocks: &mut Vec<String>, loose: &str) {
    let mut paragraph: Vec<&str> = Vec::new();
    let mut flush = |paragraph: &mut Vec<&str>| {
        if !paragraph.is_empty() {
            blocks.push(format!("<p>{}</p>", paragraph.join("<br>\n")));
            paragraph.clear();
        }
    };
    for line in loose.lines() {
        if line.trim().is_empty() {
            flush(&mut paragraph);
        } else {
            paragraph.push(line.trim());
        }
    }
    flush(&mut paragraph);
}

/// A post's or page's stored WordPress HTML as Folio keeps it (before sanitising).
pub fn post_html(wordpress: &str) -> String {
    let normalised = wordpress.replace("\r\n", "\n").replace('\r', "\n");
    autop(&captions_as_figures(&without_block_comments(&normalised)))
}

/// Links to the old site's own pages (`href="https://old.example/2024/05/x/"`)
/// made Folio paths (`href="/2024/05/x/"`), so that they lead through the
/// redirects to the imported posts. Uploaded files (`/wp-content/`) stay on the old site.
pub fn site_links_made_relative(html: &str, site_urls: &[String]) -> String {
    let mut out = html.to_owned();
    for base in site_urls.iter().filter(|b| !b.is_empty()) {
        for quote in ['"', '\''] {
            let from = format!("href={quote}{base}/");
            let to = format!("href={quote}/");
            let kept = format!("href={quote}/wp-content/");
            let back = format!("href={quote}{base}/wp-content/");
            out = out.replace(&from, &to).replace(&kept, &back);
        }
    }
    out
}

/// A comment's stored HTML as plain text: what a reader saw, with every link
/// written out (`text (address)`), paragraphs as blank lines, scripts and styles gone.
pub fn comment_text(wordpress: &str) -> String {
    let html = wordpress.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    // The address of the link being read, and where its text starts in `out`.
    let mut link: Option<(String, usize)> = None;
    while let Some(tag) = next_tag(&html, at) {
        out.push_str(&decode_entities(&html[at..tag.start]));
        at = tag.end;
        match (tag.name.as_str(), tag.closing) {
            ("script" | "style", false) => {
                at = element_end(&html, &tag);
            }
            ("br", _) => out.push('\n'),
            ("p" | "blockquote" | "div" | "ul" | "ol" | "pre", _)
                if !out.is_empty() && !out.ends_with("\n\n") =>
            {
                out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
            }
            ("li", false) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("- ");
            }
            ("a", false) => {
                let href = attribute_value(&html[tag.start..tag.end], "href")
                    .or_else(|| {
                        attribute_value(&html[tag.start..tag.end].replace('\'', "\""), "href")
                    })
                    .map(|h| decode_entities(&h))
                    .unwrap_or_default();
                link = Some((href, out.len()));
            }
            ("a", true) => {
                if let Some((href, text_start)) = link.take() {
                    let text = out[text_start..].trim().to_owned();
                    let web = href.starts_with("http://") || href.starts_with("https://");
                    if web && text != href {
                        out.push_str(" (");
                        out.push_str(&href);
                        out.push(')');
                    }
                }
            }
            _ => {}
        }
    }
    out.push_str(&decode_entities(&html[at..]));
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// HTML's character references in text: numeric ones and the common named ones.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let decoded = rest
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| named_or_numeric(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_or_numeric(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_comments_go_and_the_more_marker_becomes_folios() {
        let html = post_html(
            "<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<p>Two</p>",
        );
        assert_eq!(html, "<p>One</p>\n\n<!-- more -->\n\n<p>Two</p>");
    }

    #[test]
    fn loose_text_becomes_paragraphs_with_line_breaks() {
        let html =
            post_html("First line\nsecond line\r\n\r\nNext <em>para</em>.\n<h2>Head</h2>\nAfter");
        assert_eq!(
            html,
            "<p>First line<br>\nsecond line</p>\n\n<p>Next <em>para</em>.</p>\n\n<h2>Head</h2>\n\n<p>After</p>"
        );
    }

    #[test]
    fn blank_lines_inside_a_block_are_dropped_but_pre_keeps_them() {
        let html = post_html("<ul>\n<li>a</li>\n\n<li>b</li></ul>\n\n<pre>x\n\n  y</pre>");
        assert_eq!(
            html,
            "<ul>\n<li>a</li>\n<li>b</li></ul>\n\n<pre>x\n\n  y</pre>"
        );
    }

    #[test]
    fn a_caption_shortcode_becomes_a_figure() {
        let html = post_html(
            r#"[caption id="attachment_5" align="alignright" width="300"]<img src="http://x/a.png" alt="A" /> Übung 1[/caption]"#,
        );
        assert_eq!(
            html,
            r#"<figure><img src="http://x/a.png" alt="A" /><figcaption>Übung 1</figcaption></figure>"#
        );
        let linked =
            post_html(r#"[caption width="1"]<a href="http://x/"><img src="i"></a>Cap[/caption]"#);
        assert!(
            linked.starts_with(r#"<figure><a href="http://x/"><img src="i"></a><figcaption>Cap"#),
            "{linked}"
        );
    }

    #[test]
    fn comment_html_becomes_the_visible_text_with_links_written_out() {
        assert_eq!(
            comment_text("Übung 3 hilft mir total! <b>Danke</b> für die Anleitung."),
            "Übung 3 hilft mir total! Danke für die Anleitung."
        );
        assert_eq!(
            comment_text(
                r#"Ergänzend: <a href="https://r.example/a?id=12&amp;x=1" rel="nofollow">Rückenschule</a> – gut."#
            ),
            "Ergänzend: Rückenschule (https://r.example/a?id=12&x=1) – gut."
        );
        assert_eq!(
            comment_text("Toller Beitrag!<script>alert('xss')</script> Weiter so."),
            "Toller Beitrag! Weiter so."
        );
        assert_eq!(
            comment_text("Tipp: 3 × täglich &amp; immer < 10 Minuten -> klappt."),
            "Tipp: 3 × täglich & immer < 10 Minuten -> klappt."
        );
        assert_eq!(
            comment_text("<p>One</p><p>Two<br>three</p>"),
            "One\n\nTwo\nthree"
        );
    }

    #[test]
    fn links_to_the_old_site_become_folio_paths_but_its_files_stay() {
        let html = site_links_made_relative(
            r#"<a href="http://old.example/2024/x/">x</a> <a href='http://old.example/?p=4'>p</a> <a href="http://old.example/wp-content/a.pdf">f</a> <img src="http://old.example/wp-content/i.png"> <a href="http://other.example/">o</a>"#,
            &["http://old.example".to_owned()],
        );
        assert_eq!(
            html,
            r#"<a href="/2024/x/">x</a> <a href='/?p=4'>p</a> <a href="http://old.example/wp-content/a.pdf">f</a> <img src="http://old.example/wp-content/i.png"> <a href="http://other.example/">o</a>"#
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("Kinder &amp; Jugendliche"),
            "Kinder & Jugendliche"
        );
        assert_eq!(
            decode_entities("a&#8230;b &#x41; &bogus; &"),
            "a…b A &bogus; &"
        );
    }
}
