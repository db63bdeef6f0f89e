//! Personal data per email address: look it up, export it as JSON, erase it
//! after a confirmation page. The address travels in POST bodies only, so it
//! never lands in a URL, a browser's history or an access log.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::layout::{admin_context, redirect_with_flash, render_form};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::db::moderation::Actor;
use crate::domain::ids::CommentId;
use crate::domain::moderation::Status;
use crate::domain::privacy::{Address, Erasure, Export, PersonalData};
use crate::domain::time;
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AddressForm {
    #[serde(default)]
    email: String,
    /// On the confirmation page: delete the comments instead of anonymising them.
    #[serde(default)]
    delete: Option<String>,
}

#[derive(Serialize)]
struct CommentRow<'a> {
    id: CommentId,
    post_title: &'a str,
    post_slug: &'a str,
    post_is_page: bool,
    approved: bool,
    author_name: &'a str,
    author_email: &'a str,
    author_website: &'a str,
    body: &'a str,
    status: &'a str,
    ip: &'a str,
    user_agent: &'a str,
    created_iso: String,
    created_human: String,
}

fn rows<'a>(state: &AppState, data: &'a PersonalData) -> Vec<CommentRow<'a>> {
    let zone = state.dates();
    data.comments
        .iter()
        .map(|c| CommentRow {
            id: c.id,
            post_title: &c.post_title,
            post_slug: &c.post_slug,
            post_is_page: c.post_is_page,
            approved: c.status == Status::Approved,
            author_name: &c.author_name,
            author_email: &c.author_email,
            author_website: &c.author_website,
            body: &c.body,
            status: c.status.as_str(),
            ip: &c.ip,
            user_agent: &c.user_agent,
            created_iso: zone.iso8601(c.created_at),
            created_human: zone.human_date_time(c.created_at),
        })
        .collect()
}

/// The page: the address form and, once one was looked up, what is stored for it.
async fn render(
    state: &AppState,
    admin: &AdminUser,
    email: &str,
    found: Option<&PersonalData>,
    error: Option<String>,
) -> Result<HttpResponse> {
    let mut context = admin_context(state, admin, "privacy").await?;
    context.insert("email", email);
    context.insert("error", &error);
    context.insert("looked_up", &found.is_some());
    context.insert("comments", &found.map(|data| rows(state, data)));
    context.insert("stored", &found.is_some_and(|data| !data.is_empty()));
    context.insert(
        "mail_records",
        &found.map_or(0, |data| {
            data.subscriptions.len() + data.mails.len() + usize::from(data.opted_out_at.is_some())
        }),
    );
    render_form(state, "admin/privacy.html", &context, error.is_some())
}

pub async fn show(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    render(&state, &admin, "", None, None).await
}

/// The address in a form the lookup page made (a hidden field): one that does
/// not parse was tampered with, and gets a plain 400.
fn looked_up_address(form: &AddressForm) -> Result<Address> {
    Address::parse(&form.email).map_err(AppError::BadRequest)
}

pub async fn lookup(
    state: web::Data<AppState>,
    form: AdminForm<AddressForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let address = match Address::parse(&form.email) {
        Ok(address) => address,
        Err(message) => {
            let problem = state.text(message);
            return render(&state, &admin, &form.email, None, Some(problem)).await;
        }
    };
    let data = db::privacy::personal_data(&state.pool, &address).await?;
    render(&state, &admin, address.as_ref(), Some(&data), None).await
}

/// The JSON download of everything stored for the address.
pub async fn export(
    state: web::Data<AppState>,
    form: AdminForm<AddressForm>,
) -> Result<HttpResponse> {
    let form = form.form;
    let address = looked_up_address(&form)?;
    let data = db::privacy::personal_data(&state.pool, &address).await?;
    let base_url = state.config.base_url();
    let now = state.config.clock.now();
    let export = Export::new(&address, &data, &base_url, now, &|t| {
        state.language.stored(t)
    });
    let json = serde_json::to_string_pretty(&export).context("the personal-data export")?;
    let filename = format!("personal-data-{}.json", time::utc_date(now));
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(json))
}

/// The page that asks before erasing (nothing changes yet).
pub async fn confirm_erase(
    state: web::Data<AppState>,
    form: AdminForm<AddressForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let address = looked_up_address(&form)?;
    let data = db::privacy::personal_data(&state.pool, &address).await?;
    let mut context = admin_context(&state, &admin, "privacy").await?;
    context.insert("email", address.as_ref());
    context.insert("comment_count", &data.comments.len());
    respond::page(&state.templates, "admin/confirm_erase.html", &context)
}

pub async fn erase(
    state: web::Data<AppState>,
    form: AdminForm<AddressForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let address = looked_up_address(&form)?;
    let erasure = Erasure::from_checkbox(form.delete.as_deref());
    let moderator = admin.moderator();
    let erased = db::privacy::erase(
        &state.pool,
        &address,
        erasure,
        Actor::Admin(&moderator),
        state.config.clock.now(),
    )
    .await?;
    let message = state.text(erasure.summary(erased.comments, erased.mail_records));
    redirect_with_flash(&state, &admin, "/admin/privacy", &message, false).await
}
