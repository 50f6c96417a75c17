//! Consultations: the public list and page with the comment form, the receipt, the status
//! lookup; staff: opening a consultation and moderating comments. All forms are plain POSTs.

use crate::api::*;
use crate::components::*;
use crate::domain::consultation::{
    AuditAction, CommentChannel, CommentStatus, ConsultationState, RejectReason,
};
use crate::i18n::{Msg, reason_msg};
use crate::model::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn china_date(t: chrono::DateTime<chrono::Utc>) -> String {
    use_locale().date((t + chrono::Duration::hours(8)).date_naive())
}

fn state_msg(s: ConsultationState) -> Msg {
    match s {
        ConsultationState::Open => Msg::ConsultationsOpen,
        ConsultationState::Scheduled => Msg::ConsultationsUpcoming,
        _ => Msg::ConsultationsClosed,
    }
}

fn comment_status_msg(s: CommentStatus) -> Msg {
    match s {
        CommentStatus::Unverified => Msg::CommentStatusUnverified,
        CommentStatus::AwaitingModeration => Msg::CommentStatusAwaiting,
        CommentStatus::Published => Msg::CommentStatusPublished,
        CommentStatus::Rejected => Msg::CommentStatusRejected,
    }
}

/// (closing closes_at is exclusive midnight: show the last day)
fn period_text(c: &ConsultationSummary) -> String {
    tf(
        Msg::ConsultationPeriod,
        &[
            ("from", &china_date(c.opens_at)),
            (
                "to",
                &china_date(c.closes_at - chrono::Duration::seconds(1)),
            ),
        ],
    )
}

/// Days left while open, days to the start while scheduled; the state itself follows the
/// clock on the server.
#[component]
fn Countdown(c: ConsultationSummary) -> impl IntoView {
    match c.state {
        ConsultationState::Open => Some(view! { <strong class="days-left">{tf(Msg::DaysLeft, &[("n", &c.days_left.to_string())])}</strong> }.into_any()),
        ConsultationState::Scheduled => Some(view! { <strong class="days-left">{tf(Msg::OpensInDays, &[("n", &c.days_to_open.to_string())])}</strong> }.into_any()),
        ConsultationState::Draft => Some(view! { <strong class="warning-text">{t(Msg::ConsultationDraft)}</strong> }.into_any()),
        _ => None,
    }
}

#[component]
fn ConsultationCards(items: Vec<ConsultationSummary>) -> impl IntoView {
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

/// Staff: the department's consultations, drafts included, with the release action.
#[component]
pub fn StaffConsultationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_staff_consultations());
    let locale = use_locale();
    view! {
        <Title text=t(Msg::StaffConsultationsTitle)/>
        <h1>{t(Msg::StaffConsultationsTitle)}</h1>
        <Notice/>
        <ErrorSummary/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => {
                        let can_release = s.can_release;
                        view! {
                            {can_release.then(|| view! { <p><a class="button" href="/staff/consultations/new">{t(Msg::NewConsultation)}</a></p> })}
                            {if s.items.is_empty() {
                                view! { <p class="empty">{t(Msg::ConsultationsNone)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="policy-list">
                                        {s.items.into_iter().map(|c| {
                                            let draft = c.state == ConsultationState::Draft;
                                            view! {
                                                <li class="policy-card">
                                                    <h3>{if draft {
                                                        view! { <span>{c.title.clone()}</span> }.into_any()
                                                    } else {
                                                        view! { <a href=format!("/consultations/{}", c.id)>{c.title.clone()}</a> }.into_any()
                                                    }}</h3>
                                                    <p class="meta">
                                                        <span>{c.department.name(locale).to_string()}</span>
                                                        <span>{period_text(&c)}</span>
                                                        <Countdown c=c.clone()/>
                                                    </p>
                                                    <p class="meta">{tf(Msg::CommentsCount, &[("received", &c.comments_received.to_string()), ("published", &c.comments_published.to_string())])}</p>
                                                    {(draft && can_release).then(|| view! {
                                                        <form method="post" action=format!("/staff/consultations/{}/release", c.id)>
                                                            <CsrfField/>
                                                            <button type="submit">{t(Msg::ReleaseConsultation)}<span class="visually-hidden">" "{c.title.clone()}</span></button>
                                                        </form>
                                                    })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
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

fn consultation_view(d: ConsultationDetail, q: CommentQuery) -> impl IntoView {
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
                            <ConsentField/>
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
                    <SelectField name="article" label=Msg::CommentFilterArticle options=filter_options value=q.article.clone().unwrap_or_default()/>
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

/// File input for attachments; files cannot be kept after an error (browsers forbid it),
/// so the error says to choose them again.
#[component]
fn AttachmentsField() -> impl IntoView {
    let fb = use_feedback();
    let error = error_text(&fb, "attachments");
    let described = if error.is_some() {
        "f-attachments-help f-attachments-error"
    } else {
        "f-attachments-help"
    };
    view! {
        <div class="field" class:has-error=error.is_some()>
            <label for="f-attachments">{t(Msg::Attachments)}</label>
            <p class="help" id="f-attachments-help">{t(Msg::AttachmentsHelp)}</p>
            {error.clone().map(|e| view! { <p class="error" id="f-attachments-error">{e}</p> })}
            <input id="f-attachments" name="attachments" type="file" multiple
                accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.webp"
                aria-describedby=described aria-invalid=error.is_some().then_some("true")/>
        </div>
    }
}

#[component]
fn ConsentField() -> impl IntoView {
    let fb = use_feedback();
    let checked = fb.values.get("consent").is_some_and(|v| v == "on");
    let error = fb.errors.contains_key("consent");
    view! {
        <div class="field checkbox" class:has-error=error>
            {error.then(|| view! { <p class="error" id="f-consent-error">{t(Msg::ErrConsent)}</p> })}
            <label for="f-consent">
                <input id="f-consent" name="consent" type="checkbox" checked=checked required aria-describedby=error.then_some("f-consent-error")/>
                " "{t(Msg::CommentConsent)}
            </label>
        </div>
    }
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let number = params.with_untracked(|p| p.get("number").unwrap_or_default());
    let valid = crate::domain::consultation::TrackingNumber::parse(&number).map(|n| n.to_string());
    match valid {
        None => view! { <NotFound/> }.into_any(),
        Some(number) => view! {
            <Title text=t(Msg::ReceiptTitle)/>
            <section class="narrow receipt">
                <h1>{t(Msg::ReceiptTitle)}</h1>
                <p>{t(Msg::ReceiptText)}</p>
                <p class="tracking-number" data-testid="tracking-number">{number}</p>
                <p>{t(Msg::ReceiptVerify)}</p>
                <p>{t(Msg::ReceiptKeep)}</p>
                <p><a href="/comments/status">{t(Msg::StatusTitle)}</a></p>
            </section>
        }
        .into_any(),
    }
}

#[component]
pub fn CommentStatusPage() -> impl IntoView {
    let fb = use_feedback();
    // Not found, or too many lookups: the message says which.
    let lookup_error = error_text(&fb, "lookup");
    let result = fb.comment_lookup.clone();
    view! {
        <Title text=t(Msg::StatusTitle)/>
        <section class="narrow">
            <h1>{t(Msg::StatusTitle)}</h1>
            <Notice/>
            {lookup_error.map(|e| view! { <div class="error-summary" role="alert"><p>{e}</p></div> })}
            {result.map(|r| view! {
                <div class="panel status-result" role="status">
                    <p class="tracking-number">{r.tracking_number.clone()}</p>
                    <p><a href=format!("/consultations/{}", r.consultation_id)>{r.consultation_title.clone()}</a></p>
                    <p><strong>{t(comment_status_msg(r.status))}</strong>
                        {r.reject_reason.map(|reason| view! { "（"{t(reason_msg(reason))}"）" })}
                    </p>
                </div>
            })}
            <form method="post" action="/comments/status" class="stack">
                <CsrfField/>
                <Field name="tracking_number" label=Msg::TrackingNumberLabel required=true/>
                <Field name="email" label=Msg::StatusEmail kind="email" required=true/>
                <button type="submit">{t(Msg::StatusLookup)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn NewConsultationPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_can_open_consultation());
    view! {
        <Title text=t(Msg::NewConsultation)/>
        <h1>{t(Msg::NewConsultation)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(true) => view! {
                        <ErrorSummary/>
                        <form method="post" action="/staff/consultations/new" class="stack wide-form" enctype="multipart/form-data" novalidate>
                            <CsrfField/>
                            <Field name="title" label=Msg::Title required=true maxlength=200/>
                            <Field name="draft_text" label=Msg::DraftText kind="textarea" rows=14 required=true help=Msg::BodyHelp/>
                            <Field name="explanatory_note" label=Msg::ExplanatoryNote kind="textarea" rows=6 required=true/>
                            <div class="field-row">
                                <Field name="opens_on" label=Msg::OpensOn kind="date" required=true/>
                                <Field name="closes_on" label=Msg::ClosesOn kind="date" required=true/>
                            </div>
                            <Field name="short_period_reason" label=Msg::ShortPeriodReason kind="textarea" rows=2/>
                            <AttachmentsField/>
                            <div class="field checkbox">
                                <label for="f-release"><input id="f-release" name="release" type="checkbox" checked=true/>" "{t(Msg::ReleaseNow)}</label>
                            </div>
                            <button type="submit">{t(Msg::Save)}</button>
                        </form>
                    }.into_any(),
                    Ok(false) => app_error_view(AppError::Forbidden),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|m| ModerationFilter {
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

pub fn channel_msg(c: CommentChannel) -> Msg {
    match c {
        CommentChannel::Online => Msg::ChannelOnline,
        CommentChannel::Paper => Msg::ChannelPaper,
        CommentChannel::Letter => Msg::ChannelLetter,
    }
}

/// A form that acts on every waiting comment of a near-duplicate group.
#[component]
fn GroupForm(
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
fn moderation_href(f: &ModerationFilter, page: u32) -> String {
    let mut parts = vec![];
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

fn moderation_view(q: ModerationQueue, f: ModerationFilter) -> impl IntoView {
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

/// An editor enters a comment received on paper or by post.
#[component]
pub fn PaperCommentPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_paper_comment_context(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t(Msg::PaperCommentTitle)/>
        <h1>{t(Msg::PaperCommentTitle)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(ctx) => {
                        let mut articles = vec![("general".to_string(), t(Msg::CommentGeneral).to_string())];
                        articles.extend(ctx.articles.clone());
                        let channels: Vec<(String, String)> = [CommentChannel::Paper, CommentChannel::Letter]
                            .into_iter()
                            .map(|c| (c.as_str().to_string(), t(channel_msg(c)).to_string()))
                            .collect();
                        view! {
                            <p class="lead"><a href=format!("/consultations/{}", ctx.consultation_id)>{ctx.title.clone()}</a></p>
                            <p>{t(Msg::PaperCommentIntro)}</p>
                            <ErrorSummary/>
                            <form method="post" action=format!("/staff/consultations/{}/paper-comments", ctx.consultation_id) class="stack wide-form" novalidate>
                                <CsrfField/>
                                <SelectField name="channel" label=Msg::ChannelLabel options=channels value="paper"/>
                                <SelectField name="article" label=Msg::CommentArticle options=articles value="general"/>
                                <Field name="body" label=Msg::CommentBody kind="textarea" rows=8 required=true maxlength=5000/>
                                <Field name="display_name" label=Msg::CommentName maxlength=40/>
                                <Field name="email" label=Msg::PaperEmailOptional kind="email"/>
                                <PaperConsentField/>
                                <button type="submit">{t(Msg::Save)}</button>
                            </form>
                        }.into_any()
                    }
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PaperConsentField() -> impl IntoView {
    let fb = use_feedback();
    let checked = fb.values.get("consent").is_some_and(|v| v == "on");
    let error = fb.errors.contains_key("consent");
    view! {
        <div class="field checkbox" class:has-error=error>
            {error.then(|| view! { <p class="error" id="f-consent-error">{t(Msg::ErrConsent)}</p> })}
            <label for="f-consent">
                <input id="f-consent" name="consent" type="checkbox" checked=checked aria-describedby=error.then_some("f-consent-error")/>
                " "{t(Msg::PaperConsent)}
            </label>
        </div>
    }
}

fn audit_action_msg(a: Option<AuditAction>) -> Msg {
    match a {
        Some(AuditAction::Approve) => Msg::AuditApprove,
        Some(AuditAction::Reject) => Msg::AuditReject,
        Some(AuditAction::Redact) => Msg::AuditRedact,
        Some(AuditAction::EnterComment) | None => Msg::AuditEnterComment,
    }
}

/// 审核日志, for administrators: read-only, newest first.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|m| {
            m.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1)
        })
    });
    let data = Resource::new(move || page.get(), get_audit_log);
    view! {
        <Title text=t(Msg::AuditTitle)/>
        <h1>{t(Msg::AuditTitle)}</h1>
        <p>{t(Msg::AuditIntro)}</p>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(log) if log.rows.is_empty() => view! { <p class="empty">{t(Msg::AuditEmpty)}</p> }.into_any(),
                    Ok(log) => {
                        view! {
                            <div class="table-scroll">
                                <table class="data-table audit-log">
                                    <caption class="visually-hidden">{t(Msg::AuditTitle)}</caption>
                                    <thead><tr>
                                        <th scope="col">{t(Msg::AuditAt)}</th>
                                        <th scope="col">{t(Msg::AuditActor)}</th>
                                        <th scope="col">{t(Msg::AuditActionCol)}</th>
                                        <th scope="col">{t(Msg::AuditTarget)}</th>
                                        <th scope="col">{t(Msg::AuditReason)}</th>
                                        <th scope="col">{t(Msg::AuditDetail)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {log.rows.into_iter().map(|r| {
                                            let reason = r.reason.as_deref().and_then(RejectReason::parse).map(|x| t(reason_msg(x)).to_string());
                                            let detail = match r.action {
                                                Some(AuditAction::Redact) => r.detail.as_ref().map(|n| tf(Msg::AuditRedactedPlaces, &[("n", n)])),
                                                Some(AuditAction::EnterComment) => r.detail.as_deref().and_then(CommentChannel::parse).map(|c| t(channel_msg(c)).to_string()),
                                                _ => r.detail.clone(),
                                            };
                                            let at = r.at + chrono::Duration::hours(8);
                                            view! {
                                                <tr>
                                                    <td><time datetime=r.at.to_rfc3339()>{at.format("%Y-%m-%d %H:%M").to_string()}</time></td>
                                                    <td>{r.actor.clone()}</td>
                                                    <td>{t(audit_action_msg(r.action))}</td>
                                                    <td>{r.target.clone()}</td>
                                                    <td>{reason}</td>
                                                    <td>{detail}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pagination page=log.page pages=log.pages href=|p| format!("/admin/audit?page={p}")/>
                        }.into_any()
                    }
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}
