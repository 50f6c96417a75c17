//! The moderation queue: entries (a comment or a near-duplicate group) with their actions.

use super::*;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|m| ModerationFilter {
            q: m.get("q").filter(|q| !q.trim().is_empty()),
            consultation: m.get("consultation").and_then(|c| c.parse::<i32>().ok()),
            article: m.get("article").filter(|a| !a.is_empty()),
            cluster: m.get("cluster").and_then(|c| c.parse::<i32>().ok()),
            flagged: m.get("flagged").is_some_and(|f| f == "1"),
            page: m.get("page").and_then(|p| p.parse::<u32>().ok()),
        })
    });
    let data = Resource::new(move || filter.get(), get_moderation);
    view! {
        <Title text=t(Msg::ModerationTitle)/>
        <h1>{t(Msg::ModerationTitle)}</h1>
        <Notice/>
        <ErrorSummary/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let f = filter.get_untracked();
                match data.await {
                    Ok(q) => moderation_view(q, f).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

/// A form that acts on every waiting comment of a near-duplicate group.
#[component]
pub(crate) fn GroupForm(
    action: &'static str,
    group: i32,
    label: String,
    #[prop(optional)] reasons: Option<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="group-form">
            <CsrfField/>
            <input type="hidden" name="group" value=group.to_string()/>
            {reasons.map(|reasons| view! {
                <label for=format!("group-reason-{group}")>{t(Msg::RejectReasonLabel)}</label>
                <select id=format!("group-reason-{group}") name="reason">
                    {reasons.into_iter().map(|(v, l)| view! { <option value=v.clone() selected=v == "duplicate">{l}</option> }).collect_view()}
                </select>
            })}
            <button type="submit" class:secondary=action.ends_with("reject")>{label}</button>
        </form>
    }
}

/// The address of a page of the moderation queue with the same filters.
pub(crate) fn moderation_href(f: &ModerationFilter, page: u32) -> String {
    let mut parts = vec![];
    if let Some(q) = &f.q {
        parts.push(format!("q={}", crate::urlencode(q)));
    }
    if let Some(c) = f.consultation {
        parts.push(format!("consultation={c}"));
    }
    if let Some(a) = &f.article {
        parts.push(format!("article={}", crate::urlencode(a)));
    }
    if let Some(c) = f.cluster {
        parts.push(format!("cluster={c}"));
    }
    if f.flagged {
        parts.push("flagged=1".into());
    }
    parts.push(format!("page={page}"));
    format!("/staff/moderation?{}", parts.join("&"))
}

pub(crate) fn moderation_view(q: ModerationQueue, f: ModerationFilter) -> impl IntoView {
    let fb = use_feedback();
    let mut options = vec![(String::new(), t(Msg::AllConsultations).to_string())];
    options.extend(
        q.consultations
            .iter()
            .map(|(id, title)| (id.to_string(), title.clone())),
    );
    let article_options = (!q.articles.is_empty()).then(|| {
        let mut o = vec![
            (String::new(), t(Msg::AllArticles).to_string()),
            ("general".to_string(), t(Msg::CommentGeneral).to_string()),
        ];
        o.extend(q.articles.iter().cloned());
        o
    });
    let reasons: Vec<(String, String)> = RejectReason::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), t(reason_msg(*r)).to_string()))
        .collect();
    let consultations = q.paper_targets.clone();
    let mut shown_groups = std::collections::HashSet::new();
    let f2 = f.clone();
    view! {
        <p class="lead">{tf(Msg::ModerationWaiting, &[("n", &q.waiting_total.to_string())])}</p>
        <form method="get" action="/staff/moderation" class="filters">
            <div class="field">
                <label for="f-q">{t(Msg::ModerationSearch)}</label>
                <input id="f-q" type="search" name="q" maxlength="100" value=f.q.clone().unwrap_or_default()/>
            </div>
            <SelectField name="consultation" label=Msg::NavConsultations options=options value=f.consultation.map(|c| c.to_string()).unwrap_or_default()/>
            {article_options.map(|o| view! { <SelectField name="article" label=Msg::CommentFilterArticle options=o value=f.article.clone().unwrap_or_default()/> })}
            {f.cluster.map(|c| view! { <input type="hidden" name="cluster" value=c.to_string()/> })}
            <div class="field checkbox">
                <label for="f-flagged"><input id="f-flagged" name="flagged" type="checkbox" value="1" checked=f.flagged/>" "{t(Msg::ModerationFlaggedOnly)}</label>
            </div>
            <button type="submit">{t(Msg::FilterApply)}</button>
        </form>
        {(!consultations.is_empty()).then(|| view! { <p class="paper-links">{t(Msg::EnterPaperComments)}
            {consultations.into_iter().map(|(id, title)| view! {
                " "<a href=format!("/staff/consultations/{id}/paper-comments/new")>{title}</a>
            }).collect_view()}
        </p> })}
        {if q.items.is_empty() {
            view! { <p class="empty">{t(Msg::StaffNothing)}</p> }.into_any()
        } else {
            view! {
                <form method="post" action="/staff/moderation/approve" id="bulk-approve">
                    <CsrfField/>
                    <button type="submit">{t(Msg::ApproveSelected)}</button>
                </form>
                <ol class="comment-list moderation">
                    {q.items.into_iter().map(|c| {
                        let select_id = format!("select-{}", c.id);
                        let reasons = reasons.clone();
                        let span_name = format!("span-{}", c.id);
                        let span_error = error_text(&fb, &span_name);
                        let span_value = fb.value(&span_name);
                        // Group actions once per group, on its first member shown.
                        let group = c.cluster_id.filter(|_| c.cluster_size > 1).map(|cid| {
                            let first = shown_groups.insert(cid);
                            let n = c.cluster_waiting.to_string();
                            view! {
                                <div class="cluster">
                                    <p><strong>{tf(Msg::ClusterBadge, &[("n", &c.cluster_size.to_string())])}</strong>
                                        " "<a href=format!("/staff/moderation?cluster={cid}")>{t(Msg::ClusterShow)}</a></p>
                                    {(first && c.cluster_waiting > 1).then(|| view! {
                                        <div class="actions">
                                            <GroupForm action="/staff/moderation/approve" group=cid label=tf(Msg::ClusterApprove, &[("n", &n)])/>
                                            <GroupForm action="/staff/moderation/reject" group=cid label=tf(Msg::ClusterReject, &[("n", &n)]) reasons=reasons.clone()/>
                                        </div>
                                    })}
                                </div>
                            }
                        });
                        view! {
                            <li class="comment" class:flagged=c.flagged id=format!("mod-{}", c.id)>
                                <p class="meta">
                                    <input type="checkbox" form="bulk-approve" name="ids" value=c.id.to_string() id=select_id.clone()/>
                                    <label for=select_id>{t(Msg::SelectComment)}" "{c.tracking_number.clone()}</label>
                                    <span>{c.consultation_title.clone()}</span>
                                    <span>{c.article_label.clone().unwrap_or_else(|| t(Msg::CommentGeneral).to_string())}</span>
                                    <strong>{c.display_name.clone()}</strong>
                                    <span>{t(Msg::ChannelLabel)}"："{t(channel_msg(c.channel))}</span>
                                </p>
                                {c.flagged.then(|| view! { <p class="warning">{t(Msg::Flagged)}</p> })}
                                {group}
                                {match c.redacted_body.clone() {
                                    Some(r) => view! {
                                        <p class="help">{t(Msg::RedactedPreview)}</p>
                                        <p class="comment-body">{r}</p>
                                        <details><summary>{t(Msg::OriginalText)}</summary><p class="comment-body">{c.body.clone()}</p></details>
                                    }.into_any(),
                                    None => view! { <p class="comment-body">{c.body.clone()}</p> }.into_any(),
                                }}
                                <div class="actions">
                                    <form method="post" action="/staff/moderation/approve">
                                        <CsrfField/>
                                        <input type="hidden" name="ids" value=c.id.to_string()/>
                                        <button type="submit">{t(Msg::ApproveComment)}<span class="visually-hidden">" "{c.tracking_number.clone()}</span></button>
                                    </form>
                                    <form method="post" action="/staff/moderation/reject" class="reject-form">
                                        <CsrfField/>
                                        <input type="hidden" name="ids" value=c.id.to_string()/>
                                        <label for=format!("reason-{}", c.id)>{t(Msg::RejectReasonLabel)}</label>
                                        <select id=format!("reason-{}", c.id) name="reason">
                                            {reasons.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                                        </select>
                                        <label for=format!("note-{}", c.id)>{t(Msg::ModeratorNote)}</label>
                                        <input id=format!("note-{}", c.id) name="note" type="text" maxlength="1000"/>
                                        <button type="submit" class="secondary">{t(Msg::RejectComment)}<span class="visually-hidden">" "{c.tracking_number.clone()}</span></button>
                                    </form>
                                    <form method="post" action=format!("/staff/moderation/redact/{}", c.id) class="redact-form">
                                        <CsrfField/>
                                        <div class="field" class:has-error=span_error.is_some()>
                                            <label for=format!("f-{span_name}")>{t(Msg::RedactLabel)}</label>
                                            {span_error.clone().map(|e| view! { <p class="error" id=format!("f-{span_name}-error")>{e}</p> })}
                                            <input id=format!("f-{span_name}") name="span" type="text" maxlength="200" value=span_value
                                                aria-invalid=span_error.is_some().then_some("true")
                                                aria-describedby=span_error.is_some().then(|| format!("f-{span_name}-error"))/>
                                        </div>
                                        <button type="submit" class="secondary">{t(Msg::RedactButton)}<span class="visually-hidden">" "{c.tracking_number.clone()}</span></button>
                                    </form>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <Pagination page=q.page pages=q.pages href=move |p| moderation_href(&f2, p)/>
            }.into_any()
        }}
    }
}
