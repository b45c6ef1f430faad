//! Turning raw front-matter values into typed ones, with located errors.

use super::{Image, Timestamp};
use crate::diag::{Code, Diagnostic};
use crate::frontmatter::Yaml;
use chrono::NaiveDate;
use chrono_tz::Tz;

/// Helpers shared by the kinds for turning raw values into typed ones.
pub struct FieldContext<'a> {
    pub yaml: &'a Yaml<'a>,
    pub tz: Tz,
}

impl FieldContext<'_> {
    pub fn missing(&self, key: &str, help: &str) -> Diagnostic {
        Diagnostic::error(
            Code::MissingField,
            self.yaml.path,
            format!("`{key}` is required"),
        )
        .at(self.yaml.first_line.saturating_sub(1).max(1), 1)
        .underline(3)
        .help(help.to_string())
        .localized(crate::diag::messages::MISSING_FIELD, &[("key", key)])
    }

    pub fn invalid(&self, key: &str, value: &str, message: String, help: &str) -> Diagnostic {
        Diagnostic::error(Code::InvalidValue, self.yaml.path, message)
            .at_pos(
                self.yaml
                    .locate(&key.split('.').collect::<Vec<_>>(), Some(value)),
            )
            .help(help.to_string())
    }

    pub fn timestamp(
        &self,
        key: &str,
        value: Option<&str>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Timestamp> {
        let value = value?;
        let parsed = Timestamp::parse(value, self.tz);
        if parsed.is_none() {
            errors.push(
                self.invalid(
                    key,
                    value,
                    format!("`{key}`: `{value}` is not a date"),
                    "write `YYYY-MM-DD`, or a datetime such as `2024-12-13T14:30:00+08:00`",
                )
                .localized(
                    crate::diag::messages::NOT_A_DATE,
                    &[("key", key), ("value", value)],
                ),
            );
        }
        parsed
    }

    pub fn date(
        &self,
        key: &str,
        value: Option<&str>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        self.timestamp(key, value, errors).map(|t| t.date())
    }

    pub fn url(
        &self,
        key: &str,
        value: Option<&str>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let value = value?;
        let ok = crate::config::parse_base_url(value).is_ok()
            || value.starts_with("mailto:")
            || (value.starts_with("https://") || value.starts_with("http://"))
                && !value.contains(char::is_whitespace);
        if !ok {
            errors.push(self.invalid(
                key,
                value,
                format!("`{key}`: `{value}` is not a URL"),
                "write a full address such as `https://example.org/`",
            ));
        }
        Some(value.to_string())
    }

    pub fn image(
        &self,
        key: &str,
        raw: Option<&super::frontmatter_fields::RawImage>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Image> {
        let raw = raw?;
        let alt = raw.alt.clone().unwrap_or_default();
        if alt.trim().is_empty() {
            errors.push(
                Diagnostic::error(
                    Code::ImageAlt,
                    self.yaml.path,
                    format!("`{key}` needs an `alt` text"),
                )
                .at_pos(self.yaml.locate(&[key], None))
                .help("describe the image for readers who cannot see it: `alt: ...`"),
            );
        }
        Some(Image {
            src: raw.src.clone(),
            alt,
        })
    }
}
