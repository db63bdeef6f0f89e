//! The links in Folio's emails. Each GET only shows a page with one button;
//! only that button's POST acts, so a mail scanner fetching links changes
//! nothing. The signed token is the capability: an admin's action link
//! (for one comment, action and admin; 7 days; only while the comment
//! waits) travels in the POST's body; a reader's confirm and unsubscribe
//! links are their own URLs (RFC 8058 one-click POSTs go there).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::auth::SignedIn;
use crate::db;
use crate::db::moderation::{ActionResult, Moderator};
use crate::db::outbox::{MailComment, Subscription};
use crate::domain::mail::{ActionLink, SubscriptionLink};
use crate::domain::message::{Message, MessageId, msg};
use crate::domain::moderation::{self, Action, Via};
use crate::domain::role::Permission;
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/email/moderate/{token}", web::get().to(confirm_action))
        .route("/email/moderate", web::post().to(act))
        .route("/email/confirm/{token}", web::get().to(confirm_page))
        .route("/email/confirm/{token}", web::post().to(confirm))
        .route(
            "/email/unsubscribe/{token}",
            web::get().to(unsubscribe_page),
        )
        .route("/email/unsubscribe/{token}", web::post().to(unsubscribe));
}

#[derive(Serialize)]
struct Button {
    action: String,
    label: String,
    token: Option<String>,
    all: bool,
    secondary: bool,
}

#[derive(Serialize)]
struct CommentView {
    post_title: String,
    author_name: String,
    author_website: String,
    reason: String,
    body: String,
    /// The commenter's address and IP: only for a signed-in admin, since mails
    /// (and the links in them) get forwarded.
    personal: Option<Personal>,
}

#[derive(Serialize)]
struct Personal {
    author_email: String,
    ip: String,
}

impl CommentView {
    fn new(c: MailComment, signed_in: bool) -> Self {
        Self {
            post_title: c.post_title,
            author_name: c.author_name,
            author_website: c.author_website,
            reason: c.status_reason,
            body: c.body,
            personal: signed_in.then_some(Personal {
                author_email: c.author_email,
                ip: c.ip,
            }),
        }
    }
}

/// One page for every answer these links give.
struct Page {
    status: StatusCode,
    heading: MessageId,
    /// Said in turn, one after the other.
    message: Vec<Message>,
    comment: Option<Box<CommentView>>,
    buttons: Vec<Button>,
    queue_link: bool,
}

impl Page {
    fn says(status: StatusCode, heading: MessageId, message: impl Into<Message>) -> Self {
        Self {
            status,
            heading,
            message: vec![message.into()],
            comment: None,
            buttons: Vec::new(),
            queue_link: false,
        }
    }

    /// Adds that nothing was changed to what the page says.
    fn nothing_changed(mut self) -> Self {
        self.message
            .push(Message::new(msg::EMAIL_LINK_NOTHING_CHANGED));
        self
    }

    fn render(self, state: &AppState) -> Result<HttpResponse> {
        let mut context = state.context();
        let message: Vec<String> = self.message.into_iter().map(|m| state.text(m)).collect();
        context.insert("heading", &state.text(self.heading));
        context.insert("message", &message.join(" "));
        context.insert("comment", &self.comment);
        context.insert("buttons", &self.buttons);
        context.insert("queue_link", &self.queue_link);
        let page = respond::render_page::<AppError>(
            &state.templates,
            self.status,
            "email/link.html",
            &context,
        )?;
        Ok(respond::no_store(page))
    }
}

/// The page that refuses an action link, with a link to the queue.
fn refused(status: StatusCode, heading: MessageId, message: Message) -> Page {
    let mut page = Page::says(status, heading, message).nothing_changed();
    page.queue_link = true;
    page
}

/// A valid, live action link: its admin, still told of comments, and its comment.
async fn check_action_link(
    state: &AppState,
    token: &str,
) -> Result<Result<(ActionLink, String, MailComment), Page>> {
    let Some(link) = ActionLink::verify(&state.signer, token) else {
        return Ok(Err(refused(
            StatusCode::FORBIDDEN,
            msg::EMAIL_LINK_INVALID,
            Message::new(msg::EMAIL_LINK_INVALID_ACTION),
        )));
    };
    if link.expired(state.config.clock.now()) {
        return Ok(Err(refused(
            StatusCode::GONE,
            msg::EMAIL_LINK_EXPIRED,
            Message::new(msg::EMAIL_LINK_EXPIRED_WHY),
        )));
    }
    let account = db::admins::account(&state.pool, link.admin_id).await?;
    // Its account must still be told of comments: active, with an address,
    // and a role that moderates them.
    let Some(username) = account
        .filter(|a| a.email.as_deref().is_some_and(|e| !e.is_empty()))
        .filter(|a| a.active && a.role.may(Permission::ModerateComments))
        .map(|a| a.username)
    else {
        return Ok(Err(refused(
            StatusCode::FORBIDDEN,
            msg::EMAIL_LINK_NO_LONGER_VALID,
            Message::new(msg::EMAIL_LINK_ACCOUNT_GONE),
        )));
    };
    // A comment that took the id of the one the link was made for (after a
    // restore) is not that comment: the random value stored with it differs.
    let comment = db::outbox::comment(&state.pool, link.comment.id)
        .await?
        .filter(|c| c.link_nonce == link.comment.nonce);
    match comment {
        None => Ok(Err(refused(
            StatusCode::GONE,
            msg::EMAIL_LINK_COMMENT_GONE,
            Message::new(msg::EMAIL_LINK_COMMENT_DELETED),
        ))),
        Some(comment) => Ok(Ok((link, username, comment))),
    }
}

/// The page for a link whose comment has left the queue (`why` says where it is now).
fn moderated_already(why: Message) -> Page {
    refused(StatusCode::CONFLICT, msg::EMAIL_LINK_MODERATED, why)
}

fn action_heading(action: Action) -> MessageId {
    match action {
        Action::Approve => msg::EMAIL_LINK_APPROVE_HEADING,
        Action::Spam => msg::EMAIL_LINK_SPAM_HEADING,
        _ => msg::EMAIL_LINK_TRASH_HEADING,
    }
}

fn action_button(action: Action) -> MessageId {
    match action {
        Action::Approve => msg::EMAIL_LINK_APPROVE,
        Action::Spam => msg::EMAIL_LINK_SPAM,
        _ => msg::EMAIL_LINK_TRASH,
    }
}

/// GET of an action link: the comment (what a decision needs; the address
/// and IP only to a signed-in admin) and one button; nothing changes.
pub async fn confirm_action(
    state: web::Data<AppState>,
    token: web::Path<String>,
    admin: Option<SignedIn>,
) -> Result<HttpResponse> {
    let (link, _, comment) = match check_action_link(&state, &token).await? {
        Ok(checked) => checked,
        Err(page) => return page.render(&state),
    };
    if let Err(why) = moderation::email_link_acts_on(comment.status) {
        return moderated_already(why).render(&state);
    }
    let mut page = Page::says(
        StatusCode::OK,
        action_heading(link.action),
        msg::EMAIL_LINK_PRESS,
    );
    let moderator = admin.is_some_and(|a| a.may(Permission::ModerateComments));
    page.comment = Some(Box::new(CommentView::new(comment, moderator)));
    page.buttons.push(Button {
        action: "/email/moderate".into(),
        label: state.text(action_button(link.action)),
        token: Some(token.into_inner()),
        all: false,
        secondary: false,
    });
    page.queue_link = true;
    page.render(&state)
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token: String,
}

/// POST of an action link's button: the action, logged as coming from an
/// email link; whether the comment still waits is decided in the action's
/// transaction (see `moderation::email_link_acts_on`).
pub async fn act(state: web::Data<AppState>, form: web::Form<TokenForm>) -> Result<HttpResponse> {
    let (link, username, _) = match check_action_link(&state, &form.token).await? {
        Ok(checked) => checked,
        Err(page) => return page.render(&state),
    };
    let by = Moderator {
        admin_id: link.admin_id,
        username: &username,
    };
    let now = state.config.clock.now();
    let result = db::moderation::apply(
        &state.pool,
        &by,
        link.comment.id,
        link.action,
        now,
        Via::EmailLink,
    )
    .await?;
    let mut page = match result {
        ActionResult::Done => Page::says(
            StatusCode::OK,
            msg::EMAIL_LINK_DONE,
            Message::new(msg::FLASH_COMMENT_DONE)
                .with("num", link.comment.id)
                .with("action", link.action.as_str()),
        ),
        ActionResult::NotFound => Page::says(
            StatusCode::GONE,
            msg::EMAIL_LINK_COMMENT_GONE,
            msg::EMAIL_LINK_NOTHING_CHANGED,
        ),
        ActionResult::Refused(why) => moderated_already(why),
    };
    page.queue_link = true;
    page.render(&state)
}

/// The subscription a reader's link names, or the page saying why there is none.
async fn subscription_for(
    state: &AppState,
    kind: SubscriptionLink,
    token: &str,
) -> Result<Result<Subscription, Page>> {
    let Some(key) = kind.verify(&state.signer, token) else {
        return Ok(Err(Page::says(
            StatusCode::FORBIDDEN,
            msg::EMAIL_LINK_INVALID,
            msg::EMAIL_LINK_INVALID_READER,
        )
        .nothing_changed()));
    };
    // One that took the id of the subscription the link was made for (after a
    // restore) is not that one: the random value stored with it differs.
    let subscription = db::outbox::subscription(&state.pool, key.id)
        .await?
        .filter(|s| s.link_nonce == key.nonce);
    match subscription {
        Some(subscription) => Ok(Ok(subscription)),
        None => Ok(Err(Page::says(
            StatusCode::GONE,
            msg::EMAIL_LINK_NOTHING_TO_CHANGE,
            msg::EMAIL_LINK_SUBSCRIPTION_GONE,
        ))),
    }
}

fn own_url(kind: &str, token: &str) -> String {
    format!("/email/{kind}/{token}")
}

pub async fn confirm_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse> {
    let subscription = match subscription_for(&state, SubscriptionLink::Confirm, &token).await? {
        Ok(s) => s,
        Err(page) => return page.render(&state),
    };
    if subscription.ended || subscription.confirmed {
        return subscription_state(&subscription).render(&state);
    }
    let mut page = Page::says(
        StatusCode::OK,
        msg::EMAIL_LINK_CONFIRM_HEADING,
        Message::new(msg::EMAIL_LINK_CONFIRM_PRESS).with("title", subscription.post_title.as_str()),
    );
    page.buttons.push(Button {
        action: own_url("confirm", &token),
        label: state.text(msg::EMAIL_LINK_CONFIRM_BUTTON),
        token: None,
        all: false,
        secondary: false,
    });
    page.render(&state)
}

fn subscription_state(subscription: &Subscription) -> Page {
    if subscription.ended {
        Page::says(
            StatusCode::OK,
            msg::EMAIL_LINK_ENDED_HEADING,
            msg::EMAIL_LINK_ENDED,
        )
    } else {
        Page::says(
            StatusCode::OK,
            msg::EMAIL_LINK_CONFIRMED_HEADING,
            Message::new(msg::EMAIL_LINK_CONFIRMED).with("title", subscription.post_title.as_str()),
        )
    }
}

pub async fn confirm(state: web::Data<AppState>, token: web::Path<String>) -> Result<HttpResponse> {
    let subscription = match subscription_for(&state, SubscriptionLink::Confirm, &token).await? {
        Ok(s) => s,
        Err(page) => return page.render(&state),
    };
    let now = state.config.clock.now();
    db::outbox::confirm(&state.pool, subscription.id, now).await?;
    let confirmed = db::outbox::subscription(&state.pool, subscription.id)
        .await?
        .unwrap_or(subscription);
    subscription_state(&confirmed).render(&state)
}

pub async fn unsubscribe_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse> {
    let subscription = match subscription_for(&state, SubscriptionLink::Unsubscribe, &token).await?
    {
        Ok(s) => s,
        Err(page) => return page.render(&state),
    };
    let mut page = Page::says(
        StatusCode::OK,
        msg::EMAIL_LINK_STOP_HEADING,
        Message::new(msg::EMAIL_LINK_STOP).with("title", subscription.post_title.as_str()),
    );
    let url = own_url("unsubscribe", &token);
    if !subscription.ended {
        page.buttons.push(Button {
            action: url.clone(),
            label: state.text(msg::EMAIL_LINK_STOP_THREAD),
            token: None,
            all: false,
            secondary: false,
        });
    }
    page.buttons.push(Button {
        action: url,
        label: state.text(msg::EMAIL_LINK_STOP_ALL),
        token: None,
        all: true,
        secondary: true,
    });
    page.render(&state)
}

#[derive(Debug, Default, Deserialize)]
struct UnsubscribeForm {
    #[serde(default)]
    all: String,
}

/// The button's POST, or a mail program's one-click POST (`List-Unsubscribe=One-Click`):
/// this thread's mail ends; with `all=yes` every mail to the address does.
pub async fn unsubscribe(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse> {
    let subscription = match subscription_for(&state, SubscriptionLink::Unsubscribe, &token).await?
    {
        Ok(s) => s,
        Err(page) => return page.render(&state),
    };
    let form: UnsubscribeForm = serde_html_form::from_bytes(&body).unwrap_or_default();
    let now = state.config.clock.now();
    if form.all == "yes" {
        db::outbox::opt_out(&state.pool, &subscription.email, now).await?;
        return Page::says(
            StatusCode::OK,
            msg::EMAIL_LINK_OPTED_OUT_HEADING,
            msg::EMAIL_LINK_OPTED_OUT,
        )
        .render(&state);
    }
    db::outbox::end_subscription(&state.pool, subscription.id, now).await?;
    Page::says(
        StatusCode::OK,
        msg::EMAIL_LINK_ENDED_HEADING,
        msg::EMAIL_LINK_UNSUBSCRIBED,
    )
    .render(&state)
}
