//! The policy list (filtered, paged) and a policy with its interpretations.

use super::*;

pub(crate) fn query_string(q: &PolicyQuery, page: u32) -> String {
    let mut parts = Vec::new();
    if let Some(d) = q.department.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("department={}", crate::urlencode(d)));
    }
    if let Some(c) = q.category.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("category={}", crate::urlencode(c)));
    }
    if let Some(y) = q.year {
        parts.push(format!("year={y}"));
    }
    if let Some(i) = q.interpretation.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("interpretation={}", crate::urlencode(i)));
    }
    parts.push(format!("page={page}"));
    format!("/policies?{}", parts.join("&"))
}

#[component]
pub fn PolicyListPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| {
        query.with(|m| PolicyQuery {
            department: m.get("department"),
            category: m.get("category"),
            year: m.get("year").and_then(|y| y.parse().ok()),
            interpretation: m.get("interpretation"),
            page: m.get("page").and_then(|p| p.parse().ok()),
        })
    });
    let data = Resource::new(move || q.get(), get_policies);
    view! {
        <Title text=t(Msg::PolicyListTitle)/>
        <h1>{t(Msg::PolicyListTitle)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let current = q.get_untracked();
                match data.await {
                    Ok(page) => policy_list_view(page, current).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn policy_list_view(page: PolicyPage, q: PolicyQuery) -> impl IntoView {
    let locale = use_locale();
    let all = (String::new(), t(Msg::FilterAll).to_string());
    let dept_options: Vec<(String, String)> = std::iter::once(all.clone())
        .chain(
            page.departments
                .iter()
                .map(|d| (d.code.clone(), d.name(locale).to_string())),
        )
        .collect();
    let cat_options: Vec<(String, String)> = std::iter::once(all.clone())
        .chain(
            CATEGORIES
                .iter()
                .map(|c| (c.to_string(), t(category_msg(c)).to_string())),
        )
        .collect();
    let year_options: Vec<(String, String)> = std::iter::once(all.clone())
        .chain(page.years.iter().map(|y| (y.to_string(), y.to_string())))
        .collect();
    let status_options: Vec<(String, String)> = std::iter::once(all)
        .chain(
            ["with_policy", "on_time", "due", "overdue", "late"]
                .into_iter()
                .map(|k| (k.to_string(), t(timely_msg(k)).to_string())),
        )
        .collect();
    let q2 = q.clone();
    view! {
        <form method="get" action="/policies" class="filters">
            <SelectField name="department" label=Msg::FilterDepartment options=dept_options value=q.department.clone().unwrap_or_default()/>
            <SelectField name="category" label=Msg::FilterCategory options=cat_options value=q.category.clone().unwrap_or_default()/>
            <SelectField name="year" label=Msg::FilterYear options=year_options value=q.year.map(|y| y.to_string()).unwrap_or_default()/>
            <SelectField name="interpretation" label=Msg::FilterInterpretation options=status_options value=q.interpretation.clone().unwrap_or_default()/>
            <button type="submit">{t(Msg::FilterApply)}</button>
        </form>
        // The list's heading (the cards' titles are h3).
        <h2 class="result-count">{tf(Msg::ResultCount, &[("n", &page.total.to_string())])}</h2>
        <PolicyList items=page.items/>
        <Pagination page=page.page pages=page.pages href=move |p| query_string(&q2, p)/>
    }
}

#[component]
pub fn PolicyPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_policy(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <PolicyDetailView detail=d staff=false/> }.into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

/// The policy with its interpretations; shared by the public page and the staff view.
#[component]
pub fn PolicyDetailView(detail: PolicyDetail, staff: bool) -> impl IntoView {
    let locale = use_locale();
    let s = detail.summary.clone();
    let deadline = s
        .deadline
        .map(|d| tf(Msg::InterpretationDeadline, &[("date", &locale.date(d))]));
    let has_outline = !detail.outline.is_empty();
    view! {
        <Title text=s.title.clone()/>
        <article class="policy">
            <header class="policy-header">
                <p class="doc-number">{s.doc_number.clone()}</p>
                <h1>{s.title.clone()}</h1>
                {s.interpretation.map(|st| view! { <p><DeadlineBadge status=st/></p> })}
                {deadline.map(|d| view! {
                    <p class="deadline">{d}
                        {s.deadline_provisional.then(|| view! { " "<span class="provisional">"（"{t(Msg::DeadlineProvisional)}"）"</span> })}
                    </p>
                })}
                // 策前: the consultation this policy came out of, and what became of its comments.
                {detail.origin.clone().map(|o| view! {
                    <p class="origin panel">
                        {t(Msg::ChainOrigin)}" "
                        <a href=format!("/consultations/{}", o.consultation_id)>"《"{o.title.clone()}"》"</a>
                        "：" {tf(Msg::ChainOriginComments, &[("n", &o.comments_published.to_string())])}
                        {o.adopted.map(|n| view! { "，"{tf(Msg::ChainOriginAdopted, &[("n", &n.to_string())])} })}
                        {o.report_published.then(|| view! {
                            " · "<a href=format!("/consultations/{}/report", o.consultation_id)>{t(Msg::ReportLinkLabel)}</a>
                        })}
                        {(s.status == crate::domain::policy::PolicyStatus::Published).then(|| view! {
                            " · "<a href=format!("/policies/{}/changes", s.id)>{t(Msg::ChangesLink)}</a>
                        })}
                    </p>
                })}
            </header>
            <section aria-labelledby="meta-h" class="policy-meta">
                <h2 id="meta-h" class="visually-hidden">{t(Msg::MetaInfo)}</h2>
                <dl>
                    <dt>{t(Msg::DocNumber)}</dt><dd>{s.doc_number.clone()}</dd>
                    <dt>{t(Msg::Department)}</dt>
                    <dd><a href=format!("/departments/{}", s.department.code)>{s.department.name(locale).to_string()}</a></dd>
                    <dt>{t(Msg::Category)}</dt><dd>{t(category_msg(&s.category))}</dd>
                    <dt>{t(Msg::SignedOn)}</dt><dd>{fmt_date(detail.signed_on)}</dd>
                    <dt>{t(Msg::PublishedOn)}</dt><dd>{fmt_date(s.published_on)}</dd>
                    <dt>{t(Msg::EffectiveOn)}</dt><dd>{fmt_date(detail.effective_on)}</dd>
                    {staff.then(|| view! { <dt>{t(Msg::Status)}</dt><dd>{t(status_msg(s.status))}</dd> })}
                </dl>
            </section>
            <div class="policy-columns" class:has-outline=has_outline>
                {has_outline.then(|| view! {
                    <nav class="outline" aria-labelledby="outline-h">
                        <h2 id="outline-h">{t(Msg::Outline)}</h2>
                        <ol>
                            {detail.outline.iter().map(|o| view! {
                                <li class=format!("level-{}", o.level)><a href=format!("#{}", o.anchor)>{o.label.clone()}</a></li>
                            }).collect_view()}
                        </ol>
                    </nav>
                })}
                <div class="policy-main">
                    <section aria-labelledby="body-h" class="policy-body">
                        <h2 id="body-h">{t(Msg::Body)}</h2>
                        <div class="body-text">
                            {detail.body.iter().cloned().map(|b| view! { <BodyBlockView block=b policy_id=s.id/> }).collect_view()}
                        </div>
                    </section>
                    <section aria-labelledby="interp-h" class="interpretations" id="interpretations">
                        <h2 id="interp-h">{t(Msg::Interpretations)}</h2>
                        {if detail.interpretations.is_empty() {
                            view! { <p class="empty">{t(Msg::NoInterpretationYet)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="interp-tabs">
                                    {detail.interpretations.iter().map(|i| view! {
                                        <li><a href=format!("#interp-{}", i.id)>{t(kind_msg(i.kind))}" · "{i.title.clone()}</a></li>
                                    }).collect_view()}
                                </ul>
                                {detail.interpretations.iter().cloned().map(|i| view! { <InterpretationSection interp=i staff=staff/> }).collect_view()}
                            }.into_any()
                        }}
                    </section>
                </div>
            </div>
        </article>
    }
}

#[component]
pub(crate) fn InterpretationSection(interp: InterpretationView, staff: bool) -> impl IntoView {
    let locale = use_locale();
    let id = format!("interp-{}", interp.id);
    let heading_id = format!("interp-{}-h", interp.id);
    let is_qa = interp.kind == InterpretationKind::Qa;
    let is_media = matches!(
        interp.kind,
        InterpretationKind::Media | InterpretationKind::Interview | InterpretationKind::Press
    );
    view! {
        <section class="interpretation" id=id aria-labelledby=heading_id.clone() data-kind=interp.kind.as_str()>
            <p class="kind">{t(kind_msg(interp.kind))}</p>
            <h3 id=heading_id.clone()>{interp.title.clone()}</h3>
            <p class="meta">
                {t(Msg::AuthorDepartment)}"："{interp.department.name(locale).to_string()}
                {interp.published_on.map(|d| view! { " · "{t(Msg::PublishedOn)}" "{locale.date(d)} })}
                {staff.then(|| view! { " · "{t(interp_state_msg(interp.state))} })}
            </p>
            {interp.image_url.clone().map(|src| view! {
                <figure><img src=src alt=interp.image_alt.clone().unwrap_or_default() loading="lazy"/></figure>
            })}
            {(is_media).then(|| interp.media_url.clone().map(|u| view! {
                <p><a href=u rel="noopener noreferrer external">{t(Msg::WatchOrListen)}</a></p>
            }))}
            {is_qa.then(|| view! {
                <dl class="qa">
                    {interp.qa.iter().map(|p| view! {
                        <div class="qa-pair">
                            <dt>
                                <span class="qa-mark" aria-hidden="true">{t(Msg::Question)}</span>{p.question.clone()}
                                {(!p.articles.is_empty()).then(|| view! { <ArticleQuotes quotes=p.articles.clone()/> })}
                            </dt>
                            <dd><span class="qa-mark" aria-hidden="true">{t(Msg::Answer)}</span>{p.answer.clone()}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            })}
            {(!interp.passages.is_empty()).then(|| view! {
                {is_media.then(|| view! { <h4>{t(Msg::Transcript)}</h4> })}
                <div class="body-text">
                    {interp.passages.iter().map(|p| view! {
                        <div class="passage" class:tied=!p.articles.is_empty()>
                            {(!p.articles.is_empty()).then(|| view! { <ArticleQuotes quotes=p.articles.clone()/> })}
                            <div inner_html=p.html.clone()></div>
                        </div>
                    }).collect_view()}
                </div>
            })}
        </section>
    }
}

pub(crate) fn interp_state_msg(s: InterpretationState) -> Msg {
    match s {
        InterpretationState::Draft => Msg::StatusDraft,
        InterpretationState::AwaitingSignoff => Msg::StatusAwaitingSignoff,
        InterpretationState::Published => Msg::StatusPublished,
    }
}
