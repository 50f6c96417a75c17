//! 年度统计: the statistics page (a year, all departments or one, with charts drawn on the
//! server) and the annual report laid out as the official disclosure report's tables.

use super::*;

/// `?year=…&department=…` of the statistics pages.
fn stats_query() -> Memo<(Option<i32>, Option<String>)> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|m| {
            (
                m.get("year").and_then(|y| y.parse().ok()),
                m.get("department").filter(|d| !d.is_empty()),
            )
        })
    })
}

fn stats_href(path: &str, s: &Statistics) -> String {
    match &s.department {
        Some(d) => format!(
            "{path}?year={}&department={}",
            s.year,
            crate::urlencode(&d.code)
        ),
        None => format!("{path}?year={}", s.year),
    }
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let q = stats_query();
    let data = Resource::new(move || q.get(), |(y, d)| get_statistics(y, d));
    view! {
        <Title text=t(Msg::StatsTitle)/>
        <h1>{t(Msg::StatsTitle)}</h1>
        <p class="lead">{t(Msg::StatsIntro)}</p>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => statistics_view(s).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

/// The year and department choice: a GET form, so it works without JavaScript.
fn choice_form(s: &Statistics, action: &'static str) -> impl IntoView + use<> {
    let locale = use_locale();
    let years: Vec<(String, String)> = s
        .years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let depts: Vec<(String, String)> =
        std::iter::once((String::new(), t(Msg::StatsAllDepartments).to_string()))
            .chain(
                s.departments
                    .iter()
                    .map(|d| (d.code.clone(), d.name(locale).to_string())),
            )
            .collect();
    let chosen = s
        .department
        .as_ref()
        .map(|d| d.code.clone())
        .unwrap_or_default();
    view! {
        <form method="get" action=action class="filters">
            <SelectField name="year" label=Msg::StatsYear options=years value=s.year.to_string()/>
            <SelectField name="department" label=Msg::FilterDepartment options=depts value=chosen/>
            <button type="submit">{t(Msg::StatsShow)}</button>
        </form>
    }
}

pub(crate) fn statistics_view(s: Statistics) -> impl IntoView {
    let locale = use_locale();
    let total = s.total.clone();
    let percent = |r: Option<u32>| r.map(|r| format!("{r}%")).unwrap_or_else(|| "—".into());
    let figures: Vec<(Msg, String)> = vec![
        (
            Msg::StatsPoliciesPublished,
            total.timeliness.policies.to_string(),
        ),
        (
            Msg::StatsInterpretationsPublished,
            total.interpretations_published.to_string(),
        ),
        (Msg::ColRate, percent(total.timeliness.on_time_rate())),
        (Msg::StatsConsultations, total.consultations.to_string()),
        (
            Msg::StatsCommentsReceived,
            total.comments_received.to_string(),
        ),
        (
            Msg::StatsCommentsAdopted,
            total.comments_adopted.to_string(),
        ),
        (Msg::StatsAdoptionRate, percent(total.adoption_rate())),
        (Msg::StatsReportsOnTime, total.reports.on_time.to_string()),
    ];
    let timeliness_rows: Vec<(String, TimelinessCounts)> = s
        .rows
        .iter()
        .map(|(d, f)| (d.name(locale).to_string(), f.timeliness.clone()))
        .collect();
    let links: Vec<String> = s
        .rows
        .iter()
        .map(|(d, _)| format!("/departments/{}", d.code))
        .collect();
    let timely_bars: Vec<(String, Vec<u32>)> = s
        .rows
        .iter()
        .map(|(d, f)| {
            let c = &f.timeliness;
            (
                d.name(locale).to_string(),
                vec![c.with_policy + c.on_time, c.late, c.overdue, c.due],
            )
        })
        .collect();
    let participation_bars: Vec<(String, Vec<u32>)> = s
        .rows
        .iter()
        .map(|(d, f)| {
            (
                d.name(locale).to_string(),
                vec![
                    f.comments_received,
                    f.comments_published,
                    f.comments_adopted,
                ],
            )
        })
        .collect();
    let participation = s.annual_tables(locale).pop();
    let annual = stats_href("/statistics/annual", &s);
    let csv = stats_href("/statistics/annual.csv", &s);
    view! {
        {choice_form(&s, "/statistics")}
        <p class="downloads">
            <a href=annual>{t(Msg::StatsAnnualLink)}</a>
            " · "
            <a href=csv download>{t(Msg::StatsCsvLink)}</a>
        </p>
        <section aria-labelledby="stats-summary-h">
            <h2 id="stats-summary-h">{tf(Msg::StatsSummaryOf, &[("n", &s.year.to_string())])}</h2>
            <dl class="figures">
                {figures.into_iter().map(|(m, v)| view! {
                    <div><dt>{t(m)}</dt><dd>{v}</dd></div>
                }).collect_view()}
            </dl>
        </section>
        <section aria-labelledby="stats-timely-h">
            <h2 id="stats-timely-h">{t(Msg::StatsTimelinessHeading)}</h2>
            <BarChart
                id="timely-chart"
                title=Msg::StatsTimelinessChart
                rows=timely_bars
                series=vec![
                    (Msg::TimelyOnTime, "seg-timely"),
                    (Msg::TimelyLate, "seg-late"),
                    (Msg::TimelyOverdue, "seg-overdue"),
                    (Msg::TimelyDue, "seg-due"),
                ]
                stacked=true
            />
            <CountsTable rows=timeliness_rows first_col=Msg::Department links=links/>
        </section>
        <section aria-labelledby="stats-part-h">
            <h2 id="stats-part-h">{t(Msg::StatsParticipationHeading)}</h2>
            <BarChart
                id="participation-chart"
                title=Msg::StatsParticipationChart
                rows=participation_bars
                series=vec![
                    (Msg::StatsCommentsReceived, "seg-received"),
                    (Msg::StatsCommentsPublished, "seg-published"),
                    (Msg::StatsCommentsAdopted, "seg-adopted"),
                ]
                stacked=false
            />
            {participation.map(|table| view! { <AnnualTableView table=table caption=false/> })}
        </section>
    }
}

/// Horizontal bars per row, drawn on the server as SVG: stacked (parts of one whole) or side
/// by side. The table beside it carries the same numbers for screen readers and print.
#[component]
pub(crate) fn BarChart(
    id: &'static str,
    title: Msg,
    rows: Vec<(String, Vec<u32>)>,
    series: Vec<(Msg, &'static str)>,
    stacked: bool,
) -> impl IntoView {
    const W: f64 = 720.0;
    const LABEL: f64 = 190.0;
    const BAR: f64 = 14.0;
    const GAP: f64 = 12.0;
    let per_row = if stacked {
        BAR
    } else {
        BAR * series.len() as f64
    };
    let h = 24.0 + rows.len().max(1) as f64 * (per_row + GAP);
    let max = rows
        .iter()
        .map(|(_, v)| {
            if stacked {
                v.iter().sum::<u32>()
            } else {
                v.iter().copied().max().unwrap_or(0)
            }
        })
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = (W - LABEL - 48.0) / max;
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let classes: Vec<&'static str> = series.iter().map(|(_, c)| *c).collect();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby=labelled_by class="bar-chart" preserveAspectRatio="xMidYMid meet">
                <title id=title_id>{t(title)}</title>
                {rows.into_iter().enumerate().map(|(i, (label, values))| {
                    let top = 12.0 + i as f64 * (per_row + GAP);
                    let mut x = LABEL;
                    let total: u32 = values.iter().sum();
                    let bars = values.iter().zip(classes.iter()).enumerate().map(|(k, (v, class))| {
                        let w = *v as f64 * scale;
                        let (bx, by) = if stacked { (x, top) } else { (LABEL, top + k as f64 * BAR) };
                        if stacked { x += w; }
                        let value = (!stacked).then(|| view! {
                            <text x=LABEL + w + 4.0 y=by + BAR - 3.0 class="axis">{*v}</text>
                        });
                        view! { <rect x=bx y=by width=w height=BAR - 2.0 class=*class/>{value} }
                    }).collect_view();
                    let sum = stacked.then(|| view! {
                        <text x=x + 4.0 y=top + BAR - 3.0 class="axis">{total}</text>
                    });
                    view! {
                        <text x=LABEL - 8.0 y=top + per_row / 2.0 + 4.0 class="axis" text-anchor="end">{label}</text>
                        <g>{bars}</g>
                        {sum}
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                <ul class="legend">
                    {series.iter().map(|(msg, class)| view! { <li><span class=format!("swatch {class}") aria-hidden="true"></span>{t(*msg)}</li> }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}

/// One table of the annual report.
#[component]
pub(crate) fn AnnualTableView(table: AnnualTable, caption: bool) -> impl IntoView {
    // Wide on a phone: the scrolling region takes the keyboard focus, named by its table.
    let region = table.title.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="counts annual">
                {caption.then(|| view! { <caption>{table.title.clone()}</caption> })}
                <thead>
                    <tr>{table.head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {table.rows.into_iter().map(|row| {
                        let mut cells = row.into_iter();
                        let head = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{head}</th>
                                {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The annual report: the figures in the tables of the official annual disclosure report.
#[component]
pub fn AnnualReportPage() -> impl IntoView {
    let q = stats_query();
    let data = Resource::new(move || q.get(), |(y, d)| get_statistics(y, d));
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => annual_view(s).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn annual_view(s: Statistics) -> impl IntoView {
    let locale = use_locale();
    let title = s.annual_title(locale);
    let csv = stats_href("/statistics/annual.csv", &s);
    let back = stats_href("/statistics", &s);
    view! {
        <Title text=title.clone()/>
        <article class="annual-report">
            <h1>{title}</h1>
            <p class="lead">{t(Msg::AnnualIntro)}</p>
            {choice_form(&s, "/statistics/annual")}
            <p class="downloads no-print">
                <a href=csv download>{t(Msg::StatsCsvLink)}</a>
                " · "
                <a href=back>{t(Msg::StatsTitle)}</a>
            </p>
            {s.annual_tables(locale).into_iter().enumerate().map(|(i, table)| {
                let id = format!("annual-{}", i + 1);
                let labelled_by = id.clone();
                view! {
                    <section aria-labelledby=labelled_by>
                        <h2 id=id>{table.title.clone()}</h2>
                        <AnnualTableView table=table caption=false/>
                    </section>
                }
            }).collect_view()}
        </article>
    }
}
