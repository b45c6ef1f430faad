//! Member organizations: the directory that other documents refer to by slug.

use super::{FieldContext, Image, RawFrontMatter};
use crate::diag::Diagnostic;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, Default)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub short_name: Option<String>,
    pub website: Option<String>,
    pub joined: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
    pub logo: Option<Image>,
    pub contact: Option<Contact>,
    pub role: Option<String>,
}

pub fn from_raw(raw: &RawFrontMatter, ctx: &FieldContext, errors: &mut Vec<Diagnostic>) -> Member {
    let joined = ctx.date("joined", raw.joined.as_deref(), errors);
    let left = ctx.date("left", raw.left.as_deref(), errors);
    if let (Some(j), Some(l), Some(text)) = (joined, left, raw.left.as_deref()) {
        if l < j {
            errors.push(ctx.invalid(
                "left",
                text,
                "`left` is before `joined`".into(),
                "check both dates",
            ));
        }
    }
    Member {
        short_name: raw.short_name.clone(),
        website: ctx.url("website", raw.website.as_deref(), errors),
        joined,
        left,
        logo: ctx.image("logo", raw.logo.as_ref(), errors),
        contact: raw.contact.as_ref().map(|c| Contact {
            email: c.email.clone(),
            phone: c.phone.clone(),
            address: c.address.clone(),
        }),
        role: raw.role.clone(),
    }
}
