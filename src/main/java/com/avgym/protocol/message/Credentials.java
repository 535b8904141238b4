package com.avgym.protocol.message;

import static com.avgym.protocol.Validatable.present;
import static com.avgym.protocol.Validatable.require;

import com.avgym.protocol.Validatable;

public record Credentials(String username, String password) implements Validatable {
    @Override
    public void validate() {
        require(present(username) && username.length() <= 150, "field 'username' is required");
        require(password != null && password.length() <= 1024, "field 'password' is required");
    }
}
