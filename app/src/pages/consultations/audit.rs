//! The moderation audit log, for administrators.

use super::*;

pub(crate) fn audit_action_msg(a: Option<AuditAction>) -> Msg {
    match a {
        Some(AuditAction::Approve) => Msg::AuditApprove,
        Some(AuditAction::Reject) => Msg::AuditReject,
        Some(AuditAction::Redact) => Msg::AuditRedact,
        Some(AuditAction::EnterComment) | None => Msg::AuditEnterComment,
        Some(AuditAction::Decide) => Msg::AuditDecide,
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
                            <div class="table-scroll" tabindex="0" role="region" aria-label=t(Msg::AuditTitle)>
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
                                                Some(AuditAction::Decide) => r.detail.as_deref().and_then(crate::domain::adoption::Outcome::parse).map(|o| t(crate::i18n::outcome_msg(o)).to_string()),
                                                _ => r.detail.clone(),
                                            };
                                            let at = r.at + chrono::Duration::hours(8);
                                            view! {
                                                <tr>
                                                    <td><time datetime=r.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)>{at.format("%Y-%m-%d %H:%M").to_string()}</time></td>
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
