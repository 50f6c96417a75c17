//! An editor enters a comment received on paper or by post.

use super::*;

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
                                <ConsentField label=Msg::PaperConsent required=false/>
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
