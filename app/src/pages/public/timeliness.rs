//! The timeliness dashboard, with its chart drawn on the server.

use super::*;

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

pub(crate) fn timeliness_view(d: TimelinessData) -> impl IntoView {
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
pub(crate) fn MonthChart(months: Vec<(i32, u32, TimelinessCounts)>) -> impl IntoView {
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
