use super::*;
use serde_derive::{Deserialize, Serialize};
use serde_json::json;
use serde_json::value::{to_value, Value};
use std::collections::HashMap;

#[test]
fn test_nth() {
    let mut args = HashMap::new();
    args.insert("n".to_string(), to_value(1).unwrap());
    let result = nth(&to_value(vec![1, 2, 3, 4]).unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(2).unwrap());
}

#[test]
fn test_nth_empty() {
    let v: Vec<Value> = Vec::new();
    let mut args = HashMap::new();
    args.insert("n".to_string(), to_value(1).unwrap());
    let result = nth(&to_value(v).unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("").unwrap());
}

#[test]
fn test_first() {
    let result = first(&to_value(vec![1, 2, 3, 4]).unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(1).unwrap());
}

#[test]
fn test_first_empty() {
    let v: Vec<Value> = Vec::new();

    let result = first(&to_value(v).unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.ok().unwrap(), to_value("").unwrap());
}

#[test]
fn test_last() {
    let result = last(&to_value(vec!["Hello", "World"]).unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("World").unwrap());
}

#[test]
fn test_last_empty() {
    let v: Vec<Value> = Vec::new();

    let result = last(&to_value(v).unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.ok().unwrap(), to_value("").unwrap());
}

#[test]
fn test_join_sep() {
    let mut args = HashMap::new();
    args.insert("sep".to_owned(), to_value("==").unwrap());

    let result = join(&to_value(vec!["Cats", "Dogs"]).unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("Cats==Dogs").unwrap());
}

#[test]
fn test_join_sep_omitted() {
    let result = join(&to_value(vec![1.2, 3.4]).unwrap(), &HashMap::new());
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("1.23.4").unwrap());
}

#[test]
fn test_join_empty() {
    let v: Vec<Value> = Vec::new();
    let mut args = HashMap::new();
    args.insert("sep".to_owned(), to_value("==").unwrap());

    let result = join(&to_value(v).unwrap(), &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value("").unwrap());
}

#[test]
fn test_join_newlines_and_tabs() {
    let mut args = HashMap::new();
    args.insert("sep".to_owned(), to_value(",\\n\\t").unwrap());
    let result = join(&to_value(vec!["Cats", "Dogs"]).unwrap(), &args);
    assert_eq!(result.unwrap(), to_value("Cats,\n\tDogs").unwrap());
}

#[test]
fn test_sort() {
    let v = to_value(vec![3, -1, 2, 5, 4]).unwrap();
    let args = HashMap::new();
    let result = sort(&v, &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(vec![-1, 2, 3, 4, 5]).unwrap());
}

#[test]
fn test_sort_empty() {
    let v = to_value(Vec::<f64>::new()).unwrap();
    let args = HashMap::new();
    let result = sort(&v, &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(Vec::<f64>::new()).unwrap());
}

#[derive(Deserialize, Eq, Hash, PartialEq, Serialize)]
struct Foo {
    a: i32,
    b: i32,
}

#[test]
fn test_sort_attribute() {
    let v = to_value(vec![
        Foo { a: 3, b: 5 },
        Foo { a: 2, b: 8 },
        Foo { a: 4, b: 7 },
        Foo { a: 1, b: 6 },
    ])
    .unwrap();
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("a").unwrap());

    let result = sort(&v, &args);
    assert!(result.is_ok());
    assert_eq!(
        result.unwrap(),
        to_value(vec![
            Foo { a: 1, b: 6 },
            Foo { a: 2, b: 8 },
            Foo { a: 3, b: 5 },
            Foo { a: 4, b: 7 },
        ])
        .unwrap()
    );
}

#[test]
fn test_sort_invalid_attribute() {
    let v = to_value(vec![Foo { a: 3, b: 5 }]).unwrap();
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("invalid_field").unwrap());

    let result = sort(&v, &args);
    assert!(result.is_err());
    assert_eq!(
        result.unwrap_err().to_string(),
        "attribute 'invalid_field' does not reference a field"
    );
}

#[test]
fn test_sort_multiple_types() {
    let v = to_value(vec![Value::Number(12.into()), Value::Array(vec![])]).unwrap();
    let args = HashMap::new();

    let result = sort(&v, &args);
    assert!(result.is_err());
    assert_eq!(result.unwrap_err().to_string(), "expected number got []");
}

#[test]
fn test_sort_non_finite_numbers() {
    let v = to_value(vec![
        ::std::f64::NEG_INFINITY, // NaN and friends get deserialized as Null by serde.
        ::std::f64::NAN,
    ])
    .unwrap();
    let args = HashMap::new();

    let result = sort(&v, &args);
    assert!(result.is_err());
    assert_eq!(result.unwrap_err().to_string(), "Null is not a sortable value");
}

#[derive(Deserialize, Eq, Hash, PartialEq, Serialize)]
struct TupleStruct(i32, i32);

#[test]
fn test_sort_tuple() {
    let v = to_value(vec![
        TupleStruct(0, 1),
        TupleStruct(7, 0),
        TupleStruct(-1, 12),
        TupleStruct(18, 18),
    ])
    .unwrap();
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("0").unwrap());

    let result = sort(&v, &args);
    assert!(result.is_ok());
    assert_eq!(
        result.unwrap(),
        to_value(vec![
            TupleStruct(-1, 12),
            TupleStruct(0, 1),
            TupleStruct(7, 0),
            TupleStruct(18, 18),
        ])
        .unwrap()
    );
}

#[test]
fn test_unique_numbers() {
    let v = to_value(vec![3, -1, 3, 3, 5, 2, 5, 4]).unwrap();
    let args = HashMap::new();
    let result = unique(&v, &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(vec![3, -1, 5, 2, 4]).unwrap());
}

#[test]
fn test_unique_strings() {
    let v = to_value(vec!["One", "Two", "Three", "one", "Two"]).unwrap();
    let mut args = HashMap::new();
    let result = unique(&v, &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(vec!["One", "Two", "Three"]).unwrap());

    args.insert("case_sensitive".to_string(), to_value(true).unwrap());
    let result = unique(&v, &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(vec!["One", "Two", "Three", "one"]).unwrap());
}

#[test]
fn test_unique_empty() {
    let v = to_value(Vec::<f64>::new()).unwrap();
    let args = HashMap::new();
    let result = sort(&v, &args);
    assert!(result.is_ok());
    assert_eq!(result.unwrap(), to_value(Vec::<f64>::new()).unwrap());
}

#[test]
fn test_unique_attribute() {
    let v = to_value(vec![
        Foo { a: 1, b: 2 },
        Foo { a: 3, b: 3 },
        Foo { a: 1, b: 3 },
        Foo { a: 0, b: 4 },
    ])
    .unwrap();
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("a").unwrap());

    let result = unique(&v, &args);
    assert!(result.is_ok());
    assert_eq!(
        result.unwrap(),
        to_value(vec![Foo { a: 1, b: 2 }, Foo { a: 3, b: 3 }, Foo { a: 0, b: 4 },]).unwrap()
    );
}

#[test]
fn test_unique_invalid_attribute() {
    let v = to_value(vec![Foo { a: 3, b: 5 }]).unwrap();
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("invalid_field").unwrap());

    let result = unique(&v, &args);
    assert!(result.is_err());
    assert_eq!(
        result.unwrap_err().to_string(),
        "attribute 'invalid_field' does not reference a field"
    );
}

#[test]
fn test_unique_multiple_types() {
    let v = to_value(vec![Value::Number(12.into()), Value::Array(vec![])]).unwrap();
    let args = HashMap::new();

    let result = unique(&v, &args);
    assert!(result.is_err());
    assert_eq!(result.unwrap_err().to_string(), "unique filter can't compare multiple types");
}

#[test]
fn test_unique_non_finite_numbers() {
    let v = to_value(vec![
        ::std::f64::NEG_INFINITY, // NaN and friends get deserialized as Null by serde.
        ::std::f64::NAN,
    ])
    .unwrap();
    let args = HashMap::new();

    let result = unique(&v, &args);
    assert!(result.is_err());
    assert_eq!(result.unwrap_err().to_string(), "Null is not a unique value");
}

#[test]
fn test_unique_tuple() {
    let v = to_value(vec![
        TupleStruct(0, 1),
        TupleStruct(-7, -1),
        TupleStruct(-1, 1),
        TupleStruct(18, 18),
    ])
    .unwrap();
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("1").unwrap());

    let result = unique(&v, &args);
    assert!(result.is_ok());
    assert_eq!(
        result.unwrap(),
        to_value(vec![TupleStruct(0, 1), TupleStruct(-7, -1), TupleStruct(18, 18),]).unwrap()
    );
}

#[test]
fn test_slice() {
    fn make_args(start: Option<usize>, end: Option<f64>) -> HashMap<String, Value> {
        let mut args = HashMap::new();
        if let Some(s) = start {
            args.insert("start".to_string(), to_value(s).unwrap());
        }
        if let Some(e) = end {
            args.insert("end".to_string(), to_value(e).unwrap());
        }
        args
    }

    let v = to_value(vec![1, 2, 3, 4, 5]).unwrap();

    let inputs = vec![
        (make_args(Some(1), None), vec![2, 3, 4, 5]),
        (make_args(None, Some(2.0)), vec![1, 2]),
        (make_args(Some(1), Some(2.0)), vec![2]),
        (make_args(None, Some(-2.0)), vec![1, 2, 3]),
        (make_args(None, None), vec![1, 2, 3, 4, 5]),
        (make_args(Some(3), Some(1.0)), vec![]),
        (make_args(Some(9), None), vec![]),
    ];

    for (args, expected) in inputs {
        let res = slice(&v, &args);
        assert!(res.is_ok());
        assert_eq!(res.unwrap(), to_value(expected).unwrap());
    }
}

#[test]
fn test_group_by() {
    let input = json!([
        {"id": 1, "year": 2015},
        {"id": 2, "year": 2015},
        {"id": 3, "year": 2016},
        {"id": 4, "year": 2017},
        {"id": 5, "year": 2017},
        {"id": 6, "year": 2017},
        {"id": 7, "year": 2018},
        {"id": 8},
        {"id": 9, "year": null},
    ]);
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("year").unwrap());

    let expected = json!({
        "2015": [{"id": 1, "year": 2015}, {"id": 2, "year": 2015}],
        "2016": [{"id": 3, "year": 2016}],
        "2017": [{"id": 4, "year": 2017}, {"id": 5, "year": 2017}, {"id": 6, "year": 2017}],
        "2018": [{"id": 7, "year": 2018}],
    });

    let res = group_by(&input, &args);
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), to_value(expected).unwrap());
}

#[test]
fn test_group_by_nested_key() {
    let input = json!([
        {"id": 1, "company": {"id": 1}},
        {"id": 2, "company": {"id": 2}},
        {"id": 3, "company": {"id": 3}},
        {"id": 4, "company": {"id": 4}},
        {"id": 5, "company": {"id": 4}},
        {"id": 6, "company": {"id": 5}},
        {"id": 7, "company": {"id": 5}},
        {"id": 8},
        {"id": 9, "company": null},
    ]);
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("company.id").unwrap());

    let expected = json!({
        "1": [{"id": 1, "company": {"id": 1}}],
        "2": [{"id": 2, "company": {"id": 2}}],
        "3": [{"id": 3, "company": {"id": 3}}],
        "4": [{"id": 4, "company": {"id": 4}}, {"id": 5, "company": {"id": 4}}],
        "5": [{"id": 6, "company": {"id": 5}}, {"id": 7, "company": {"id": 5}}],
    });

    let res = group_by(&input, &args);
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), to_value(expected).unwrap());
}

#[test]
fn test_filter_empty() {
    let res = filter(&json!([]), &HashMap::new());
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), json!([]));
}

#[test]
fn test_filter() {
    let input = json!([
        {"id": 1, "year": 2015},
        {"id": 2, "year": 2015},
        {"id": 3, "year": 2016},
        {"id": 4, "year": 2017},
        {"id": 5, "year": 2017},
        {"id": 6, "year": 2017},
        {"id": 7, "year": 2018},
        {"id": 8},
        {"id": 9, "year": null},
    ]);
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("year").unwrap());
    args.insert("value".to_string(), to_value(2015).unwrap());

    let expected = json!([
        {"id": 1, "year": 2015},
        {"id": 2, "year": 2015},
    ]);

    let res = filter(&input, &args);
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), to_value(expected).unwrap());
}

#[test]
fn test_filter_no_value() {
    let input = json!([
        {"id": 1, "year": 2015},
        {"id": 2, "year": 2015},
        {"id": 3, "year": 2016},
        {"id": 4, "year": 2017},
        {"id": 5, "year": 2017},
        {"id": 6, "year": 2017},
        {"id": 7, "year": 2018},
        {"id": 8},
        {"id": 9, "year": null},
    ]);
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("year").unwrap());

    let expected = json!([
        {"id": 1, "year": 2015},
        {"id": 2, "year": 2015},
        {"id": 3, "year": 2016},
        {"id": 4, "year": 2017},
        {"id": 5, "year": 2017},
        {"id": 6, "year": 2017},
        {"id": 7, "year": 2018},
    ]);

    let res = filter(&input, &args);
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), to_value(expected).unwrap());
}

#[test]
fn test_map_empty() {
    let res = map(&json!([]), &HashMap::new());
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), json!([]));
}

#[test]
fn test_map() {
    let input = json!([
        {"id": 1, "year": 2015},
        {"id": 2, "year": true},
        {"id": 3, "year": 2016.5},
        {"id": 4, "year": "2017"},
        {"id": 5, "year": 2017},
        {"id": 6, "year": 2017},
        {"id": 7, "year": [1900, 1901]},
        {"id": 8, "year": {"a": 2018, "b": 2019}},
        {"id": 9},
        {"id": 10, "year": null},
    ]);
    let mut args = HashMap::new();
    args.insert("attribute".to_string(), to_value("year").unwrap());

    let expected =
        json!([2015, true, 2016.5, "2017", 2017, 2017, [1900, 1901], {"a": 2018, "b": 2019}]);

    let res = map(&input, &args);
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), to_value(expected).unwrap());
}

#[test]
fn test_concat_array() {
    let input = json!([1, 2, 3,]);
    let mut args = HashMap::new();
    args.insert("with".to_string(), json!([3, 4]));
    let expected = json!([1, 2, 3, 3, 4,]);

    let res = concat(&input, &args);
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), to_value(expected).unwrap());
}

#[test]
fn test_concat_single_value() {
    let input = json!([1, 2, 3,]);
    let mut args = HashMap::new();
    args.insert("with".to_string(), json!(4));
    let expected = json!([1, 2, 3, 4,]);

    let res = concat(&input, &args);
    assert!(res.is_ok());
    assert_eq!(res.unwrap(), to_value(expected).unwrap());
}
