//! The public consultation pages: the list, and a consultation with its draft, attachments,
//! comment form and published comments.

use super::*;

/// Days left while open, days to the start while scheduled; the state itself follows the
/// clock on the server.
#[component]
pub(crate) fn Countdown(c: ConsultationSummary) -> impl IntoView {
    match c.state {
        ConsultationState::Open => Some(view! { <strong class="days-left">{tf(Msg::DaysLeft, &[("n", &c.days_left.to_string())])}</strong> }.into_any()),
        ConsultationState::Scheduled => Some(view! { <strong class="days-left">{tf(Msg::OpensInDays, &[("n", &c.days_to_open.to_string())])}</strong> }.into_any()),
        ConsultationState::Draft => Some(view! { <strong class="warning-text">{t(Msg::ConsultationDraft)}</strong> }.into_any()),
        ConsultationState::Closed | ConsultationState::ReportPublished => {
            // Where the adoption report stands against its deadline, in words and colour.
            let badge = c.report.clone().map(|r| {
                let (text, class) = crate::pages::adoption::report_timeliness_text(r.timeliness);
                view! { " "<span class=format!("badge badge-{class}")>{text}</span> }
            });
            Some(if c.state == ConsultationState::Closed {
                view! { <span>{t(Msg::ReportPending)}</span>{badge} }.into_any()
            } else {
                view! { <a class="report-link" href=format!("/consultations/{}/report", c.id)>{t(Msg::ReportLinkLabel)}</a>{badge} }.into_any()
            })
        }
    }
}

#[component]
pub(crate) fn ConsultationCards(items: Vec<ConsultationSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">{t(Msg::ConsultationsNone)}</p> }.into_any();
    }
    let locale = use_locale();
    view! {
        <ul class="policy-list">
            {items.into_iter().map(|c| view! {
                <li class="policy-card">
                    <h3><a href=format!("/consultations/{}", c.id)>{c.title.clone()}</a></h3>
                    <p class="meta">
                        <span>{c.department.name(locale).to_string()}</span>
                        <span>{period_text(&c)}</span>
                        <Countdown c=c.clone()/>
                    </p>
                    <p class="meta">{tf(Msg::CommentsCount, &[("received", &c.comments_received.to_string()), ("published", &c.comments_published.to_string())])}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn ConsultationListPage() -> impl IntoView {
    let query = use_query_map();
    let department =
        Memo::new(move |_| query.with(|q| q.get("department").filter(|d| !d.is_empty())));
    let data = Resource::new(move || department.get(), get_consultations);
    let locale = use_locale();
    view! {
        <Title text=t(Msg::ConsultationsTitle)/>
        <h1>{t(Msg::ConsultationsTitle)}</h1>
        <p class="page-links"><a href="/comments/status">{t(Msg::StatusTitle)}</a>" · "<a href="/subscribe">{t(Msg::SubscribeLink)}</a></p>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(l) => {
                        let mut options = vec![(String::new(), t(Msg::FilterAll).to_string())];
                        options.extend(l.departments.iter().map(|d| (d.code.clone(), d.name(locale).to_string())));
                        view! {
                            <form method="get" action="/consultations" class="filters">
                                <SelectField name="department" label=Msg::FilterDepartment options=options value=department.get_untracked().unwrap_or_default()/>
                                <button type="submit">{t(Msg::FilterApply)}</button>
                            </form>
                            <section aria-labelledby="open-h" class="panel"><h2 id="open-h">{t(Msg::ConsultationsOpen)}</h2><ConsultationCards items=l.open/></section>
                            <section aria-labelledby="up-h" class="panel"><h2 id="up-h">{t(Msg::ConsultationsUpcoming)}</h2><ConsultationCards items=l.upcoming/></section>
                            <section aria-labelledby="closed-h" class="panel"><h2 id="closed-h">{t(Msg::ConsultationsClosed)}</h2><ConsultationCards items=l.closed/></section>
                        }.into_any()
                    }
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
        let q = query.with(|m| CommentQuery {
            article: m.get("article"),
            order: m.get("order"),
            page: m.get("page").and_then(|p| p.parse().ok()),
        });
        (id, q)
    });
    let data = Resource::new(
        move || key.get(),
        |(id, q)| async move {
            match id {
                Some(id) => get_consultation(id, q).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let q = key.get_untracked().1;
                match data.await {
                    Ok(d) => consultation_view(d, q).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn consultation_view(d: ConsultationDetail, q: CommentQuery) -> impl IntoView {
    let locale = use_locale();
    let s = d.summary.clone();
    let id = s.id;
    let articles: Vec<(String, String)> = d
        .blocks
        .iter()
        .filter_map(|b| Some((b.anchor.clone()?, b.label.clone()?)))
        .collect();
    let mut article_options = vec![("general".to_string(), t(Msg::CommentGeneral).to_string())];
    article_options.extend(articles.iter().cloned());
    let mut filter_options = vec![
        (String::new(), t(Msg::FilterAll).to_string()),
        ("general".to_string(), t(Msg::CommentGeneral).to_string()),
    ];
    filter_options.extend(articles.iter().cloned());
    let order_options = vec![
        ("newest".to_string(), t(Msg::OrderNewest).to_string()),
        ("oldest".to_string(), t(Msg::OrderOldest).to_string()),
    ];
    let (article_q, order_q) = (q.article.clone(), q.order.clone());
    let page_link = move |page: u32| {
        format!(
            "/consultations/{id}?article={}&order={}&page={page}#comments",
            crate::urlencode(article_q.as_deref().unwrap_or("")),
            crate::urlencode(order_q.as_deref().unwrap_or("newest"))
        )
    };
    let preselect = q
        .article
        .clone()
        .filter(|a| a.starts_with("art-"))
        .unwrap_or_else(|| "general".into());
    view! {
        <Title text=s.title.clone()/>
        <article class="consultation">
            <header class="policy-header">
                <p class="doc-number">{t(state_msg(s.state))}</p>
                <h1>{s.title.clone()}</h1>
                <p class="meta">
                    <span>{s.department.name(locale).to_string()}</span>
                    <span>{period_text(&s)}</span>
                    <Countdown c=s.clone()/>
                </p>
                <p class="meta">{tf(Msg::CommentsCount, &[("received", &s.comments_received.to_string()), ("published", &s.comments_published.to_string())])}</p>
                {d.short_period_reason.clone().map(|r| view! { <p class="warning"><strong>{t(Msg::ShortPeriodReason)}"："</strong>{r}</p> })}
                // 策后: the policy that came out of it, with its interpretations.
                {d.final_policy.clone().map(|p| view! {
                    <p class="origin panel">{t(Msg::ChainFinal)}" "
                        <a href=format!("/policies/{}", p.id)>{p.title.clone()}</a>" "<span class="doc-number">{p.doc_number.clone()}</span>
                        " · "<a href=format!("/policies/{}/changes", p.id)>{crate::pages::public::change_counts_text(&p.changes)}</a>
                    </p>
                })}
            </header>
            <section aria-labelledby="note-h" class="policy-body">
                <h2 id="note-h">{t(Msg::ExplanatoryNote)}</h2>
                <div class="body-text" inner_html=d.note_html.clone()></div>
            </section>
            {(!d.attachments.is_empty()).then(|| view! {
                <section aria-labelledby="files-h" class="panel">
                    <h2 id="files-h">{t(Msg::Attachments)}</h2>
                    <ul class="attachments">
                        {d.attachments.iter().map(|a| view! {
                            <li>
                                <a href=format!("/attachments/{}", a.id)>{a.file_name.clone()}</a>
                                " "<span class="meta">{format!("{} · {}", a.kind, a.size)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section aria-labelledby="draft-h" class="policy-body">
                <h2 id="draft-h">{t(Msg::DraftText)}</h2>
                <div class="body-text draft">
                    {d.blocks.iter().map(|b| {
                        let count = b.anchor.clone().map(|a| {
                            let label = tf(Msg::ArticleComments, &[("n", &b.published_comments.to_string())]);
                            view! { <a class="article-count" href=format!("/consultations/{id}?article={a}#comments")>{label}</a> }
                        });
                        view! { <div class="draft-block"><div inner_html=b.html.clone()></div>{count}</div> }
                    }).collect_view()}
                </div>
            </section>
            <section aria-labelledby="form-h" class="panel comment-form-panel" id="comment-form">
                <h2 id="form-h">{t(Msg::CommentFormTitle)}</h2>
                <ErrorSummary/>
                {match s.state {
                    ConsultationState::Open => view! {
                        <form method="post" action=format!("/consultations/{id}/comments") class="stack wide-form" novalidate>
                            <CsrfField/>
                            <SelectField name="article" label=Msg::CommentArticle options=article_options value=preselect/>
                            <Field name="body" label=Msg::CommentBody kind="textarea" rows=8 required=true maxlength=5000/>
                            <Field name="display_name" label=Msg::CommentName maxlength=40/>
                            <Field name="email" label=Msg::CommentEmail kind="email" required=true/>
                            <div class="honeypot" aria-hidden="true">
                                <label for="f-website">{t(Msg::HoneypotLabel)}</label>
                                <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"/>
                            </div>
                            <ConsentField label=Msg::CommentConsent required=true/>
                            <button type="submit">{t(Msg::CommentSubmit)}</button>
                        </form>
                    }.into_any(),
                    ConsultationState::Scheduled => view! { <p>{t(Msg::ConsultationScheduledNote)}</p> }.into_any(),
                    _ => view! { <p>{t(Msg::ConsultationClosedNote)}</p> }.into_any(),
                }}
            </section>
            <section aria-labelledby="comments-h" class="panel" id="comments">
                <h2 id="comments-h">{t(Msg::PublishedComments)}</h2>
                <form method="get" action=format!("/consultations/{id}") class="filters">
                    <SelectField name="article" id="f-filter-article" label=Msg::CommentFilterArticle options=filter_options value=q.article.clone().unwrap_or_default()/>
                    <SelectField name="order" label=Msg::CommentOrder options=order_options value=q.order.clone().unwrap_or_else(|| "newest".into())/>
                    <button type="submit">{t(Msg::FilterApply)}</button>
                </form>
                {if d.comments.is_empty() {
                    view! { <p class="empty">{t(Msg::NoComments)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="comment-list">
                            {d.comments.iter().map(|c| view! {
                                <li class="comment" id=format!("comment-{}", c.id)>
                                    <p class="meta">
                                        <strong>{c.display_name.clone()}</strong>
                                        <span>{china_date(c.submitted_at)}</span>
                                        <span>{c.article_label.clone().unwrap_or_else(|| t(Msg::CommentGeneral).to_string())}</span>
                                    </p>
                                    <p class="comment-body">{c.body.clone()}</p>
                                    {c.redacted.then(|| view! { <p class="help">{t(Msg::CommentRedactedNote)}</p> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                <Pagination page=d.page pages=d.pages href=page_link/>
            </section>
        </article>
    }
}
