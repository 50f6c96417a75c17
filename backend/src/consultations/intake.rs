//! A citizen's comment: checked, stored durably with a tracking number, the verification
//! mail queued in the same transaction; client addresses kept only a day.

use super::*;

/// The row of a new comment on a draft with these `articles`, with what every channel has in
/// common: its article (an error if the draft has none such: a forged reference), text,
/// name (匿名 when none is given), email, consent, and whether it names a flag word. The
/// caller adds how it came and where it stands.
pub(crate) fn comment_row(
    state: &AppState,
    consultation_id: i32,
    comment: CommentInput,
    articles: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<comment::ActiveModel, Invalid> {
    let article = match comment.article {
        Some(a) if !articles.iter().any(|(anchor, _)| *anchor == a) => {
            return Err(Invalid::one("article", Msg::ErrChoice, None));
        }
        article => article,
    };
    let flagged =
        state.config.flag_words.iter().any(|w| {
            comment.body.contains(w.as_str()) || comment.display_name.contains(w.as_str())
        });
    Ok(comment::ActiveModel {
        consultation_id: Set(consultation_id),
        article_anchor: Set(article),
        body: Set(comment.body),
        display_name: Set(if comment.display_name.is_empty() {
            "匿名".into()
        } else {
            comment.display_name
        }),
        email: Set(comment.email),
        consent: Set(true),
        flagged: Set(flagged),
        created_at: Set(now),
        ..Default::default()
    })
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
    /// The mail's subject and body, its link under `site_url`.
    pub(crate) fn compose(&self, site_url: &str) -> (String, String) {
        let link = format!("{site_url}/comments/verify?token={}", self.token);
        let args = [
            ("title", self.title),
            ("tracking", self.tracking),
            ("link", link.as_str()),
        ];
        (
            fill(Msg::MailVerifySubject.text(self.locale), &args),
            signed(fill(self.body.text(self.locale), &args), self.locale),
        )
    }

    pub(crate) async fn enqueue(
        &self,
        db: &impl ConnectionTrait,
        state: &AppState,
        to: &str,
    ) -> Result<(), ServiceError> {
        let (subject, body) = self.compose(&state.config.site_url);
        mail::enqueue(db, to, &subject, &body).await?;
        Ok(())
    }
}

/// Accepts a comment: validated, then stored durably with its tracking number and the
/// verification mail by the group-commit writer, before the response is sent.
pub async fn submit_comment(
    state: &AppState,
    consultation_id: i32,
    form: &CommentForm,
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
    if state_at(
        c.released,
        c.opens_at,
        c.closes_at,
        c.report_published,
        state.now(),
    ) != ConsultationState::Open
    {
        return Err(Invalid::one("body", Msg::ErrConsultationNotOpen, None).into());
    }
    let OnlineComment(comment) = OnlineComment::try_from(form)?;
    let email = comment.email.clone();
    let now = state.now();
    let row = comment_row(
        state,
        consultation_id,
        comment,
        &article_labels(&c.draft_text),
        now,
    )?;
    if !within_rate(state, "comment", ip, &email) {
        return Err(ServiceError::TooMany(
            Invalid::one("body", Msg::ErrRateLimited, None),
            3600,
        ));
    }
    let token = random_token();
    state
        .comment_writer
        .write(PendingComment {
            row: comment::ActiveModel {
                ip: Set(ip.to_string()),
                verify_token_hash: Set(Some(token_hash(&token))),
                verified_at: Set(None),
                status: Set(CommentStatus::Unverified),
                channel: Set(CommentChannel::Online),
                locale: Set(locale.tag().into()),
                ..row
            },
            created_at: now,
            email,
            title: c.title,
            token,
            locale,
        })
        .await
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
