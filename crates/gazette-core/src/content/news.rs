//! News items: dated, naming the member organizations they concern, and
//! possibly scheduled (`publish_date`, or a `date` after the build's day) or
//! expiring (`expires`: gone from lists and feeds after that day).

use super::{FieldContext, Image, RawFrontMatter, Timestamp};
use crate::diag::Diagnostic;
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct News {
    /// Member slugs, checked against the directory by the library.
    pub organizations: Vec<String>,
    pub authors: Vec<String>,
    pub image: Option<Image>,
    /// When the item appears, if not on its `date`.
    pub publish_date: Option<Timestamp>,
    /// The last day lists and feeds show the item; its page stays.
    pub expires: Option<NaiveDate>,
}

pub fn from_raw(raw: &RawFrontMatter, ctx: &FieldContext, errors: &mut Vec<Diagnostic>) -> News {
    News {
        organizations: raw.organizations.clone(),
        authors: raw.authors.clone(),
        image: ctx.image("image", raw.image.as_ref(), errors),
        publish_date: ctx.timestamp("publish_date", raw.publish_date.as_deref(), errors),
        expires: ctx.date("expires", raw.expires.as_deref(), errors),
    }
}
