//! The drafting department answers the published comments of a closed consultation, one by
//! one, a near-duplicate group, or all comments on an article at once, then publishes the
//! report.

use super::*;

fn filter_from_query(m: &leptos_router::params::ParamsMap) -> DecisionFilter {
    DecisionFilter {
        article: m.get("article").filter(|a| !a.is_empty()),
        cluster: m.get("cluster").and_then(|c| c.parse().ok()),
        undecided: m.get("undecided").is_some_and(|u| u == "1"),
        topic: m.get("topic").and_then(|t| t.parse().ok()),
        page: m.get("page").and_then(|p| p.parse().ok()),
    }
}

/// The query of a workspace page with these filters.
pub(crate) fn filter_query(f: &DecisionFilter, page: u32) -> String {
    let mut parts = vec![];
    if let Some(a) = &f.article {
        parts.push(format!("article={}", crate::urlencode(a)));
    }
    if let Some(c) = f.cluster {
        parts.push(format!("cluster={c}"));
    }
    if let Some(t) = f.topic {
        parts.push(format!("topic={t}"));
    }
    if f.undecided {
        parts.push("undecided=1".into());
    }
    parts.push(format!("page={page}"));
    parts.join("&")
}

#[component]
pub fn AdoptionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|i| i.parse::<i32>().ok())));
    let filter = Memo::new(move |_| query.with(filter_from_query));
    let data = Resource::new(
        move || (id.get(), filter.get()),
        |(id, filter)| async move {
            match id {
                Some(id) => get_adoption_workspace(id, filter).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t(Msg::AdoptionHeading)/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let f = filter.get_untracked();
                match data.await {
                    Ok(w) => workspace_view(w, f).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn workspace_view(w: AdoptionWorkspace, f: DecisionFilter) -> impl IntoView {
    let locale = use_locale();
    let fb = use_feedback();
    let id = w.consultation_id;
    let base = format!("/staff/consultations/{id}/decisions");
    let action = format!("{base}?{}", filter_query(&f, w.page));
    let (deadline_text, deadline_class) = report_timeliness_text(w.timeliness);
    let mut article_options = vec![(String::new(), t(Msg::AllArticles).to_string())];
    article_options.extend(w.articles.iter().cloned());
    let outcome_value = fb.value("outcome");
    let decision_error = error_text(&fb, "decision");
    let undecided_link = format!("{base}?undecided=1");
    let group_size = w
        .items
        .iter()
        .find(|i| f.cluster.is_some() && i.cluster_id == f.cluster)
        .map(|i| i.cluster_size);
    let article_label = f.article.as_ref().and_then(|a| {
        w.articles
            .iter()
            .find(|(anchor, _)| anchor == a)
            .map(|(_, l)| l.clone())
    });
    let may = w.may_decide;
    let topic_size = f
        .topic
        .and_then(|tp| w.topics.iter().find(|x| x.id == tp))
        .map(|x| x.comments);
    let topic_titles: std::collections::HashMap<i32, String> =
        w.topics.iter().map(|x| (x.id, x.title.clone())).collect();
    let templates = w.templates.clone();
    let changes: Vec<(String, String)> = w
        .changes
        .iter()
        .map(|c| (c.key.clone(), crate::pages::public::change_ref_text(c)))
        .collect();
    let templates2 = w.templates.clone();
    let f2 = f.clone();
    let base2 = base.clone();
    view! {
        <h1>{t(Msg::AdoptionHeading)}"："{w.title.clone()}</h1>
        <Notice/>
        <ErrorSummary/>
        // The summary above links here: the refusal, and the way to what is missing.
        {decision_error.map(|e| view! {
            <div class="warning" id="f-decision" tabindex="-1">
                <p>{e}</p>
                {(w.undecided > 0).then(|| view! { <p><a href=undecided_link.clone()>{t(Msg::ShowUndecided)}</a></p> })}
            </div>
        })}
        <div class="panel">
            <p class="lead">{tf(Msg::AdoptionProgress, &[("n", &w.published.to_string()), ("detail", &w.undecided.to_string())])}</p>
            <p>{t(Msg::ReportDeadlineLabel)}"："{locale.date(w.deadline)}" "
                <span class=format!("badge badge-{deadline_class}")>{deadline_text}</span>
                {w.deadline_provisional.then(|| view! { " "<span class="provisional">"（"{t(Msg::DeadlineProvisional)}"）"</span> })}</p>
            {(w.state == crate::domain::consultation::ConsultationState::Open).then(|| view! { <p class="help">{t(Msg::ErrNotClosed)}</p> })}
            {(!may).then(|| view! { <p class="help">{t(Msg::AdoptionReadOnly)}</p> })}
            {(w.state == crate::domain::consultation::ConsultationState::ReportPublished).then(|| view! {
                <p><a href=format!("/consultations/{id}/report")>{t(Msg::ReportLinkLabel)}</a></p>
            })}
        </div>
        <form method="get" action=base.clone() class="filters">
            <SelectField name="article" label=Msg::CommentFilterArticle options=article_options value=f.article.clone().unwrap_or_default()/>
            {f.cluster.map(|c| view! { <input type="hidden" name="cluster" value=c.to_string()/> })}
            {f.topic.map(|c| view! { <input type="hidden" name="topic" value=c.to_string()/> })}
            <div class="field checkbox">
                <label for="f-undecided"><input id="f-undecided" name="undecided" type="checkbox" value="1" checked=f.undecided/>" "{t(Msg::FilterUndecided)}</label>
            </div>
            <button type="submit">{t(Msg::FilterApply)}</button>
        </form>
        // Flagged before the report goes out: adopted, yet it changed nothing in the final text.
        {(may && w.untied_adopted > 0).then(|| view! {
            <div class="warning untied">
                <p>{tf(Msg::TieFlag, &[("n", &w.untied_adopted.to_string()), ("list", &w.untied_examples.join("、"))])}</p>
            </div>
        })}
        {(!w.topics.is_empty()).then(|| view! {
            <nav class="panel topics" aria-labelledby="topics-h">
                <h2 id="topics-h">{t(Msg::TopicsHeading)}</h2>
                <ul>
                    {w.topics.iter().map(|tp| view! {
                        <li>
                            <a href=format!("{base}?topic={}", tp.id) aria-current=(f.topic == Some(tp.id)).then_some("true")>{tp.title.clone()}</a>
                            " "{tf(Msg::TopicCount, &[("n", &tp.comments.to_string())])}
                            {tp.outcome.map(|o| view! { " "<OutcomeBadge outcome=o/> })}
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
        })}
        {may.then(|| view! {
            <form method="post" action=action.clone() id="decide" class="panel decision-form">
                <CsrfField/>
                <fieldset>
                    <legend>{t(Msg::DecisionLegend)}</legend>
                    {error_text(&fb, "outcome").map(|e| view! { <p class="error" id="f-outcome-error">{e}</p> })}
                    {Outcome::ALL.into_iter().map(|o| {
                        let rid = format!("f-outcome-{}", o.as_str());
                        view! {
                            <div class="field checkbox">
                                <label for=rid.clone()><input id=rid.clone() type="radio" name="outcome" value=o.as_str() checked=outcome_value == o.as_str() required=true/>" "{t(outcome_msg(o))}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <Field name="response" label=Msg::DecisionResponse kind="textarea" rows=4 help=Msg::DecisionResponseHint maxlength=2000/>
                {(!templates.is_empty()).then(|| {
                    let mut options = vec![(String::new(), t(Msg::DecisionTemplateNone).to_string())];
                    options.extend(templates.iter().map(|t| (t.id.to_string(), t.title.clone())));
                    view! {
                        <SelectField name="template" label=Msg::DecisionTemplate options=options/>
                        <p class="help">{t(Msg::DecisionTemplateHint)}</p>
                    }
                })}
                {error_text(&fb, "ids").map(|e| view! { <p class="error" id="f-ids-error" role="alert">{e}</p> })}
                {group_size.zip(f.cluster).map(|(n, g)| view! {
                    <div class="field checkbox">
                        <label for="f-group"><input id="f-group" type="checkbox" name="group" value=g.to_string()/>" "{tf(Msg::DecisionWholeGroup, &[("n", &n.to_string())])}</label>
                    </div>
                })}
                {topic_size.zip(f.topic).map(|(n, tp)| view! {
                    <div class="field checkbox">
                        <label for="f-topic-all"><input id="f-topic-all" type="checkbox" name="topic" value=tp.to_string()/>" "{tf(Msg::DecisionWholeTopic, &[("n", &n.to_string())])}</label>
                    </div>
                })}
                {f.article.clone().zip(article_label.clone()).map(|(a, label)| view! {
                    <div class="field checkbox">
                        <label for="f-article-all"><input id="f-article-all" type="checkbox" name="article" value=a/>" "{tf(Msg::DecisionWholeArticle, &[("n", &label)])}</label>
                    </div>
                })}
                <button type="submit">{t(Msg::DecisionApply)}</button>
                <div class="topic-new">
                    <Field name="topic_title" label=Msg::TopicNewTitle maxlength=100/>
                    <button type="submit" class="secondary" formnovalidate=true formaction=format!("/staff/consultations/{id}/topics?{}", filter_query(&f, w.page))>{t(Msg::TopicCreate)}</button>
                </div>
                // 意见促成的修改: once the final text is linked, adopted comments are tied to what they changed.
                {(!changes.is_empty()).then(|| {
                    let tie_action = format!("/staff/consultations/{id}/changes?{}", filter_query(&f, w.page));
                    view! {
                        <fieldset class="tie-change">
                            <legend>{t(Msg::TieLegend)}</legend>
                            <p class="help">{t(Msg::TieHint)}</p>
                            <SelectField name="change" label=Msg::TieChange options=changes.clone()/>
                            <button type="submit" class="secondary" formnovalidate=true formaction=tie_action.clone()>{t(Msg::TieApply)}</button>
                            " "
                            <button type="submit" class="secondary" name="untie" value="1" formnovalidate=true formaction=tie_action>{t(Msg::TieRemove)}</button>
                        </fieldset>
                    }
                })}
            </form>
        })}
        {if w.items.is_empty() {
            view! { <p class="empty">{t(Msg::StaffNothing)}</p> }.into_any()
        } else {
            view! {
                <ol class="comment-list">
                    {w.items.into_iter().map(|c| {
                        let select_id = format!("select-{}", c.id);
                        view! {
                            <li class="comment" id=format!("c-{}", c.tracking_number)>
                                <p class="meta">
                                    {may.then(|| view! {
                                        <input type="checkbox" form="decide" name="ids" value=c.id.to_string() id=select_id.clone()/>
                                        <label for=select_id.clone()>{tf(Msg::DecisionSelect, &[("n", &c.tracking_number)])}</label>
                                    })}
                                    {(!may).then(|| view! { <span>{c.tracking_number.clone()}</span> })}
                                    <span>{c.article_label.clone().unwrap_or_else(|| t(Msg::CommentGeneral).to_string())}</span>
                                    <strong>{c.display_name.clone()}</strong>
                                    {c.topic_id.and_then(|tp| topic_titles.get(&tp).cloned().map(|title| view! {
                                        <a class="topic" href=format!("{}?topic={tp}", base2)>{title}</a>
                                    }))}
                                    {c.cluster_id.filter(|_| c.cluster_size > 1).map(|g| view! {
                                        <a href=format!("{}?cluster={g}", base2)>{tf(Msg::ClusterBadge, &[("n", &c.cluster_size.to_string())])}</a>
                                    })}
                                </p>
                                <p class="comment-body">{c.body.clone()}</p>
                                {(!c.changes.is_empty()).then(|| view! {
                                    <p class="led-to">{format!("{}{}", t(Msg::ItemLedTo), c.changes.iter().map(crate::pages::public::change_ref_text).collect::<Vec<_>>().join("；"))}</p>
                                })}
                                <p class="decision">
                                    <span class="visually-hidden">{t(Msg::DecisionCurrent)}"："</span>
                                    {match c.decision.clone() {
                                        Some(d) => view! {
                                            <OutcomeBadge outcome=d.outcome/>
                                            {d.response.map(|r| view! { " "<span class="response">{r}</span> })}
                                        }.into_any(),
                                        None => view! { <span class="badge badge-due">{t(Msg::Undecided)}</span> }.into_any(),
                                    }}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <Pagination page=w.page pages=w.pages href=move |p| format!("{}?{}", base, filter_query(&f2, p))/>
            }.into_any()
        }}
        {may.then(|| {
            let back = action.clone();
            view! {
                <details class="panel templates">
                    <summary>{t(Msg::TemplatesHeading)}</summary>
                    <ul class="template-list">
                        {templates2.into_iter().map(|tpl| {
                            let back = back.clone();
                            view! {
                                <li>
                                    <strong>{tpl.title.clone()}</strong>
                                    <p class="response">{tpl.body.clone()}</p>
                                    <form method="post" action=format!("/staff/templates/{}/delete", tpl.id)>
                                        <CsrfField/>
                                        <input type="hidden" name="back" value=back/>
                                        <button type="submit" class="secondary">{t(Msg::TemplateDelete)}<span class="visually-hidden">" "{tpl.title.clone()}</span></button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <form method="post" action="/staff/templates" class="stack">
                        <CsrfField/>
                        <input type="hidden" name="back" value=back/>
                        <Field name="template_title" label=Msg::TemplateTitle maxlength=100/>
                        <Field name="template_body" label=Msg::TemplateBody kind="textarea" rows=3 maxlength=2000/>
                        <button type="submit" class="secondary">{t(Msg::TemplateSave)}</button>
                    </form>
                </details>
            }
        })}
        {(!w.policies.is_empty()).then(|| {
            let mut options = vec![(String::new(), t(Msg::ChainPolicyNone).to_string())];
            options.extend(w.policies.iter().map(|(pid, title)| (pid.to_string(), title.clone())));
            view! {
                <form method="post" action=format!("/staff/consultations/{id}/policy") class="panel">
                    <CsrfField/>
                    <SelectField name="policy" label=Msg::ChainPolicyLabel options=options value=w.final_policy.map(|p| p.to_string()).unwrap_or_default()/>
                    <button type="submit" class="secondary">{t(Msg::ChainPolicySave)}</button>
                </form>
            }
        })}
        {may.then(|| view! {
            <form method="post" action=format!("/staff/consultations/{id}/report") class="panel">
                <CsrfField/>
                <p class="help">{t(Msg::PublishReportHint)}</p>
                <button type="submit">{t(Msg::PublishReport)}</button>
            </form>
        })}
    }
}
