//! 逐条解读: a policy's articles with the interpretation of each beside it (below it on a
//! phone), an article on its own page, and the articles an interpretation explains, quoted.
//! Everything is plain HTML: `<details>` opens without JavaScript.

use super::*;

/// One block of a policy's text; an article with interpretation gets its notes beside it.
#[component]
pub(crate) fn BodyBlockView(block: BodyBlock, policy_id: i32) -> impl IntoView {
    let count = block.notes.len();
    match block.article.clone() {
        Some(a) if count > 0 => view! {
            <div class="article-block has-notes">
                <div class="article-text" inner_html=block.html.clone()></div>
                <details class="article-notes">
                    <summary>
                        {tf(Msg::ArticleNotes, &[("n", &count.to_string())])}
                        <span class="visually-hidden">{" · "}{a.label.clone()}</span>
                    </summary>
                    <NoteList notes=block.notes.clone() policy_id=policy_id/>
                    <p class="permalink">
                        <a href=format!("/policies/{policy_id}/articles/{}", a.number)>{t(Msg::ArticlePermalink)}</a>
                    </p>
                </details>
            </div>
        }
        .into_any(),
        _ => view! { <div class="article-block" inner_html=block.html.clone()></div> }.into_any(),
    }
}

/// What interpretations say about one article, each with its source.
#[component]
fn NoteList(notes: Vec<ArticleNote>, policy_id: i32) -> impl IntoView {
    view! {
        <ul class="note-list">
            {notes.into_iter().map(|n| view! {
                <li>
                    <p class="note-source">
                        <a href=format!("/policies/{policy_id}#interp-{}", n.interpretation_id)>
                            {t(kind_msg(n.kind))}" · "{n.title.clone()}
                        </a>
                    </p>
                    {match n.content {
                        NoteContent::Passage(html) => view! { <div class="note-body" inner_html=html></div> }.into_any(),
                        NoteContent::Qa { question, answer } => view! {
                            <dl class="qa">
                                <div class="qa-pair">
                                    <dt><span class="qa-mark" aria-hidden="true">{t(Msg::Question)}</span>{question}</dt>
                                    <dd><span class="qa-mark" aria-hidden="true">{t(Msg::Answer)}</span>{answer}</dd>
                                </div>
                            </dl>
                        }.into_any(),
                    }}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The articles a passage or a question explains, quoted, each linked to its place in the text.
#[component]
pub(crate) fn ArticleQuotes(quotes: Vec<ArticleQuote>) -> impl IntoView {
    view! {
        <div class="article-quotes">
            <p class="quote-label">{t(Msg::ArticleExplains)}</p>
            {quotes.into_iter().map(|q| view! {
                <blockquote>
                    <p>
                        <a href=format!("#{}", q.anchor) title=t(Msg::ArticleReadInPolicy)><strong>{q.label.clone()}</strong></a>
                        " "{q.excerpt.clone()}
                    </p>
                </blockquote>
            }).collect_view()}
        </div>
    }
}

/// `/policies/:id/articles/:n`: one article with its interpretation, open, and the way on.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            Some((
                p.get("id")?.parse::<i32>().ok()?,
                p.get("number")?.parse::<u32>().ok()?,
            ))
        })
    };
    let data = Resource::new(key, |key| async move {
        match key {
            Some((id, number)) => get_article(id, number).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => article_view(d).into_any(),
                    Err(e) => app_error_view(e),
                }
            })}
        </Suspense>
    }
}

fn article_view(d: ArticlePage) -> impl IntoView {
    let id = d.policy_id;
    let label = d
        .block
        .article
        .as_ref()
        .map(|a| a.label.clone())
        .unwrap_or_default();
    let link = |a: &ArticleRef| format!("/policies/{id}/articles/{}", a.number);
    let notes_h = tf(Msg::ArticleNotesOf, &[("label", &label)]);
    view! {
        <Title text=format!("{label} · {}", d.policy_title)/>
        <article class="policy single-article">
            <header class="policy-header">
                <p class="doc-number">{d.doc_number.clone()}</p>
                <h1>{label.clone()}<span class="subtitle">{d.policy_title.clone()}</span></h1>
            </header>
            <div class="body-text" inner_html=d.block.html.clone()></div>
            <section aria-labelledby="notes-h" class="article-notes-full">
                <h2 id="notes-h">{notes_h}</h2>
                {if d.block.notes.is_empty() {
                    view! { <p class="empty">{t(Msg::ArticleNoNotes)}</p> }.into_any()
                } else {
                    view! { <NoteList notes=d.block.notes.clone() policy_id=id/> }.into_any()
                }}
            </section>
            <nav class="article-nav" aria-label=t(Msg::Outline)>
                <ul>
                    {d.previous.as_ref().map(|a| view! {
                        <li><a href=link(a) rel="prev">{t(Msg::ArticlePrevious)}" · "{a.label.clone()}</a></li>
                    })}
                    <li>
                        <a href=format!("/policies/{id}#{}", d.block.article.as_ref().map(|a| a.anchor.clone()).unwrap_or_default())>
                            {t(Msg::ArticleFullText)}
                        </a>
                    </li>
                    {d.next.as_ref().map(|a| view! {
                        <li><a href=link(a) rel="next">{t(Msg::ArticleNext)}" · "{a.label.clone()}</a></li>
                    })}
                </ul>
            </nav>
        </article>
    }
}
