//! The signed-in admin's own account: the name readers see on replies, and an email address.

use actix_web::{HttpResponse, web};

use super::layout::{form_page, set_flash};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::domain::admin::{Profile, ProfileForm};
use crate::domain::form::FieldErrors;
use crate::domain::message::msg;
use crate::error::{AppError, Result};
use crate::respond::{self, see_other};
use crate::state::AppState;

async fn render(
    state: &AppState,
    admin: &AdminUser,
    form: &ProfileForm,
    errors: &FieldErrors,
) -> Result<HttpResponse> {
    let (status, mut context) = form_page(state, admin, "account", form, errors).await?;
    context.insert(
        "two_step",
        &super::two_factor::status(state, admin.admin_id).await?,
    );
    context.insert("devices", &super::devices::list(state, admin).await?);
    context.insert("passkeys", &super::passkeys::list(state, admin).await?);
    respond::render_page(&state.templates, status, "admin/account.html", &context)
}

pub async fn show(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let profile = db::admins::profile(&state.pool, admin.admin_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = ProfileForm {
        display_name: profile.display_name,
        email: profile.email,
    };
    render(&state, &admin, &form, &FieldErrors::new()).await
}

pub async fn save(
    state: web::Data<AppState>,
    form: AdminForm<ProfileForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let profile = match Profile::try_from(&form) {
        Ok(profile) => profile,
        Err(errors) => return render(&state, &admin, &form, &errors).await,
    };
    let now = state.config.clock.now();
    db::admins::set_profile(&state.pool, &admin.username, &profile, now).await?;
    set_flash(&state, &admin, &state.text(msg::FLASH_ACCOUNT_SAVED), false).await?;
    Ok(see_other("/admin/account"))
}
