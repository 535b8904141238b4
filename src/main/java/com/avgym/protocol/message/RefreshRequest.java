package com.avgym.protocol.message;

import static com.avgym.protocol.Validatable.present;
import static com.avgym.protocol.Validatable.require;

import com.avgym.protocol.Validatable;

public record RefreshRequest(String refresh) implements Validatable {
    @Override
    public void validate() {
        require(present(refresh) && refresh.length() < 4096, "field 'refresh' is required");
    }
}
