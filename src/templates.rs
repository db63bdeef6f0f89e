//! The page templates, embedded in the binary so Folio runs from any working directory.

use tera::Tera;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = &embedded![
    "base.html",
    "admin/comments.html",
    "admin/confirm_delete.html",
    "admin/edit_comment.html",
    "admin/layout.html",
    "admin/log.html",
    "admin/login.html",
    "admin/reply.html",
    "blog/home.html",
    "blog/post.html",
    "errors/error.html",
    "partials/comment.html",
    "partials/comment_form.html",
];

/// Parses every template once, at start-up; `.html` names are auto-escaped.
pub fn load() -> tera::Result<Tera> {
    let mut tera = Tera::default();
    tera.add_raw_templates(TEMPLATES.iter().copied())?;
    Ok(tera)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_parses() {
        super::load().expect("templates parse");
    }
}
