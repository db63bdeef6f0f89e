//! The media library: uploading (streamed to private temporary files, checked
//! by content, made ready in the image pool, stored in one transaction), the
//! list with search and pages, alt text and title, and deleting.

use actix_multipart::{Field, Multipart};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use super::layout::{admin_context, redirect_with_flash};
use crate::auth::csrf::REFUSED;
use crate::auth::{AdminForm, AdminUser, ItemButton};
use crate::db;
use crate::db::media::{LibraryItem, StoredItem};
use crate::domain::form::{FieldErrors, checked};
use crate::domain::ids::MediaId;
use crate::domain::media::{
    self, ItemKind, MAX_ALT_CHARS, MAX_FILES_PER_UPLOAD, MAX_TITLE_CHARS, PAGE_SIZE, Refusal,
};
use crate::domain::message::{Message, msg};
use crate::domain::pagination::{ListPage, PageRequest, Reading};
use crate::error::{AppError, Result};
use crate::image_work::{Spooled, WorkError};
use crate::media_intake::{self, NotSpooled};
use crate::respond;
use crate::routes::request::ListUrl;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct LibraryQuery {
    #[serde(default)]
    q: String,
    page: Option<String>,
}

/// An item as the library's pages show it.
#[derive(Serialize)]
struct ItemView {
    #[serde(flatten)]
    item: LibraryItem,
    /// The smallest copy (a thumbnail), and the largest.
    thumbnail: Option<String>,
    /// A copy to look at on the item's page: the largest up to 640 wide.
    preview: Option<db::media::CopyRow>,
    url: Option<String>,
    markdown: String,
    size: String,
}

/// "1.4 MB", "820 kB".
fn human_size(bytes: i64) -> String {
    let bytes = bytes.max(0) as f64;
    if bytes >= 1_000_000.0 {
        format!("{:.1} MB", bytes / 1_000_000.0)
    } else {
        format!("{} kB", (bytes / 1000.0).ceil())
    }
}

fn item_view(item: LibraryItem) -> ItemView {
    let path = |file: &str| media::media_path(&item.hash, file);
    let thumbnail = match item.kind {
        ItemKind::Pdf => None,
        _ => item.copies.first().map(|c| path(&c.file)),
    };
    let url = item.copies.last().map(|c| path(&c.file));
    let preview = match item.kind {
        ItemKind::Pdf => None,
        _ => item
            .copies
            .iter()
            .rev()
            .find(|c| c.width.is_some_and(|w| w <= 640))
            .or(item.copies.first())
            .cloned(),
    };
    let markdown = url
        .as_deref()
        .map(|url| media::markdown_for(item.kind, &item.alt, &item.title, url))
        .unwrap_or_default();
    ItemView {
        thumbnail,
        preview,
        url,
        markdown,
        size: human_size(item.bytes),
        item,
    }
}

pub async fn library(
    state: web::Data<AppState>,
    admin: AdminUser,
    query: web::Query<LibraryQuery>,
) -> Result<HttpResponse> {
    library_page(&state, &admin, &query, None).await
}

/// The library, with a refused upload's message above the form when there is one.
async fn library_page(
    state: &AppState,
    admin: &AdminUser,
    query: &LibraryQuery,
    refused: Option<&Refusal>,
) -> Result<HttpResponse> {
    let search = query.q.trim();
    let total = db::media::count(&state.pool, search).await?;
    let request = PageRequest {
        page: query.page.as_deref(),
        ..PageRequest::default()
    };
    let list =
        ListPage::locate(request, total, PAGE_SIZE, Reading::Offset).ok_or(AppError::NotFound)?;
    let window = list.window();
    let items: Vec<ItemView> = db::media::page(&state.pool, search, window.take, window.skip)
        .await?
        .into_iter()
        .map(item_view)
        .collect();
    let pager =
        ListUrl::new("/admin/media")
            .with("q", search)
            .pager(&list, items.len(), None, false);
    let mut context = admin_context(state, admin, "media").await?;
    context.insert("items", &items);
    context.insert("search", search);
    context.insert("total", &total);
    context.insert("pager", &pager);
    context.insert("max_mb", &state.config.media_max_mb);
    context.insert("refused", &refused.map(Refusal::message));
    let status = refused
        .and_then(|r| StatusCode::from_u16(r.status()).ok())
        .unwrap_or(StatusCode::OK);
    let mut response =
        respond::render_page::<AppError>(&state.templates, status, "admin/media.html", &context)?;
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        // The rest of the body is never read: the connection cannot be reused.
        response.headers_mut().insert(
            header::CONNECTION,
            header::HeaderValue::from_static("close"),
        );
    }
    Ok(response)
}

/// What an upload form sent: its files (each in a private temporary file) and its text.
#[derive(Default)]
struct Received {
    files: Vec<Spooled>,
    alt: String,
}

/// Why an upload's body was not taken.
enum NotReceived {
    Refused(Refusal),
    /// No valid CSRF token before the first file.
    Forbidden,
    Unreadable,
    Failed(anyhow::Error),
}

impl From<std::io::Error> for NotReceived {
    fn from(error: std::io::Error) -> Self {
        Self::Failed(anyhow::Error::new(error).context("spooling an upload"))
    }
}

/// A text field, at most `max` bytes (longer: unreadable).
async fn text_field(field: &mut Field, max: usize) -> std::result::Result<String, NotReceived> {
    let mut text = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|_| NotReceived::Unreadable)?;
        if text.len() + chunk.len() > max {
            return Err(NotReceived::Unreadable);
        }
        text.extend_from_slice(&chunk);
    }
    String::from_utf8(text).map_err(|_| NotReceived::Unreadable)
}

/// Reads the upload form: the CSRF token must come before any file (the
/// form puts it first), so nothing is written for a forged request.
async fn receive(
    payload: &mut Multipart,
    admin: &AdminUser,
    max_mb: u64,
    max_bytes: u64,
) -> std::result::Result<Received, NotReceived> {
    let mut received = Received::default();
    let mut token_ok = false;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| NotReceived::Unreadable)?;
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        match (name.as_str(), file_name) {
            ("csrf_token", _) => {
                let sent = text_field(&mut field, 256).await?;
                token_ok = crate::auth::same_secret(&sent, &admin.csrf_token);
            }
            (_, _) if !token_ok => return Err(NotReceived::Forbidden),
            ("file", Some(file_name)) => {
                if file_name.is_empty() {
                    // A file control left empty still sends a part.
                    while field.next().await.is_some() {}
                    continue;
                }
                if received.files.len() == MAX_FILES_PER_UPLOAD {
                    return Err(NotReceived::Refused(Refusal::TooManyFiles));
                }
                let name = media::clean_file_name(&file_name);
                let spooled = media_intake::spool(&mut field, name, max_bytes, max_mb).await;
                received.files.push(spooled.map_err(|e| match e {
                    NotSpooled::Refused(refusal) => NotReceived::Refused(refusal),
                    NotSpooled::Unreadable => NotReceived::Unreadable,
                    NotSpooled::Failed(error) => NotReceived::Failed(error),
                })?);
            }
            ("alt", None) => received.alt = text_field(&mut field, 4 * MAX_ALT_CHARS).await?,
            _ => while field.next().await.is_some() {},
        }
    }
    if !token_ok {
        return Err(NotReceived::Forbidden);
    }
    if received.files.is_empty() {
        return Err(NotReceived::Refused(Refusal::NoFile));
    }
    Ok(received)
}

/// `POST /admin/media`: one or several files with their alt text. Every file
/// is checked and made ready first; then all are stored in one transaction,
/// or, when one is refused, none is.
pub async fn upload(
    state: web::Data<AppState>,
    admin: AdminUser,
    req: HttpRequest,
    mut payload: Multipart,
) -> Result<HttpResponse> {
    let config = &state.config;
    let query = web::Query::<LibraryQuery>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let received = match receive(
        &mut payload,
        &admin,
        config.media_max_mb,
        config.media_max_bytes(),
    )
    .await
    {
        Ok(received) => received,
        Err(NotReceived::Refused(refusal)) => {
            return library_page(&state, &admin, &query, Some(&refusal)).await;
        }
        Err(NotReceived::Forbidden) => return Err(AppError::Forbidden(REFUSED.into())),
        Err(NotReceived::Unreadable) => {
            return Err(AppError::BadRequest(
                crate::auth::csrf::FORM_UNREADABLE.into(),
            ));
        }
        Err(NotReceived::Failed(error)) => return Err(AppError::Internal(error)),
    };
    let alt = media::clean_text(&received.alt, MAX_ALT_CHARS).map_err(AppError::BadRequest)?;
    let mut uploads = Vec::with_capacity(received.files.len());
    for file in received.files {
        let item = media_intake::new_item(&file, &alt, "", Some(admin.admin_id));
        match state.images.prepare(file, &item.url_name).await {
            Ok(prepared) => uploads.push(media_intake::ready(item, prepared)),
            Err(WorkError::Refused(refusal)) => {
                return library_page(&state, &admin, &query, Some(&refusal)).await;
            }
            Err(WorkError::Failed(error)) => return Err(AppError::Internal(error)),
        }
    }
    let stored = db::media::store(&state.pool, &mut uploads, config.clock.now()).await?;
    let message = uploaded_message(&state, &stored);
    redirect_with_flash(&state, &admin, "/admin/media", &message, false).await
}

fn uploaded_message(state: &AppState, stored: &[StoredItem]) -> String {
    let added = stored
        .iter()
        .filter(|s| matches!(s, StoredItem::New { .. }))
        .count();
    let mut message = state.text(Message::new(msg::FLASH_MEDIA_UPLOADED).with("count", added));
    for already in stored {
        if let StoredItem::AlreadyThere { file_name, .. } = already {
            message.push(' ');
            message.push_str(
                &state
                    .text(Message::new(msg::FLASH_MEDIA_ALREADY).with("name", file_name.as_str())),
            );
        }
    }
    message
}

async fn item_or_404(state: &AppState, raw_id: &str) -> Result<LibraryItem> {
    let id: MediaId = raw_id.parse().map_err(|()| AppError::NotFound)?;
    db::media::item(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ItemForm {
    alt: String,
    title: String,
}

async fn item_page(
    state: &AppState,
    admin: &AdminUser,
    item: LibraryItem,
    form: Option<(&ItemForm, &crate::domain::form::FieldErrors)>,
) -> Result<HttpResponse> {
    let mut context = admin_context(state, admin, "media").await?;
    let has_errors = form.is_some_and(|(_, errors)| !errors.is_empty());
    let sent = match form {
        Some((form, errors)) => {
            context.insert("errors", errors);
            ItemForm {
                alt: form.alt.clone(),
                title: form.title.clone(),
            }
        }
        None => {
            context.insert("errors", &crate::domain::form::FieldErrors::new());
            ItemForm {
                alt: item.alt.clone(),
                title: item.title.clone(),
            }
        }
    };
    context.insert("form", &sent);
    context.insert("item", &item_view(item));
    super::layout::render_form(state, "admin/media_item.html", &context, has_errors)
}

pub async fn show(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let item = item_or_404(&state, &id).await?;
    item_page(&state, &admin, item, None).await
}

/// Saves an item's alt text and title.
pub async fn save(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: AdminForm<ItemForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let item = item_or_404(&state, &id).await?;
    let errors = &mut FieldErrors::new();
    let alt = checked(errors, "alt", media::clean_text(&form.alt, MAX_ALT_CHARS));
    let title = checked(
        errors,
        "title",
        media::clean_text(&form.title, MAX_TITLE_CHARS),
    );
    let (Some(alt), Some(title)) = (alt, title) else {
        return item_page(&state, &admin, item, Some((&form, errors))).await;
    };
    db::media::set_text(&state.pool, item.id, &alt, &title).await?;
    let message =
        state.text(Message::new(msg::FLASH_MEDIA_SAVED).with("name", item.file_name.as_str()));
    redirect_with_flash(
        &state,
        &admin,
        &format!("/admin/media/{}", item.id),
        &message,
        false,
    )
    .await
}

pub async fn confirm_delete(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let item = item_or_404(&state, &id).await?;
    let mut context = admin_context(&state, &admin, "media").await?;
    context.insert("item", &item_view(item));
    respond::page(&state.templates, "admin/media_delete.html", &context)
}

pub async fn delete(state: web::Data<AppState>, button: ItemButton) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    let item = item_or_404(&state, &id).await?;
    db::media::delete(&state.pool, item.id).await?;
    state.media.forget(&item.hash);
    let message =
        state.text(Message::new(msg::FLASH_MEDIA_DELETED).with("name", item.file_name.as_str()));
    redirect_with_flash(&state, &admin, "/admin/media", &message, false).await
}

/// The newest items, for the editor's "Insert image" list.
pub async fn newest(state: &AppState) -> Result<Vec<impl Serialize + use<>>> {
    Ok(db::media::page(&state.pool, "", PAGE_SIZE, 0)
        .await?
        .into_iter()
        .map(item_view)
        .collect())
}
