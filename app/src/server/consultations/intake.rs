//! A citizen's comment: checked, stored durably with a tracking number, the verification
//! mail queued in the same transaction; client addresses kept only a day.

use super::*;

/// The fields of a comment form, checked; errors go into `fb`.
pub(crate) struct CommentFields {
    pub body: Option<String>,
    pub article: Option<String>,
    pub name: String,
    pub email: String,
}

pub(crate) fn check_comment_fields(
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
    } else if !crate::server::forms::valid_email(&email) {
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
pub(crate) async fn insert_comment(
    db: &impl ConnectionTrait,
    row: comment::ActiveModel,
    now: DateTime<Utc>,
) -> Result<comment::Model, ServiceError> {
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
pub(crate) struct VerificationMail<'a> {
    pub title: &'a str,
    pub tracking: &'a str,
    pub token: &'a str,
    pub body: Msg,
    pub locale: Locale,
}

impl VerificationMail<'_> {
    pub(crate) async fn enqueue(
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
        state.now(),
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
    let now = state.now();
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
        now,
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

/// How long a commenter's address is kept: rate limits look back one hour, so a day is
/// plenty; after that the background job blanks it (personal data kept no longer than needed).
pub const IP_RETENTION: chrono::Duration = chrono::Duration::hours(24);

/// Blanks the client addresses of comments older than [`IP_RETENTION`]; returns how many.
pub async fn purge_addresses(state: &AppState) -> Result<u64, ServiceError> {
    let cutoff = state.now() - IP_RETENTION;
    Ok(comment::Entity::update_many()
        .col_expr(comment::Column::Ip, sea_orm::sea_query::Expr::value(""))
        .filter(comment::Column::Ip.ne(""))
        .filter(comment::Column::CreatedAt.lt(cutoff))
        .exec(&state.db)
        .await?
        .rows_affected)
}
