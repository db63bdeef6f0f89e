//! Everything under `/admin`: behind a login, never cached, every POST
//! CSRF-checked, and every route in one table with what it needs.

pub mod account;
pub mod accounts;
pub mod comment_actions;
pub mod comment_edit;
pub mod devices;
pub mod email;
pub mod import;
pub mod invitation;
pub mod layout;
pub mod locks;
pub mod login;
pub mod media;
pub mod moderation_log;
pub mod navigation;
pub mod passkeys;
pub mod posts;
pub mod privacy;
pub mod queue;
pub mod settings;
pub mod trash;
pub mod two_factor;

use actix_web::dev::Handler;
use actix_web::http::{Method, header};
use actix_web::middleware::DefaultHeaders;
use actix_web::{FromRequest, HttpResponse, Responder, web};

use crate::auth::session::guarded;
use crate::auth::{Access, AdminUser};
use crate::domain::post::Kind;
use crate::domain::role::Permission;
use crate::error::{AppError, Result};
use crate::respond;

/// Admin forms may carry a long post; the comment form's limit is far smaller.
const MAX_ADMIN_FORM_BYTES: usize = 8 * 1024 * 1024;

/// One admin route: its method, its path (under its group's prefix), who may
/// use it, and its handler.
pub struct AdminRoute {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    route: actix_web::Route,
}

/// Routes under one prefix of `/admin` (the empty one: right under it); the
/// posts and pages groups also say which kind their (shared) handlers serve.
pub struct Group {
    pub prefix: &'static str,
    kind: Option<Kind>,
    pub routes: Vec<AdminRoute>,
}

fn route<F, Args>(method: Method, path: &'static str, access: Access, handler: F) -> AdminRoute
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let route = web::method(method.clone()).to(handler);
    AdminRoute {
        method,
        path,
        access,
        route,
    }
}

/// Every admin route and what it needs. `/admin` is built from this table
/// alone (see `configure`), each route carrying its `Access`; the
/// `AdminUser` extractor refuses a request whose route names no permission
/// its role has, so a route missing here is refused to everyone, and
/// `tests/api/roles.rs` walks this very table with every role.
pub fn table() -> Vec<Group> {
    let right_under_admin = [
        signing_in(),
        comments(),
        people(),
        locks_and_privacy(),
        running_the_site(),
    ]
    .into_iter()
    .flatten()
    .collect();
    vec![
        Group {
            prefix: "",
            kind: None,
            routes: right_under_admin,
        },
        writing("/posts", Kind::Post, Permission::WritePosts),
        {
            let mut static_pages = writing("/pages", Kind::Page, Permission::ManagePages);
            static_pages.routes.push(route(
                Method::POST,
                "/navigation",
                Access::Needs(Permission::ManagePages),
                navigation::save_navigation,
            ));
            static_pages
        },
        Group {
            prefix: "/media",
            kind: None,
            routes: media(),
        },
        Group {
            prefix: "/trash",
            kind: None,
            routes: trash::routes(),
        },
    ]
}

/// Signing in and out, invitations, one's own account.
fn signing_in() -> Vec<AdminRoute> {
    use Access::Public;
    use Method as M;
    let own = Access::Needs(Permission::OwnAccount);
    vec![
        route(M::GET, "", own, home),
        route(M::GET, "/", own, home),
        route(M::GET, "/login", Public, login::show),
        route(M::POST, "/login", Public, login::submit),
        route(M::GET, "/login/code", Public, login::show_code),
        route(M::POST, "/login/code", Public, login::submit_code),
        route(
            M::POST,
            "/login/passkey/options",
            Public,
            login::passkey_options,
        ),
        route(M::POST, "/login/passkey", Public, login::passkey_submit),
        route(M::POST, "/logout", own, login::logout),
        route(M::GET, "/invite/{token}", Public, invitation::show),
        route(M::POST, "/invite/{token}", Public, invitation::accept),
        route(M::GET, "/account", own, account::show),
        route(M::POST, "/account", own, account::save),
        route(M::POST, "/account/totp", own, two_factor::begin),
        route(M::GET, "/account/totp", own, two_factor::show),
        route(M::POST, "/account/totp/confirm", own, two_factor::confirm),
        route(M::POST, "/account/totp/remove", own, two_factor::remove),
        route(
            M::POST,
            "/account/recovery-codes",
            own,
            two_factor::new_recovery_codes,
        ),
        route(M::POST, "/account/passkeys/options", own, passkeys::options),
        route(M::POST, "/account/passkeys", own, passkeys::add),
        route(
            M::POST,
            "/account/passkeys/{id}/remove",
            own,
            passkeys::remove,
        ),
        route(M::POST, "/account/sessions/{id}/end", own, devices::end_one),
        route(
            M::POST,
            "/account/sessions/end-others",
            own,
            devices::end_others,
        ),
    ]
}

/// The moderation queue and the log.
fn comments() -> Vec<AdminRoute> {
    use Method as M;
    let needs = Access::Needs(Permission::ModerateComments);
    vec![
        route(M::GET, "/comments", needs, queue::queue),
        route(M::POST, "/comments/bulk", needs, comment_actions::bulk),
        route(
            M::GET,
            "/comments/{id}/reply",
            needs,
            comment_edit::reply_form,
        ),
        route(M::POST, "/comments/{id}/reply", needs, comment_edit::reply),
        route(
            M::GET,
            "/comments/{id}/edit",
            needs,
            comment_edit::edit_form,
        ),
        route(M::POST, "/comments/{id}/edit", needs, comment_edit::edit),
        route(
            M::GET,
            "/comments/{id}/delete",
            needs,
            comment_edit::confirm_delete,
        ),
        route(
            M::POST,
            "/comments/{id}/{action}",
            needs,
            comment_actions::act,
        ),
        route(
            M::GET,
            "/log",
            Access::Needs(Permission::ReadLog),
            moderation_log::log,
        ),
    ]
}

/// What only admins do for the people of the site: accounts and invitations.
fn people() -> Vec<AdminRoute> {
    use Method as M;
    let needs = Access::Needs(Permission::ManageAccounts);
    vec![
        route(M::GET, "/accounts", needs, accounts::list),
        route(M::POST, "/accounts", needs, accounts::invite),
        route(M::POST, "/accounts/{id}/role", needs, accounts::change_role),
        route(
            M::POST,
            "/accounts/{id}/deactivate",
            needs,
            accounts::deactivate,
        ),
        route(
            M::POST,
            "/accounts/{id}/reactivate",
            needs,
            accounts::reactivate,
        ),
        route(
            M::POST,
            "/accounts/{id}/reset-2fa",
            needs,
            accounts::reset_two_step,
        ),
        route(
            M::POST,
            "/invitations/{id}/withdraw",
            needs,
            accounts::withdraw,
        ),
    ]
}

/// Login locks and readers' personal data.
fn locks_and_privacy() -> Vec<AdminRoute> {
    use Method as M;
    let lifting_locks = Access::Needs(Permission::ManageLocks);
    let personal_data = Access::Needs(Permission::ManagePrivacy);
    vec![
        route(M::GET, "/locks", lifting_locks, locks::list),
        route(M::POST, "/locks/lift", lifting_locks, locks::lift),
        route(M::GET, "/privacy", personal_data, privacy::show),
        route(M::POST, "/privacy", personal_data, privacy::lookup),
        route(M::POST, "/privacy/export", personal_data, privacy::export),
        route(
            M::POST,
            "/privacy/confirm-erase",
            personal_data,
            privacy::confirm_erase,
        ),
        route(M::POST, "/privacy/erase", personal_data, privacy::erase),
    ]
}

/// What only admins do for the site itself: the import's summary, settings
/// and the outbox.
fn running_the_site() -> Vec<AdminRoute> {
    use Method as M;
    let import_export = Access::Needs(Permission::ImportExport);
    let site_settings = Access::Needs(Permission::ManageSettings);
    let outbox = Access::Needs(Permission::ManageEmail);
    vec![
        route(M::GET, "/import", import_export, import::show),
        route(M::GET, "/settings", site_settings, settings::show),
        route(M::POST, "/settings", site_settings, settings::save),
        route(M::POST, "/settings/test-email", outbox, email::send_test),
        route(M::GET, "/email", outbox, email::list),
        route(M::POST, "/email/{id}/{action}", outbox, email::act),
    ]
}

/// The media library: authors too, but deleting is for editors and admins
/// (published posts may show what goes).
fn media() -> Vec<AdminRoute> {
    use Method as M;
    let needs = Access::Needs(Permission::UseMedia);
    let deleting = Access::Needs(Permission::DeleteMedia);
    vec![
        route(M::GET, "", needs, media::library),
        route(M::POST, "", needs, media::upload),
        route(M::GET, "/{id:\\d+}", needs, media::show),
        route(M::POST, "/{id:\\d+}", needs, media::save),
        route(M::GET, "/{id:\\d+}/delete", deleting, media::confirm_delete),
        route(M::POST, "/{id:\\d+}/delete", deleting, media::delete),
    ]
}

/// The editor's routes for posts (or pages): one set of handlers for both.
fn writing(prefix: &'static str, kind: Kind, needs: Permission) -> Group {
    use Method as M;
    let needs = Access::Needs(needs);
    Group {
        prefix,
        kind: Some(kind),
        routes: vec![
            route(M::GET, "", needs, posts::list),
            route(M::POST, "", needs, posts::create),
            route(M::GET, "/new", needs, posts::new),
            route(M::POST, "/{id:\\d+}", needs, posts::update),
            route(M::GET, "/{id:\\d+}/edit", needs, posts::edit),
            route(M::GET, "/{id:\\d+}/preview", needs, posts::preview),
            route(
                M::POST,
                "/{id:\\d+}/revisions/{revision}/restore",
                needs,
                posts::restore,
            ),
            route(M::GET, "/{id:\\d+}/delete", needs, posts::confirm_delete),
            route(M::POST, "/{id:\\d+}/delete", needs, posts::delete),
        ],
    }
}

/// Every admin route as its full path, method and access: what the table holds, flattened.
pub fn listed() -> Vec<(Method, String, Access)> {
    table()
        .into_iter()
        .flat_map(|group| {
            group.routes.into_iter().map(move |entry| {
                let path = format!("/admin{}{}", group.prefix, entry.path);
                (entry.method, path, entry.access)
            })
        })
        .collect()
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    let mut admin = web::scope("/admin")
        .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store")))
        .app_data(web::PayloadConfig::new(MAX_ADMIN_FORM_BYTES));
    for group in table() {
        if group.prefix.is_empty() {
            for entry in group.routes {
                admin = admin.route(entry.path, guarded(entry.route, entry.access));
            }
            continue;
        }
        let mut scope = web::scope(group.prefix);
        if let Some(kind) = group.kind {
            scope = scope.app_data(web::Data::new(kind));
        }
        for entry in group.routes {
            scope = scope.route(entry.path, guarded(entry.route, entry.access));
        }
        admin = admin.service(scope.default_service(not_found_route()));
    }
    cfg.service(admin.default_service(not_found_route()));
}

/// An address under `/admin` that is no route: the login page without a
/// session, else 404 (whatever the role).
fn not_found_route() -> actix_web::Route {
    guarded(web::to(not_found), Access::Needs(Permission::OwnAccount))
}

async fn home(admin: AdminUser) -> HttpResponse {
    respond::see_other(admin.role.home())
}

async fn not_found(_admin: AdminUser) -> Result<HttpResponse> {
    Err(AppError::NotFound)
}
