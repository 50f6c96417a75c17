pub mod adoption;
pub mod consultations;
pub mod public;
pub mod staff;
pub mod subscriptions;
