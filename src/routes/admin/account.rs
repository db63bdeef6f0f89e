//! The signed-in admin's own account: the address they are told of comments at.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::page::{admin_context, redirect_with_flash, render_form};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::domain::comment::{CommenterEmail, FieldErrors};
use crate::error::{AppError, Result};
use crate::state::AppState;

/// The account form as typed; re-shown when refused.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AccountForm {
    email: String,
}

async fn render(
    state: &AppState,
    admin: &AdminUser,
    form: &AccountForm,
    errors: &FieldErrors,
) -> Result<HttpResponse> {
    let mut context = admin_context(state, admin, "account").await?;
    context.insert("form", form);
    context.insert("errors", errors);
    render_form(state, "admin/account.html", &context, !errors.is_empty())
}

pub async fn show(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let account = db::admins::account(&state.pool, admin.admin_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = AccountForm {
        email: account.email.unwrap_or_default(),
    };
    render(&state, &admin, &form, &FieldErrors::new()).await
}

pub async fn save(
    state: web::Data<AppState>,
    form: AdminForm<AccountForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let email = match form.email.trim() {
        "" => None,
        raw => match CommenterEmail::parse(raw) {
            Ok(email) => Some(email),
            Err(error) => {
                let errors = FieldErrors::from([("email", error)]);
                return render(&state, &admin, &form, &errors).await;
            }
        },
    };
    let address = email.as_ref().map(AsRef::as_ref);
    let now = state.config.clock.now();
    db::admins::set_email(&state.pool, &admin.username, address, now).await?;
    let message = match address {
        Some(_) => "Your email address was saved; notifications go there.",
        None => "Your email address was removed; you will get no notifications.",
    };
    redirect_with_flash(&state, &admin, "/admin/account", message, false).await
}
