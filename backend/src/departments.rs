//! Departments (起草部门) as pages see them: used by every feature, owned by none.

use crate::entities::department;
use crate::error::ServiceError;
use crate::model::DepartmentInfo;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

pub fn department_info(d: &department::Model) -> DepartmentInfo {
    DepartmentInfo {
        id: d.id,
        code: d.code.clone(),
        name_zh_hans: d.name_zh_hans.clone(),
        name_zh_hant: d.name_zh_hant.clone(),
        name_en: d.name_en.clone(),
    }
}

pub async fn departments(db: &impl ConnectionTrait) -> Result<Vec<DepartmentInfo>, ServiceError> {
    Ok(department::Entity::find()
        .order_by_asc(department::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(department_info)
        .collect())
}
