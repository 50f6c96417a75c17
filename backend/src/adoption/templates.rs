//! Reusable responses (答复模板) of a drafting department: kept by its drafters, offered in
//! the decision form, where a chosen template is the response when none is typed.

use super::*;
use crate::entities::response_template;
use crate::forms::{NewTemplate, TemplateForm};
use sea_orm::ActiveModelTrait;

/// At most this many templates per department are offered.
const TEMPLATES_SHOWN: u64 = 200;

pub(crate) async fn templates_of(
    db: &impl ConnectionTrait,
    department_id: i32,
) -> Result<Vec<ResponseTemplate>, ServiceError> {
    Ok(response_template::Entity::find()
        .filter(response_template::Column::DepartmentId.eq(department_id))
        .order_by_asc(response_template::Column::Title)
        .limit(TEMPLATES_SHOWN)
        .all(db)
        .await?
        .into_iter()
        .map(|t| ResponseTemplate {
            id: t.id,
            title: t.title,
            body: t.body,
        })
        .collect())
}

/// The drafter's department, the only one whose templates they keep.
fn drafter_department(user: &UserInfo) -> Result<i32, ServiceError> {
    match (user.role, user.department_id) {
        (Role::Drafter, Some(d)) => Ok(d),
        _ => Err(ServiceError::Forbidden),
    }
}

pub async fn save_template(
    state: &AppState,
    user: &UserInfo,
    form: &TemplateForm,
) -> Result<i32, ServiceError> {
    let department_id = drafter_department(user)?;
    let NewTemplate { title, body } = NewTemplate::try_from(form)?;
    let saved = response_template::ActiveModel {
        department_id: Set(department_id),
        title: Set(title),
        body: Set(body),
        created_at: Set(state.now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(saved.id)
}

pub async fn delete_template(
    state: &AppState,
    user: &UserInfo,
    id: i32,
) -> Result<(), ServiceError> {
    let department_id = drafter_department(user)?;
    let t = response_template::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if t.department_id != department_id {
        return Err(ServiceError::Forbidden);
    }
    response_template::Entity::delete_by_id(id)
        .exec(&state.db)
        .await?;
    Ok(())
}

/// The form with the chosen template's text as its response when none was typed; a template
/// of another department is no choice.
pub(crate) async fn with_template(
    db: &impl ConnectionTrait,
    department_id: i32,
    form: &DecisionForm,
) -> Result<DecisionForm, ServiceError> {
    let chosen = form.template.trim();
    if chosen.is_empty() || !form.response.trim().is_empty() {
        return Ok(form.clone());
    }
    let template = match chosen.parse::<i32>() {
        Ok(id) => response_template::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    }
    .filter(|t| t.department_id == department_id)
    .ok_or_else(|| Invalid::one("template", Msg::ErrChoice, None))?;
    Ok(DecisionForm {
        response: template.body,
        ..form.clone()
    })
}
