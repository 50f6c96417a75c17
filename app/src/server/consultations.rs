//! Consultations (公开征求意见), comments without an account, verification by email, status
//! lookup and moderation. Public reads only ever see released consultations and published
//! comments; email and client address never leave this module in a public type.

use super::audit;
use super::auth::{random_token, token_hash};
use super::entities::{comment, comment_band, consultation, consultation_attachment};
use super::error::ServiceError;
use super::mail;
use super::policies::departments;
use super::sanitize;
use super::state::AppState;
use crate::domain::consultation::*;
use crate::domain::near_duplicates::{Signature, is_near_duplicate};
use crate::domain::policy::Role;
use crate::domain::{articles, attachments};
use crate::i18n::{Locale, Msg, fill};
use crate::model::*;
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

pub const COMMENTS_PAGE_SIZE: u32 = 20;
/// Members of a candidate near-duplicate group compared with a new comment.
const CLUSTER_PROBES: u64 = 16;

fn fail(fb: &mut FormFeedback, field: &str, msg: Msg, arg: Option<String>) {
    fb.errors
        .entry(field.into())
        .or_insert((msg.key().into(), arg));
}

/// A mail body with the platform's signature.
pub(super) fn signed(body: String, locale: Locale) -> String {
    format!("{body}\n\n{}\n", Msg::MailSignature.text(locale))
}

/// Midnight at the start of a date in China (UTC+8), as UTC.
pub fn china_midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default()) - chrono::Duration::hours(8)
}

async fn counts(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, (u32, u32)>, ServiceError> {
    let mut out: HashMap<i32, (u32, u32)> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    // Counted in the database: a consultation may have hundreds of thousands of comments.
    let rows: Vec<(i32, String, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::ConsultationId)
        .column(comment::Column::Status)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::ConsultationId.is_in(ids.iter().copied()))
        .group_by(comment::Column::ConsultationId)
        .group_by(comment::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    for (id, status, n) in rows {
        let e = out.entry(id).or_default();
        let n = n.max(0) as u32;
        // "Received" counts verified comments: unverified ones may be typos or abuse.
        if status != CommentStatus::Unverified.as_str() {
            e.0 += n;
        }
        if status == CommentStatus::Published.as_str() {
            e.1 += n;
        }
    }
    Ok(out)
}

async fn summaries(
    state: &AppState,
    rows: Vec<consultation::Model>,
) -> Result<Vec<ConsultationSummary>, ServiceError> {
    let depts: HashMap<i32, DepartmentInfo> = departments(&state.db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let counts = counts(&state.db, &ids).await?;
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .filter_map(|c| {
            let (received, published) = counts.get(&c.id).copied().unwrap_or_default();
            Some(ConsultationSummary {
                id: c.id,
                state: state_at(c.released, c.opens_at, c.closes_at, c.report_published, now),
                department: depts.get(&c.department_id)?.clone(),
                title: c.title,
                opens_at: c.opens_at,
                closes_at: c.closes_at,
                days_left: days_left(c.closes_at, now),
                days_to_open: days_left(c.opens_at, now),
                comments_received: received,
                comments_published: published,
            })
        })
        .collect())
}

pub async fn list(
    state: &AppState,
    department: Option<&str>,
) -> Result<ConsultationList, ServiceError> {
    let departments = departments(&state.db).await?;
    let mut q = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .order_by_desc(consultation::Column::OpensAt);
    if let Some(code) = department.filter(|c| !c.is_empty()) {
        // An unknown department shows nothing rather than everything.
        let id = departments
            .iter()
            .find(|d| d.code == code)
            .map_or(-1, |d| d.id);
        q = q.filter(consultation::Column::DepartmentId.eq(id));
    }
    let rows = q.all(&state.db).await?;
    let all = summaries(state, rows).await?;
    let pick = |s: ConsultationState| {
        all.iter()
            .filter(|c| c.state == s)
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut closed = pick(ConsultationState::Closed);
    closed.extend(pick(ConsultationState::ReportPublished));
    Ok(ConsultationList {
        open: pick(ConsultationState::Open),
        upcoming: pick(ConsultationState::Scheduled),
        closed,
        departments,
    })
}

/// Consultations for staff: a drafter sees their department's, drafts included; editors
/// and administrators see all.
pub async fn staff_list(
    state: &AppState,
    user: &UserInfo,
) -> Result<StaffConsultations, ServiceError> {
    let mut q = consultation::Entity::find().order_by_desc(consultation::Column::CreatedAt);
    match (user.role, user.department_id) {
        (Role::Drafter, Some(d)) => q = q.filter(consultation::Column::DepartmentId.eq(d)),
        (Role::Editor | Role::Admin, _) => {}
        _ => return Err(ServiceError::Forbidden),
    }
    let rows = q.all(&state.db).await?;
    Ok(StaffConsultations {
        items: summaries(state, rows).await?,
        can_release: user.role == Role::Drafter,
    })
}

/// Publishes a draft consultation; it then opens and closes by its dates. Only a drafter of
/// its department may.
pub async fn release(state: &AppState, user: &UserInfo, id: i32) -> Result<(), ServiceError> {
    let c = consultation::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if user.role != Role::Drafter || user.department_id != Some(c.department_id) {
        return Err(ServiceError::Forbidden);
    }
    // Released only once, whoever clicks first.
    let changed = consultation::Entity::update_many()
        .col_expr(
            consultation::Column::Released,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(consultation::Column::Id.eq(c.id))
        .filter(consultation::Column::Released.eq(false))
        .exec(&state.db)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(ServiceError::WrongState);
    }
    Ok(())
}

fn article_labels(text: &str) -> Vec<(String, String)> {
    articles::outline(text)
        .into_iter()
        .filter(|(_, e)| e.level == 3)
        .map(|(_, e)| (e.anchor, e.label))
        .collect()
}

pub async fn detail(
    state: &AppState,
    id: i32,
    q: &CommentQuery,
) -> Result<ConsultationDetail, ServiceError> {
    let c = consultation::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !c.released {
        return Err(ServiceError::NotFound);
    }
    let labels: HashMap<String, String> = article_labels(&c.draft_text).into_iter().collect();
    let published = comment::Entity::find()
        .filter(comment::Column::ConsultationId.eq(id))
        .filter(comment::Column::Status.eq(CommentStatus::Published.as_str()));
    let per_article: HashMap<String, u32> = published
        .clone()
        .select_only()
        .column(comment::Column::ArticleAnchor)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::ArticleAnchor.is_not_null())
        .group_by(comment::Column::ArticleAnchor)
        .into_tuple::<(Option<String>, i64)>()
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|(a, n)| Some((a?, n.max(0) as u32)))
        .collect();
    let blocks = sanitize::text_blocks(&c.draft_text)
        .into_iter()
        .map(|(entry, html)| {
            let (anchor, label) = match entry.filter(|e| e.level == 3) {
                Some(e) => (Some(e.anchor), Some(e.label)),
                None => (None, None),
            };
            DraftBlock {
                published_comments: anchor
                    .as_ref()
                    .and_then(|a| per_article.get(a))
                    .copied()
                    .unwrap_or(0),
                anchor,
                label,
                html,
            }
        })
        .collect();
    let article_filter = q.article.clone().filter(|a| !a.is_empty());
    let matching = match article_filter.as_deref() {
        None => published,
        Some("general") => published.filter(comment::Column::ArticleAnchor.is_null()),
        Some(a) => published.filter(comment::Column::ArticleAnchor.eq(a)),
    };
    let matching = if q.order.as_deref() == Some("oldest") {
        matching
            .order_by_asc(comment::Column::CreatedAt)
            .order_by_asc(comment::Column::Id)
    } else {
        matching
            .order_by_desc(comment::Column::CreatedAt)
            .order_by_desc(comment::Column::Id)
    };
    let total = matching.clone().count(&state.db).await? as u32;
    let pages = total.div_ceil(COMMENTS_PAGE_SIZE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let comments = matching
        .offset(((page - 1) * COMMENTS_PAGE_SIZE) as u64)
        .limit(COMMENTS_PAGE_SIZE as u64)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| PublicComment {
            id: p.id,
            article_label: p
                .article_anchor
                .as_ref()
                .and_then(|a| labels.get(a).cloned()),
            article_anchor: p.article_anchor,
            display_name: p.display_name,
            redacted: p.redacted_body.is_some(),
            body: p.redacted_body.unwrap_or(p.body),
            submitted_at: p.created_at,
        })
        .collect();
    let short_period_reason = c.short_period_reason.clone();
    let note_html = sanitize::render_body(&c.explanatory_note);
    let summary = summaries(state, vec![c])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    let attachments = consultation_attachment::Entity::find()
        .filter(consultation_attachment::Column::ConsultationId.eq(id))
        .order_by_asc(consultation_attachment::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| AttachmentInfo {
            id: a.id,
            kind: a
                .stored_name
                .rsplit_once('.')
                .map(|(_, e)| e.to_uppercase())
                .unwrap_or_default(),
            size: attachments::human_size(a.size_bytes.max(0) as u64),
            file_name: a.file_name,
        })
        .collect();
    Ok(ConsultationDetail {
        summary,
        short_period_reason,
        note_html,
        blocks,
        comments,
        comments_matching: total,
        page,
        pages,
        attachments,
    })
}

/// An uploaded file as the form handler received it.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A public attachment: only of a released consultation.
pub async fn attachment(
    state: &AppState,
    id: i32,
) -> Result<consultation_attachment::Model, ServiceError> {
    let a = consultation_attachment::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let released = consultation::Entity::find_by_id(a.consultation_id)
        .one(&state.db)
        .await?
        .is_some_and(|c| c.released);
    if released {
        Ok(a)
    } else {
        Err(ServiceError::NotFound)
    }
}

/// Checks uploads (count, size, type by content); the accepted ones with their types.
fn check_uploads(
    state: &AppState,
    uploads: Vec<Upload>,
    fb: &mut FormFeedback,
) -> Vec<(Upload, attachments::FileType)> {
    let max = state.config.max_upload_bytes;
    if uploads.len() > attachments::MAX_ATTACHMENTS {
        fail(
            fb,
            "attachments",
            Msg::ErrTooManyAttachments,
            Some(attachments::MAX_ATTACHMENTS.to_string()),
        );
        return vec![];
    }
    let mut ok = vec![];
    for u in uploads {
        if u.bytes.len() > max {
            let mb = (max / (1024 * 1024)).max(1);
            fail(
                fb,
                "attachments",
                Msg::ErrAttachmentTooLarge,
                Some(format!("{mb}|{}", u.name)),
            );
        } else {
            match attachments::detect(&u.name, &u.bytes) {
                Some(t) => ok.push((u, t)),
                None => fail(
                    fb,
                    "attachments",
                    Msg::ErrAttachmentType,
                    Some(format!("|{}", u.name)),
                ),
            }
        }
    }
    ok
}

/// Writes an uploaded file under its content hash (written once, under a temporary name of
/// its own, then renamed into place); returns the stored name.
pub async fn store_file(state: &AppState, bytes: &[u8], ext: &str) -> Result<String, ServiceError> {
    use sha2::Digest;
    let name = format!("{}.{ext}", hex::encode(sha2::Sha256::digest(bytes)));
    let dir = state.config.uploads_dir();
    let path = dir.join(&name);
    let io = |e: std::io::Error| ServiceError::Internal(format!("storing an attachment: {e}"));
    tokio::fs::create_dir_all(&dir).await.map_err(io)?;
    if tokio::fs::metadata(&path).await.is_err() {
        let tmp = dir.join(format!("{name}.{}.tmp", random_token()));
        tokio::fs::write(&tmp, bytes).await.map_err(io)?;
        tokio::fs::rename(&tmp, &path).await.map_err(io)?;
    }
    Ok(name)
}

/// A drafter opens a consultation for their own department.
pub async fn create(
    state: &AppState,
    user: &UserInfo,
    form: &BTreeMap<String, String>,
    uploads: Vec<Upload>,
) -> Result<i32, ServiceError> {
    let dept = match (user.role, user.department_id) {
        (Role::Drafter, Some(d)) => d,
        _ => return Err(ServiceError::Forbidden),
    };
    let get = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut fb = typed(form);
    let title = get("title");
    if title.is_empty() {
        fail(&mut fb, "title", Msg::ErrRequired, None);
    } else if title.chars().count() > 200 {
        fail(&mut fb, "title", Msg::ErrTooLong, Some("200".into()));
    }
    let draft = get("draft_text");
    if draft.is_empty() {
        fail(&mut fb, "draft_text", Msg::ErrRequired, None);
    }
    let note = get("explanatory_note");
    if note.is_empty() {
        fail(&mut fb, "explanatory_note", Msg::ErrRequired, None);
    }
    let date = |fb: &mut FormFeedback, k: &str| match NaiveDate::parse_from_str(&get(k), "%Y-%m-%d")
    {
        Ok(d) if (2000..=2100).contains(&d.year()) => Some(d),
        _ => {
            fail(fb, k, Msg::ErrDate, None);
            None
        }
    };
    let opens = date(&mut fb, "opens_on");
    let closes = date(&mut fb, "closes_on");
    let reason = get("short_period_reason");
    let reason = (!reason.is_empty()).then_some(reason);
    if let (Some(o), Some(c)) = (opens, closes) {
        let (opens_at, closes_at) = (
            china_midnight(o),
            china_midnight(c) + chrono::Duration::days(1),
        );
        match check_period(opens_at, closes_at, reason.as_deref()) {
            Ok(()) => {}
            Err(PeriodError::EndsBeforeStart) => {
                fail(&mut fb, "closes_on", Msg::ErrDateOrder, None)
            }
            Err(PeriodError::ShortWithoutReason) => {
                fail(&mut fb, "short_period_reason", Msg::ErrShortPeriod, None)
            }
        }
    }
    let files = check_uploads(state, uploads, &mut fb);
    let (Some(o), Some(c)) = (opens, closes) else {
        return Err(ServiceError::Invalid(fb));
    };
    if fb.has_errors() {
        return Err(ServiceError::Invalid(fb));
    }
    let mut stored = vec![];
    for (u, t) in files {
        let name = store_file(state, &u.bytes, t.ext).await?;
        stored.push((
            attachments::display_name(&u.name, t.ext),
            name,
            t,
            u.bytes.len(),
        ));
    }
    let txn = state.db.begin().await?;
    let saved = consultation::ActiveModel {
        title: Set(title),
        department_id: Set(dept),
        draft_text: Set(draft),
        explanatory_note: Set(note),
        opens_at: Set(china_midnight(o)),
        closes_at: Set(china_midnight(c) + chrono::Duration::days(1)),
        short_period_reason: Set(reason),
        released: Set(form
            .get("release")
            .is_some_and(|v| v == "on" || v == "true")),
        report_published: Set(false),
        created_by: Set(Some(user.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (file_name, stored_name, t, size) in stored {
        consultation_attachment::ActiveModel {
            consultation_id: Set(saved.id),
            file_name: Set(file_name),
            stored_name: Set(stored_name),
            mime: Set(t.mime.into()),
            size_bytes: Set(size as i64),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(saved.id)
}

/// Counts a submission against the hourly limits; false when over a limit.
pub(super) fn within_rate(state: &AppState, kind: &str, ip: &str, email: &str) -> bool {
    let ip_key = format!("{kind}:ip:{ip}");
    let email_key = format!("{kind}:email:{}", email.to_lowercase());
    AppState::limit(&state.comment_rate, |l| {
        l.try_acquire(
            &[
                (&ip_key, state.config.comments_per_ip_hour),
                (&email_key, state.config.comments_per_email_hour),
            ],
            Instant::now(),
        )
        .is_ok()
    })
}

/// What was typed, kept for showing the form again (never the CSRF token or honeypot).
pub(super) fn typed(form: &BTreeMap<String, String>) -> FormFeedback {
    FormFeedback {
        values: form
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "website"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..Default::default()
    }
}

/// The fields of a comment form, checked; errors go into `fb`.
struct CommentFields {
    body: Option<String>,
    article: Option<String>,
    name: String,
    email: String,
}

fn check_comment_fields(
    fb: &mut FormFeedback,
    form: &BTreeMap<String, String>,
    articles: &[(String, String)],
    email_required: bool,
) -> CommentFields {
    let get = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let body = match clean_comment(form.get("body").map(String::as_str).unwrap_or("")) {
        Ok(b) => Some(b),
        Err(e) => {
            let (msg, arg) = match e {
                CommentTextError::Empty => (Msg::ErrRequired, None),
                CommentTextError::TooLong => (Msg::ErrTooLong, Some(COMMENT_MAX_CHARS.to_string())),
                CommentTextError::Binary => (Msg::ErrBinaryText, None),
            };
            fail(fb, "body", msg, arg);
            None
        }
    };
    let article = get("article");
    let article = if article.is_empty() || article == "general" {
        None
    } else if articles.iter().any(|(a, _)| *a == article) {
        Some(article)
    } else {
        // A forged article reference.
        fail(fb, "article", Msg::ErrChoice, None);
        None
    };
    let name = get("display_name");
    if name.chars().count() > DISPLAY_NAME_MAX_CHARS || name.chars().any(char::is_control) {
        fail(
            fb,
            "display_name",
            Msg::ErrTooLong,
            Some(DISPLAY_NAME_MAX_CHARS.to_string()),
        );
    }
    let email = get("email");
    if email.is_empty() {
        if email_required {
            fail(fb, "email", Msg::ErrRequired, None);
        }
    } else if !super::forms::valid_email(&email) {
        fail(fb, "email", Msg::ErrEmail, None);
    }
    if form.get("consent").is_none_or(|v| v != "on" && v != "true") {
        fail(fb, "consent", Msg::ErrConsent, None);
    }
    CommentFields {
        body,
        article,
        name,
        email,
    }
}

/// Inserts a comment and gives it its tracking number (the row id, so numbers never repeat).
async fn insert_comment(
    db: &impl ConnectionTrait,
    row: comment::ActiveModel,
) -> Result<comment::Model, ServiceError> {
    let now = Utc::now();
    let mut row = row;
    row.tracking_number = Set(format!("pending-{}", random_token()));
    let saved = row.insert(db).await?;
    let tracking = TrackingNumber {
        year: (now + chrono::Duration::hours(8)).year(),
        serial: saved.id as u32,
    }
    .to_string();
    let mut m = saved.into_active_model();
    m.tracking_number = Set(tracking);
    Ok(m.update(db).await?)
}

/// The mail that carries a comment's one-use verification link.
struct VerificationMail<'a> {
    title: &'a str,
    tracking: &'a str,
    token: &'a str,
    body: Msg,
    locale: Locale,
}

impl VerificationMail<'_> {
    async fn enqueue(
        &self,
        db: &impl ConnectionTrait,
        state: &AppState,
        to: &str,
    ) -> Result<(), ServiceError> {
        let link = format!(
            "{}/comments/verify?token={}",
            state.config.site_url, self.token
        );
        let args = [
            ("title", self.title),
            ("tracking", self.tracking),
            ("link", link.as_str()),
        ];
        mail::enqueue(
            db,
            to,
            &fill(Msg::MailVerifySubject.text(self.locale), &args),
            &signed(fill(self.body.text(self.locale), &args), self.locale),
        )
        .await?;
        Ok(())
    }
}

/// Accepts a comment: validated, stored durably with its tracking number and the
/// verification mail in one transaction, before the response is sent.
pub async fn submit_comment(
    state: &AppState,
    consultation_id: i32,
    form: &BTreeMap<String, String>,
    ip: &str,
    locale: Locale,
) -> Result<String, ServiceError> {
    let c = consultation::Entity::find_by_id(consultation_id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !c.released {
        return Err(ServiceError::NotFound);
    }
    let mut fb = typed(form);
    if state_at(
        c.released,
        c.opens_at,
        c.closes_at,
        c.report_published,
        Utc::now(),
    ) != ConsultationState::Open
    {
        fail(&mut fb, "body", Msg::ErrConsultationNotOpen, None);
        return Err(ServiceError::Invalid(fb));
    }
    // Honeypot: a field people never see; bots fill it.
    if form.get("website").is_some_and(|w| !w.trim().is_empty()) {
        fail(&mut fb, "body", Msg::ErrNotAccepted, None);
        return Err(ServiceError::Invalid(fb));
    }
    let CommentFields {
        body,
        article,
        name,
        email,
    } = check_comment_fields(&mut fb, form, &article_labels(&c.draft_text), true);
    let Some(body) = body.filter(|_| !fb.has_errors()) else {
        return Err(ServiceError::Invalid(fb));
    };
    if !within_rate(state, "comment", ip, &email) {
        fail(&mut fb, "body", Msg::ErrRateLimited, None);
        return Err(ServiceError::Invalid(fb));
    }
    let flagged = state
        .config
        .flag_words
        .iter()
        .any(|w| body.contains(w.as_str()) || name.contains(w.as_str()));
    let token = random_token();
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let row = insert_comment(
        &txn,
        comment::ActiveModel {
            consultation_id: Set(consultation_id),
            article_anchor: Set(article),
            body: Set(body),
            display_name: Set(if name.is_empty() {
                "匿名".into()
            } else {
                name
            }),
            email: Set(email.clone()),
            ip: Set(ip.to_string()),
            consent: Set(true),
            flagged: Set(flagged),
            verify_token_hash: Set(Some(token_hash(&token))),
            verified_at: Set(None),
            status: Set(CommentStatus::Unverified.as_str().into()),
            created_at: Set(now),
            channel: Set(CommentChannel::Online.as_str().into()),
            locale: Set(locale.tag().into()),
            ..Default::default()
        },
    )
    .await?;
    let tracking = row.tracking_number.clone();
    let mail = VerificationMail {
        title: &c.title,
        tracking: &tracking,
        token: &token,
        body: Msg::MailVerifyBody,
        locale,
    };
    mail.enqueue(&txn, state, &email).await?;
    txn.commit().await?;
    Ok(tracking)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyOutcome {
    Verified,
    /// Unknown, already used or expired link: nothing changes.
    Invalid,
}

/// Entries (groups or single comments) per page of the moderation queue, and the members of
/// a group shown in it (the group's own view lists them all, paged).
pub const MODERATION_PAGE: u32 = 20;
const GROUP_MEMBERS_SHOWN: u64 = 3;

/// How long a commenter's address is kept: rate limits look back one hour, so a day is
/// plenty; after that the background job blanks it (personal data kept no longer than needed).
pub const IP_RETENTION: chrono::Duration = chrono::Duration::hours(24);

/// Blanks the client addresses of comments older than [`IP_RETENTION`]; returns how many.
pub async fn purge_addresses(state: &AppState) -> Result<u64, ServiceError> {
    let cutoff = Utc::now() - IP_RETENTION;
    Ok(comment::Entity::update_many()
        .col_expr(comment::Column::Ip, sea_orm::sea_query::Expr::value(""))
        .filter(comment::Column::Ip.ne(""))
        .filter(comment::Column::CreatedAt.lt(cutoff))
        .exec(&state.db)
        .await?
        .rows_affected)
}

/// How long a confirmation link from a mail stays valid (comment verification and
/// subscription confirmation).
pub const LINK_VALID_DAYS: i64 = 7;

pub async fn verify(state: &AppState, token: &str) -> Result<VerifyOutcome, ServiceError> {
    if token.len() != 64 {
        return Ok(VerifyOutcome::Invalid);
    }
    let hash = token_hash(token);
    let Some(c) = comment::Entity::find()
        .filter(comment::Column::VerifyTokenHash.eq(hash.clone()))
        .one(&state.db)
        .await?
    else {
        return Ok(VerifyOutcome::Invalid);
    };
    if Utc::now() - c.created_at > chrono::Duration::days(LINK_VALID_DAYS) {
        return Ok(VerifyOutcome::Invalid);
    }
    let status = CommentStatus::parse(&c.status).unwrap_or(CommentStatus::Unverified);
    let Ok(next) = comment_transition(status, CommentEvent::Verified) else {
        return Ok(VerifyOutcome::Invalid);
    };
    let txn = state.db.begin().await?;
    // Compare and set: the row changes only if it is still in the state read above with this
    // token, so two clicks (or two instances) verify once; the second finds nothing to do.
    let changed = comment::Entity::update_many()
        .col_expr(
            comment::Column::Status,
            sea_orm::sea_query::Expr::value(next.as_str()),
        )
        .col_expr(
            comment::Column::VerifiedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        // One use only: a replayed link finds nothing.
        .col_expr(
            comment::Column::VerifyTokenHash,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(comment::Column::Id.eq(c.id))
        .filter(comment::Column::Status.eq(status.as_str()))
        .filter(comment::Column::VerifyTokenHash.eq(hash))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        return Ok(VerifyOutcome::Invalid);
    }
    let c = comment::Entity::find_by_id(c.id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    assign_cluster(&txn, &c).await?;
    txn.commit().await?;
    Ok(VerifyOutcome::Verified)
}

/// Puts a comment that enters moderation into its near-duplicate group: LSH band keys find
/// candidates by index, the MinHash similarity confirms them, and groups that the new
/// comment bridges are merged under the smallest id.
pub async fn assign_cluster(
    db: &impl ConnectionTrait,
    c: &comment::Model,
) -> Result<(), ServiceError> {
    let sig = Signature::of(&c.body);
    let keys: Vec<i64> = sig
        .band_keys()
        .iter()
        .map(|k| i64::from_ne_bytes(k.to_ne_bytes()))
        .collect();
    // Comments sharing a band key with this one, as a subquery: a campaign of 100,000
    // copies must not load 100,000 rows per new comment.
    let sharing = || {
        sea_orm::sea_query::Query::select()
            .column(comment_band::Column::CommentId)
            .from(comment_band::Entity)
            .and_where(comment_band::Column::ConsultationId.eq(c.consultation_id))
            .and_where(comment_band::Column::BandKey.is_in(keys.iter().copied()))
            .to_owned()
    };
    let clusters: Vec<Option<i32>> = comment::Entity::find()
        .select_only()
        .column(comment::Column::ClusterId)
        .distinct()
        .filter(comment::Column::Id.in_subquery(sharing()))
        .filter(comment::Column::Id.ne(c.id))
        .into_tuple()
        .all(db)
        .await?;
    let mut groups: std::collections::BTreeSet<i32> = Default::default();
    for cluster in clusters.into_iter().flatten() {
        // A few members of each candidate group are enough to decide: the group is one of
        // near-identical texts, and the most recent members reflect its latest edits.
        let members = comment::Entity::find()
            .filter(comment::Column::ClusterId.eq(cluster))
            .filter(comment::Column::Id.in_subquery(sharing()))
            .filter(comment::Column::Id.ne(c.id))
            .order_by_desc(comment::Column::Id)
            .limit(CLUSTER_PROBES)
            .all(db)
            .await?;
        let similar = members.iter().any(|other| {
            other
                .signature
                .as_deref()
                .and_then(Signature::from_hex)
                .is_some_and(|o| is_near_duplicate(&sig, &o))
        });
        if similar {
            groups.insert(cluster);
        }
    }
    let target = groups.iter().copied().chain([c.id]).min().unwrap_or(c.id);
    let merge: Vec<i32> = groups.into_iter().filter(|g| *g != target).collect();
    if !merge.is_empty() {
        comment::Entity::update_many()
            .col_expr(
                comment::Column::ClusterId,
                sea_orm::sea_query::Expr::value(target),
            )
            .filter(comment::Column::ClusterId.is_in(merge))
            .exec(db)
            .await?;
    }
    let mut m = c.clone().into_active_model();
    m.signature = Set(Some(sig.to_hex()));
    m.cluster_id = Set(Some(target));
    m.update(db).await?;
    comment_band::Entity::insert_many(keys.into_iter().map(|k| comment_band::ActiveModel {
        consultation_id: Set(c.consultation_id),
        band_key: Set(k),
        comment_id: Set(c.id),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// A commenter's own comment, found by tracking number and the email it was sent with.
pub async fn lookup(
    state: &AppState,
    tracking: &str,
    email: &str,
) -> Result<Option<CommentLookup>, ServiceError> {
    let Some(number) = TrackingNumber::parse(tracking) else {
        return Ok(None);
    };
    let Some(c) = comment::Entity::find()
        .filter(comment::Column::TrackingNumber.eq(number.to_string()))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    // Comments entered without an email cannot be looked up: the number alone proves nothing.
    if c.email.is_empty()
        || !super::auth::constant_time_eq(&c.email.to_lowercase(), &email.trim().to_lowercase())
    {
        return Ok(None);
    }
    let title = consultation::Entity::find_by_id(c.consultation_id)
        .one(&state.db)
        .await?
        .map(|x| x.title)
        .unwrap_or_default();
    Ok(Some(CommentLookup {
        tracking_number: c.tracking_number,
        consultation_id: c.consultation_id,
        consultation_title: title,
        status: CommentStatus::parse(&c.status).unwrap_or(CommentStatus::Unverified),
        reject_reason: c.reject_reason.as_deref().and_then(RejectReason::parse),
        submitted_at: c.created_at,
    }))
}

/// Moderation is for editors and administrators.
pub fn require_editor(user: &UserInfo) -> Result<(), ServiceError> {
    if matches!(user.role, Role::Editor | Role::Admin) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

pub async fn moderation_queue(
    state: &AppState,
    user: &UserInfo,
    filter: &ModerationFilter,
) -> Result<ModerationQueue, ServiceError> {
    use sea_orm::sea_query::{self as sq, Expr, Func, SimpleExpr};
    // `sq::ExprTrait` is called by path: in scope, its `max`/`min` would shadow those of numbers.
    require_editor(user)?;
    let waiting = || {
        comment::Entity::find()
            .filter(comment::Column::Status.eq(CommentStatus::AwaitingModeration.as_str()))
    };
    let waiting_total = waiting().count(&state.db).await? as u32;
    let mut q = waiting();
    if let Some(id) = filter.consultation {
        q = q.filter(comment::Column::ConsultationId.eq(id));
    }
    if let Some(a) = filter.article.as_deref().filter(|a| !a.is_empty()) {
        q = if a == "general" {
            q.filter(comment::Column::ArticleAnchor.is_null())
        } else {
            q.filter(comment::Column::ArticleAnchor.eq(a))
        };
    }
    if let Some(cluster) = filter.cluster {
        q = q.filter(comment::Column::ClusterId.eq(cluster));
    }
    if filter.flagged {
        q = q.filter(comment::Column::Flagged.eq(true));
    }
    // One entry per near-duplicate group (or per comment outside a group), in the order the
    // entry first appeared; inside one group's own view, one entry per comment. Grouped,
    // counted and paged in the database: a campaign of 100,000 copies is one entry.
    let entry: SimpleExpr = if filter.cluster.is_some() {
        Expr::col(comment::Column::Id)
    } else {
        Func::coalesce([
            Expr::col(comment::Column::ClusterId),
            Expr::col(comment::Column::Id),
        ])
        .into()
    };
    let entries_total: i64 = q
        .clone()
        .select_only()
        .column_as(sq::ExprTrait::count_distinct(entry.clone()), "n")
        .into_tuple()
        .one(&state.db)
        .await?
        .unwrap_or(0);
    let entries_total = u32::try_from(entries_total).unwrap_or(0);
    let pages = entries_total.div_ceil(MODERATION_PAGE).max(1);
    let page = filter.page.unwrap_or(1).clamp(1, pages);
    let keys: Vec<i32> = q
        .clone()
        .select_only()
        .column_as(entry.clone(), "k")
        .group_by(entry.clone())
        .order_by_asc(sq::ExprTrait::min(Expr::col(comment::Column::Id)))
        .limit(u64::from(MODERATION_PAGE))
        .offset(u64::from((page - 1) * MODERATION_PAGE))
        .into_tuple()
        .all(&state.db)
        .await?;
    // A few members of each entry (one for a single comment), each entry one small query.
    let mut rows = Vec::new();
    for key in &keys {
        rows.extend(
            q.clone()
                .filter(sq::ExprTrait::eq(entry.clone(), *key))
                .order_by_asc(comment::Column::Id)
                .limit(GROUP_MEMBERS_SHOWN)
                .all(&state.db)
                .await?,
        );
    }
    // Group sizes across every verified comment, so a campaign shows its full weight, and
    // how many of each group wait: at most one page of groups in the IN list.
    let cluster_ids: Vec<i32> = rows
        .iter()
        .filter_map(|r| r.cluster_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut sizes: HashMap<i32, u32> = HashMap::new();
    let mut waiting_in: HashMap<i32, u32> = HashMap::new();
    if !cluster_ids.is_empty() {
        let counts: Vec<(Option<i32>, String, i64)> = comment::Entity::find()
            .select_only()
            .column(comment::Column::ClusterId)
            .column(comment::Column::Status)
            .column_as(sq::ExprTrait::count(Expr::col(comment::Column::Id)), "n")
            .filter(comment::Column::ClusterId.is_in(cluster_ids))
            .group_by(comment::Column::ClusterId)
            .group_by(comment::Column::Status)
            .into_tuple()
            .all(&state.db)
            .await?;
        for (cid, status, n) in counts {
            let Some(cid) = cid else { continue };
            let n = u32::try_from(n).unwrap_or(0);
            *sizes.entry(cid).or_default() += n;
            if status == CommentStatus::AwaitingModeration.as_str() {
                *waiting_in.entry(cid).or_default() += n;
            }
        }
    }
    let consultations: Vec<consultation::Model> = consultation::Entity::find()
        .order_by_desc(consultation::Column::OpensAt)
        .all(&state.db)
        .await?;
    let by_id: HashMap<i32, &consultation::Model> =
        consultations.iter().map(|c| (c.id, c)).collect();
    // Article labels of the consultations on this page only.
    let on_page: std::collections::BTreeSet<i32> = rows.iter().map(|r| r.consultation_id).collect();
    let labels: HashMap<i32, HashMap<String, String>> = consultations
        .iter()
        .filter(|c| on_page.contains(&c.id))
        .map(|c| (c.id, article_labels(&c.draft_text).into_iter().collect()))
        .collect();
    let items: Vec<ModerationItem> = rows
        .into_iter()
        .map(|r| {
            let c = by_id.get(&r.consultation_id);
            let label = r
                .article_anchor
                .as_ref()
                .and_then(|a| labels.get(&r.consultation_id)?.get(a).cloned());
            ModerationItem {
                id: r.id,
                tracking_number: r.tracking_number,
                consultation_id: r.consultation_id,
                consultation_title: c.map(|c| c.title.clone()).unwrap_or_default(),
                article_label: label,
                display_name: r.display_name,
                body: r.body,
                redacted_body: r.redacted_body,
                flagged: r.flagged,
                channel: CommentChannel::parse(&r.channel).unwrap_or(CommentChannel::Online),
                cluster_size: r
                    .cluster_id
                    .and_then(|c| sizes.get(&c))
                    .copied()
                    .unwrap_or(1),
                cluster_waiting: r
                    .cluster_id
                    .and_then(|c| waiting_in.get(&c))
                    .copied()
                    .unwrap_or(1),
                cluster_id: r.cluster_id,
                submitted_at: r.created_at,
            }
        })
        .collect();
    let articles = filter
        .consultation
        .and_then(|id| by_id.get(&id))
        .map(|c| article_labels(&c.draft_text))
        .unwrap_or_default();
    Ok(ModerationQueue {
        items,
        paper_targets: consultations
            .iter()
            .filter(|c| {
                matches!(
                    state_at(
                        c.released,
                        c.opens_at,
                        c.closes_at,
                        c.report_published,
                        Utc::now()
                    ),
                    ConsultationState::Open | ConsultationState::Closed
                )
            })
            .map(|c| (c.id, c.title.clone()))
            .collect(),
        consultations: consultations
            .iter()
            .map(|c| (c.id, c.title.clone()))
            .collect(),
        articles,
        waiting_total,
        entries_total,
        page,
        pages,
    })
}

/// Which comments a moderation action applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Comments ticked one by one (at most [`MAX_SELECTED`]).
    Ids(Vec<i32>),
    /// Every comment of a near-duplicate group that waits for moderation.
    Group(i32),
}

/// Most comments one selection by ids may name (a page holds far fewer): keeps the `IN`
/// list far below PostgreSQL's limit of 65,535 bound values.
pub const MAX_SELECTED: usize = 1000;

/// Approves or rejects comments; every one must be in a state that allows it, else nothing
/// changes (no partial bulk actions). The commenter is told by mail.
pub async fn moderate(
    state: &AppState,
    user: &UserInfo,
    selection: &Selection,
    event: CommentEvent,
    note: Option<&str>,
) -> Result<usize, ServiceError> {
    require_editor(user)?;
    let txn = state.db.begin().await?;
    let rows = match selection {
        Selection::Ids(ids) => {
            let ids: Vec<i32> = ids
                .iter()
                .copied()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if ids.is_empty() {
                return Ok(0);
            }
            if ids.len() > MAX_SELECTED {
                return Err(ServiceError::WrongState);
            }
            let rows = comment::Entity::find()
                .filter(comment::Column::Id.is_in(ids.iter().copied()))
                .all(&txn)
                .await?;
            if rows.len() != ids.len() {
                return Err(ServiceError::NotFound);
            }
            rows
        }
        Selection::Group(cluster) => {
            let rows = comment::Entity::find()
                .filter(comment::Column::ClusterId.eq(*cluster))
                .filter(comment::Column::Status.eq(CommentStatus::AwaitingModeration.as_str()))
                .order_by_asc(comment::Column::Id)
                .all(&txn)
                .await?;
            if rows.is_empty() {
                return Err(ServiceError::WrongState);
            }
            rows
        }
    };
    let now = Utc::now();
    let changed = rows.len();
    for r in rows {
        let from = CommentStatus::parse(&r.status).unwrap_or(CommentStatus::Unverified);
        let to = comment_transition(from, event).map_err(|_| ServiceError::WrongState)?;
        let mut m = r.into_active_model();
        m.status = Set(to.as_str().into());
        m.reject_reason = Set(match event {
            CommentEvent::Reject(reason) => Some(reason.as_str().into()),
            _ => None,
        });
        m.moderator_note = Set(note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| n.chars().take(1000).collect()));
        m.moderated_by = Set(Some(user.id));
        m.moderated_at = Set(Some(now));
        // Only if still in the state read above: two editors acting at once give one result;
        // the other gets "not possible in the current state" and the whole batch rolls back.
        let saved = match comment::Entity::update(m)
            .validate()?
            .filter(comment::Column::Status.eq(from.as_str()))
            .exec(&txn)
            .await
        {
            Ok(saved) => saved,
            Err(sea_orm::DbErr::RecordNotUpdated) => return Err(ServiceError::WrongState),
            Err(e) => return Err(e.into()),
        };
        let (action, reason) = match event {
            CommentEvent::Reject(r) => (AuditAction::Reject, Some(r.as_str())),
            _ => (AuditAction::Approve, None),
        };
        audit::record(
            &txn,
            user,
            action,
            saved.id,
            &saved.tracking_number,
            reason,
            saved.moderator_note.clone(),
        )
        .await?;
        // Paper comments may come without an email: nobody to tell.
        if saved.email.is_empty() {
            continue;
        }
        let locale = Locale::from_tag(&saved.locale).unwrap_or_default();
        let link = format!("{}/comments/status", state.config.site_url);
        let reason_text = match event {
            CommentEvent::Reject(r) => crate::i18n::reason_msg(r).text(locale),
            _ => "",
        };
        let args = [
            ("tracking", saved.tracking_number.as_str()),
            ("link", link.as_str()),
            ("reason", reason_text),
        ];
        let body = if to == CommentStatus::Published {
            Msg::MailOutcomePublished
        } else {
            Msg::MailOutcomeRejected
        };
        mail::enqueue(
            &txn,
            &saved.email,
            &fill(Msg::MailOutcomeSubject.text(locale), &args),
            &signed(fill(body.text(locale), &args), locale),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(changed)
}

/// Hides a span of personal data in a comment's public text. The original stays for staff;
/// the action is recorded (how many places, never the hidden text itself).
pub async fn redact(
    state: &AppState,
    user: &UserInfo,
    id: i32,
    span: &str,
) -> Result<(), ServiceError> {
    require_editor(user)?;
    let txn = state.db.begin().await?;
    let c = comment::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let current = c.redacted_body.clone().unwrap_or_else(|| c.body.clone());
    let (redacted, n) = match crate::domain::consultation::redact(&current, span) {
        Ok(r) => r,
        Err(e) => {
            let mut fb = FormFeedback::default();
            fb.values.insert(format!("span-{id}"), span.to_string());
            let msg = match e {
                RedactError::EmptySpan => Msg::ErrRequired,
                RedactError::NotFound => Msg::ErrRedactNotFound,
            };
            fail(&mut fb, &format!("span-{id}"), msg, None);
            return Err(ServiceError::Invalid(fb));
        }
    };
    let label = c.tracking_number.clone();
    let mut m = c.into_active_model();
    m.redacted_body = Set(Some(redacted));
    m.update(&txn).await?;
    audit::record(
        &txn,
        user,
        AuditAction::Redact,
        id,
        &label,
        Some(RejectReason::PersonalData.as_str()),
        Some(n.to_string()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The form for a paper or mailed comment: the consultation must accept comments or have
/// just closed (letters posted in time arrive late).
pub async fn paper_context(
    state: &AppState,
    user: &UserInfo,
    id: i32,
) -> Result<PaperCommentContext, ServiceError> {
    require_editor(user)?;
    let c = consultation::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !matches!(
        state_at(
            c.released,
            c.opens_at,
            c.closes_at,
            c.report_published,
            Utc::now()
        ),
        ConsultationState::Open | ConsultationState::Closed
    ) {
        return Err(ServiceError::WrongState);
    }
    Ok(PaperCommentContext {
        consultation_id: c.id,
        articles: article_labels(&c.draft_text),
        title: c.title,
    })
}

/// An editor enters a comment received on paper or by post. It goes straight to
/// moderation unless `HUIYIN_PAPER_COMMENTS_NEED_VERIFICATION` is set and an email is given.
pub async fn enter_paper_comment(
    state: &AppState,
    user: &UserInfo,
    consultation_id: i32,
    form: &BTreeMap<String, String>,
) -> Result<String, ServiceError> {
    let ctx = paper_context(state, user, consultation_id).await?;
    let mut fb = typed(form);
    let channel = match form
        .get("channel")
        .and_then(|c| CommentChannel::parse(c.trim()))
    {
        Some(c) if c != CommentChannel::Online => Some(c),
        _ => {
            fail(&mut fb, "channel", Msg::ErrChoice, None);
            None
        }
    };
    let CommentFields {
        body,
        article,
        name,
        email,
    } = check_comment_fields(&mut fb, form, &ctx.articles, false);
    let (Some(body), Some(channel)) = (body, channel) else {
        return Err(ServiceError::Invalid(fb));
    };
    if fb.has_errors() {
        return Err(ServiceError::Invalid(fb));
    }
    let verify = state.config.paper_comments_need_verification && !email.is_empty();
    let token = random_token();
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let row = insert_comment(
        &txn,
        comment::ActiveModel {
            consultation_id: Set(consultation_id),
            article_anchor: Set(article),
            body: Set(body.clone()),
            display_name: Set(if name.is_empty() {
                "匿名".into()
            } else {
                name
            }),
            email: Set(email.clone()),
            ip: Set(String::new()),
            consent: Set(true),
            flagged: Set(state
                .config
                .flag_words
                .iter()
                .any(|w| body.contains(w.as_str()))),
            verify_token_hash: Set(verify.then(|| token_hash(&token))),
            verified_at: Set((!verify).then_some(now)),
            status: Set(if verify {
                CommentStatus::Unverified
            } else {
                CommentStatus::AwaitingModeration
            }
            .as_str()
            .into()),
            created_at: Set(now),
            channel: Set(channel.as_str().into()),
            ..Default::default()
        },
    )
    .await?;
    let tracking = row.tracking_number.clone();
    if verify {
        let mail = VerificationMail {
            title: &ctx.title,
            tracking: &tracking,
            token: &token,
            body: Msg::MailPaperVerifyBody,
            locale: Locale::default(),
        };
        mail.enqueue(&txn, state, &email).await?;
    } else {
        assign_cluster(&txn, &row).await?;
    }
    audit::record(
        &txn,
        user,
        AuditAction::EnterComment,
        row.id,
        &tracking,
        None,
        Some(channel.as_str().into()),
    )
    .await?;
    txn.commit().await?;
    Ok(tracking)
}
