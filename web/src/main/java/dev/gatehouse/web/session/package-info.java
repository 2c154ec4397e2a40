/**
 * Sessions for web apps: the {@link dev.gatehouse.web.session.Sessions} middleware attaches a
 * {@link dev.gatehouse.web.session.Session} to each request's environ, kept either whole in a
 * signed cookie or in a server-side {@link dev.gatehouse.web.session.SessionStore} such as
 * {@link dev.gatehouse.web.session.JdbcSessionStore}; and CSRF protection bound to the session
 * ({@link dev.gatehouse.web.session.CsrfToken}, the {@link dev.gatehouse.web.session.Csrf} middleware).
 */
package dev.gatehouse.web.session;
