//! The ids of messages the binary's catalogues translate (the rest are
//! shown in English after their code's translated meaning).
pub const YAML: &str = "yaml";
pub const YAML_FULL_WIDTH_COLON: &str = "yaml-full-width-colon";
pub const YAML_FULL_WIDTH_SPACE_INDENT: &str = "yaml-full-width-space-indent";
pub const YAML_FULL_WIDTH_SPACE_AFTER: &str = "yaml-full-width-space-after";
pub const YAML_FULL_WIDTH_DASH: &str = "yaml-full-width-dash";
pub const YAML_NO_SPACE: &str = "yaml-no-space";
pub const YAML_FULL_WIDTH_BRACKET: &str = "yaml-full-width-bracket";
pub const YAML_FULL_WIDTH_COMMA: &str = "yaml-full-width-comma";
pub const YAML_ITEM_INDENTED_MORE: &str = "yaml-item-indented-more";
pub const YAML_ITEM_INDENTED_LESS: &str = "yaml-item-indented-less";
pub const YAML_KEY_INDENTED_MORE: &str = "yaml-key-indented-more";
pub const UNKNOWN_FIELD: &str = "unknown-field";
pub const MISSING_FIELD: &str = "missing-field";
pub const NOT_A_DATE: &str = "not-a-date";
pub const BROKEN_LINK: &str = "broken-link";
pub const HELD_LINK: &str = "held-link";
pub const MISSING_FILE: &str = "missing-file";
pub const MISSING_BEIAN: &str = "missing-beian";
pub const PLACEHOLDER: &str = "placeholder";

pub const ALL: &[&str] = &[
    YAML,
    YAML_FULL_WIDTH_COLON,
    YAML_FULL_WIDTH_SPACE_INDENT,
    YAML_FULL_WIDTH_SPACE_AFTER,
    YAML_FULL_WIDTH_DASH,
    YAML_NO_SPACE,
    YAML_FULL_WIDTH_BRACKET,
    YAML_FULL_WIDTH_COMMA,
    YAML_ITEM_INDENTED_MORE,
    YAML_ITEM_INDENTED_LESS,
    YAML_KEY_INDENTED_MORE,
    UNKNOWN_FIELD,
    MISSING_FIELD,
    NOT_A_DATE,
    BROKEN_LINK,
    HELD_LINK,
    MISSING_FILE,
    MISSING_BEIAN,
    PLACEHOLDER,
];
