//! The page cache for anonymous visitors (`backend::page_cache`, `server::web::cached`): a
//! kept page carries each visitor's own CSRF token, nothing personal or staff-only is kept,
//! languages and the reading mode are kept apart, a change forgets the pages that show it
//! (and only those), and browsers revalidate with `ETag`.

mod common;

use axum::http::{StatusCode, header};
use backend::entities::comment;
use common::*;
use domain::consultation::CommentStatus;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn demo() -> TestApp {
    let app = TestApp::new_with(|c| c.page_cache_ttl = std::time::Duration::from_secs(60)).await;
    server::demo::seed(&app.state).await.unwrap();
    app
}

fn cache(r: &Response) -> Option<&str> {
    r.headers.get("x-page-cache").and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn two_anonymous_visitors_get_one_kept_page_each_with_their_own_token() {
    let app = demo().await;
    let (mut a, mut b) = (Browser::default(), Browser::default());
    let first = app.get(&mut a, "/consultations/1").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(cache(&first), Some("miss"));
    let token_a = csrf_token(&first.body).expect("the comment form has a token");
    assert_eq!(a.csrf_cookie.as_ref(), Some(&token_a));

    let second = app.get(&mut b, "/consultations/1").await;
    assert_eq!(cache(&second), Some("hit"));
    let token_b = csrf_token(&second.body).unwrap();
    assert_ne!(token_a, token_b, "never one visitor's token to another");
    assert_eq!(b.csrf_cookie.as_ref(), Some(&token_b));
    assert!(!second.body.contains(&token_a));
    // Otherwise the same page; personal to the visitor, so no shared cache keeps it.
    assert_eq!(
        first.body.replace(&token_a, "TOKEN"),
        second.body.replace(&token_b, "TOKEN")
    );
    assert_eq!(second.headers[header::CACHE_CONTROL], "private, no-cache");
    assert_ne!(first.headers[header::ETAG], second.headers[header::ETAG]);

    // Each visitor's post succeeds with their own token; with the other's, it is refused.
    let comment = |who: &str| {
        vec![
            ("article".to_string(), String::new()),
            (
                "body".to_string(),
                format!("建议{who}：缓存的页面也能提交意见。"),
            ),
            ("display_name".to_string(), who.to_string()),
            (
                "email".to_string(),
                format!("visitor.{}@example.test", who.len()),
            ),
            ("consent".to_string(), "on".to_string()),
            ("website".to_string(), String::new()),
        ]
    };
    for (browser, token, who) in [(&mut b, &token_b, "乙"), (&mut a, &token_a, "甲甲")] {
        let mut fields = vec![("csrf".to_string(), token.clone())];
        fields.extend(comment(who));
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let r = app
            .post(browser, "/consultations/1/comments", &fields)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(
            r.location().starts_with("/comments/receipt/"),
            "{}",
            r.location()
        );
    }
    let mut fields = vec![("csrf".to_string(), token_a.clone())];
    fields.extend(comment("丙"));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = app.post(&mut b, "/consultations/1/comments", &fields).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "another visitor's token");

    // The browser's copy is current: 304, without a body.
    let etag = second.headers[header::ETAG].to_str().unwrap().to_string();
    let r = app
        .request(
            &mut b,
            axum::http::Request::get("/consultations/1")
                .header(header::IF_NONE_MATCH, &etag)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_MODIFIED);
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn pages_without_a_form_are_kept_compressed_and_shared() {
    let app = demo().await;
    let get = |encoding: &'static str| {
        axum::http::Request::get("/policies")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let first = app.request(&mut Browser::default(), get("gzip, br")).await;
    assert_eq!(cache(&first), Some("miss"));
    let again = app.request(&mut Browser::default(), get("gzip, br")).await;
    assert_eq!(cache(&again), Some("hit"));
    assert_eq!(again.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(
        again.headers[header::CACHE_CONTROL],
        "public, max-age=0, s-maxage=10"
    );
    assert_eq!(first.headers[header::ETAG], again.headers[header::ETAG]);
    let gz = app.request(&mut Browser::default(), get("gzip")).await;
    assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn nothing_personal_or_staff_only_is_kept_and_languages_and_modes_are_apart() {
    let app = demo().await;
    let mut editor = app.login("editor", "huiyin-demo-editor").await;
    let staff_view = app.get(&mut editor, "/").await;
    assert!(staff_view.body.contains("退出登录"));
    assert_eq!(
        cache(&staff_view),
        None,
        "signed-in pages neither come from nor go to the cache"
    );

    let anonymous = app.get(&mut Browser::default(), "/").await;
    assert_eq!(cache(&anonymous), Some("miss"));
    assert!(
        !anonymous.body.contains("退出登录"),
        "the anonymous version"
    );
    let anonymous = app.get(&mut Browser::default(), "/").await;
    assert_eq!(cache(&anonymous), Some("hit"));
    assert!(!anonymous.body.contains("退出登录"));
    let staff_view = app.get(&mut editor, "/").await;
    assert!(staff_view.body.contains("退出登录"));

    // Other languages and the reading mode are pages of their own.
    let mut english = Browser {
        lang: Some("en".into()),
        ..Default::default()
    };
    let r = app.get(&mut english, "/").await;
    assert_eq!(cache(&r), Some("miss"));
    assert!(r.body.contains(r#"lang="en""#));
    let mut elder = Browser {
        mode: Some("elder".into()),
        ..Default::default()
    };
    let r = app.get(&mut elder, "/").await;
    assert_eq!(cache(&r), Some("miss"));
    assert!(r.body.contains(r#"class="elder""#));
    let r = app.get(&mut Browser::default(), "/").await;
    assert!(r.body.contains(r#"lang="zh-Hans""#) && !r.body.contains(r#"class="elder""#));

    // Sign-in, lookups and pages reached with a personal token are never kept.
    for path in [
        "/login",
        "/comments/status",
        "/comments/verify?token=0000",
        "/subscribe",
    ] {
        let r = app.get(&mut Browser::default(), path).await;
        assert_eq!(cache(&r), None, "{path}");
    }
}

#[tokio::test]
async fn an_approval_forgets_the_consultation_page_and_the_lists_only() {
    let app = demo().await;
    let waiting = comment::Entity::find()
        .filter(comment::Column::Status.eq(CommentStatus::AwaitingModeration))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the demo has a comment awaiting moderation");
    let consultation = waiting.consultation_id;
    let other = if consultation == 1 { 2 } else { 1 };
    let here = format!("/consultations/{consultation}");
    let there = format!("/consultations/{other}");
    let mut visitor = Browser::default();
    for path in [
        here.as_str(),
        there.as_str(),
        "/policies",
        "/policies",
        here.as_str(),
    ] {
        app.get(&mut visitor, path).await;
    }
    let before = app.get(&mut visitor, &here).await;
    assert_eq!(cache(&before), Some("hit"));
    assert!(!before.body.contains(&format!("comment-{}", waiting.id)));

    let mut editor = app.login("editor", "huiyin-demo-editor").await;
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("ids", &waiting.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // At once on this instance: the consultation's page and the lists are rendered again.
    let after = app.get(&mut visitor, &here).await;
    assert_eq!(cache(&after), Some("miss"));
    assert!(
        after.body.contains(&format!("comment-{}", waiting.id)),
        "the comment is shown"
    );
    assert_eq!(
        cache(&app.get(&mut visitor, "/policies").await),
        Some("miss")
    );
    // Another consultation's page stays kept.
    assert_eq!(cache(&app.get(&mut visitor, &there).await), Some("hit"));
}

#[tokio::test]
async fn many_visitors_at_once_get_one_render() {
    let app = demo().await;
    let mut visitors: Vec<Browser> = (0..16).map(|_| Browser::default()).collect();
    let answers =
        futures_util::future::join_all(visitors.iter_mut().map(|b| app.get(b, "/timeliness")))
            .await;
    let misses = answers.iter().filter(|r| cache(r) == Some("miss")).count();
    assert_eq!(misses, 1, "one renders, the others take what it kept");
    assert!(
        answers
            .iter()
            .all(|r| r.status == StatusCode::OK && r.body == answers[0].body)
    );
}
