//! The moderation queue (grouped, counted and paged in the database) and the decisions:
//! approve or reject, one comment, a selection or a group, all or nothing; redaction.

use super::*;

/// Entries (groups or single comments) per page of the moderation queue, and the members of
/// a group shown in it (the group's own view lists them all, paged).
pub const MODERATION_PAGE: u32 = 20;
pub(crate) const GROUP_MEMBERS_SHOWN: u64 = 3;

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
            .filter(comment::Column::Status.eq(CommentStatus::AwaitingModeration))
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
    // Staff search in what waits (never public): the words as typed, in Simplified and in
    // Traditional script, anywhere in the text.
    if let Some(words) = filter.q.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        let words: String = words
            .chars()
            .filter(|c| !c.is_control())
            .take(100)
            .collect();
        let mut any = sea_orm::Condition::any();
        for form in crate::search::analysis::script_variants(&words) {
            let pattern = format!(
                "%{}%",
                form.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            any = any.add(sq::ExprTrait::like(
                Expr::col(comment::Column::Body),
                sq::LikeExpr::new(pattern).escape('\\'),
            ));
        }
        q = q.filter(any);
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
        let counts: Vec<(Option<i32>, CommentStatus, i64)> = comment::Entity::find()
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
            if status == CommentStatus::AwaitingModeration {
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
                channel: r.channel,
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
            .filter(|c| accepts_paper_comments(c, state.now()))
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
                .filter(comment::Column::Status.eq(CommentStatus::AwaitingModeration))
                .order_by_asc(comment::Column::Id)
                .all(&txn)
                .await?;
            if rows.is_empty() {
                return Err(ServiceError::WrongState);
            }
            rows
        }
    };
    let now = state.now();
    let changed = rows.len();
    // Approved comments come into search, rejected ones leave it: same transaction.
    crate::search::sync::enqueue(
        &txn,
        rows.iter()
            .map(|r| crate::search::sync::Change::Comment(r.id)),
    )
    .await?;
    for r in rows {
        let from = r.status;
        let to = comment_transition(from, event).map_err(|_| ServiceError::WrongState)?;
        let mut m = r.into_active_model();
        m.status = Set(to);
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
            .filter(comment::Column::Status.eq(from))
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
            let msg = match e {
                RedactError::EmptySpan => Msg::ErrRequired,
                RedactError::NotFound => Msg::ErrRedactNotFound,
            };
            return Err(Invalid::one(&format!("span-{id}"), msg, None).into());
        }
    };
    let label = c.tracking_number.clone();
    let mut m = c.into_active_model();
    m.redacted_body = Set(Some(redacted));
    m.update(&txn).await?;
    // The hidden text leaves the search index with this transaction's change.
    crate::search::sync::enqueue(&txn, [crate::search::sync::Change::Comment(id)]).await?;
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
