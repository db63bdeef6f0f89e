//! Saving a post from the editor, in the shape comment intake has: the rules
//! here decide which slug it is saved under, or why it is not saved
//! ([`slug_to_save`], [`stale_edit`]); the store (`db::posts::write`) looks
//! up the facts they need ([`SlugFacts`]) in the very transaction that
//! writes, so nothing can change between the decision and the write, and
//! answers with a [`Fate`].

use std::collections::HashSet;

use super::form::FieldErrors;
use super::ids::PostId;
use super::message::{Message, msg};
use super::page;
use super::post::Kind;
use super::slug::{self, Slug};

/// Which slug to save with: one the author typed (no other post may have it,
/// and another post's old address only when `take_old_address`), or one made
/// from the title (made free with a suffix).
#[derive(Debug, Clone, Copy)]
pub enum SlugChoice<'a> {
    Typed {
        slug: &'a Slug,
        take_old_address: bool,
    },
    FromTitle(&'a Slug),
}

impl SlugChoice<'_> {
    /// The slug asked for, typed or made from the title.
    pub fn wanted(&self) -> &Slug {
        match self {
            Self::Typed { slug, .. } => slug,
            Self::FromTitle(slug) => slug,
        }
    }
}

/// What the store found about the slugs a save could take, in its transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlugFacts {
    /// Every slug, current or old, of another post that shares the wanted
    /// slug's stem (`Slug::kept_stem`): old slugs count as taken, so that a
    /// new post never breaks another post's redirect.
    pub in_use: HashSet<String>,
    /// Imported old addresses `/{slug}` starting with the wanted slug that
    /// lead somewhere else: a page there would hide the redirect.
    pub imported_elsewhere: HashSet<String>,
    /// The title of another post whose slug is the wanted one.
    pub holder: Option<String>,
    /// The title of the post that had the wanted slug last, if it is an old
    /// address of another post.
    pub old_owner: Option<String>,
}

/// Why a post was not saved; the editor shows the form again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The typed slug belongs to another post (its title given).
    SlugTaken {
        by: String,
    },
    /// The typed slug is an old address of another post (its title given),
    /// which would stop redirecting there.
    SlugIsOldAddress {
        of: String,
    },
    /// A page may not take `/{slug}` while an imported old address there
    /// leads somewhere else (it would stop doing so).
    SlugIsImportedAddress {
        slug: String,
    },
    /// A page may not take a slug a route owns (see `page::RESERVED_SLUGS`).
    SlugReserved {
        slug: String,
    },
    /// The post was saved again since the editor was opened.
    Conflict,
    NotFound,
}

impl Refusal {
    /// The messages next to the editor's fields that say why.
    pub fn field_errors(&self) -> FieldErrors {
        match self {
            Self::SlugTaken { by } => FieldErrors::from([(
                "slug",
                Message::new(msg::POST_SLUG_TAKEN).with("title", by.as_str()),
            )]),
            Self::SlugIsOldAddress { of } => FieldErrors::from([
                (
                    "slug",
                    Message::new(msg::POST_SLUG_OLD_ADDRESS).with("title", of.as_str()),
                ),
                (
                    "take_old_address",
                    Message::new(msg::POST_SLUG_TAKE_OLD_ADDRESS).with("title", of.as_str()),
                ),
            ]),
            Self::SlugReserved { slug } => {
                FieldErrors::from([("slug", page::reserved_message(slug))])
            }
            Self::SlugIsImportedAddress { slug } => {
                FieldErrors::from([("slug", page::imported_address_message(slug))])
            }
            Self::Conflict | Self::NotFound => FieldErrors::new(),
        }
    }
}

/// What became of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    Saved { id: PostId, slug: String },
    Refused(Refusal),
}

/// The slug to save with, or why the typed one cannot be.
pub fn slug_to_save(
    choice: SlugChoice<'_>,
    kind: Kind,
    facts: &SlugFacts,
) -> Result<String, Refusal> {
    let page_may_not = |s: &str| {
        kind == Kind::Page && (page::is_reserved(s) || facts.imported_elsewhere.contains(s))
    };
    match choice {
        SlugChoice::Typed {
            slug,
            take_old_address,
        } => {
            let slug = slug.as_str().to_owned();
            if kind == Kind::Page && page::is_reserved(&slug) {
                return Err(Refusal::SlugReserved { slug });
            }
            if page_may_not(&slug) {
                return Err(Refusal::SlugIsImportedAddress { slug });
            }
            if let Some(by) = &facts.holder {
                return Err(Refusal::SlugTaken { by: by.clone() });
            }
            match &facts.old_owner {
                Some(of) if !take_old_address => Err(Refusal::SlugIsOldAddress { of: of.clone() }),
                _ => Ok(slug),
            }
        }
        SlugChoice::FromTitle(wanted) => {
            let taken = |s: &str| facts.in_use.contains(s) || page_may_not(s);
            Ok(slug::unique(wanted, taken).into_string())
        }
    }
}

/// Whether an edit opened at `opened_revision` (`None` saves over
/// whatever is there) would overwrite a save made since (`current`).
pub fn stale_edit(opened_revision: Option<i64>, current: i64) -> bool {
    opened_revision.is_some_and(|opened| opened != current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(slug: &Slug, take_old_address: bool) -> SlugChoice<'_> {
        SlugChoice::Typed {
            slug,
            take_old_address,
        }
    }

    fn slug(raw: &str) -> Slug {
        Slug::from_typed(raw, crate::domain::slug::Spelling::Plain).unwrap()
    }

    #[test]
    fn a_typed_slug_is_taken_as_it_is_when_nothing_is_in_its_way() {
        let facts = SlugFacts {
            in_use: HashSet::from(["hello-2".to_owned()]),
            ..SlugFacts::default()
        };
        let wanted = slug("hello-2");
        assert_eq!(
            slug_to_save(typed(&wanted, false), Kind::Post, &facts),
            Ok("hello-2".into())
        );
    }

    #[test]
    fn a_typed_slug_of_another_post_is_refused_and_an_old_address_needs_a_yes() {
        let wanted = slug("hello");
        let held = SlugFacts {
            holder: Some("Hello".into()),
            ..SlugFacts::default()
        };
        assert_eq!(
            slug_to_save(typed(&wanted, true), Kind::Post, &held),
            Err(Refusal::SlugTaken { by: "Hello".into() })
        );
        let old = SlugFacts {
            old_owner: Some("Renamed".into()),
            ..SlugFacts::default()
        };
        assert_eq!(
            slug_to_save(typed(&wanted, false), Kind::Post, &old),
            Err(Refusal::SlugIsOldAddress {
                of: "Renamed".into()
            })
        );
        assert_eq!(
            slug_to_save(typed(&wanted, true), Kind::Post, &old),
            Ok("hello".into())
        );
    }

    #[test]
    fn a_page_keeps_off_routes_and_imported_addresses_a_post_need_not() {
        let admin = slug("admin");
        let none = SlugFacts::default();
        assert_eq!(
            slug_to_save(typed(&admin, false), Kind::Page, &none),
            Err(Refusal::SlugReserved {
                slug: "admin".into()
            })
        );
        assert_eq!(
            slug_to_save(typed(&admin, false), Kind::Post, &none),
            Ok("admin".into())
        );
        let imported = SlugFacts {
            imported_elsewhere: HashSet::from(["about".to_owned()]),
            ..SlugFacts::default()
        };
        let about = slug("about");
        assert_eq!(
            slug_to_save(typed(&about, false), Kind::Page, &imported),
            Err(Refusal::SlugIsImportedAddress {
                slug: "about".into()
            })
        );
        assert_eq!(
            slug_to_save(SlugChoice::FromTitle(&about), Kind::Page, &imported),
            Ok("about-2".into())
        );
        assert_eq!(
            slug_to_save(SlugChoice::FromTitle(&admin), Kind::Page, &none),
            Ok("admin-2".into())
        );
    }

    #[test]
    fn a_slug_from_the_title_steps_past_every_slug_in_use() {
        let facts = SlugFacts {
            in_use: HashSet::from(["hello".to_owned(), "hello-2".to_owned()]),
            ..SlugFacts::default()
        };
        let wanted = slug("hello");
        assert_eq!(
            slug_to_save(SlugChoice::FromTitle(&wanted), Kind::Post, &facts),
            Ok("hello-3".into())
        );
    }

    #[test]
    fn an_edit_opened_before_another_save_is_stale() {
        assert!(stale_edit(Some(3), 4));
        assert!(!stale_edit(Some(4), 4));
        assert!(!stale_edit(None, 4));
    }

    #[test]
    fn a_refused_slug_is_explained_next_to_the_slug_field() {
        let errors = Refusal::SlugIsOldAddress { of: "Old".into() }.field_errors();
        assert_eq!(errors["slug"].id, "post-slug-old-address");
        assert!(errors.contains_key("take_old_address"));
        assert!(Refusal::Conflict.field_errors().is_empty());
    }
}
