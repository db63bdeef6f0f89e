//! A reader submits a comment.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::db;
use crate::db::comments::{Origin, Submitted};
use crate::domain::comment::{CommentForm, FieldErrors, NewComment, PARENT_NOT_FOUND};
use crate::domain::{comment_text, signing, time};
use crate::error::{AppError, Result};
use crate::routes::blog::{FormState, render_post};
use crate::routes::{client_ip, user_agent};
use crate::state::AppState;

fn origin(req: &HttpRequest) -> Origin {
    Origin {
        ip: client_ip(req),
        user_agent: user_agent(req),
    }
}

pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
    form: web::Form<CommentForm>,
) -> Result<HttpResponse> {
    let post = db::posts::published_by_slug(&state.pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !post.comments_open {
        return Err(AppError::Forbidden(
            "Comments are closed on this post.".into(),
        ));
    }
    let form = form.into_inner();
    let refuse = |form: CommentForm, errors: FieldErrors| FormState {
        form,
        errors,
        mine: None,
    };
    let comment = match NewComment::try_from(&form) {
        Ok(comment) => comment,
        Err(errors) => {
            return render_post(
                &state,
                &post,
                refuse(form, errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let body_html = comment_text::render(comment.body.as_ref());
    let submitted = db::comments::submit_pending(
        &state.pool,
        post.id,
        &comment,
        &body_html,
        &origin(&req),
        time::now(),
    )
    .await?;
    match submitted {
        Submitted::Stored { id } => {
            let token = signing::pending_comment_token(&state.signer, id);
            let location = format!("/posts/{}?mine={token}#comment-{id}", post.slug);
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish())
        }
        Submitted::ParentNotFound => {
            let errors = FieldErrors::from([("parent_id", PARENT_NOT_FOUND.to_owned())]);
            render_post(
                &state,
                &post,
                refuse(form, errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
