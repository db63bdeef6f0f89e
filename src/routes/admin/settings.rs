//! The site's settings: title, tagline, header lines, time zone and the comment rules.

use actix_web::{HttpResponse, web};

use super::{form_page, see_other, set_flash};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::db::settings::SiteSettings;
use crate::domain::comment::FieldErrors;
use crate::domain::settings::{SettingsForm, ValidSettings};
use crate::domain::time;
use crate::error::{AppError, Result};
use crate::state::AppState;

fn form_from(site: &SiteSettings) -> SettingsForm {
    SettingsForm {
        title: site.title.clone(),
        tagline: site.tagline.clone(),
        header_lines: site.header_lines.join("\n"),
        timezone: site.timezone.clone(),
        posts_per_page: site.posts_per_page.to_string(),
        auto_approve_known_authors: site.auto_approve_known_authors.then(|| "on".to_owned()),
        hold_if_links_over: site.hold_if_links_over.to_string(),
        spam_words: site.spam_words.clone(),
        moderation_words: site.moderation_words.clone(),
        close_comments_after_days: site.close_comments_after_days.to_string(),
        thread_depth: site.thread_depth.to_string(),
    }
}

async fn render(
    state: &AppState,
    admin: &AdminUser,
    form: &SettingsForm,
    errors: &FieldErrors,
) -> Result<HttpResponse> {
    let (status, mut context) = form_page(state, admin, "settings", form, errors).await?;
    context.insert("timezones", &time::zone_names());
    state.render_page(status, "admin/settings.html", &context)
}

pub async fn show(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let form = form_from(&state.site());
    render(&state, &admin, &form, &FieldErrors::new()).await
}

pub async fn save(
    state: web::Data<AppState>,
    form: AdminForm<SettingsForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let settings = match ValidSettings::try_from(&form) {
        Ok(settings) => settings,
        Err(errors) => return render(&state, &admin, &form, &errors).await,
    };
    db::settings::update(&state.pool, &settings, state.config.clock.now()).await?;
    let fresh = db::settings::load(&state.pool)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the site settings row is missing")))?;
    state.replace_site(fresh);
    set_flash(&state, &admin, "Settings saved.", false).await?;
    Ok(see_other("/admin/settings"))
}
