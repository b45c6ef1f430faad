//! News items: dated, naming the member organizations they concern.

use super::{FieldContext, Image, RawFrontMatter};
use crate::diag::Diagnostic;

#[derive(Debug, Clone)]
pub struct News {
    /// Member slugs, checked against the directory by the library.
    pub organizations: Vec<String>,
    pub authors: Vec<String>,
    pub image: Option<Image>,
}

pub fn from_raw(raw: &RawFrontMatter, ctx: &FieldContext, errors: &mut Vec<Diagnostic>) -> News {
    News {
        organizations: raw.organizations.clone(),
        authors: raw.authors.clone(),
        image: ctx.image("image", raw.image.as_ref(), errors),
    }
}
