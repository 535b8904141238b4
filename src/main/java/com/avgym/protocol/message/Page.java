package com.avgym.protocol.message;

import java.util.List;

/** A page of a list endpoint: {@code {results, total, page, perPage}}. */
public record Page<T>(List<T> results, long total, int page, int perPage) {
}
