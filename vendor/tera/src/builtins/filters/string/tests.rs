use std::collections::HashMap;

use serde_json::value::to_value;

use super::*;

#[test]
fn test_upper() {
    let result = upper(&to_value("hello").unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("HELLO").unwrap());
}

#[test]
fn test_upper_error() {
    let result = upper(&to_value(50).unwrap(), &HashMap::new());
    assert!(result.is_err());
    assert_eq!(
        result.err().unwrap().to_string(),
        "Filter `upper` was called on an incorrect value: got `50` but expected a String"
    );
}

#[test]
fn test_trim() {
    let result = trim(&to_value("  hello  ").unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("hello").unwrap());
}

#[test]
fn test_trim_start() {
    let result = trim_start(&to_value("  hello  ").unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("hello  ").unwrap());
}

#[test]
fn test_trim_end() {
    let result = trim_end(&to_value("  hello  ").unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("  hello").unwrap());
}

#[test]
fn test_trim_start_matches() {
    let tests: Vec<(_, _, _)> = vec![
        ("/a/b/cde/", "/", "a/b/cde/"),
        ("\nhello\nworld\n", "\n", "hello\nworld\n"),
        (", hello, world, ", ", ", "hello, world, "),
    ];
    for (input, pat, expected) in tests {
        let mut args = HashMap::new();
        args.insert("pat".to_string(), to_value(pat).unwrap());
        let result = trim_start_matches(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_trim_end_matches() {
    let tests: Vec<(_, _, _)> = vec![
        ("/a/b/cde/", "/", "/a/b/cde"),
        ("\nhello\nworld\n", "\n", "\nhello\nworld"),
        (", hello, world, ", ", ", ", hello, world"),
    ];
    for (input, pat, expected) in tests {
        let mut args = HashMap::new();
        args.insert("pat".to_string(), to_value(pat).unwrap());
        let result = trim_end_matches(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_truncate_smaller_than_length() {
    let mut args = HashMap::new();
    args.insert("length".to_string(), to_value(255).unwrap());
    let result = truncate(&to_value("hello").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("hello").unwrap());
}

#[test]
fn test_truncate_when_required() {
    let mut args = HashMap::new();
    args.insert("length".to_string(), to_value(2).unwrap());
    let result = truncate(&to_value("日本語").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("日本…").unwrap());
}

#[test]
fn test_truncate_custom_end() {
    let mut args = HashMap::new();
    args.insert("length".to_string(), to_value(2).unwrap());
    args.insert("end".to_string(), to_value("").unwrap());
    let result = truncate(&to_value("日本語").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("日本").unwrap());
}

#[test]
fn test_truncate_multichar_grapheme() {
    let mut args = HashMap::new();
    args.insert("length".to_string(), to_value(5).unwrap());
    args.insert("end".to_string(), to_value("…").unwrap());
    let result = truncate(&to_value("👨‍👩‍👧‍👦 family").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("👨‍👩‍👧‍👦 fam…").unwrap());
}

#[test]
fn test_lower() {
    let result = lower(&to_value("HELLO").unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("hello").unwrap());
}

#[test]
fn test_wordcount() {
    let result = wordcount(&to_value("Joel is a slug").unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(4).unwrap());
}

#[test]
fn test_replace() {
    let mut args = HashMap::new();
    args.insert("from".to_string(), to_value("Hello").unwrap());
    args.insert("to".to_string(), to_value("Goodbye").unwrap());
    let result = replace(&to_value("Hello world!").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("Goodbye world!").unwrap());
}

// https://github.com/Keats/tera/issues/435
#[test]
fn test_replace_newline() {
    let mut args = HashMap::new();
    args.insert("from".to_string(), to_value("\n").unwrap());
    args.insert("to".to_string(), to_value("<br>").unwrap());
    let result = replace(&to_value("Animal Alphabets\nB is for Bee-Eater").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("Animal Alphabets<br>B is for Bee-Eater").unwrap());
}

#[test]
fn test_replace_missing_arg() {
    let mut args = HashMap::new();
    args.insert("from".to_string(), to_value("Hello").unwrap());
    let result = replace(&to_value("Hello world!").unwrap(), &args);
    assert!(result.is_err());
    assert_eq!(
        result.err().unwrap().to_string(),
        "Filter `replace` expected an arg called `to`"
    );
}

#[test]
fn test_capitalize() {
    let tests = vec![("CAPITAL IZE", "Capital ize"), ("capital ize", "Capital ize")];
    for (input, expected) in tests {
        let result = capitalize(&to_value(input).unwrap(), &HashMap::new());
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_addslashes() {
    let tests = vec![
        (r#"I'm so happy"#, r#"I\'m so happy"#),
        (r#"Let "me" help you"#, r#"Let \"me\" help you"#),
        (r#"<a>'"#, r#"<a>\'"#),
        (
            r#""double quotes" and \'single quotes\'"#,
            r#"\"double quotes\" and \\\'single quotes\\\'"#,
        ),
        (r#"\ : backslashes too"#, r#"\\ : backslashes too"#),
    ];
    for (input, expected) in tests {
        let result = addslashes(&to_value(input).unwrap(), &HashMap::new());
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[cfg(feature = "builtins")]
#[test]
fn test_slugify() {
    // slug crate already has tests for general slugification so we just
    // check our function works
    let tests =
        vec![(r#"Hello world"#, r#"hello-world"#), (r#"Hello 世界"#, r#"hello-shi-jie"#)];
    for (input, expected) in tests {
        let result = slugify(&to_value(input).unwrap(), &HashMap::new());
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[cfg(feature = "urlencode")]
#[test]
fn test_urlencode() {
    let tests = vec![
        (
            r#"https://www.example.org/foo?a=b&c=d"#,
            r#"https%3A//www.example.org/foo%3Fa%3Db%26c%3Dd"#,
        ),
        (
            r#"https://www.example.org/apples-&-oranges/"#,
            r#"https%3A//www.example.org/apples-%26-oranges/"#,
        ),
        (r#"https://www.example.org/"#, r#"https%3A//www.example.org/"#),
        (r#"/test&"/me?/"#, r#"/test%26%22/me%3F/"#),
        (r#"escape/slash"#, r#"escape/slash"#),
    ];
    for (input, expected) in tests {
        let args = HashMap::new();
        let result = urlencode(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[cfg(feature = "urlencode")]
#[test]
fn test_urlencode_strict() {
    let tests = vec![
        (
            r#"https://www.example.org/foo?a=b&c=d"#,
            r#"https%3A%2F%2Fwww%2Eexample%2Eorg%2Ffoo%3Fa%3Db%26c%3Dd"#,
        ),
        (
            r#"https://www.example.org/apples-&-oranges/"#,
            r#"https%3A%2F%2Fwww%2Eexample%2Eorg%2Fapples%2D%26%2Doranges%2F"#,
        ),
        (r#"https://www.example.org/"#, r#"https%3A%2F%2Fwww%2Eexample%2Eorg%2F"#),
        (r#"/test&"/me?/"#, r#"%2Ftest%26%22%2Fme%3F%2F"#),
        (r#"escape/slash"#, r#"escape%2Fslash"#),
    ];
    for (input, expected) in tests {
        let args = HashMap::new();
        let result = urlencode_strict(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_title() {
    let tests = vec![
        ("foo bar", "Foo Bar"),
        ("foo\tbar", "Foo\tBar"),
        ("foo  bar", "Foo  Bar"),
        ("f bar f", "F Bar F"),
        ("foo-bar", "Foo-Bar"),
        ("FOO\tBAR", "Foo\tBar"),
        ("foo (bar)", "Foo (Bar)"),
        ("foo (bar) ", "Foo (Bar) "),
        ("foo {bar}", "Foo {Bar}"),
        ("foo [bar]", "Foo [Bar]"),
        ("foo <bar>", "Foo <Bar>"),
        ("  foo  bar", "  Foo  Bar"),
        ("\tfoo\tbar\t", "\tFoo\tBar\t"),
        ("foo bar ", "Foo Bar "),
        ("foo bar\t", "Foo Bar\t"),
        ("foo's bar", "Foo's Bar"),
    ];
    for (input, expected) in tests {
        let result = title(&to_value(input).unwrap(), &HashMap::new());
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_indent_defaults() {
    let args = HashMap::new();
    let result = indent(&to_value("one\n\ntwo\nthree").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("one\n\n    two\n    three").unwrap());
}

#[test]
fn test_indent_args() {
    let mut args = HashMap::new();
    args.insert("first".to_string(), to_value(true).unwrap());
    args.insert("prefix".to_string(), to_value(" ").unwrap());
    args.insert("blank".to_string(), to_value(true).unwrap());
    let result = indent(&to_value("one\n\ntwo\nthree").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(" one\n \n two\n three").unwrap());
}

#[test]
fn test_striptags() {
    let tests = vec![
        (r"<b>Joel</b> <button>is</button> a <span>slug</span>", "Joel is a slug"),
        (
            r#"<p>just a small   \n <a href="x"> example</a> link</p>\n<p>to a webpage</p><!-- <p>and some commented stuff</p> -->"#,
            r#"just a small   \n  example link\nto a webpage"#,
        ),
        (
            r"<p>See: &#39;&eacute; is an apostrophe followed by e acute</p>",
            r"See: &#39;&eacute; is an apostrophe followed by e acute",
        ),
        (r"<adf>a", "a"),
        (r"</adf>a", "a"),
        (r"<asdf><asdf>e", "e"),
        (r"hi, <f x", "hi, <f x"),
        ("234<235, right?", "234<235, right?"),
        ("a4<a5 right?", "a4<a5 right?"),
        ("b7>b2!", "b7>b2!"),
        ("</fe", "</fe"),
        ("<x>b<y>", "b"),
        (r#"a<p a >b</p>c"#, "abc"),
        (r#"d<a:b c:d>e</p>f"#, "def"),
        (r#"<strong>foo</strong><a href="http://example.com">bar</a>"#, "foobar"),
    ];
    for (input, expected) in tests {
        let result = striptags(&to_value(input).unwrap(), &HashMap::new());
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_spaceless() {
    let tests = vec![
        ("<p>\n<a>test</a>\r\n </p>", "<p><a>test</a></p>"),
        ("<p>\n<a> </a>\r\n </p>", "<p><a></a></p>"),
        ("<p> </p>", "<p></p>"),
        ("<p> <a>", "<p><a>"),
        ("<p> test</p>", "<p> test</p>"),
        ("<p>\r\n</p>", "<p></p>"),
    ];
    for (input, expected) in tests {
        let result = spaceless(&to_value(input).unwrap(), &HashMap::new());
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_split() {
    let tests: Vec<(_, _, &[&str])> = vec![
        ("a/b/cde", "/", &["a", "b", "cde"]),
        ("hello\nworld", "\n", &["hello", "world"]),
        ("hello, world", ", ", &["hello", "world"]),
    ];
    for (input, pat, expected) in tests {
        let mut args = HashMap::new();
        args.insert("pat".to_string(), to_value(pat).unwrap());
        let result = split(&to_value(input).unwrap(), &args).unwrap();
        let result = result.as_array().unwrap();
        assert_eq!(result.len(), expected.len());
        for (result, expected) in result.iter().zip(expected.iter()) {
            assert_eq!(result, expected);
        }
    }
}

#[test]
fn test_xml_escape() {
    let tests = vec![
        (r"hey-&-ho", "hey-&amp;-ho"),
        (r"hey-'-ho", "hey-&apos;-ho"),
        (r"hey-&'-ho", "hey-&amp;&apos;-ho"),
        (r#"hey-&'"-ho"#, "hey-&amp;&apos;&quot;-ho"),
        (r#"hey-&'"<-ho"#, "hey-&amp;&apos;&quot;&lt;-ho"),
        (r#"hey-&'"<>-ho"#, "hey-&amp;&apos;&quot;&lt;&gt;-ho"),
    ];
    for (input, expected) in tests {
        let result = escape_xml(&to_value(input).unwrap(), &HashMap::new());
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_int_decimal_strings() {
    let tests: Vec<(&str, i64)> = vec![
        ("0", 0),
        ("-5", -5),
        ("9223372036854775807", i64::max_value()),
        ("0b1010", 0),
        ("1.23", 1),
    ];
    for (input, expected) in tests {
        let args = HashMap::new();
        let result = int(&to_value(input).unwrap(), &args);

        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_int_others() {
    let mut args = HashMap::new();

    let result = int(&to_value(1.23).unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(1).unwrap());

    let result = int(&to_value(-5).unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(-5).unwrap());

    args.insert("default".to_string(), to_value(5).unwrap());
    args.insert("base".to_string(), to_value(2).unwrap());
    let tests: Vec<(&str, i64)> =
        vec![("0", 0), ("-3", 5), ("1010", 10), ("0b1010", 10), ("0xF00", 5)];
    for (input, expected) in tests {
        let result = int(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }

    args.insert("default".to_string(), to_value(-4).unwrap());
    args.insert("base".to_string(), to_value(8).unwrap());
    let tests: Vec<(&str, i64)> =
        vec![("21", 17), ("-3", -3), ("9OO", -4), ("0o567", 375), ("0b101", -4)];
    for (input, expected) in tests {
        let result = int(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }

    args.insert("default".to_string(), to_value(0).unwrap());
    args.insert("base".to_string(), to_value(16).unwrap());
    let tests: Vec<(&str, i64)> = vec![("1011", 4113), ("0xC3", 195)];
    for (input, expected) in tests {
        let result = int(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }

    args.insert("default".to_string(), to_value(0).unwrap());
    args.insert("base".to_string(), to_value(5).unwrap());
    let tests: Vec<(&str, i64)> = vec![("4321", 586), ("-100", -25), ("0b100", 0)];
    for (input, expected) in tests {
        let result = int(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_float() {
    let mut args = HashMap::new();

    let tests: Vec<(&str, f64)> = vec![("0", 0.0), ("-5.3", -5.3)];
    for (input, expected) in tests {
        let result = float(&to_value(input).unwrap(), &args);

        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }

    args.insert("default".to_string(), to_value(3.18).unwrap());
    let result = float(&to_value("bad_val").unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(3.18).unwrap());

    let result = float(&to_value(1.23).unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(1.23).unwrap());
}

#[test]
fn test_linebreaksbr() {
    let args = HashMap::new();
    let tests: Vec<(&str, &str)> = vec![
        ("hello world", "hello world"),
        ("hello\nworld", "hello<br>world"),
        ("hello\r\nworld", "hello<br>world"),
        ("hello\n\rworld", "hello<br>\rworld"),
        ("hello\r\n\nworld", "hello<br><br>world"),
        ("hello<br>world\n", "hello<br>world<br>"),
    ];
    for (input, expected) in tests {
        let result = linebreaksbr(&to_value(input).unwrap(), &args);
        assert!(result.is_ok());
        assert_eq!(result.unwrap(), to_value(expected).unwrap());
    }
}
