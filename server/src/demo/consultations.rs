//! A demo consultation that is open now, with a few comments in each state, so the
//! consultation page, the status lookup and the moderation queue have something to show.

use backend::entities::{comment, consultation, department};
use backend::state::AppState;
use domain::consultation::CommentStatus;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const DRAFT: &str = "第一条 为巩固和深化政务服务“秒批”改革，提升政务服务效率，根据有关法律法规，结合本市实际，制定本办法。
第二条 本办法所称“秒批”，是指依托互联网、大数据和人工智能等技术，以数据集中和共享为支撑，对符合条件的申请即时自动审批的服务方式。
第三条 申请人提交的申请材料齐全、符合法定形式，且相关数据可以通过共享获取、核验的，审批系统应当即时作出审批决定。
第四条 市政务服务数据管理部门负责统筹“秒批”系统建设、数据共享和事项标准化工作。
第五条 各部门应当定期梳理适合“秒批”的事项，优先将高频民生事项纳入“秒批”清单并向社会公布。
第六条 本办法自发布之日起施行。";

const NOTE: &str = "一、起草背景
2018年以来，本市已对高校应届毕业生引进落户、高龄老人津贴申请、企业投资项目备案等53个事项实现“秒批”。为巩固改革成果，起草本办法。
二、征求意见方式
公众可在本页面提出意见，意见经邮箱确认和审核后公开，采纳情况将在征求意见结束后公布。";

const COMMENTS: [(CommentStatus, Option<&str>, &str, &str); 7] = [
    (
        CommentStatus::Published,
        Some("art-3"),
        "市民李女士",
        "建议第三条明确“即时”的具体时限，并说明系统故障时的处理办法。",
    ),
    (
        CommentStatus::Published,
        Some("art-5"),
        "匿名",
        "第五条的“秒批”清单建议每季度更新一次，并注明每个事项的办理依据。",
    ),
    (
        CommentStatus::Published,
        None,
        "深圳某科技企业",
        "总体支持。建议在办法中增加申请人对自动审批结果提出异议的渠道。",
    ),
    (
        CommentStatus::AwaitingModeration,
        Some("art-2"),
        "匿名",
        "第二条的定义里能否写明哪些数据来源可以用于核验？",
    ),
    // A small copy-paste campaign: the moderation queue groups these three.
    (
        CommentStatus::AwaitingModeration,
        Some("art-3"),
        "市民张先生",
        "我们强烈建议第三条增加人工复核程序：自动审批不予通过的，申请人可以在五个工作日内申请人工复核，复核结果应当书面告知。",
    ),
    (
        CommentStatus::AwaitingModeration,
        Some("art-3"),
        "市民王女士",
        "我们强烈建议第三条增加人工复核程序：自动审批不予通过的，申请人可以在五个工作日内申请人工复核，复核结果应当书面告知！",
    ),
    (
        CommentStatus::AwaitingModeration,
        Some("art-3"),
        "匿名",
        "我们强烈建议第三条增加人工复核程序。自动审批不予通过的，申请人可以在5个工作日内申请人工复核，复核结果应书面告知。",
    ),
];

pub async fn seed(state: &AppState) -> Result<(), String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    let Some(dept) = department::Entity::find()
        .filter(department::Column::Code.eq("zwfw"))
        .one(&state.db)
        .await
        .map_err(err)?
    else {
        return Ok(());
    };
    let now = chrono::Utc::now();
    let c = consultation::ActiveModel {
        title: Set("深圳市政务服务“秒批”管理办法（征求意见稿）".into()),
        department_id: Set(dept.id),
        draft_text: Set(DRAFT.into()),
        explanatory_note: Set(NOTE.into()),
        opens_at: Set(now - chrono::Duration::days(5)),
        closes_at: Set(now + chrono::Duration::days(25)),
        short_period_reason: Set(None),
        released: Set(true),
        report_published: Set(false),
        created_by: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(err)?;
    for (i, (status, article, name, body)) in COMMENTS.iter().enumerate() {
        let created = now - chrono::Duration::hours(12 * (COMMENTS.len() - i) as i64);
        let year = chrono::Datelike::year(&(created + chrono::Duration::hours(8)));
        let row = comment::ActiveModel {
            tracking_number: Set(format!("HY-{year}-9{:05}", i + 1)),
            consultation_id: Set(c.id),
            article_anchor: Set(article.map(Into::into)),
            body: Set((*body).into()),
            display_name: Set((*name).into()),
            email: Set(format!("demo{}@example.test", i + 1)),
            ip: Set("127.0.0.1".into()),
            consent: Set(true),
            flagged: Set(false),
            verify_token_hash: Set(None),
            verified_at: Set(Some(created)),
            status: Set(*status),
            moderated_at: Set((*status == CommentStatus::Published).then_some(created)),
            created_at: Set(created),
            ..Default::default()
        }
        .insert(&state.db)
        .await
        .map_err(err)?;
        backend::consultations::assign_cluster(&state.db, &row)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
