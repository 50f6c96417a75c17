//! 征求意见稿与正式文本对照: what the final policy changed from its consultation draft, each
//! changed article with the words taken out and put in marked. Prints as it reads.

use super::*;

#[component]
pub fn PolicyChangesPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_policy_changes(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => changes_view(c).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

/// "修改 1 条，新增 1 条……": the counts in a sentence.
pub(crate) fn change_counts_text(c: &ChangeCounts) -> String {
    let n = |v: u32| v.to_string();
    tf(
        Msg::ChangesSummary,
        &[
            ("changed", &n(c.changed)),
            ("added", &n(c.added)),
            ("removed", &n(c.removed)),
            ("renumbered", &n(c.renumbered)),
            ("unchanged", &n(c.unchanged)),
        ],
    )
}

/// "第四条（征求意见稿第五条）· 修改": a change named.
pub(crate) fn change_ref_text(c: &ChangeRef) -> String {
    let heading = heading_of(c.final_label.as_deref(), c.draft_label.as_deref());
    format!("{heading} · {}", t(kind_msg(c.kind, false)))
}

fn kind_msg(kind: ArticleChangeKind, punctuation_only: bool) -> Msg {
    match kind {
        ArticleChangeKind::Changed if punctuation_only => Msg::ChangePunctuation,
        ArticleChangeKind::Changed => Msg::ChangeChanged,
        ArticleChangeKind::Added => Msg::ChangeAdded,
        ArticleChangeKind::Removed => Msg::ChangeRemoved,
        ArticleChangeKind::Renumbered => Msg::ChangeRenumbered,
    }
}

fn heading_of(final_label: Option<&str>, draft_label: Option<&str>) -> String {
    match (final_label, draft_label) {
        (Some(f), Some(d)) if f != d => tf(Msg::ChangeHeadingMoved, &[("final", f), ("draft", d)]),
        (Some(f), _) => f.to_string(),
        (None, Some(d)) => tf(Msg::ChangeHeadingDraft, &[("draft", d)]),
        (None, None) => String::new(),
    }
}

fn changes_view(c: PolicyChanges) -> impl IntoView {
    let id = c.policy_id;
    let summary = change_counts_text(&c.counts);
    view! {
        <Title text=format!("{} · {}", t(Msg::ChangesTitle), c.policy_title)/>
        <article class="policy changes">
            <header class="policy-header">
                <p class="doc-number">{c.doc_number.clone()}</p>
                <h1>{t(Msg::ChangesTitle)}<span class="subtitle">{c.policy_title.clone()}</span></h1>
                <p>
                    {t(Msg::ChangesFrom)}" "
                    <a href=format!("/consultations/{}", c.consultation_id)>"《"{c.consultation_title.clone()}"》"</a>
                </p>
                <p class="changes-summary">{summary}</p>
                <p class="no-print"><a href=format!("/policies/{id}")>{t(Msg::ArticleFullText)}</a></p>
            </header>
            {if c.changes.is_empty() {
                view! { <p class="empty">{t(Msg::ChangesNone)}</p> }.into_any()
            } else {
                // Renumbered articles kept their words: named together, not one by one.
                let (moved, changed): (Vec<_>, Vec<_>) = c
                    .changes
                    .into_iter()
                    .partition(|ch| ch.kind == ArticleChangeKind::Renumbered);
                let moved: Vec<String> = moved
                    .iter()
                    .filter_map(|ch| Some(tf(Msg::ChangeHeadingMoved, &[("final", ch.final_label.as_deref()?), ("draft", ch.draft_label.as_deref()?)])))
                    .collect();
                view! {
                    <ol class="change-list">
                        {changed.into_iter().map(|ch| view! { <ChangeItem change=ch policy_id=id consultation_id=c.consultation_id/> }).collect_view()}
                    </ol>
                    {(!moved.is_empty()).then(|| view! {
                        <p class="change renumbered">{format!("{}{}", t(Msg::ChangesRenumberedList), moved.join("、"))}</p>
                    })}
                }.into_any()
            }}
        </article>
    }
}

#[component]
fn ChangeItem(change: ArticleChangeView, policy_id: i32, consultation_id: i32) -> impl IntoView {
    let kind = change.kind;
    let badge = kind_msg(kind, change.punctuation_only);
    let class = kind.as_str();
    let heading = heading_of(change.final_label.as_deref(), change.draft_label.as_deref());
    let more = change.prompted_count as usize > change.prompted_by.len();
    let prompted = (change.prompted_count > 0).then(|| {
        view! {
            <p class="prompted">
                {tf(Msg::PromptedBy, &[("n", &change.prompted_count.to_string())])}
                {change.prompted_by.iter().enumerate().map(|(i, number)| view! {
                    {(i > 0).then_some("、")}
                    <a href=format!("/consultations/{consultation_id}/report#c-{number}")>{number.clone()}</a>
                }).collect_view()}
                {more.then(|| t(Msg::PromptedMore))}
            </p>
        }
    });
    let link = change
        .final_anchor
        .clone()
        .map(|a| format!("/policies/{policy_id}#{a}"));
    view! {
        <li class=format!("change {class}")>
            <h2>
                {match link {
                    Some(href) => view! { <a href=href>{heading}</a> }.into_any(),
                    None => view! { <span>{heading}</span> }.into_any(),
                }}
                " "<span class=format!("badge change-{class}")>{t(badge)}</span>
            </h2>
            {(kind != ArticleChangeKind::Renumbered).then(|| view! {
                <p class="diff">
                    {change.spans.into_iter().map(|s| match s {
                        DiffSpan::Same(t) => view! { <span>{t}</span> }.into_any(),
                        DiffSpan::Removed(text) => view! {
                            <del><span class="visually-hidden">{t(Msg::DiffRemovedStart)}</span>{text}<span class="visually-hidden">{t(Msg::DiffEnd)}</span></del>
                        }.into_any(),
                        DiffSpan::Inserted(text) => view! {
                            <ins><span class="visually-hidden">{t(Msg::DiffInsertedStart)}</span>{text}<span class="visually-hidden">{t(Msg::DiffEnd)}</span></ins>
                        }.into_any(),
                    }).collect_view()}
                </p>
            })}
            {prompted}
        </li>
    }
}
