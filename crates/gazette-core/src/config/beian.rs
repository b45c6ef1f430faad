//! `beian:` in `site.yaml`: the filing numbers a site hosted in mainland China
//! must show at the bottom of its pages, its ICP filing (工信部 ICP 备案,
//! `皖ICP备2024012345号-1`) and its public-security filing (公安联网备案,
//! `皖公网安备34010402000001号`). Both are checked against their published
//! forms, so a typo never reaches the footer an inspector reads.

use super::CONFIG_FILE;
use crate::diag::{Code, Diagnostic};
use crate::frontmatter::Yaml;
use serde::Deserialize;

/// The filing numbers, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Beian {
    pub icp: Option<String>,
    pub police: Option<String>,
}

impl Beian {
    /// The 14 digits of the public-security number, which its filing site's
    /// address takes.
    pub fn police_code(&self) -> Option<String> {
        let police = self.police.as_deref()?;
        Some(police.chars().filter(char::is_ascii_digit).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.icp.is_none() && self.police.is_none()
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBeian {
    icp: Option<String>,
    police: Option<String>,
}

pub(super) const KEYS: &[&str] = &["icp", "police"];

/// The one-character abbreviations of the provincial-level divisions that
/// file numbers start with.
const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// `皖ICP备2024012345号` with an optional `-N`: the province, `ICP备`, the
/// number (6 to 10 digits), `号`, and the site's place in the filing.
fn is_icp(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(province) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let Some(rest) = rest.strip_prefix("ICP备") else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let Some(tail) = rest[digits..].strip_prefix('号') else {
        return false;
    };
    let site_ok = match tail.strip_prefix('-') {
        Some(n) => !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()),
        None => tail.is_empty(),
    };
    PROVINCES.contains(province) && (6..=10).contains(&digits) && site_ok
}

/// `皖公网安备34010402000001号`: the province, `公网安备`, 14 digits, `号`.
fn is_police(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(province) = chars.next() else {
        return false;
    };
    let Some(rest) = chars.as_str().strip_prefix("公网安备") else {
        return false;
    };
    let Some(digits) = rest.strip_suffix('号') else {
        return false;
    };
    PROVINCES.contains(province) && digits.len() == 14 && digits.chars().all(|c| c.is_ascii_digit())
}

/// Checks `beian:` (surrounding spaces are forgiven, nothing else).
pub(super) fn check(raw: RawBeian, yaml: &Yaml, errors: &mut Vec<Diagnostic>) -> Beian {
    let mut field = |key: &str, value: Option<String>, valid: fn(&str) -> bool, example: &str| {
        let value = value?.trim().to_string();
        if valid(&value) {
            return Some(value);
        }
        errors.push(
            Diagnostic::error(
                Code::InvalidValue,
                CONFIG_FILE,
                format!("`beian.{key}`: `{value}` is not a filing number of that form"),
            )
            .at_pos(yaml.locate(&["beian", key], Some(&value)))
            .help(format!(
                "copy it as the filing system shows it, e.g. `{example}` (province, digits, 号)"
            )),
        );
        None
    };
    Beian {
        icp: field("icp", raw.icp, is_icp, "皖ICP备2024012345号-1"),
        police: field(
            "police",
            raw.police,
            is_police,
            "皖公网安备34010402000001号",
        ),
    }
}

/// Whether a site at `base_url` is likely hosted in mainland China: its
/// host ends in `.cn` or `.中国` (or its punycode).
pub fn is_mainland_domain(base_url: &str) -> bool {
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', ':'])
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase();
    host.ends_with(".cn") || host.ends_with(".中国") || host.ends_with(".xn--fiqs8s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filing_numbers_are_read_in_their_published_forms() {
        for good in [
            "皖ICP备2024012345号-1",
            "京ICP备05000000号",
            "粤ICP备2023012345号-12",
        ] {
            assert!(is_icp(good), "{good}");
        }
        for bad in [
            "ICP备2024012345号",
            "皖ICP备2024012345",
            "X ICP备2024012345号",
            "皖ICP备12号",
            "皖ICP备2024012345号-",
            "皖ICP证2024012345号",
        ] {
            assert!(!is_icp(bad), "{bad}");
        }
        assert!(is_police("皖公网安备34010402000001号"));
        assert!(!is_police("皖公网安备3401040200000号"));
        assert!(!is_police("公网安备34010402000001号"));
        let beian = Beian {
            icp: None,
            police: Some("皖公网安备34010402000001号".into()),
        };
        assert_eq!(beian.police_code().as_deref(), Some("34010402000001"));
        assert!(is_mainland_domain("https://consortium.org.cn/news/"));
        assert!(is_mainland_domain("https://联合体.中国/"));
        assert!(!is_mainland_domain("https://example.org/cn/"));
    }
}
