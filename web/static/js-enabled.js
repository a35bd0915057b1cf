// Marks the page as having JavaScript, as GOV.UK Frontend's page template
// does inline (an inline script would need the Content-Security-Policy to
// allow it). Loaded first in <body>, before anything is drawn.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
