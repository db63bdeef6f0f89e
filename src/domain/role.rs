//! Who may do what: the four roles an account can have and, in one table, the
//! permissions each role has. The admin routes name the permission they need
//! (`routes::admin::table`); the extractor that makes an `AdminUser` asks
//! [`Role::may`] and refuses everything else.

use serde::{Deserialize, Serialize};

use super::ids::AdminId;

/// An account's role. Every account made before roles existed is an `Admin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything.
    Admin,
    /// Posts, pages, media, comments and the log.
    Editor,
    /// Writes posts (their own) and uploads media; cannot publish.
    Author,
    /// The comment queue, replies and the log; nothing else.
    Moderator,
}

/// What a route or an action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Their own account: signing out, their name and address.
    OwnAccount,
    /// The queue: approve, spam, trash, edit, delete, reply.
    ModerateComments,
    /// The moderation log.
    ReadLog,
    /// Writing posts: an author only their own, and only while unpublished.
    WritePosts,
    /// Publishing, and changing anyone's posts (an editor's part of writing).
    PublishPosts,
    /// Static pages and the site navigation.
    ManagePages,
    /// The media library: looking, uploading, alternative text and titles.
    UseMedia,
    /// Deleting from the library (published posts may show what goes).
    DeleteMedia,
    /// Deleting a post from the trash for good (restoring is an editor's).
    EmptyTrash,
    ManageSettings,
    /// The outbox and the test email.
    ManageEmail,
    /// The WordPress import's summary.
    ImportExport,
    /// Lifting login locks.
    ManageLocks,
    /// Commenters' personal data: export and erasure.
    ManagePrivacy,
    /// Other accounts: inviting, roles, deactivating.
    ManageAccounts,
}

impl Permission {
    pub const ALL: [Permission; 15] = [
        Permission::OwnAccount,
        Permission::ModerateComments,
        Permission::ReadLog,
        Permission::WritePosts,
        Permission::PublishPosts,
        Permission::ManagePages,
        Permission::UseMedia,
        Permission::DeleteMedia,
        Permission::EmptyTrash,
        Permission::ManageSettings,
        Permission::ManageEmail,
        Permission::ImportExport,
        Permission::ManageLocks,
        Permission::ManagePrivacy,
        Permission::ManageAccounts,
    ];

    /// The table: which roles have this permission.
    pub const fn roles(self) -> &'static [Role] {
        use Role::{Admin, Author, Editor, Moderator};
        match self {
            Permission::OwnAccount => &[Admin, Editor, Author, Moderator],
            Permission::ModerateComments => &[Admin, Editor, Moderator],
            Permission::ReadLog => &[Admin, Editor, Moderator],
            Permission::WritePosts => &[Admin, Editor, Author],
            Permission::PublishPosts => &[Admin, Editor],
            Permission::ManagePages => &[Admin, Editor],
            Permission::UseMedia => &[Admin, Editor, Author],
            Permission::DeleteMedia => &[Admin, Editor],
            Permission::EmptyTrash
            | Permission::ManageSettings
            | Permission::ManageEmail
            | Permission::ImportExport
            | Permission::ManageLocks
            | Permission::ManagePrivacy
            | Permission::ManageAccounts => &[Admin],
        }
    }
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Author, Role::Moderator];

    pub fn may(self, permission: Permission) -> bool {
        permission.roles().contains(&self)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Author => "author",
            Role::Moderator => "moderator",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    /// Where this role lands after signing in: the first section of its menu.
    pub fn home(self) -> &'static str {
        self.sections()
            .first()
            .map_or(Section::Account.path(), |s| s.path())
    }

    /// The admin navigation's sections this role may use, in the menu's order.
    pub fn sections(self) -> Vec<Section> {
        Section::ALL
            .into_iter()
            .filter(|s| self.may(s.permission()))
            .collect()
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entry of the admin navigation, and what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Comments,
    Posts,
    Pages,
    Media,
    Trash,
    Settings,
    Privacy,
    Log,
    Email,
    Import,
    Accounts,
    Account,
}

impl Section {
    pub const ALL: [Section; 12] = [
        Section::Comments,
        Section::Posts,
        Section::Pages,
        Section::Media,
        Section::Trash,
        Section::Settings,
        Section::Privacy,
        Section::Log,
        Section::Email,
        Section::Import,
        Section::Accounts,
        Section::Account,
    ];

    pub fn permission(self) -> Permission {
        match self {
            Section::Comments => Permission::ModerateComments,
            Section::Posts => Permission::WritePosts,
            Section::Pages => Permission::ManagePages,
            Section::Media => Permission::UseMedia,
            // Restoring or deleting anyone's post for good: an editor's part.
            Section::Trash => Permission::PublishPosts,
            Section::Settings => Permission::ManageSettings,
            Section::Privacy => Permission::ManagePrivacy,
            Section::Log => Permission::ReadLog,
            Section::Email => Permission::ManageEmail,
            Section::Import => Permission::ImportExport,
            Section::Accounts => Permission::ManageAccounts,
            Section::Account => Permission::OwnAccount,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Section::Comments => "/admin/comments",
            Section::Posts => "/admin/posts",
            Section::Pages => "/admin/pages",
            Section::Media => "/admin/media",
            Section::Trash => "/admin/trash",
            Section::Settings => "/admin/settings",
            Section::Privacy => "/admin/privacy",
            Section::Log => "/admin/log",
            Section::Email => "/admin/email",
            Section::Import => "/admin/import",
            Section::Accounts => "/admin/accounts",
            Section::Account => "/admin/account",
        }
    }
}

/// A post as the rule below needs it: who wrote it and whether readers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostShape {
    pub author_id: Option<AdminId>,
    pub published: bool,
}

/// Whether an account may change a post (open it in the editor, save, delete):
/// editors and admins any post; an author only their own, and only while it is
/// not published (changing a published post would publish the change).
pub fn may_change_post(role: Role, account_id: AdminId, post: PostShape) -> bool {
    if role.may(Permission::PublishPosts) {
        return true;
    }
    role.may(Permission::WritePosts) && post.author_id == Some(account_id) && !post.published
}

/// What saving a post does to its place in the list of posts waiting for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Stays where it is (an editor's draft save leaves a waiting post waiting).
    Keep,
    /// Waits for review from now (an author pressed "Submit for review").
    Submit,
    /// No longer waits: published, or back to a plain draft by its author.
    Withdraw,
}

/// What a save by `role` does to the review list, or `None` when the role may
/// not save the post so (an author publishing): refused, nothing changes.
pub fn review_on_save(role: Role, published: bool, for_review: bool) -> Option<Review> {
    let may_publish = role.may(Permission::PublishPosts);
    match (published, for_review) {
        (true, _) if !may_publish => None,
        (true, _) => Some(Review::Withdraw),
        (false, true) => Some(Review::Submit),
        (false, false) if may_publish => Some(Review::Keep),
        (false, false) => Some(Review::Withdraw),
    }
}

/// A change to an account's role or state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChange {
    /// A new role.
    Role(Role),
    Deactivate,
    Reactivate,
}

/// The site must keep one active admin: the last one can be neither demoted nor
/// deactivated. `other_active_admins` counts the active admins besides this account.
pub fn keeps_an_admin(
    current: Role,
    active: bool,
    change: AccountChange,
    other_active_admins: i64,
) -> bool {
    let loses_an_admin = current == Role::Admin
        && active
        && match change {
            AccountChange::Role(role) => role != Role::Admin,
            AccountChange::Deactivate => true,
            AccountChange::Reactivate => false,
        };
    !loses_an_admin || other_active_admins > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission as P;
    use Role::{Admin, Author, Editor, Moderator};

    /// The table as SPEC.md words it, one row per permission: admin, editor, author, moderator.
    const EXPECTED: [(Permission, [bool; 4]); 15] = [
        (P::OwnAccount, [true, true, true, true]),
        (P::ModerateComments, [true, true, false, true]),
        (P::ReadLog, [true, true, false, true]),
        (P::WritePosts, [true, true, true, false]),
        (P::PublishPosts, [true, true, false, false]),
        (P::ManagePages, [true, true, false, false]),
        (P::UseMedia, [true, true, true, false]),
        (P::DeleteMedia, [true, true, false, false]),
        (P::EmptyTrash, [true, false, false, false]),
        (P::ManageSettings, [true, false, false, false]),
        (P::ManageEmail, [true, false, false, false]),
        (P::ImportExport, [true, false, false, false]),
        (P::ManageLocks, [true, false, false, false]),
        (P::ManagePrivacy, [true, false, false, false]),
        (P::ManageAccounts, [true, false, false, false]),
    ];

    #[test]
    fn each_role_has_exactly_the_permissions_of_the_table() {
        assert_eq!(EXPECTED.len(), Permission::ALL.len());
        for (permission, allowed) in EXPECTED {
            for (role, expected) in Role::ALL.into_iter().zip(allowed) {
                assert_eq!(role.may(permission), expected, "{role} {permission:?}");
            }
        }
    }

    #[test]
    fn an_admin_may_do_everything_and_a_moderator_only_comments_log_and_account() {
        assert!(Permission::ALL.into_iter().all(|p| Admin.may(p)));
        let moderator: Vec<Permission> = Permission::ALL
            .into_iter()
            .filter(|p| Moderator.may(*p))
            .collect();
        assert_eq!(moderator, [P::OwnAccount, P::ModerateComments, P::ReadLog]);
    }

    #[test]
    fn roles_are_read_and_written_by_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse(" editor "), Some(Editor));
        assert_eq!(Role::parse("Admin"), None);
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn each_role_sees_only_the_sections_it_may_use_and_lands_on_one() {
        assert_eq!(Admin.sections(), Section::ALL.to_vec());
        assert_eq!(
            Moderator.sections(),
            [Section::Comments, Section::Log, Section::Account]
        );
        assert_eq!(
            Author.sections(),
            [Section::Posts, Section::Media, Section::Account]
        );
        assert!(!Editor.sections().contains(&Section::Settings));
        assert_eq!(Admin.home(), "/admin/comments");
        assert_eq!(Editor.home(), "/admin/comments");
        assert_eq!(Moderator.home(), "/admin/comments");
        assert_eq!(Author.home(), "/admin/posts");
    }

    #[test]
    fn an_author_changes_only_their_own_unpublished_posts() {
        let me = AdminId::new(7);
        let own_draft = PostShape {
            author_id: Some(AdminId::new(7)),
            published: false,
        };
        let own_published = PostShape {
            published: true,
            ..own_draft
        };
        let others = PostShape {
            author_id: Some(AdminId::new(8)),
            published: false,
        };
        let nobodys = PostShape {
            author_id: None,
            published: false,
        };
        assert!(may_change_post(Author, me, own_draft));
        assert!(!may_change_post(Author, me, own_published));
        assert!(!may_change_post(Author, me, others));
        assert!(!may_change_post(Author, me, nobodys));
        for role in [Admin, Editor] {
            for post in [own_draft, own_published, others, nobodys] {
                assert!(may_change_post(role, me, post));
            }
        }
        assert!(!may_change_post(Moderator, me, own_draft));
    }

    #[test]
    fn an_author_submits_for_review_and_only_editors_and_admins_publish() {
        assert_eq!(review_on_save(Author, true, false), None);
        assert_eq!(review_on_save(Author, false, true), Some(Review::Submit));
        assert_eq!(review_on_save(Author, false, false), Some(Review::Withdraw));
        for role in [Admin, Editor] {
            assert_eq!(review_on_save(role, true, false), Some(Review::Withdraw));
            assert_eq!(review_on_save(role, false, false), Some(Review::Keep));
        }
        assert_eq!(review_on_save(Moderator, true, false), None);
    }

    #[test]
    fn the_last_active_admin_is_neither_demoted_nor_deactivated() {
        use AccountChange::{Deactivate, Reactivate};
        assert!(!keeps_an_admin(Admin, true, AccountChange::Role(Editor), 0));
        assert!(!keeps_an_admin(Admin, true, Deactivate, 0));
        assert!(keeps_an_admin(Admin, true, AccountChange::Role(Admin), 0));
        assert!(keeps_an_admin(Admin, true, AccountChange::Role(Editor), 1));
        assert!(keeps_an_admin(Admin, true, Deactivate, 1));
        // A deactivated admin is not one of the active ones.
        assert!(keeps_an_admin(Admin, false, AccountChange::Role(Author), 0));
        assert!(keeps_an_admin(Editor, true, Deactivate, 0));
        assert!(keeps_an_admin(Admin, false, Reactivate, 0));
    }
}
