/**
 * Development mode of the web framework: the debug error page and class reloading. Nothing here
 * belongs in production: the debug page shows stack traces and the environ, and reloading keeps
 * old classes around until the garbage collector takes them.
 */
package dev.gatehouse.web.dev;
