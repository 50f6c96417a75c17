//! Drafting forms and the staff view of a policy with its sign-off actions.

use super::*;

#[component]
pub fn NewPolicyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_policy_form(None));
    view! {
        <Title text=t(Msg::NewPolicy)/>
        <h1>{t(Msg::NewPolicy)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(f) => policy_form_view(f, "/staff/policies/new".into()).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditPolicyPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_policy_form(Some(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t(Msg::EditPolicy)/>
        <h1>{t(Msg::EditPolicy)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let action = format!("/staff/policies/{}/edit", id.get_untracked().unwrap_or_default());
                match data.await {
                    Ok(f) => policy_form_view(f, action).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn policy_form_view(f: PolicyForm, action: String) -> impl IntoView {
    let existing = f.existing.as_ref();
    let val = |get: &dyn Fn(&PolicyDetail) -> String| existing.map(get).unwrap_or_default();
    let title = val(&|d| d.summary.title.clone());
    let doc = val(&|d| d.summary.doc_number.clone());
    let cat = existing
        .map(|d| d.summary.category.clone())
        .unwrap_or_else(|| CATEGORIES[0].to_string());
    let signed = val(&|d| d.signed_on.map(|x| x.to_string()).unwrap_or_default());
    let effective = val(&|d| d.effective_on.map(|x| x.to_string()).unwrap_or_default());
    let cat_options: Vec<(String, String)> = CATEGORIES
        .iter()
        .map(|c| (c.to_string(), t(category_msg(c)).to_string()))
        .collect();
    view! {
        <ErrorSummary/>
        <form method="post" action=action class="stack wide-form" novalidate>
            <CsrfField/>
            <Field name="title" label=Msg::Title required=true value=title maxlength=200/>
            <Field name="doc_number" label=Msg::DocNumber required=true help=Msg::DocNumberHelp value=doc/>
            <SelectField name="category" label=Msg::Category options=cat_options value=cat required=true/>
            <div class="field-row">
                <Field name="signed_on" label=Msg::SignedOn kind="date" value=signed/>
                <Field name="effective_on" label=Msg::EffectiveOn kind="date" value=effective/>
            </div>
            <Field name="body" label=Msg::Body kind="textarea" rows=16 required=true help=Msg::BodyHelp value=f.source_body.clone()/>
            <div class="actions">
                <button type="submit">{t(Msg::Save)}</button>
                <a href="/staff">{t(Msg::Cancel)}</a>
            </div>
        </form>
    }
}

#[component]
pub fn StaffPolicyPage() -> impl IntoView {
    let data = staff_policy_resource();
    view! {
        <Notice/>
        <ErrorSummary/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => staff_policy_view(p).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn staff_policy_view(p: StaffPolicy) -> impl IntoView {
    let id = p.detail.summary.id;
    let published = p.detail.summary.status == crate::domain::policy::PolicyStatus::Published;
    let reason = p
        .detail
        .return_reason
        .clone()
        .filter(|_| p.detail.summary.status == crate::domain::policy::PolicyStatus::Draft);
    view! {
        <p class="staff-label">{t(Msg::StaffPolicyTitle)}</p>
        {reason.map(|r| view! { <p class="warning" role="status">{tf(Msg::ReturnedBecause, &[("reason", &r)])}</p> })}
        <section class="panel actions-panel" aria-labelledby="actions-h">
            <h2 id="actions-h">{t(Msg::Actions)}</h2>
            <div class="actions">
                {published.then(|| view! { <a href=format!("/policies/{id}")>{t(Msg::ViewPublic)}</a> })}
                {p.can_edit.then(|| view! { <a class="button secondary" href=format!("/staff/policies/{id}/edit")>{t(Msg::EditPolicy)}</a> })}
                {p.can_add_interpretation.then(|| view! {
                    <a class="button secondary" href=format!("/staff/policies/{id}/interpretations/new")>{t(Msg::AddInterpretation)}</a>
                })}
                {p.can_submit.then(|| view! {
                    <form method="post" action=format!("/staff/policies/{id}/submit")>
                        <CsrfField/>
                        <button type="submit">{t(Msg::SubmitForSignoff)}</button>
                    </form>
                })}
                {p.can_sign_off.then(|| view! {
                    <form method="post" action=format!("/staff/policies/{id}/approve")>
                        <CsrfField/>
                        <button type="submit">{t(Msg::Approve)}</button>
                    </form>
                })}
            </div>
            {p.can_sign_off.then(|| view! {
                <form method="post" action=format!("/staff/policies/{id}/return") class="stack return-form">
                    <CsrfField/>
                    <Field name="reason" label=Msg::Reason kind="textarea" rows=3 required=true/>
                    <button type="submit" class="secondary">{t(Msg::ReturnWithReason)}</button>
                </form>
            })}
            {p.can_withdraw.then(|| view! {
                <form method="post" action=format!("/staff/policies/{id}/withdraw") class="stack return-form">
                    <CsrfField/>
                    <Field name="withdraw_reason" label=Msg::WithdrawReason kind="textarea" rows=3 required=true/>
                    <button type="submit" class="secondary">{t(Msg::Withdraw)}</button>
                </form>
            })}
        </section>
        <PolicyDetailView detail=p.detail.clone() staff=true/>
    }
}

#[component]
pub fn NewInterpretationPage() -> impl IntoView {
    let data = staff_policy_resource();
    view! {
        <Title text=t(Msg::AddInterpretation)/>
        <h1>{t(Msg::AddInterpretation)}</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) if p.can_add_interpretation => interpretation_form_view(p).into_any(),
                    Ok(_) => app_error_view(AppError::Forbidden),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

pub(crate) fn interpretation_form_view(p: StaffPolicy) -> impl IntoView {
    let id = p.detail.summary.id;
    let published = p.detail.summary.status == crate::domain::policy::PolicyStatus::Published;
    // The articles a marker may name (逐条解读), as the drafter sees them in the text.
    let articles = p
        .detail
        .outline
        .iter()
        .filter(|o| o.level == 3)
        .map(|o| o.label.clone())
        .collect::<Vec<_>>()
        .join("、");
    let kinds: Vec<(String, String)> = InterpretationKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), t(kind_msg(*k)).to_string()))
        .collect();
    view! {
        <p class="lead">{p.detail.summary.title.clone()}" · "{p.detail.summary.doc_number.clone()}</p>
        {published.then(|| view! { <p class="notice">{t(Msg::PublishNowAlone)}</p> })}
        <ErrorSummary/>
        <form method="post" action=format!("/staff/policies/{id}/interpretations/new") enctype="multipart/form-data" class="stack wide-form" novalidate>
            <CsrfField/>
            <SelectField name="kind" label=Msg::InterpretationKind options=kinds value="qa" required=true/>
            <Field name="title" label=Msg::Title required=true maxlength=200/>
            {(!articles.is_empty()).then(|| view! {
                <div class="hint tie-help">
                    <p>{t(Msg::TieHelp)}</p>
                    <p>{tf(Msg::TieArticles, &[("n", &articles)])}</p>
                </div>
            })}
            <Field name="qa" label=Msg::QaPairs kind="textarea" rows=10 help=Msg::QaHelp/>
            <Field name="body" label=Msg::Body kind="textarea" rows=10 help=Msg::BodyHelp/>
            <div class="field">
                <label for="f-image">{t(Msg::ImageFile)}</label>
                <input id="f-image" name="image" type="file" accept="image/png,image/jpeg,image/webp"/>
            </div>
            <Field name="image_alt" label=Msg::ImageAlt maxlength=500/>
            <Field name="media_url" label=Msg::MediaUrl kind="url"/>
            <div class="actions">
                <button type="submit">{t(Msg::Save)}</button>
                <a href=format!("/staff/policies/{id}")>{t(Msg::Cancel)}</a>
            </div>
        </form>
    }
}

/// The staff view of the policy in the address (`/staff/policies/:id…`).
fn staff_policy_resource() -> Resource<Result<StaffPolicy, AppError>> {
    let id = id_param();
    Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_staff_policy(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}
