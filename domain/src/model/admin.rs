//! What the administration pages receive: the calendar and staff accounts.

use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarAdmin {
    pub builtin_years: Vec<i32>,
    pub added_years: Vec<i32>,
    pub entries_text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: crate::policy::Role,
    pub department: Option<DepartmentInfo>,
    pub has_email: bool,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsersAdmin {
    pub users: Vec<StaffAccount>,
    pub departments: Vec<DepartmentInfo>,
    pub me: i32,
}
