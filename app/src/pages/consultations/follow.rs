//! After commenting: the receipt with the tracking number, and the status lookup.

use super::*;

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
                    {r.decision.clone().map(|d| view! {
                        <p class="decision">{t(Msg::LookupDecision)}"："
                            <strong>{t(crate::i18n::outcome_msg(d.outcome))}</strong>
                            {d.response.map(|resp| view! { <br/><span class="response">{resp}</span> })}
                        </p>
                        <p><a href=format!("/consultations/{}/report", r.consultation_id)>{t(Msg::ReportLinkLabel)}</a></p>
                    })}
                    {r.final_policy.filter(|_| !r.led_to.is_empty()).map(|p| view! {
                        <p class="led-to">{t(Msg::LookupLedTo)}
                            <a href=format!("/policies/{p}/changes")>
                                {r.led_to.iter().map(crate::pages::public::change_ref_text).collect::<Vec<_>>().join("；")}
                            </a>
                        </p>
                    })}
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
