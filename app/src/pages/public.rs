//! Public pages: home, policy list, policy page, department page, timeliness dashboard.

use crate::api::*;
use crate::components::*;
use crate::domain::policy::{CATEGORIES, InterpretationKind, InterpretationState};
use crate::i18n::Msg;
use crate::model::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_home());
    view! {
        <Title text=""/>
        <h1 class="visually-hidden">{t(Msg::SiteName)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => home_view(d).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn home_view(d: HomeData) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="hero">
            <p class="hero-title">{t(Msg::SiteName)}</p>
            <p class="hero-tagline">{t(Msg::SiteTagline)}</p>
        </section>
        <div class="home-grid">
            <section aria-labelledby="due-h" class="panel due-panel">
                <h2 id="due-h">{t(Msg::HomeDue)}</h2>
                <p class="due-counter">
                    <strong data-testid="due-count">{tf(Msg::HomeDueCount, &[("n", &d.due_count.to_string())])}</strong>
                    {(d.overdue_count > 0).then(|| view! { " · "<span class="overdue-count">{tf(Msg::HomeOverdueCount, &[("n", &d.overdue_count.to_string())])}</span> })}
                </p>
                {if d.due.is_empty() {
                    view! { <p>{t(Msg::HomeNothingDue)}</p> }.into_any()
                } else {
                    view! { <PolicyList items=d.due.clone()/> }.into_any()
                }}
            </section>
            <section aria-labelledby="latest-h" class="panel">
                <h2 id="latest-h">{t(Msg::HomeLatestPolicies)}</h2>
                <PolicyList items=d.latest_policies.clone()/>
                <p><a href="/policies">{t(Msg::AllPolicies)}</a></p>
            </section>
            <section aria-labelledby="interp-h" class="panel">
                <h2 id="interp-h">{t(Msg::HomeLatestInterpretations)}</h2>
                <ul class="teaser-list">
                    {d.latest_interpretations
                        .into_iter()
                        .map(|i| {
                            view! {
                                <li>
                                    <span class="kind">{t(kind_msg(i.kind))}</span>
                                    <a href=format!("/policies/{}#interp-{}", i.policy_id, i.interpretation_id)>{i.title}</a>
                                    <span class="meta">{i.policy_title}" · "{i.published_on.map(|d| locale.date(d)).unwrap_or_default()}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </div>
    }
}

fn query_string(q: &PolicyQuery, page: u32) -> String {
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

fn policy_list_view(page: PolicyPage, q: PolicyQuery) -> impl IntoView {
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
        <p class="result-count" role="status">{tf(Msg::ResultCount, &[("n", &page.total.to_string())])}</p>
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
                {deadline.map(|d| view! { <p class="deadline">{d}</p> })}
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
                        <div class="body-text" inner_html=detail.body_html.clone()></div>
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
fn InterpretationSection(interp: InterpretationView, staff: bool) -> impl IntoView {
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
                            <dt><span class="qa-mark" aria-hidden="true">{t(Msg::Question)}</span>{p.question.clone()}</dt>
                            <dd><span class="qa-mark" aria-hidden="true">{t(Msg::Answer)}</span>{p.answer.clone()}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            })}
            {(!interp.body_html.is_empty()).then(|| view! {
                {is_media.then(|| view! { <h4>{t(Msg::Transcript)}</h4> })}
                <div class="body-text" inner_html=interp.body_html.clone()></div>
            })}
        </section>
    }
}

fn interp_state_msg(s: InterpretationState) -> Msg {
    match s {
        InterpretationState::Draft => Msg::StatusDraft,
        InterpretationState::AwaitingSignoff => Msg::StatusAwaitingSignoff,
        InterpretationState::Published => Msg::StatusPublished,
    }
}

#[component]
pub fn DepartmentPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("code").unwrap_or_default()),
                query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok())),
            )
        },
        |(code, page)| get_department(code, page),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => department_view(d).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn department_view(d: DepartmentPage) -> impl IntoView {
    let locale = use_locale();
    let code = d.department.code.clone();
    let name = d.department.name(locale).to_string();
    view! {
        <Title text=name.clone()/>
        <h1>{name.clone()}</h1>
        <section aria-labelledby="dt-h">
            <h2 id="dt-h">{t(Msg::DepartmentTimeliness)}</h2>
            <CountsTable rows=vec![(name.clone(), d.counts.clone())] first_col=Msg::Department/>
        </section>
        <section aria-labelledby="dp-h">
            <h2 id="dp-h">{tf(Msg::DepartmentPolicies, &[("name", &name)])}</h2>
            <PolicyList items=d.policies/>
            <Pagination page=d.page pages=d.pages href=move |p| format!("/departments/{}?page={p}", crate::urlencode(&code))/>
        </section>
    }
}

#[component]
fn CountsTable(
    rows: Vec<(String, TimelinessCounts)>,
    first_col: Msg,
    #[prop(optional)] links: Vec<String>,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="counts">
                <thead>
                    <tr>
                        <th scope="col">{t(first_col)}</th>
                        <th scope="col">{t(Msg::ColPolicies)}</th>
                        <th scope="col">{t(Msg::TimelyWithPolicy)}</th>
                        <th scope="col">{t(Msg::TimelyOnTime)}</th>
                        <th scope="col">{t(Msg::TimelyLate)}</th>
                        <th scope="col">{t(Msg::TimelyOverdue)}</th>
                        <th scope="col">{t(Msg::TimelyDue)}</th>
                        <th scope="col">{t(Msg::ColRate)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, (name, c))| {
                        let rate = c.on_time_rate().map(|r| format!("{r}%")).unwrap_or_else(|| "—".into());
                        let head = match links.get(i) {
                            Some(href) => view! { <a href=href.clone()>{name}</a> }.into_any(),
                            None => view! { {name} }.into_any(),
                        };
                        view! {
                            <tr>
                                <th scope="row">{head}</th>
                                <td>{c.policies}</td>
                                <td>{c.with_policy}</td>
                                <td>{c.on_time}</td>
                                <td>{c.late}</td>
                                <td>{c.overdue}</td>
                                <td>{c.due}</td>
                                <td>{rate}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn TimelinessPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_timeliness());
    view! {
        <Title text=t(Msg::TimelinessTitle)/>
        <h1>{t(Msg::TimelinessTitle)}</h1>
        <p class="lead">{t(Msg::TimelinessIntro)}</p>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => timeliness_view(d).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn timeliness_view(d: TimelinessData) -> impl IntoView {
    let locale = use_locale();
    let links: Vec<String> = d
        .departments
        .iter()
        .map(|(dep, _)| format!("/departments/{}", dep.code))
        .collect();
    let dept_rows: Vec<(String, TimelinessCounts)> = d
        .departments
        .iter()
        .map(|(dep, c)| (dep.name(locale).to_string(), c.clone()))
        .collect();
    let month_rows: Vec<(String, TimelinessCounts)> = d
        .months
        .iter()
        .map(|(y, m, c)| (format!("{y}-{m:02}"), c.clone()))
        .collect();
    view! {
        <section aria-labelledby="bydept-h">
            <h2 id="bydept-h">{t(Msg::TimelinessByDepartment)}</h2>
            <CountsTable rows=dept_rows first_col=Msg::Department links=links/>
        </section>
        <section aria-labelledby="bymonth-h">
            <h2 id="bymonth-h">{t(Msg::TimelinessByMonth)}</h2>
            <MonthChart months=d.months.clone()/>
            <CountsTable rows=month_rows first_col=Msg::ColMonth/>
        </section>
    }
}

/// Stacked bars per month, drawn on the server as SVG; the table below has the same data.
#[component]
fn MonthChart(months: Vec<(i32, u32, TimelinessCounts)>) -> impl IntoView {
    const W: f64 = 720.0;
    const H: f64 = 260.0;
    const LEFT: f64 = 36.0;
    const BOTTOM: f64 = 36.0;
    const TOP: f64 = 12.0;
    let max = months
        .iter()
        .map(|(_, _, c)| c.policies)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = (W - LEFT - 8.0) / months.len().max(1) as f64;
    let bar = (slot * 0.6).max(4.0);
    let scale = (H - TOP - BOTTOM) / max;
    type Series = (Msg, &'static str, fn(&TimelinessCounts) -> u32);
    let series: [Series; 4] = [
        (Msg::TimelyWithPolicy, "seg-timely", |c| {
            c.with_policy + c.on_time
        }),
        (Msg::TimelyLate, "seg-late", |c| c.late),
        (Msg::TimelyOverdue, "seg-overdue", |c| c.overdue),
        (Msg::TimelyDue, "seg-due", |c| c.due),
    ];
    let ticks: Vec<u32> = {
        let m = max as u32;
        let step = (m / 4).max(1);
        (0..=m).step_by(step as usize).collect()
    };
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="chart-title" class="month-chart" preserveAspectRatio="xMidYMid meet">
                <title id="chart-title">{t(Msg::ChartTitle)}</title>
                {ticks.into_iter().map(|v| {
                    let y = H - BOTTOM - v as f64 * scale;
                    view! {
                        <line x1=LEFT x2=W - 4.0 y1=y y2=y class="grid"/>
                        <text x=LEFT - 6.0 y=y + 4.0 class="axis" text-anchor="end">{v}</text>
                    }
                }).collect_view()}
                {months.iter().enumerate().map(|(i, (y, m, c))| {
                    let x = LEFT + i as f64 * slot + (slot - bar) / 2.0;
                    let mut base = H - BOTTOM;
                    let segs = series.iter().map(|(_, class, f)| {
                        let h = f(c) as f64 * scale;
                        base -= h;
                        view! { <rect x=x y=base width=bar height=h class=*class/> }
                    }).collect_view();
                    view! {
                        <g>{segs}</g>
                        <text x=x + bar / 2.0 y=H - BOTTOM + 16.0 class="axis" text-anchor="middle">{tf(Msg::MonthShort, &[("m", &m.to_string())])}</text>
                        {(i == 0 || *m == 1).then(|| view! { <text x=x + bar / 2.0 y=H - BOTTOM + 30.0 class="axis" text-anchor="middle">{*y}</text> })}
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                <ul class="legend">
                    {series.iter().map(|(msg, class, _)| view! { <li><span class=format!("swatch {class}") aria-hidden="true"></span>{t(*msg)}</li> }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}
