//! The published adoption report: the numbers (with a chart drawn on the server), the table
//! per article, and every comment with its decision, each at an anchor of its own.

use super::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|i| i.parse::<i32>().ok())));
    let page =
        Memo::new(move |_| query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok())));
    let data = Resource::new(
        move || (id.get(), page.get()),
        |(id, page)| async move {
            match id {
                Some(id) => get_adoption_report(id, page).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => report_view(r).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

/// What each column of the downloads holds, in `EXPORT_COLUMNS` order.
const COLUMN_TEXTS: [Msg; 9] = [
    Msg::ColTrackingNumber,
    Msg::ColArticleAnchor,
    Msg::ColArticleLabel,
    Msg::ColDisplayName,
    Msg::ColComment,
    Msg::ColChannel,
    Msg::ColSubmittedOn,
    Msg::ColOutcome,
    Msg::ColResponse,
];

fn report_view(r: AdoptionReport) -> impl IntoView {
    let locale = use_locale();
    let id = r.consultation_id;
    let published = r
        .published_at
        .map(|p| locale.date((p + chrono::Duration::hours(8)).date_naive()))
        .unwrap_or_default();
    let not_published: u32 = r.numbers.not_published.iter().map(|(_, n)| n).sum();
    view! {
        <Title text=format!("{} · {}", t(Msg::ReportTitle), r.title)/>
        <article class="report">
            <h1>{t(Msg::ReportTitle)}"："<a href=format!("/consultations/{id}")>{r.title.clone()}</a></h1>
            <Notice/>
            <p class="meta">{tf(Msg::ReportPublishedOn, &[("detail", r.department.name(locale)), ("n", &published)])}</p>
            // 策后: the final text, and how far the draft moved.
            {r.final_policy.clone().map(|p| view! {
                <p class="origin panel">{t(Msg::ChainFinal)}" "
                    <a href=format!("/policies/{}", p.id)>{p.title.clone()}</a>" "<span class="doc-number">{p.doc_number.clone()}</span>
                    " · "<a href=format!("/policies/{}/changes", p.id)>{crate::pages::public::change_counts_text(&p.changes)}</a>
                </p>
            })}
            <section aria-labelledby="numbers-h" class="panel">
                <h2 id="numbers-h">{t(Msg::ReportNumbersHeading)}</h2>
                <dl class="figures">
                    <div><dt>{t(Msg::NumReceived)}</dt><dd>{r.numbers.received}</dd></div>
                    <div><dt>{t(Msg::NumPublished)}</dt><dd>{r.numbers.published}</dd></div>
                    <div><dt>{t(Msg::NumNotPublished)}</dt><dd>{not_published}
                        {(!r.numbers.not_published.is_empty()).then(|| view! {
                            <ul class="reasons">
                                {r.numbers.not_published.iter().map(|(reason, n)| view! { <li>{t(reason_msg(*reason))}"："{*n}</li> }).collect_view()}
                            </ul>
                        })}
                    </dd></div>
                    <div><dt>{t(Msg::NumGroups)}</dt><dd>{r.numbers.groups}</dd></div>
                </dl>
                <OutcomeChart outcomes=r.numbers.outcomes.clone()/>
            </section>
            {(!r.articles.is_empty()).then(|| view! {
                <section aria-labelledby="articles-h">
                    <h2 id="articles-h">{t(Msg::ReportByArticle)}</h2>
                    // Scrolls sideways on a phone: reachable and scrollable by keyboard too.
                    <div class="report-table" tabindex="0" role="region" aria-labelledby="articles-h">
                        <table>
                            <thead><tr>
                                <th scope="col">{t(Msg::ColArticle)}</th>
                                <th scope="col">{t(Msg::ColComments)}</th>
                                {Outcome::ALL.into_iter().map(|o| view! { <th scope="col">{t(outcome_msg(o))}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {r.articles.iter().map(|a| view! {
                                    <tr>
                                        <th scope="row">{match (&a.anchor, &a.label) {
                                            (Some(anchor), Some(label)) => view! { <a href=format!("/consultations/{id}#{anchor}")>{label.clone()}</a> }.into_any(),
                                            _ => t(Msg::WholeDraft).into_any(),
                                        }}</th>
                                        <td>{a.comments}</td>
                                        {a.outcomes.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            })}
            {(!r.topics.is_empty()).then(|| view! {
                <section aria-labelledby="topics-h">
                    <h2 id="topics-h">{t(Msg::ReportTopics)}</h2>
                    <ul class="topic-list">
                        {r.topics.iter().map(|tp| view! {
                            <li class="panel">
                                <h3>{tp.title.clone()}</h3>
                                <p class="meta">{tf(Msg::TopicCount, &[("n", &tp.comments.to_string())])}</p>
                                {match tp.outcome {
                                    Some(o) => view! {
                                        <p class="decision"><OutcomeBadge outcome=o/>{tp.response.clone().map(|resp| view! { " "<span class="response">{resp}</span> })}</p>
                                    }.into_any(),
                                    None => view! { <p class="help">{t(Msg::TopicNotAnswered)}</p> }.into_any(),
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section aria-labelledby="downloads-h" class="panel downloads">
                <h2 id="downloads-h">{t(Msg::ReportDownloads)}</h2>
                <p>{t(Msg::ReportDownloadsHint)}</p>
                <ul>
                    <li><a href=format!("/consultations/{id}/report.csv") rel="external" download="">"CSV"</a></li>
                    <li><a href=format!("/consultations/{id}/report.json") rel="external" download="">"JSON"</a></li>
                </ul>
                <details>
                    <summary>{t(Msg::ReportColumns)}</summary>
                    <dl class="columns">
                        {crate::domain::adoption::EXPORT_COLUMNS.into_iter().zip(COLUMN_TEXTS).map(|(name, msg)| view! { <dt><code>{name}</code></dt><dd>{t(msg)}</dd> }).collect_view()}
                    </dl>
                </details>
            </section>
            <section aria-labelledby="comments-h">
                <h2 id="comments-h">{t(Msg::ReportEveryComment)}</h2>
                <ol class="comment-list">
                    {r.comments.into_iter().map(|c| view! {
                        <li class="comment" id=format!("c-{}", c.tracking_number)>
                            <p class="meta">
                                <a href=format!("#c-{}", c.tracking_number)>{c.tracking_number.clone()}</a>
                                <span>{c.article_label.clone().unwrap_or_else(|| t(Msg::CommentGeneral).to_string())}</span>
                                <strong>{c.display_name.clone()}</strong>
                            </p>
                            <p class="comment-body">{c.body.clone()}</p>
                            <p class="decision"><span class="visually-hidden">{t(Msg::LookupDecision)}"："</span><OutcomeBadge outcome=c.outcome/>
                                {c.response.map(|resp| view! { " "<span class="response">{resp}</span> })}
                            </p>
                        </li>
                    }).collect_view()}
                </ol>
                <Pagination page=r.page pages=r.pages href=move |p| format!("/consultations/{id}/report?page={p}")/>
            </section>
        </article>
    }
}

/// Horizontal bars, one per outcome, drawn on the server (no script, prints as it shows).
#[component]
fn OutcomeChart(outcomes: Vec<(Outcome, u32)>) -> impl IntoView {
    const W: f64 = 640.0;
    const ROW: f64 = 34.0;
    const LEFT: f64 = 220.0;
    let h = ROW * outcomes.len() as f64 + 8.0;
    let max = outcomes.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let scale = (W - LEFT - 60.0) / max;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby="outcome-chart-title" class="outcome-chart" preserveAspectRatio="xMidYMid meet">
                <title id="outcome-chart-title">{t(Msg::ReportChartTitle)}</title>
                {outcomes.into_iter().enumerate().map(|(i, (o, n))| {
                    let y = 4.0 + i as f64 * ROW;
                    let w = n as f64 * scale;
                    view! {
                        <text x=LEFT - 8.0 y=y + ROW / 2.0 + 5.0 class="axis" text-anchor="end">{t(outcome_msg(o))}</text>
                        <rect x=LEFT y=y + 6.0 width=w height=ROW - 12.0 class=format!("bar outcome-{}", o.as_str())/>
                        <text x=LEFT + w + 6.0 y=y + ROW / 2.0 + 5.0 class="axis">{n}</text>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}
