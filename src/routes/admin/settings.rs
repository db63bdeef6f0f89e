//! The site's settings: title, tagline, header lines, time zone and the comment rules.

use actix_web::{HttpResponse, web};

use super::layout::{form_page, set_flash};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::domain::form::FieldErrors;
use crate::domain::message::msg;
use crate::domain::settings::{SettingsForm, SiteSettings, UNKNOWN_LANGUAGE};
use crate::domain::time;
use crate::error::Result;
use crate::i18n;
use crate::respond::{self, see_other};
use crate::state::AppState;

async fn render(
    state: &AppState,
    admin: &AdminUser,
    form: &SettingsForm,
    errors: &FieldErrors,
) -> Result<HttpResponse> {
    let (status, mut context) = form_page(state, admin, "settings", form, errors).await?;
    context.insert("timezones", &time::zone_names());
    context.insert("languages", &i18n::language_choices());
    context.insert("retention_defaults", &state.config.default_retention());
    let pages: Vec<_> = db::posts::read::published_pages(&state.pool)
        .await?
        .into_iter()
        .map(|(id, link)| (id.to_string(), link.title))
        .collect();
    context.insert("pages", &pages);
    respond::render_page(&state.templates, status, "admin/settings.html", &context)
}

pub async fn show(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let form = SettingsForm::from(&*state.site());
    render(&state, &admin, &form, &FieldErrors::new()).await
}

pub async fn save(
    state: web::Data<AppState>,
    form: AdminForm<SettingsForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let settings = match SiteSettings::try_from(&form) {
        Ok(settings) if !i18n::is_language(&settings.language) => {
            let errors = FieldErrors::from([("language", UNKNOWN_LANGUAGE.into())]);
            return render(&state, &admin, &form, &errors).await;
        }
        Ok(settings) => settings,
        Err(errors) => return render(&state, &admin, &form, &errors).await,
    };
    db::settings::update(&state.pool, &settings, state.config.clock.now()).await?;
    state.replace_site(settings);
    set_flash(
        &state,
        &admin,
        &state.text(msg::FLASH_SETTINGS_SAVED),
        false,
    )
    .await?;
    Ok(see_other("/admin/settings"))
}
