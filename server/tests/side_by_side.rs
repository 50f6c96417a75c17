//! Side by side. 逐条解读: interpretations tied to articles, shown beside them, on their own
//! page and in the API; markers the policy cannot answer are refused with the text kept.
//! 征求意见稿与正式文本对照: what a final policy changed from its consultation draft.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::Value;

const BODY: &str = "为了规范政策解读，制定本办法。\n第一章 总则\n第一条 本办法适用于全市行政机关。\n第二条 起草部门负责解读。\n（一）同步起草；\n（二）同步发布。\n第二章 附则\n第三条 解读材料最迟在三个工作日内公布。\n第四条 本办法自发布之日起施行。";

async fn add_interpretation(
    app: &TestApp,
    drafter: &mut Browser,
    id: i32,
    kind: &str,
    body: &str,
    qa: &str,
) -> Response {
    submit_multipart(
        app,
        drafter,
        &format!("/staff/policies/{id}/interpretations/new"),
        &format!("/staff/policies/{id}/interpretations/new"),
        &[
            ("kind", kind),
            ("title", "逐条解读测试"),
            ("body", body),
            ("qa", qa),
            ("image_alt", ""),
            ("media_url", ""),
        ],
        &[],
    )
    .await
}

#[tokio::test]
async fn interpretation_tied_to_articles_is_shown_beside_them_on_their_page_and_in_the_api() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "深圳市逐条解读办法", BODY).await;

    // The form tells the drafter how to tie, and which articles there are.
    let form = app
        .get(&mut a, &format!("/staff/policies/{id}/interpretations/new"))
        .await;
    assert!(
        form.body
            .contains("本政策的条款：第一条、第二条、第三条、第四条"),
        "{}",
        form.body
    );

    // An article the policy lacks, and a marker that cannot be read: refused, text kept.
    let r = add_interpretation(
        &app,
        &mut a,
        id,
        "qa",
        "",
        "问：【第九条】这条在哪？\n答：没有。",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("本政策没有第九条"), "{}", r.body);
    assert!(r.body.contains("【第九条】这条在哪？"), "typed text kept");
    let r = add_interpretation(&app, &mut a, id, "text", "【第三张】说明", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("无法识别条款标记 【第三张】"), "{}", r.body);

    let text = "总体说明：本办法明确了解读责任。\n【第二条】第二条规定起草部门负责解读。\n同步起草、同步发布是核心。\n【第三条、第四条】这两条规定了期限和施行日期。\n【总体】欢迎咨询。";
    let r = add_interpretation(&app, &mut a, id, "text", text, "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = add_interpretation(
        &app,
        &mut a,
        id,
        "qa",
        "",
        "问：【第二条】谁负责解读？\n答：起草部门。\n问：办法何时施行？\n答：发布之日。",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Unpublished: the article page does not exist for the public.
    let mut public = Browser::default();
    let r = app
        .get(&mut public, &format!("/policies/{id}/articles/2"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let r = app
        .submit(
            &mut a,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/submit"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut editor = app.login("editor", PASSWORD).await;
    let r = app
        .submit(
            &mut editor,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/approve"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let page = app.get(&mut public, &format!("/policies/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    // Article 2: one passage and one question; articles 3 and 4: the shared passage; 1: none.
    let notes = body.matches("<details class=\"article-notes\"").count();
    assert_eq!(notes, 3, "{body}");
    assert!(body.contains("解读（2）"), "{body}");
    assert_eq!(body.matches("解读（1）").count(), 2);
    let art2 = block_of(body, "art-2");
    assert!(
        art2.contains("（二）同步发布。"),
        "the article's items stay with it"
    );
    assert!(art2.contains("第二条规定起草部门负责解读。"));
    assert!(art2.contains("同步起草、同步发布是核心。"));
    assert!(art2.contains("谁负责解读？"));
    assert!(
        !art2.contains("办法何时施行"),
        "an untied question stays out"
    );
    assert!(art2.contains(&format!("href=\"/policies/{id}/articles/2\"")));
    assert!(!block_of(body, "art-1").contains("article-notes"));
    // Markers never reach the reader; the interpretation quotes the articles it explains.
    assert!(!body.contains("【第二条】") && !body.contains("【总体】"));
    assert!(
        body.contains("href=\"#art-2\""),
        "quote links back to the article"
    );
    assert!(body.contains("起草部门负责解读。"));

    // The article on its own page, its interpretation open, with the way on.
    let r = app
        .get(&mut public, &format!("/policies/{id}/articles/2"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("第二条的解读"));
    assert!(r.body.contains("谁负责解读？"));
    assert!(
        r.body
            .contains(&format!("href=\"/policies/{id}/articles/1\""))
    );
    assert!(
        r.body
            .contains(&format!("href=\"/policies/{id}/articles/3\""))
    );
    assert!(r.body.contains(&format!("href=\"/policies/{id}#art-2\"")));
    let r = app
        .get(&mut public, &format!("/policies/{id}/articles/1"))
        .await;
    assert!(r.body.contains("本条暂无逐条解读"));
    for missing in ["99", "0", "x"] {
        let r = app
            .get(&mut public, &format!("/policies/{id}/articles/{missing}"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{missing}");
    }

    // The API: each article's count and links; passages and questions with their articles.
    let r = app
        .get(&mut public, &format!("/api/v1/policies/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    let articles = v["articles"].as_array().unwrap();
    let counts: Vec<(u64, u64, usize)> = articles
        .iter()
        .map(|a| {
            (
                a["number"].as_u64().unwrap(),
                a["interpretation_count"].as_u64().unwrap(),
                a["interpretation_urls"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(counts, vec![(1, 0, 0), (2, 2, 2), (3, 1, 1), (4, 1, 1)]);
    assert!(
        articles[1]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/policies/{id}/articles/2"))
    );
    let interps = v["interpretations"].as_array().unwrap();
    let tied: Vec<Value> = interps[0]["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["articles"].clone())
        .collect();
    assert_eq!(
        tied,
        vec![
            serde_json::json!([]),
            serde_json::json!([2]),
            serde_json::json!([3, 4]),
            serde_json::json!([])
        ]
    );
    assert!(!interps[0]["body_html"].as_str().unwrap().contains('【'));
    assert_eq!(interps[1]["qa"][0]["question"], "谁负责解读？");
    assert_eq!(interps[1]["qa"][0]["articles"], serde_json::json!([2]));
    assert_eq!(interps[1]["qa"][1]["articles"], serde_json::json!([]));
    let list = app
        .get(&mut public, &format!("/api/v1/interpretations?policy={id}"))
        .await;
    let v: Value = serde_json::from_str(&list.body).unwrap();
    let qa = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "qa")
        .unwrap();
    assert_eq!(qa["qa"][0]["articles"], serde_json::json!([2]));
}

/// The article block that holds the anchor `anchor`.
fn block_of<'a>(page: &'a str, anchor: &str) -> &'a str {
    let at = page
        .find(&format!("id=\"{anchor}\""))
        .unwrap_or_else(|| panic!("{anchor} on the page"));
    let start = page[..at].rfind("<div class=\"article-block").unwrap();
    let end = page[at..]
        .find("<div class=\"article-block")
        .map(|e| at + e)
        .unwrap_or(page.len());
    &page[start..end]
}

#[tokio::test]
async fn the_demo_policy_from_a_consultation_shows_what_changed_from_its_draft() {
    use backend::entities::policy;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::new().await;
    server::demo::seed(&app.state).await.unwrap();
    let id = policy::Entity::find()
        .filter(policy::Column::DocNumber.eq("深府办规〔2025〕5号"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut public = Browser::default();
    let page = app.get(&mut public, &format!("/policies/{id}")).await;
    assert!(
        page.body
            .contains(&format!("href=\"/policies/{id}/changes\""))
    );

    let r = app
        .get(&mut public, &format!("/policies/{id}/changes"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = &r.body;
    assert!(
        body.contains("修改 1 条，新增 1 条，删除 1 条，仅序号变化 4 条，未修改 4 条。"),
        "{body}"
    );
    // The deadline: 5 working days in the draft, 3 in the final text, marked for every reader.
    let deadline = &body[body
        .find("第四条（征求意见稿第五条）")
        .expect("the changed article")..];
    let deadline = &deadline[..deadline.find("</li>").unwrap()];
    assert!(
        deadline.contains("<del><span class=\"visually-hidden\">［删除：</span>5"),
        "{deadline}"
    );
    assert!(deadline.contains("<ins><span class=\"visually-hidden\">［新增：</span>3"));
    assert!(body.contains("征求意见稿第三条"), "the removed article");
    assert!(
        body.contains(&format!("href=\"/policies/{id}#art-8\"")),
        "the added one links to it"
    );
    assert!(
        !body.contains("第一条（"),
        "unchanged articles are only counted"
    );
    assert!(
        body.contains(
            "以下条文内容未变，仅序号变化：第三条（征求意见稿第四条）、第五条（征求意见稿第六条）"
        ),
        "renumbered articles are named together"
    );

    // The API says the same.
    let r = app
        .get(&mut public, &format!("/api/v1/policies/{id}/changes"))
        .await;
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        (
            v["changed"].as_u64(),
            v["added"].as_u64(),
            v["removed"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    let kinds: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "removed",
            "renumbered",
            "changed",
            "renumbered",
            "renumbered",
            "renumbered",
            "added"
        ]
    );

    // A policy that came out of no consultation, or is not public, has no such page.
    let other = policy::Entity::find()
        .filter(policy::Column::DocNumber.eq("深政务办规〔2026〕2号"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    for path in [
        format!("/policies/{other}/changes"),
        "/policies/999999/changes".to_string(),
    ] {
        assert_eq!(
            app.get(&mut public, &path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let awaiting = policy::Entity::find()
        .filter(policy::Column::DocNumber.eq("深府办规〔2026〕9号"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        app.get(&mut public, &format!("/api/v1/policies/{awaiting}/changes"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
