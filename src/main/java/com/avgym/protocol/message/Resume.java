package com.avgym.protocol.message;

import static com.avgym.protocol.Validatable.require;

import com.avgym.protocol.Validatable;

/** resume command: send every event after {@code lastSeq}. */
public record Resume(Long lastSeq) implements Validatable {
    @Override
    public void validate() {
        require(lastSeq != null && lastSeq >= 0, "field 'lastSeq' must be a number >= 0");
    }
}
