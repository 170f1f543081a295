//! The server-rendered UI: sign-in, CSRF, language choice, forms and the "being built" areas.

use crate::app::{PASSWORD, TestApp};

#[tokio::test]
async fn sign_in_sets_an_http_only_session_and_sign_out_ends_it() {
    let app = TestApp::spawn().await;
    app.admin().await;
    let browser = app.browser();
    let login_page = browser.get("/login").await;
    let cookies: Vec<String> =
        login_page.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("zc_csrf=") && c.contains("HttpOnly")));

    let wrong = browser.form("/login", &[("email", "root@centre.example"), ("password", "nope-nope-nope")]).await;
    assert_eq!(wrong.status(), 401);
    assert!(wrong.text().await.unwrap().contains("邮箱或密码错误"));

    let ok =
        browser.form("/login", &[("email", "root@centre.example"), ("password", PASSWORD), ("next", "/account")]).await;
    assert_eq!(ok.status(), 303);
    assert_eq!(ok.headers()["location"], "/account");
    let session = ok
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("zc_session="))
        .unwrap()
        .to_owned();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"), "{session}");
    let account = browser.get("/account").await;
    assert_eq!(account.headers()["cache-control"], "no-store", "pages with the user's data are never stored");
    assert!(account.text().await.unwrap().contains("管理员"));

    assert_eq!(browser.form("/logout", &[]).await.status(), 303);
    assert_eq!(browser.get("/account").await.status(), 303, "signed out: sent to sign in");
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    app.admin().await;
    let browser = app.browser();
    browser.get("/login").await;
    let forged = browser
        .client
        .post(app.url("/login"))
        .form(&[("email", "root@centre.example"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let wrong = browser
        .client
        .post(app.url("/login"))
        .form(&[("csrf", "0".repeat(64).as_str()), ("email", "root@centre.example"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    assert!(browser.cookie("zc_session").is_none());
}

#[tokio::test]
async fn signed_in_routes_turn_anonymous_callers_away_before_their_handlers() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let page = browser.get("/alerts/1?saved=1").await;
    assert_eq!(page.status(), 303);
    assert_eq!(page.headers()["location"], "/login?next=/alerts/1");
    // Even a form missing its CSRF token is answered by who sent it, before it is read.
    let form = browser.client.post(app.url("/watch/marks")).form(&[("label", "x")]).send().await.unwrap();
    assert_eq!(form.status(), 303);
    assert_eq!(form.headers()["location"], "/login?next=/watch/marks");

    let call = browser.client.post(app.url("/api/v1/watch/marks")).body("not json").send().await.unwrap();
    assert_eq!(call.status(), 401, "sign-in is checked before the body");
    let error: serde_json::Value = call.json().await.unwrap();
    assert_eq!(error["code"], "unauthenticated");
    assert_eq!(error["message"], "sign in or send an API token");
}

#[tokio::test]
async fn the_navigation_offers_alerts_to_those_with_a_watch_to_see() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.enterprise(&admin, "海鹰电子", "chen@haiying.example").await;
    let expert = zhichan_core::organisations::MemberInput {
        email: "expert@centre.example".into(),
        display_name: "专家".into(),
        password: PASSWORD.into(),
        roles: vec!["expert".into()],
    };
    let context = zhichan_core::RequestContext::cli();
    app.core.add_member(&admin, admin.organisation_id(), &expert, &context).await.unwrap();
    let alerts_link = r#"data-testid="nav-alerts""#;
    for (email, offered) in
        [("chen@haiying.example", true), ("root@centre.example", true), ("expert@centre.example", false)]
    {
        let home = app.signed_in(email).await.get("/").await.text().await.unwrap();
        assert_eq!(home.contains(alerts_link), offered, "{email}");
    }
    assert!(!app.browser().get("/").await.text().await.unwrap().contains(alerts_link), "visitors");
}

#[tokio::test]
async fn language_follows_browser_then_choice_then_account() {
    let app = TestApp::spawn().await;
    app.admin().await;
    let browser = app.browser();
    let default = browser.get("/").await.text().await.unwrap();
    assert!(default.contains(r#"<html lang="zh-Hans">"#) && default.contains("全球检索"));

    let hong_kong = browser.client.get(app.url("/")).header("accept-language", "zh-HK,zh;q=0.8").send().await.unwrap();
    assert!(hong_kong.text().await.unwrap().contains(r#"<html lang="zh-Hant">"#));

    let switched = browser.form("/language", &[("lang", "en"), ("next", "/finance")]).await;
    assert_eq!(switched.headers()["location"], "/finance");
    let english = browser.get("/finance").await.text().await.unwrap();
    assert!(english.contains(r#"<html lang="en">"#) && english.contains("still being built"));

    // Signed in, the choice is saved on the account and follows the user to a new browser.
    let user = app.signed_in("root@centre.example").await;
    user.form("/language", &[("lang", "zh-Hant")]).await;
    let elsewhere = app.signed_in("root@centre.example").await;
    assert!(elsewhere.get("/").await.text().await.unwrap().contains(r#"<html lang="zh-Hant">"#));
    let refused = user.form("/language", &[("lang", "fr")]).await;
    assert_eq!(refused.status(), 422);
}

#[tokio::test]
async fn every_area_says_plainly_that_it_is_not_built() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    for area in ["/finance", "/training", "/dashboard"] {
        let page = browser.get(area).await.text().await.unwrap();
        assert!(page.contains("此功能尚在建设中"), "{area}");
    }
    assert_eq!(browser.get("/no-such-page").await.status(), 404);
    let css = browser.get("/static/app.css").await;
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
}

#[tokio::test]
async fn an_enterprise_admin_edits_the_profile_and_adds_a_member() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (organisation, _) = app.enterprise(&admin, "海鹰电子", "chen@haiying.example").await;
    let browser = app.signed_in("chen@haiying.example").await;
    let path = format!("/organisations/{}", organisation.id);

    let saved = browser
        .form(
            &path,
            &[
                ("name_zh", "海鹰电子科技"),
                ("uscc", "91440300708461136T"),
                ("street", "shiyan"),
                ("export_markets", "US, JP；EM"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let page = browser.get(&format!("{path}?saved=1")).await.text().await.unwrap();
    assert!(page.contains("海鹰电子科技") && page.contains("US, JP, EM") && page.contains("已保存"));

    let bad = browser.form(&path, &[("name_zh", "海鹰"), ("uscc", "123")]).await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("uscc"));

    let added = browser
        .form(
            &format!("{path}/members"),
            &[
                ("email", "liu@haiying.example"),
                ("display_name", "刘洋"),
                ("password", PASSWORD),
                ("roles", "enterprise_member"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let escalation = browser
        .form(
            &format!("{path}/members"),
            &[("email", "x@haiying.example"), ("display_name", "X"), ("password", PASSWORD), ("roles", "admin")],
        )
        .await;
    assert_eq!(escalation.status(), 422, "an enterprise cannot hold the admin role");
    let member = app.signed_in("liu@haiying.example").await;
    assert_eq!(member.form(&path, &[("name_zh", "改名")]).await.status(), 403, "members cannot edit the profile");
}
