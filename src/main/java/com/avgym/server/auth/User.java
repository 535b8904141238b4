package com.avgym.server.auth;

public record User(String id, String username, String passwordHash, Role role, String fullName, boolean active) {
}
