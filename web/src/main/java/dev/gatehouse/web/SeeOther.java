package dev.gatehouse.web;

/** 303: after a POST, the browser GETs the location. */
public class SeeOther extends Redirect {
    public SeeOther(String location) {
        super(303, location);
    }
}
