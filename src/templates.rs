//! The page templates, embedded in the binary so Folio runs from any working directory.

use tera::Tera;

use crate::i18n::{self, Language};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = &embedded![
    "base.html",
    "admin/account.html",
    "admin/comments.html",
    "admin/confirm_delete.html",
    "admin/confirm_delete_post.html",
    "admin/confirm_erase.html",
    "admin/edit_comment.html",
    "admin/email.html",
    "admin/import.html",
    "admin/layout.html",
    "admin/locks.html",
    "admin/log.html",
    "admin/login.html",
    "admin/pages.html",
    "admin/post_editor.html",
    "admin/post_preview.html",
    "admin/posts.html",
    "admin/privacy.html",
    "admin/reply.html",
    "admin/send_again.html",
    "admin/settings.html",
    "blog/home.html",
    "email/link.html",
    "blog/post.html",
    "blog/tag.html",
    "errors/error.html",
    "feeds/atom.xml",
    "feeds/sitemap.xml",
    "partials/comment.html",
    "partials/comment_form.html",
    "partials/page_meta.html",
    "partials/post_summary.html",
];

/// Every template whose name ends so is auto-escaped: all of them, the XML feeds included.
const AUTOESCAPED: [&str; 2] = [".html", ".xml"];

/// The site's templates, parsed once at start-up.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// `name` rendered with `context`.
    pub fn render(&self, name: &str, context: &tera::Context) -> tera::Result<String> {
        self.tera.render(name, context)
    }
}

/// Parses every template once, at start-up.
pub fn load(language: Language) -> tera::Result<Templates> {
    let mut tera = Tera::default();
    i18n::register(&mut tera, language);
    tera.autoescape_on(AUTOESCAPED.to_vec());
    tera.add_raw_templates(TEMPLATES.iter().copied())?;
    Ok(Templates { tera })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_parses() {
        super::load(crate::i18n::Language::new("en")).expect("templates parse");
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
    fn values_in_xml_templates_are_escaped() {
        let mut tera = super::load(crate::i18n::Language::new("en")).unwrap().tera;
        tera.add_raw_template("probe.xml", "<t>{{ v }}</t>")
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("v", "<b>&\"");
        assert_eq!(
            tera.render("probe.xml", &context).unwrap(),
            "<t>&lt;b&gt;&amp;&quot;</t>"
        );
    }
}
