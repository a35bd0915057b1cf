// Package web is partnerdocs in a browser: server-rendered pages for the
// council's officers, legal team and policy team, on the same use cases as
// the JSON API (package workflow), repeating none of their logic.
//
// Pages are html/template files in templates/, embedded and parsed once at
// start-up (a page that does not parse stops the program), each composed
// from small partials that mirror the GOV.UK Design System's components
// (layout.html, components.html). Every user value reaches the page through
// html/template's escaping: user text is data, never template code.
// Handlers never build HTML; they call workflow and hand a page its data.
//
// The look is govuk-frontend's built CSS and JavaScript (vendored under
// static/govuk by scripts/vendor-govuk.sh, embedded), with the council's
// name from its profile in the header and neither the GOV.UK crown nor its
// font. Every page works with JavaScript off; the script only enhances.
//
// Signing in: /sign-in takes an access token (or the first run's one-time
// secret) and starts a session kept in the register (workflow.Sessions), so
// instances sharing a register share sessions. The cookie is HttpOnly,
// SameSite=Lax, Path=/, and Secure with the __Host- prefix over TLS. Every
// form that changes something carries the session's form token, and
// cross-site posts are refused before any handler runs
// (http.CrossOriginProtection). With Config.OIDC, /sign-in/oidc also signs
// people in with the council's identity provider by OpenID Connect (code
// flow with PKCE, state and nonce in a short-lived flow cookie); the ID
// token's role claim gives the role (workflow.VouchedActor) and
// workflow.Sessions.SignInAs starts the session, limited like tokens.
//
// Who may see or do what is workflow's permission table: each route names
// its workflow.Action, and the use cases check it again.
package web
