//! An invitation's page, `/admin/invite/{token}`: the person invited sees
//! the role they are offered and chooses their password; the account is made
//! and the link stops working. No session is needed (the form is guarded by
//! the login form's double-submit cookie).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::REFUSED;
use crate::auth::login_page::{form_page_without_session, token_matches_cookie};
use crate::auth::{password, session};
use crate::db;
use crate::db::admins::{Accepted, OpenInvitation};
use crate::domain::admin::{ChosenPasswordForm, NewPassword};
use crate::domain::form::FieldErrors;
use crate::domain::message::{Message, msg};
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

#[derive(Serialize)]
struct InvitationView {
    username: String,
    display_name: String,
    role: crate::domain::role::Role,
    invited_by: Option<String>,
    expires: String,
}

async fn open(state: &AppState, token: &str) -> Result<Option<OpenInvitation>> {
    let now = state.config.clock.now();
    Ok(db::admins::invitation(&state.pool, &session::hash_token(token), now).await?)
}

/// The page for an invitation: the form, or why the link no longer works.
fn render(
    state: &AppState,
    req: &HttpRequest,
    status: StatusCode,
    invitation: Option<OpenInvitation>,
    errors: &FieldErrors,
) -> Result<HttpResponse> {
    let zone = state.dates();
    let mut context = state.context();
    context.insert(
        "invitation",
        &invitation.map(|i| InvitationView {
            expires: zone.human_date_time(i.expires_at),
            username: i.username,
            display_name: i.display_name,
            role: i.role,
            invited_by: i.invited_by,
        }),
    );
    context.insert("errors", errors);
    context.insert("min_chars", &NewPassword::MIN_CHARS);
    form_page_without_session(state, req, status, "admin/invitation.html", context)
}

pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> Result<HttpResponse> {
    let invitation = open(&state, &token).await?;
    let status = if invitation.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    render(&state, &req, status, invitation, &FieldErrors::new())
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(flatten)]
    chosen: ChosenPasswordForm,
}

/// Makes the account with the chosen password; the person then signs in.
pub async fn accept(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<AcceptForm>,
) -> Result<HttpResponse> {
    let AcceptForm { csrf_token, chosen } = form.into_inner();
    if !token_matches_cookie(&req, &csrf_token) {
        return Err(AppError::Forbidden(REFUSED.into()));
    }
    let Some(invitation) = open(&state, &token).await? else {
        return render(&state, &req, StatusCode::GONE, None, &FieldErrors::new());
    };
    let password = match NewPassword::try_from(chosen) {
        Ok(password) => password,
        Err(errors) => {
            return render(
                &state,
                &req,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(invitation),
                &errors,
            );
        }
    };
    let hash = password::hash(password).await?;
    let now = state.config.clock.now();
    let token_hash = session::hash_token(&token);
    match db::admins::accept(&state.pool, &token_hash, &hash, now).await? {
        Accepted::Created { .. } => {
            tracing::info!("an invitation was accepted");
            Ok(respond::see_other("/admin/login?joined=1"))
        }
        Accepted::Gone => render(&state, &req, StatusCode::GONE, None, &FieldErrors::new()),
        Accepted::UsernameTaken => {
            let errors = FieldErrors::from([(
                "username",
                Message::new(msg::INVITATION_USERNAME_TAKEN)
                    .with("name", invitation.username.as_str()),
            )]);
            render(&state, &req, StatusCode::CONFLICT, None, &errors)
        }
    }
}
