package com.avgym.protocol.message;

import static com.avgym.protocol.Validatable.present;
import static com.avgym.protocol.Validatable.require;

import com.avgym.protocol.Validatable;

/** auth_refresh command: a fresh access token for the same user, so the socket outlives the old one. */
public record AuthRefresh(String access) implements Validatable {
    @Override
    public void validate() {
        require(present(access) && access.length() < 4096, "field 'access' is required");
    }
}
