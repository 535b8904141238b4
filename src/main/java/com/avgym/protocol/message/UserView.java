package com.avgym.protocol.message;

public record UserView(String id, String username, String role, String fullName) {
}
