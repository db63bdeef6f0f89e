//! The page templates, embedded in the binary so Folio runs from any working directory.

use tera::Tera;

use crate::i18n::{self, Language};

/// `(name, text)` of each template named, read from `templates/{folder}` at build time.
macro_rules! embedded {
    ($folder:literal: $($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $folder, $name)))),*]
    };
}
pub(crate) use embedded;

const TEMPLATES: &[(&str, &str)] = &embedded![
    "":
    "base.html",
    "admin/account.html",
    "admin/accounts.html",
    "admin/comments.html",
    "admin/confirm_delete.html",
    "admin/confirm_trash_post.html",
    "admin/confirm_erase.html",
    "admin/edit_comment.html",
    "admin/email.html",
    "admin/import.html",
    "admin/invitation.html",
    "admin/layout.html",
    "admin/locks.html",
    "admin/log.html",
    "admin/login.html",
    "admin/login_code.html",
    "admin/media.html",
    "admin/media_delete.html",
    "admin/media_item.html",
    "admin/pages.html",
    "admin/post_editor.html",
    "admin/post_preview.html",
    "admin/posts.html",
    "admin/privacy.html",
    "admin/recovery_codes.html",
    "admin/reply.html",
    "admin/send_again.html",
    "admin/settings.html",
    "admin/trash.html",
    "admin/trash_delete.html",
    "admin/totp_setup.html",
    "blog/home.html",
    "email/link.html",
    "blog/post.html",
    "blog/search.html",
    "blog/tag.html",
    "errors/error.html",
    "feeds/atom.xml",
    "feeds/sitemap.xml",
    "feeds/sitemap_index.xml",
    "partials/comment.html",
    "partials/comment_form.html",
    "partials/page_meta.html",
    "partials/pager.html",
    "partials/post_summary.html",
];

/// Every template whose name ends so is auto-escaped: all of them, the XML feeds included.
const AUTOESCAPED: [&str; 2] = [".html", ".xml"];

/// The site's templates, parsed once at start-up: HTML pages escaped for
/// HTML, the feeds and the sitemap (`.xml`) for XML.
pub struct Templates {
    html: Tera,
    xml: Tera,
}

impl Templates {
    /// `name` rendered with `context`.
    pub fn render(&self, name: &str, context: &tera::Context) -> tera::Result<String> {
        if name.ends_with(".xml") {
            self.xml.render(name, context)
        } else {
            self.html.render(name, context)
        }
    }
}

/// XML's escaping: the five characters XML gives a meaning, and nothing else
/// (HTML's escaping writes `/` as `&#x2F;`, which tools that read sitemaps
/// and feeds as text do not expect).
fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c => escaped.push(c),
        }
    }
    escaped
}

fn parsed(
    language: &Language,
    suffix: &str,
    escape: Option<fn(&str) -> String>,
) -> tera::Result<Tera> {
    let mut tera = Tera::default();
    i18n::register(&mut tera, language.clone());
    tera.autoescape_on(AUTOESCAPED.to_vec());
    if let Some(escape) = escape {
        tera.set_escape_fn(escape);
    }
    let ours = TEMPLATES.iter().filter(|(name, _)| name.ends_with(suffix));
    tera.add_raw_templates(ours.copied())?;
    Ok(tera)
}

/// Parses every template once, at start-up.
pub fn load(language: Language) -> tera::Result<Templates> {
    Ok(Templates {
        html: parsed(&language, ".html", None)?,
        xml: parsed(&language, ".xml", Some(escape_xml))?,
    })
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Language, probe};

    #[test]
    fn every_template_parses() {
        super::load(Language::new("en")).expect("templates parse");
    }

    #[test]
    fn every_template_is_auto_escaped() {
        for (name, _) in super::TEMPLATES {
            assert!(
                super::AUTOESCAPED
                    .iter()
                    .any(|suffix| name.ends_with(suffix)),
                "{name} would not be escaped"
            );
        }
    }

    #[test]
    fn xml_templates_escape_for_xml_and_html_templates_for_html() {
        let super::Templates { mut xml, mut html } = super::load(Language::new("en")).unwrap();
        let marks = probe(&mut xml, "marks.xml", "<t>{{ v }}</t>", "<b>&\"");
        let url = "https://x.example/a?b=1&c='2'";
        let in_xml = probe(&mut xml, "url.xml", "<t a='{{ v }}'>{{ v }}</t>", url);
        let in_html = probe(&mut html, "url.html", "<p>{{ v }}</p>", url);
        assert_eq!(marks, "<t>&lt;b&gt;&amp;&quot;</t>");
        let escaped = "https://x.example/a?b=1&amp;c=&apos;2&apos;";
        assert_eq!(in_xml, format!("<t a='{escaped}'>{escaped}</t>"));
        assert!(in_html.contains("&#x2F;"), "{in_html}");
    }
}
