package dev.gatehouse.web;

/**
 * A handler result that knows how to render itself, such as a template result. The framework
 * answers 200 with {@link #contentType()} and the rendered bytes.
 */
public interface Renderable {
    String contentType();

    byte[] render() throws Exception;
}
