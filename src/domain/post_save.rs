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
        SlugChoice::FromTitle(wanted) => Ok(free_slug(wanted, kind, facts)),
    }
}

/// `wanted`, or the first of `wanted-2`, `wanted-3`… that no other post has
/// (as its slug or an old one) and, for a page, no reserved or imported address.
pub fn free_slug(wanted: &Slug, kind: Kind, facts: &SlugFacts) -> String {
    let taken = |s: &str| {
        facts.in_use.contains(s)
            || kind == Kind::Page && (page::is_reserved(s) || facts.imported_elsewhere.contains(s))
    };
    slug::unique(wanted, taken).into_string()
}

/// Whether an edit opened at `opened_revision` (`None` saves over
/// whatever is there) would overwrite a save made since (`current`).
pub fn stale_edit(opened_revision: Option<i64>, current: i64) -> bool {
    opened_revision.is_some_and(|opened| opened != current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::slug::Spelling;

    /// How a slug is asked for in a case: typed (taking an old address or
    /// not), or made from the title.
    #[derive(Clone, Copy)]
    enum Ask {
        Typed { take_old_address: bool },
        FromTitle,
    }

    /// What the rules answer to `ask` for `wanted` on `kind`, given what is in use.
    fn answer(ask: Ask, wanted: &str, kind: Kind, facts: &SlugFacts) -> Result<String, Refusal> {
        let wanted = Slug::from_typed(wanted, Spelling::Plain).unwrap();
        let choice = match ask {
            Ask::Typed { take_old_address } => SlugChoice::Typed {
                slug: &wanted,
                take_old_address,
            },
            Ask::FromTitle => SlugChoice::FromTitle(&wanted),
        };
        slug_to_save(choice, kind, facts)
    }

    fn facts(in_use: &[&str], imported: &[&str], holder: &str, old_owner: &str) -> SlugFacts {
        let named = |name: &str| (!name.is_empty()).then(|| name.to_owned());
        SlugFacts {
            in_use: in_use.iter().map(|s| (*s).to_owned()).collect(),
            imported_elsewhere: imported.iter().map(|s| (*s).to_owned()).collect(),
            holder: named(holder),
            old_owner: named(old_owner),
        }
    }

    /// The answer in a few words: `ok slug`, or the refusal and whose.
    fn said(answer: Result<String, Refusal>) -> String {
        match answer {
            Ok(slug) => format!("ok {slug}"),
            Err(Refusal::SlugTaken { by }) => format!("taken by {by}"),
            Err(Refusal::SlugIsOldAddress { of }) => format!("old address of {of}"),
            Err(Refusal::SlugIsImportedAddress { slug }) => format!("imported {slug}"),
            Err(Refusal::SlugReserved { slug }) => format!("reserved {slug}"),
            Err(other) => format!("{other:?}"),
        }
    }

    #[test]
    fn each_slug_rule_decides_as_the_editor_expects() {
        let typed = Ask::Typed {
            take_old_address: false,
        };
        let yes = Ask::Typed {
            take_old_address: true,
        };
        let (post, page, title) = (Kind::Post, Kind::Page, Ask::FromTitle);
        let none = || facts(&[], &[], "", "");
        // One line a case: how it is asked, what for, what is in the way, the answer.
        #[rustfmt::skip]
        let cases = [
            // Typed: taken as it is unless another post has it or had it last.
            (typed, "hello-2", post, facts(&["hello-2"], &[], "", ""), "ok hello-2"),
            (yes, "hello", post, facts(&[], &[], "Hello", ""), "taken by Hello"),
            (typed, "hello", post, facts(&[], &[], "", "Ren"), "old address of Ren"),
            (yes, "hello", post, facts(&[], &[], "", "Ren"), "ok hello"),
            // A page keeps off routes and imported addresses; a post need not.
            (typed, "admin", page, none(), "reserved admin"),
            (typed, "admin", post, none(), "ok admin"),
            (typed, "about", page, facts(&[], &["about"], "", ""), "imported about"),
            // From the title: past every slug in use, and a page past routes too.
            (title, "about", page, facts(&[], &["about"], "", ""), "ok about-2"),
            (title, "admin", page, none(), "ok admin-2"),
            (title, "hello", post, facts(&["hello", "hello-2"], &[], "", ""), "ok hello-3"),
        ];
        for (ask, wanted, kind, facts, expected) in cases {
            let answer = said(answer(ask, wanted, kind, &facts));
            assert_eq!(answer, expected, "{wanted} {kind:?}");
        }
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
