//! Drafters' consultations: their list, and opening a new one with attachments.

use super::*;

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
                                                    <h2>{if draft {
                                                        view! { <span>{c.title.clone()}</span> }.into_any()
                                                    } else {
                                                        view! { <a href=format!("/consultations/{}", c.id)>{c.title.clone()}</a> }.into_any()
                                                    }}</h2>
                                                    <p class="meta">
                                                        <span>{c.department.name(locale).to_string()}</span>
                                                        <span>{period_text(&c)}</span>
                                                        <Countdown c=c.clone()/>
                                                    </p>
                                                    <p class="meta">{tf(Msg::CommentsCount, &[("received", &c.comments_received.to_string()), ("published", &c.comments_published.to_string())])}</p>
                                                    {matches!(c.state, ConsultationState::Closed | ConsultationState::ReportPublished).then(|| view! {
                                                        <p><a href=format!("/staff/consultations/{}/decisions", c.id)>{t(Msg::AnswerComments)}<span class="visually-hidden">" "{c.title.clone()}</span></a></p>
                                                    })}
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

/// File input for attachments; files cannot be kept after an error (browsers forbid it),
/// so the error says to choose them again.
#[component]
pub(crate) fn AttachmentsField() -> impl IntoView {
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
