//! The UI text catalogues (zh-Hans, zh-Hant, en), compiled into the binary, and the choice of
//! language for a request.

use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use zhichan_domain::Locale;

/// The cookie remembering the chosen language.
pub const LANGUAGE_COOKIE: &str = "zc_lang";

const SOURCES: [(Locale, &str); 3] = [
    (Locale::ZhHans, include_str!("../i18n/zh-Hans.toml")),
    (Locale::ZhHant, include_str!("../i18n/zh-Hant.toml")),
    (Locale::En, include_str!("../i18n/en.toml")),
];

/// Every UI string in every language.
#[derive(Debug)]
pub struct Catalogues {
    texts: HashMap<Locale, HashMap<String, String>>,
}

impl Catalogues {
    /// Parses the built-in catalogues.
    pub fn builtin() -> Result<Self, String> {
        let mut texts = HashMap::new();
        for (locale, source) in SOURCES {
            let table: HashMap<String, String> =
                toml::from_str(source).map_err(|e| format!("catalogue {}: {e}", locale.tag()))?;
            texts.insert(locale, table);
        }
        Ok(Self { texts })
    }

    /// The text for `key` in `locale`; the key itself when missing (a test keeps that from happening).
    pub fn text<'a>(&'a self, locale: Locale, key: &'a str) -> &'a str {
        self.get(locale, key).unwrap_or(key)
    }

    /// The text for `key` in `locale`, if the catalogue has it.
    pub fn get(&self, locale: Locale, key: &str) -> Option<&str> {
        self.texts.get(&locale).and_then(|t| t.get(key)).map(String::as_str)
    }

    /// The keys of one catalogue, sorted.
    pub fn keys(&self, locale: Locale) -> Vec<&str> {
        let mut keys: Vec<&str> =
            self.texts.get(&locale).map(|t| t.keys().map(String::as_str).collect()).unwrap_or_default();
        keys.sort_unstable();
        keys
    }
}

/// The language a request asked for through its cookie or `Accept-Language`, if any. The
/// signed-in user's saved preference sits between the two and is applied by the page context.
#[derive(Debug, Clone, Copy)]
pub struct RequestedLocale {
    /// From the language cookie.
    pub cookie: Option<Locale>,
    /// From the browser's `Accept-Language`.
    pub browser: Option<Locale>,
}

impl RequestedLocale {
    /// Cookie, then the user's saved choice, then the browser, then simplified Chinese.
    pub fn resolve(self, saved: Option<Locale>) -> Locale {
        self.cookie.or(saved).or(self.browser).unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestedLocale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let cookie = jar.get(LANGUAGE_COOKIE).and_then(|c| Locale::from_tag(c.value()));
        let browser =
            parts.headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Locale::from_accept_language);
        Ok(Self { cookie, browser })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_have_identical_keys_and_no_empty_text() {
        let catalogues = Catalogues::builtin().unwrap();
        let reference = catalogues.keys(Locale::ZhHans);
        assert!(reference.len() > 50);
        for locale in Locale::ALL {
            assert_eq!(catalogues.keys(locale), reference, "{} differs from zh-Hans", locale.tag());
            for key in &reference {
                assert!(!catalogues.text(locale, key).trim().is_empty(), "{} {key} is empty", locale.tag());
            }
        }
    }

    #[test]
    fn every_error_code_has_a_message_in_every_language() {
        let catalogues = Catalogues::builtin().unwrap();
        for code in zhichan_core::ErrorCode::ALL {
            for locale in Locale::ALL {
                let message = catalogues.get(locale, code.message_key());
                assert!(message.is_some_and(|m| !m.trim().is_empty()), "{code} has no {} message", locale.tag());
            }
        }
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let catalogues = Catalogues::builtin().unwrap();
        let known = catalogues.keys(Locale::ZhHans);
        let root = concat!(env!("CARGO_MANIFEST_DIR"));
        let mut used = Vec::new();
        // The files of the template and view folders, and of the areas' folders within them.
        let mut folders: Vec<std::path::PathBuf> =
            vec![format!("{root}/templates").into(), format!("{root}/src/views").into()];
        let mut files = Vec::new();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() { folders.push(path) } else { files.push(path) }
            }
        }
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            // Literal keys appear as page.t("key") in templates and code.
            for piece in text.split(".t(\"").skip(1) {
                if let Some((key, _)) = piece.split_once('"') {
                    used.push(key.to_owned());
                }
            }
        }
        assert!(used.len() > 30, "the scan found the keys in use");
        for key in used {
            assert!(known.contains(&key.as_str()), "key {key:?} is used but missing from the catalogues");
        }
    }
}
