package com.avgym.desk.viewmodel;

/**
 * What the desk's result line shows. {@code openCheckInId} is set on ALREADY_CHECKED_IN so the desk can
 * offer to check that visit out.
 */
public record ScanResult(Status status, String text, String openCheckInId) {
    public enum Status {
        /** Nothing scanned yet. */
        IDLE,
        /** Sent; no answer yet. Never shown as success. */
        PENDING,
        /** The server confirmed it. */
        SUCCESS,
        /** The server refused it, or it could not be stored. */
        ERROR,
        /** Stored on disk; the server will get it when it is back. */
        QUEUED
    }

    public static ScanResult idle() {
        return new ScanResult(Status.IDLE, "", null);
    }

    static ScanResult of(Status status, String text) {
        return new ScanResult(status, text, null);
    }
}
