//! A department's timeliness record and its policies.

use super::*;

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
    // Its consultations, each with where its adoption report stands.
    let consultations = Resource::new(
        move || params.with(|p| p.get("code").unwrap_or_default()),
        |code| get_consultations(Some(code)),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match (data.await, consultations.await) {
                    (Ok(d), Ok(c)) => department_view(d, c).into_any(),
                    (Err(e), _) | (_, Err(e)) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn department_view(d: DepartmentPage, c: ConsultationList) -> impl IntoView {
    let locale = use_locale();
    let code = d.department.code.clone();
    let name = d.department.name(locale).to_string();
    view! {
        <Title text=name.clone()/>
        <h1>{name.clone()}</h1>
        <p><a href=format!("/departments/{}/feed.atom", crate::urlencode(&code)) rel="external" type="application/atom+xml">{t(Msg::FeedLink)}</a></p>
        <section aria-labelledby="dt-h">
            <h2 id="dt-h">{t(Msg::DepartmentTimeliness)}</h2>
            <CountsTable rows=vec![(name.clone(), d.counts.clone())] first_col=Msg::Department/>
        </section>
        <section aria-labelledby="dr-h">
            <h2 id="dr-h">{t(Msg::DepartmentReports)}</h2>
            <dl class="figures">
                <div><dt>{t(Msg::StatsReportsOnTime)}</dt><dd>{d.reports.on_time}</dd></div>
                <div><dt>{t(Msg::StatsReportsLate)}</dt><dd>{d.reports.late}</dd></div>
                <div><dt>{t(Msg::StatsReportsOverdue)}</dt><dd>{d.reports.overdue}</dd></div>
                <div><dt>{t(Msg::StatsReportsDue)}</dt><dd>{d.reports.due}</dd></div>
            </dl>
        </section>
        <section aria-labelledby="dp-h">
            <h2 id="dp-h">{tf(Msg::DepartmentPolicies, &[("name", &name)])}</h2>
            <PolicyList items=d.policies/>
            <Pagination page=d.page pages=d.pages href=move |p| format!("/departments/{}?page={p}", crate::urlencode(&code))/>
        </section>
        <section aria-labelledby="dc-h">
            <h2 id="dc-h">{tf(Msg::DepartmentConsultations, &[("name", &name)])}</h2>
            <crate::pages::consultations::ConsultationCards items=c.open.into_iter().chain(c.closed).collect()/>
        </section>
    }
}
