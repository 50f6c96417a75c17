//! Form handlers: POST → check CSRF and role → call the service → 303 redirect, or show the
//! form again with what was typed and what is wrong. No business rule lives here.

use crate::web::{self, ClientAddr, check_csrf, render, see_other};
use app::i18n::Msg;
use app::model::{FormFeedback, SessionInfo, UserInfo};
use app::server::auth::{self, LANG_COOKIE, LoginError, SESSION_COOKIE};
use app::server::error::ServiceError;
use app::server::state::AppState;
use app::server::{calendar_store, forms, policies};
use axum::Extension;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

type FormMap = BTreeMap<String, String>;

struct Ctx {
    state: AppState,
    session: SessionInfo,
    headers: HeaderMap,
    uri: Uri,
}

impl Ctx {
    async fn page(&self, status: StatusCode, feedback: Option<FormFeedback>) -> Response {
        render(
            &self.state,
            &self.session,
            &self.uri,
            &self.headers,
            status,
            feedback,
            None,
            false,
        )
        .await
    }
    async fn error(&self, status: StatusCode) -> Response {
        web::error_page(&self.state, &self.session, &self.headers, status, false).await
    }
    /// The signed-in staff member, or the response to send instead.
    #[allow(clippy::result_large_err)]
    fn user(&self) -> Result<UserInfo, Response> {
        self.session
            .user
            .clone()
            .ok_or_else(|| web::login_redirect(&self.uri))
    }
    async fn service_error(&self, e: ServiceError, form: &FormMap) -> Response {
        match e {
            ServiceError::NotFound => self.error(StatusCode::NOT_FOUND).await,
            ServiceError::Forbidden => self.error(StatusCode::FORBIDDEN).await,
            ServiceError::Unauthenticated => web::login_redirect(&self.uri),
            ServiceError::Invalid(mut fb) => {
                for (k, v) in form {
                    if k != "csrf" {
                        fb.values.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                self.page(StatusCode::UNPROCESSABLE_ENTITY, Some(fb)).await
            }
            ServiceError::WrongState => {
                let mut fb = FormFeedback::default();
                fb.errors
                    .insert("state".into(), (Msg::ErrWrongState.key().into(), None));
                self.page(StatusCode::CONFLICT, Some(fb)).await
            }
            other => {
                tracing::error!(error = %other, "request failed");
                self.error(StatusCode::INTERNAL_SERVER_ERROR).await
            }
        }
    }
}

fn ctx(state: AppState, session: SessionInfo, headers: HeaderMap, uri: Uri) -> Ctx {
    Ctx {
        state,
        session,
        headers,
        uri,
    }
}

/// Runs the CSRF check; on failure the response to send.
async fn csrf_ok(c: &Ctx, form: &FormMap) -> Option<Response> {
    if check_csrf(
        &c.state,
        &c.session,
        &c.headers,
        form.get("csrf").map(String::as_str),
    ) {
        None
    } else {
        Some(
            render(
                &c.state,
                &c.session,
                &Uri::from_static("/"),
                &c.headers,
                StatusCode::FORBIDDEN,
                None,
                Some(app::ForcedError(419)),
                false,
            )
            .await,
        )
    }
}

pub async fn login(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Extension(addr): Extension<ClientAddr>,
    headers: HeaderMap,
    Form(form): Form<FormMap>,
) -> Response {
    let c = ctx(state, session, headers, Uri::from_static("/login"));
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    let username = form.get("username").cloned().unwrap_or_default();
    let password = form.get("password").cloned().unwrap_or_default();
    let next = form
        .get("next")
        .and_then(|n| web::local_path(n))
        .unwrap_or("/staff")
        .to_string();
    match auth::authenticate(&c.state, &username, &password, &addr.to_string()).await {
        Ok(user) => match auth::create_session(&c.state.db, user.id).await {
            Ok((token, _csrf)) => {
                let mut r = see_other(&next);
                r.headers_mut().append(
                    header::SET_COOKIE,
                    web::set_cookie(
                        &c.state,
                        SESSION_COOKIE,
                        &token,
                        Some(auth::SESSION_DAYS * 86400),
                        true,
                    ),
                );
                r
            }
            Err(e) => c.service_error(e.into(), &form).await,
        },
        Err(err) => {
            let (status, msg, arg) = match err {
                LoginError::Failed => (StatusCode::UNAUTHORIZED, Msg::LoginFailed, None),
                LoginError::Throttled(mins) => (
                    StatusCode::TOO_MANY_REQUESTS,
                    Msg::LoginThrottled,
                    Some(mins.to_string()),
                ),
                LoginError::Db(e) => {
                    tracing::error!(error = %e, "login failed");
                    return c.error(StatusCode::INTERNAL_SERVER_ERROR).await;
                }
            };
            let mut fb = FormFeedback::default();
            fb.values.insert("username".into(), username);
            fb.errors.insert("login".into(), (msg.key().into(), arg));
            let login_uri: Uri = format!("/login?next={}", urlencoding::encode(&next))
                .parse()
                .unwrap_or(Uri::from_static("/login"));
            render(
                &c.state,
                &c.session,
                &login_uri,
                &c.headers,
                status,
                Some(fb),
                None,
                false,
            )
            .await
        }
    }
}

pub async fn logout(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<FormMap>,
) -> Response {
    let c = ctx(state, session, headers, uri);
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    if let Some(token) = web::cookie(&c.headers, SESSION_COOKIE)
        && let Err(e) = auth::end_session(&c.state.db, &token).await
    {
        tracing::error!(error = %e, "logout failed");
    }
    let mut r = see_other("/login?notice=LoggedOut");
    r.headers_mut().append(
        header::SET_COOKIE,
        web::set_cookie(&c.state, SESSION_COOKIE, "", Some(0), true),
    );
    r
}

/// Language switch by link: sets the preference cookie and goes back.
pub async fn set_language(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let back = q
        .get("back")
        .and_then(|b| web::local_path(b))
        .unwrap_or("/");
    let mut r = see_other(back);
    if let Some(locale) = app::i18n::Locale::from_tag(&tag) {
        r.headers_mut().append(
            header::SET_COOKIE,
            web::set_cookie(&state, LANG_COOKIE, locale.tag(), Some(365 * 86400), false),
        );
    }
    r
}

pub async fn create_policy(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<FormMap>,
) -> Response {
    save_policy(ctx(state, session, headers, uri), None, form).await
}

pub async fn edit_policy(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<FormMap>,
) -> Response {
    save_policy(ctx(state, session, headers, uri), Some(id), form).await
}

async fn save_policy(c: Ctx, id: Option<i32>, form: FormMap) -> Response {
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    if let Err(e) = policies::check_save_policy(&c.state, &user, id).await {
        return c.service_error(e, &form).await;
    }
    let input = match forms::policy(&form) {
        Ok(i) => i,
        Err(fb) => return c.service_error(ServiceError::Invalid(fb), &form).await,
    };
    match policies::save_policy(&c.state, &user, id, input).await {
        Ok(id) => see_other(&format!(
            "/staff/policies/{id}?notice={}",
            Msg::NoticeSaved.key()
        )),
        Err(e) => c.service_error(e, &form).await,
    }
}

pub async fn policy_action(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path((id, action)): Path<(i32, String)>,
    headers: HeaderMap,
    Form(form): Form<FormMap>,
) -> Response {
    // Errors are shown on the staff page of the policy.
    let page_uri: Uri = format!("/staff/policies/{id}")
        .parse()
        .unwrap_or(Uri::from_static("/staff"));
    let c = ctx(state, session, headers, page_uri);
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    let result = match action.as_str() {
        "submit" => policies::submit(&c.state, &user, id)
            .await
            .map(|_| Msg::NoticeSubmitted),
        "approve" => policies::approve(&c.state, &user, id)
            .await
            .map(|_| Msg::NoticePublished),
        "return" => policies::return_policy(
            &c.state,
            &user,
            id,
            form.get("reason").map(String::as_str).unwrap_or(""),
        )
        .await
        .map(|_| Msg::NoticeReturned),
        "withdraw" => policies::withdraw(
            &c.state,
            &user,
            id,
            form.get("withdraw_reason")
                .map(String::as_str)
                .unwrap_or(""),
        )
        .await
        .map(|_| Msg::NoticeWithdrawn),
        _ => Err(ServiceError::NotFound),
    };
    match result {
        Ok(msg) => {
            let to = if matches!(action.as_str(), "approve" | "return") {
                "/staff".to_string()
            } else {
                format!("/staff/policies/{id}")
            };
            see_other(&format!("{to}?notice={}", msg.key()))
        }
        Err(e) => c.service_error(e, &form).await,
    }
}

/// Kinds of image we accept, recognised by content, never by the name or declared type.
fn image_extension(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

/// A file part of a multipart form: field name, the browser's file name, the bytes.
struct FilePart {
    field: String,
    file_name: String,
    bytes: Vec<u8>,
}

/// Reads a multipart form: text fields into a map, non-empty parts of `file_fields` as files.
/// A body over the route's limit becomes the 413 page; a malformed one the 400 page.
async fn read_multipart(
    c: &Ctx,
    multipart: &mut Multipart,
    file_fields: &[&str],
) -> Result<(FormMap, Vec<FilePart>), Response> {
    let mut form = FormMap::new();
    let mut files = vec![];
    let status = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        }
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(c.error(status(e)).await),
        };
        let name = field.name().unwrap_or_default().to_string();
        if file_fields.contains(&name.as_str()) {
            let file_name = field.file_name().unwrap_or_default().to_string();
            match field.bytes().await {
                Ok(b) if !b.is_empty() => files.push(FilePart {
                    field: name,
                    file_name,
                    bytes: b.to_vec(),
                }),
                Ok(_) => {}
                Err(e) => return Err(c.error(status(e)).await),
            }
        } else {
            match field.text().await {
                Ok(t) => {
                    form.insert(name, t);
                }
                Err(e) => return Err(c.error(status(e)).await),
            }
        }
    }
    Ok((form, files))
}

pub async fn add_interpretation(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    uri: Uri,
    mut multipart: Multipart,
) -> Response {
    let c = ctx(state, session, headers, uri);
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (form, files) = match read_multipart(&c, &mut multipart, &["image"]).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let image = files
        .into_iter()
        .find(|f| f.field == "image")
        .map(|f| f.bytes);
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    // Nothing is checked, and nothing written, for a request that will be refused.
    if let Err(e) = policies::check_add_interpretation(&c.state, &user, id).await {
        return c.service_error(e, &form).await;
    }
    if image
        .as_ref()
        .is_some_and(|b| b.len() > c.state.config.max_upload_bytes)
    {
        return c.error(StatusCode::PAYLOAD_TOO_LARGE).await;
    }
    let ext = image.as_deref().map(image_extension);
    let mut input = forms::interpretation(&form, matches!(ext, Some(Some(_))));
    if let Some(None) = ext {
        let mut fb = match input {
            Err(fb) => fb,
            Ok(_) => FormFeedback {
                values: form.clone(),
                ..Default::default()
            },
        };
        fb.errors
            .insert("image".into(), (Msg::ErrImageType.key().into(), None));
        input = Err(fb);
    }
    let input = match input {
        Ok(i) => i,
        Err(fb) => return c.service_error(ServiceError::Invalid(fb), &form).await,
    };
    // Only graphics keep an image; content-hash names make uploads immutable and deduplicated.
    let image_path = match (input.kind, image, ext.flatten()) {
        (app::domain::policy::InterpretationKind::Graphic, Some(bytes), Some(ext)) => {
            let name = format!("{}.{ext}", hex::encode(Sha256::digest(&bytes)));
            let dir = c.state.config.uploads_dir();
            let path = dir.join(&name);
            let written = async {
                tokio::fs::create_dir_all(&dir).await?;
                if tokio::fs::metadata(&path).await.is_err() {
                    // A name of its own per request: concurrent uploads never share a file.
                    let tmp = dir.join(format!("{name}.{}.tmp", auth::random_token()));
                    tokio::fs::write(&tmp, &bytes).await?;
                    tokio::fs::rename(&tmp, &path).await?;
                }
                Ok::<_, std::io::Error>(())
            }
            .await;
            if let Err(e) = written {
                tracing::error!(error = %e, "storing upload failed");
                return c.error(StatusCode::INTERNAL_SERVER_ERROR).await;
            }
            Some(name)
        }
        _ => None,
    };
    match policies::add_interpretation(&c.state, &user, id, input, image_path).await {
        Ok(_) => see_other(&format!(
            "/staff/policies/{id}?notice={}",
            Msg::NoticeSaved.key()
        )),
        Err(e) => c.service_error(e, &form).await,
    }
}

pub async fn save_calendar(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<FormMap>,
) -> Response {
    let c = ctx(state, session, headers, uri);
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    match calendar_store::save(
        &c.state,
        &user,
        form.get("entries").map(String::as_str).unwrap_or(""),
    )
    .await
    {
        Ok(()) => see_other(&format!(
            "/admin/calendar?notice={}",
            Msg::NoticeCalendarSaved.key()
        )),
        Err(e) => c.service_error(e, &form).await,
    }
}

pub async fn create_user(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<FormMap>,
) -> Response {
    let c = ctx(state, session, headers, uri);
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    match app::server::users::create(&c.state, &user, &form).await {
        Ok(_) => see_other(&format!(
            "/admin/users?notice={}",
            Msg::NoticeUserCreated.key()
        )),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

pub async fn set_user_active(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    Form(form): Form<FormMap>,
) -> Response {
    let c = ctx(state, session, headers, Uri::from_static("/admin/users"));
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    let active = form.get("active").is_some_and(|v| v == "true");
    match app::server::users::set_active(&c.state, &user, id, active).await {
        Ok(()) => see_other(&format!(
            "/admin/users?notice={}",
            Msg::NoticeUserUpdated.key()
        )),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

pub async fn create_consultation(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    headers: HeaderMap,
    uri: Uri,
    mut multipart: Multipart,
) -> Response {
    let c = ctx(state, session, headers, uri);
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (form, files) = match read_multipart(&c, &mut multipart, &["attachments"]).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    let uploads = files
        .into_iter()
        .map(|f| app::server::consultations::Upload {
            name: f.file_name,
            bytes: f.bytes,
        })
        .collect();
    match app::server::consultations::create(&c.state, &user, &form, uploads).await {
        Ok(id) => see_other(&format!(
            "/consultations/{id}?notice={}",
            Msg::NoticeConsultationSaved.key()
        )),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

/// A drafter publishes a draft consultation of their department.
pub async fn release_consultation(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    Form(form): Form<FormMap>,
) -> Response {
    let c = ctx(
        state,
        session,
        headers,
        Uri::from_static("/staff/consultations"),
    );
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    match app::server::consultations::release(&c.state, &user, id).await {
        Ok(()) => see_other(&format!(
            "/staff/consultations?notice={}",
            Msg::NoticeReleased.key()
        )),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

/// A citizen's comment: no account; stored durably before the receipt is shown.
pub async fn submit_comment(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Extension(addr): Extension<ClientAddr>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    Form(form): Form<FormMap>,
) -> Response {
    let page: Uri = format!("/consultations/{id}")
        .parse()
        .unwrap_or(Uri::from_static("/consultations"));
    let c = ctx(state, session, headers, page);
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    match app::server::consultations::submit_comment(
        &c.state,
        id,
        &form,
        &addr.to_string(),
        c.session.locale,
    )
    .await
    {
        Ok(tracking) => see_other(&format!("/comments/receipt/{tracking}")),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

/// The link from the verification mail. Used once; a replay changes nothing.
/// The POST from the button on the link's page (the GET only shows the button).
pub async fn verify_comment(
    State(state): State<AppState>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    use app::server::consultations::VerifyOutcome;
    let token = form.get("token").map(String::as_str).unwrap_or("");
    match app::server::consultations::verify(&state, token).await {
        Ok(VerifyOutcome::Verified) => see_other(&format!(
            "/comments/status?notice={}",
            Msg::VerifiedNotice.key()
        )),
        Ok(VerifyOutcome::Invalid) => see_other(&format!(
            "/comments/status?notice={}",
            Msg::VerifyInvalid.key()
        )),
        Err(e) => {
            tracing::error!(error = %e, "verification failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Start a subscription (double opt-in: the confirmation link is mailed).
pub async fn subscribe(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Extension(addr): Extension<ClientAddr>,
    headers: HeaderMap,
    Form(form): Form<FormMap>,
) -> Response {
    let locale = session.locale;
    let c = ctx(state, session, headers, Uri::from_static("/subscribe"));
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    match app::server::subscriptions::subscribe(&c.state, &form, &addr.to_string(), locale).await {
        Ok(()) => see_other(&format!(
            "/subscribe?notice={}",
            Msg::NoticeSubscribeCheckMail.key()
        )),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

/// The POST from the button on the confirmation link's page.
pub async fn confirm_subscription(
    State(state): State<AppState>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let token = form.get("token").map(String::as_str).unwrap_or("");
    match app::server::subscriptions::confirm(&state, token).await {
        Ok(true) => see_other(&format!(
            "/subscribe?notice={}",
            Msg::NoticeSubscribed.key()
        )),
        Ok(false) => see_other(&format!("/subscribe?notice={}", Msg::VerifyInvalid.key())),
        Err(e) => {
            tracing::error!(error = %e, "subscription confirmation failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Unsubscribe: from the page's button, or the mail client's one-click POST (RFC 8058),
/// which carries no cookie and no CSRF token — the unguessable token is the authority.
pub async fn unsubscribe(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
    body: axum::body::Bytes,
) -> Response {
    // Mail clients may post url-encoded or multipart bodies; the token is in the URL for
    // them and in the url-encoded body for the page's form.
    let from_body = String::from_utf8_lossy(&body)
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "token")
        .and_then(|(_, v)| urlencoding::decode(v).ok().map(|v| v.into_owned()));
    let token = from_body
        .or_else(|| q.get("token").cloned())
        .unwrap_or_default();
    let token = token.as_str();
    match app::server::subscriptions::unsubscribe(&state, token).await {
        Ok(true) => see_other(&format!(
            "/subscribe?notice={}",
            Msg::NoticeUnsubscribed.key()
        )),
        Ok(false) => see_other(&format!(
            "/subscribe?notice={}",
            Msg::UnsubscribeUnknown.key()
        )),
        Err(e) => {
            tracing::error!(error = %e, "unsubscribe failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Status lookup by tracking number and email (POST, so the email stays out of URLs and logs).
pub async fn comment_status(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Extension(addr): Extension<ClientAddr>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<FormMap>,
) -> Response {
    let c = ctx(state, session, headers, uri);
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    let tracking = form.get("tracking_number").cloned().unwrap_or_default();
    let email = form.get("email").cloned().unwrap_or_default();
    let mut fb = FormFeedback::default();
    fb.values.insert("tracking_number".into(), tracking.clone());
    fb.values.insert("email".into(), email.clone());
    // Tracking numbers are sequential: without a limit, anyone who knows an address could
    // try every number and learn where its owner commented.
    let ip_key = format!("lookup:ip:{addr}");
    let number_key = format!("lookup:number:{}", tracking.trim().to_uppercase());
    if let Err(wait) = AppState::limit(&c.state.lookup_rate, |l| {
        l.try_acquire(
            &[
                (&ip_key, LOOKUPS_PER_ADDRESS_HOUR),
                (&number_key, LOOKUPS_PER_NUMBER_HOUR),
            ],
            std::time::Instant::now(),
        )
    }) {
        fb.errors.insert(
            "lookup".into(),
            (
                Msg::LookupThrottled.key().into(),
                Some(wait.as_secs().div_ceil(60).max(1).to_string()),
            ),
        );
        return c.page(StatusCode::TOO_MANY_REQUESTS, Some(fb)).await;
    }
    match app::server::consultations::lookup(&c.state, &tracking, &email).await {
        Ok(Some(found)) => {
            fb.comment_lookup = Some(found);
            c.page(StatusCode::OK, Some(fb)).await
        }
        Ok(None) => {
            fb.errors
                .insert("lookup".into(), (Msg::StatusNotFound.key().into(), None));
            c.page(StatusCode::NOT_FOUND, Some(fb)).await
        }
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

/// Status lookups allowed per client address and per tracking number in an hour.
const LOOKUPS_PER_ADDRESS_HOUR: usize = 30;
const LOOKUPS_PER_NUMBER_HOUR: usize = 10;

/// Approve or reject one or many comments (`ids` repeated).
pub async fn moderate(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(action): Path<String>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    use app::domain::consultation::{CommentEvent, RejectReason};
    use app::server::consultations::Selection;
    let c = ctx(
        state,
        session,
        headers,
        Uri::from_static("/staff/moderation"),
    );
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    let form: FormMap = pairs.iter().filter(|(k, _)| k != "ids").cloned().collect();
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    if let Err(e) = app::server::consultations::require_editor(&user) {
        return c.service_error(e, &FormMap::new()).await;
    }
    // A whole near-duplicate group by its id, or the comments ticked one by one.
    let selection = match form.get("group").map(|g| g.parse::<i32>()) {
        Some(Ok(group)) => Selection::Group(group),
        Some(Err(_)) => return c.error(StatusCode::BAD_REQUEST).await,
        None => {
            let ids: Vec<i32> = pairs
                .iter()
                .filter(|(k, _)| k == "ids")
                .filter_map(|(_, v)| v.parse().ok())
                .collect();
            if ids.len() > app::server::consultations::MAX_SELECTED {
                return c.error(StatusCode::BAD_REQUEST).await;
            }
            Selection::Ids(ids)
        }
    };
    let event = match action.as_str() {
        "approve" => CommentEvent::Approve,
        "reject" => match form.get("reason").and_then(|r| RejectReason::parse(r)) {
            Some(r) => CommentEvent::Reject(r),
            None => return c.error(StatusCode::BAD_REQUEST).await,
        },
        _ => return c.error(StatusCode::NOT_FOUND).await,
    };
    match app::server::consultations::moderate(
        &c.state,
        &user,
        &selection,
        event,
        form.get("note").map(String::as_str),
    )
    .await
    {
        Ok(_) => see_other(&format!(
            "/staff/moderation?notice={}",
            Msg::NoticeModerated.key()
        )),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

/// Hide a span of personal data in one comment's public text.
pub async fn redact_comment(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    Form(form): Form<FormMap>,
) -> Response {
    let c = ctx(
        state,
        session,
        headers,
        Uri::from_static("/staff/moderation"),
    );
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    let span = form.get("span").map(String::as_str).unwrap_or("");
    match app::server::consultations::redact(&c.state, &user, id, span).await {
        Ok(()) => see_other(&format!(
            "/staff/moderation?notice={}#mod-{id}",
            Msg::NoticeRedacted.key()
        )),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

/// An editor enters a paper or mailed comment.
pub async fn enter_paper_comment(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    Form(form): Form<FormMap>,
) -> Response {
    let page: Uri = format!("/staff/consultations/{id}/paper-comments/new")
        .parse()
        .unwrap_or(Uri::from_static("/staff/moderation"));
    let c = ctx(state, session, headers, page);
    let user = match c.user() {
        Ok(u) => u,
        Err(r) => return r,
    };
    if let Some(r) = csrf_ok(&c, &form).await {
        return r;
    }
    match app::server::consultations::enter_paper_comment(&c.state, &user, id, &form).await {
        Ok(_) => see_other(&format!(
            "/staff/moderation?consultation={id}&notice={}",
            Msg::NoticePaperSaved.key()
        )),
        Err(e) => c.service_error(e, &FormMap::new()).await,
    }
}

/// A consultation's attachment, offered under its cleaned original name.
pub async fn attachment(State(state): State<AppState>, Path(id): Path<i32>) -> Response {
    let Ok(a) = app::server::consultations::attachment(&state, id).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let kind = a
        .stored_name
        .rsplit_once('.')
        .and_then(|(_, e)| app::domain::attachments::by_ext(e));
    let Some(kind) = kind else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(bytes) = tokio::fs::read(state.config.uploads_dir().join(&a.stored_name)).await else {
        tracing::error!(file = %a.stored_name, "attachment file missing");
        return StatusCode::NOT_FOUND.into_response();
    };
    let disposition = format!(
        "{}; filename=\"attachment.{}\"; filename*=UTF-8''{}",
        if kind.inline { "inline" } else { "attachment" },
        kind.ext,
        urlencoding::encode(&a.file_name)
    );
    let mut resp = (
        [
            (header::CONTENT_TYPE, kind.mime.to_string()),
            (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
        ],
        bytes,
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// Uploaded images: only content-hash names we created, served as the type we verified.
pub async fn upload(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(name): Path<String>,
) -> Response {
    // Parsed without slicing by byte position: a multi-byte character must not panic.
    let Some((hash, ext)) = name.split_once('.') else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mime = match ext {
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "webp" => "image/webp",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match policies::image_visible(&state, &name, session.user.is_some()).await {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "upload lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    match tokio::fs::read(state.config.uploads_dir().join(&name)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn not_found(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    method: axum::http::Method,
    headers: HeaderMap,
) -> Response {
    let is_get = method == axum::http::Method::GET;
    web::error_page(&state, &session, &headers, StatusCode::NOT_FOUND, is_get).await
}

pub async fn health() -> &'static str {
    "ok"
}

#[cfg(test)]
mod tests {
    use super::image_extension;

    #[test]
    fn images_are_recognised_by_content() {
        assert_eq!(image_extension(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(image_extension(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("jpg"));
        assert_eq!(image_extension(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(
            image_extension(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>"),
            None
        );
        assert_eq!(image_extension(b"GIF89a"), None);
    }
}
