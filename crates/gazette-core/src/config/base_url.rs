//! `base_url`: normalised, and its path, which every link of the site carries.

/// Splits a base URL into its normalised form (ending in `/`) and its path.
pub fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` is not an absolute http(s) URL"))?;
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    if host.is_empty() || host.contains(char::is_whitespace) || url.contains(['?', '#']) {
        return Err(format!(
            "`{url}` is not an absolute http(s) URL with a host"
        ));
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let scheme = &url[..url.len() - rest.len()];
    Ok((format!("{scheme}{host}{base_path}"), base_path))
}
