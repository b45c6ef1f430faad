//! The words of the terminal and of the `serve` overlay, from Fluent
//! catalogues (`messages/en.ftl`, `messages/zh.ftl`): Chinese when the site's
//! main language is Chinese or `GAZETTE_LANG=zh`, English otherwise
//! (`GAZETTE_LANG=en` forces it). A diagnostic the core names by id (see
//! `gazette_core::diag::messages`) is translated whole; any other is shown
//! after its code's translated meaning, with the English text beside it.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use gazette_core::diag::{Diagnostic, Severity};
use gazette_core::source::Sources;

const ENGLISH: &str = include_str!("messages/en.ftl");
const CHINESE: &str = include_str!("messages/zh.ftl");

pub struct Messages {
    bundle: FluentBundle<FluentResource>,
    pub chinese: bool,
}

impl Messages {
    pub fn new(chinese: bool) -> Messages {
        let (text, lang) = if chinese {
            (CHINESE, "zh-CN")
        } else {
            (ENGLISH, "en-US")
        };
        let lang: unic_langid::LanguageIdentifier = lang.parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new(vec![lang]);
        // The terminal shows text as it is: no bidi isolation marks around values.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("the catalogue parses: {errors:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("no message is defined twice: {errors:?}"));
        Messages { bundle, chinese }
    }

    /// The catalogue for a site whose main language is `main_language`.
    pub fn for_language(main_language: Option<&str>) -> Messages {
        let chinese = match std::env::var("GAZETTE_LANG").ok().as_deref() {
            Some(l) if l.starts_with("zh") => true,
            Some(l) if l.starts_with("en") => false,
            _ => main_language.is_some_and(|l| l.starts_with("zh")),
        };
        Messages::new(chinese)
    }

    /// The catalogue for the site `sources` hold (its `language:`, read even
    /// when the rest of site.yaml fails).
    pub fn for_sources(sources: &Sources) -> Messages {
        let text = sources
            .config
            .as_deref()
            .and_then(gazette_core::source::decode);
        let language = text.and_then(|t| {
            gazette_core::config::parse(t)
                .map(|c| c.language)
                .ok()
                .or_else(|| {
                    t.lines().find_map(|l| {
                        let v = l.strip_prefix("language:")?;
                        Some(
                            v.split('#')
                                .next()?
                                .trim()
                                .trim_matches(['"', '\''])
                                .to_string(),
                        )
                    })
                })
        });
        Messages::for_language(language.as_deref())
    }

    /// The message `id` with `args`, if the catalogue has it.
    pub fn get(&self, id: &str, args: &[(&str, FluentValue)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (k, v) in args {
            fluent_args.set(*k, v.clone());
        }
        let mut errors = vec![];
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }

    /// The message `id` without arguments (its id when missing, which a test forbids).
    pub fn word(&self, id: &str) -> String {
        self.get(id, &[]).unwrap_or_else(|| id.to_string())
    }

    /// `error: 3 error(s), 1 warning(s)` or `no errors, 1 warning(s)`.
    pub fn summary(&self, errors: usize, warnings: usize) -> String {
        let args = [("errors", errors.into()), ("warnings", warnings.into())];
        let id = if errors > 0 {
            "summary-errors"
        } else {
            "summary-clean"
        };
        self.get(id, &args).unwrap_or_default()
    }

    /// The diagnostic in this catalogue's language, with its source line.
    pub fn render(&self, d: &Diagnostic, source: Option<&str>) -> String {
        let severity = self.word(match d.severity {
            Severity::Error => "severity-error",
            Severity::Warning => "severity-warning",
        });
        let help_label = self.word("help");
        if !self.chinese {
            let help = d.help.as_deref().map(|h| (help_label.as_str(), h));
            return d.render_in(source, &severity, &d.message, help);
        }
        let translated = d.localized.as_deref().and_then(|(id, args)| {
            let args: Vec<(&str, FluentValue)> =
                args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
            Some((self.get(id, &args)?, self.get(&format!("{id}-help"), &args)))
        });
        let (message, help) = match translated {
            Some((message, help)) => (message, help.or_else(|| d.help.clone())),
            None => {
                let meaning = self.word(&format!("code-{}", d.code.as_str()));
                let args = [
                    ("meaning", meaning.into()),
                    ("message", d.message.as_str().into()),
                ];
                (
                    self.get("untranslated", &args)
                        .unwrap_or_else(|| d.message.clone()),
                    d.help.clone(),
                )
            }
        };
        d.render_in(
            source,
            &severity,
            &message,
            help.as_deref().map(|h| (help_label.as_str(), h)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_core::diag::{messages, Code};

    #[test]
    fn every_id_and_code_has_its_chinese_text_and_every_frame_word_both() {
        let zh = Messages::new(true);
        let en = Messages::new(false);
        for id in messages::ALL {
            let args: Vec<(&str, FluentValue)> = [
                "key", "value", "target", "url", "text", "detail", "dash", "comma", "above",
                "spaces", "column",
            ]
            .iter()
            .map(|k| (*k, FluentValue::from("x")))
            .collect();
            assert!(zh.get(id, &args).is_some(), "zh.ftl has no `{id}`");
        }
        for code in Code::ALL {
            assert!(
                zh.get(&format!("code-{}", code.as_str()), &[]).is_some(),
                "zh.ftl has no code-{}",
                code.as_str()
            );
        }
        for word in [
            "severity-error",
            "severity-warning",
            "help",
            "overlay-title",
            "ahead-title",
            "ahead-publishes",
            "ahead-retires",
        ] {
            assert!(
                zh.get(word, &[]).is_some() && en.get(word, &[]).is_some(),
                "{word}"
            );
        }
        assert_eq!(en.summary(3, 1), "error: 3 error(s), 1 warning(s)");
        assert_eq!(en.summary(0, 0), "no errors");
        assert_eq!(zh.summary(2, 0), "共 2 个错误");
        assert_eq!(zh.summary(0, 2), "没有错误，2 个警告");
    }

    #[test]
    fn a_diagnostic_reads_in_chinese_translated_or_with_its_meaning() {
        let zh = Messages::new(true);
        let source = "---\ntitle：筹备会议\n---\n";
        let d = Diagnostic::error(Code::Yaml, "x.md", "the full-width colon")
            .at(2, 6)
            .help("write `title: …`")
            .localized(messages::YAML_FULL_WIDTH_COLON, &[("key", "title")]);
        let text = zh.render(&d, Some(source));
        assert!(
            text.starts_with("x.md:2:6: 错误：`title` 后面是全角冒号"),
            "{text}"
        );
        assert!(text.contains("= 提示：改为 `title: …`"), "{text}");
        let other = Diagnostic::warning(Code::HeadingLevel, "x.md", "heading skips h3");
        assert_eq!(
            zh.render(&other, None),
            "x.md: 警告：标题跳过了一级（heading skips h3）\n"
        );
        let en = Messages::new(false);
        assert_eq!(en.render(&other, None), other.render(None));
    }
}
