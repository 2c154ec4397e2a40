/**
 * A web.py-style framework over {@link dev.gatehouse.api.Application}: URL patterns mapped to
 * handler classes, a request and a response object, forms, templates, sessions and a data helper.
 * It depends on the interface only, so the same web app runs over HTTP, FastCGI, SCGI, uwsgi and
 * CGI.
 */
package dev.gatehouse.web;
